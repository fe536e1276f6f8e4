//! `$…$` and `$$…$$` as MathML at build time, which browsers draw with no script or font
//! download; a formula that does not convert stays as written and says why.

use pulldown_cmark_escape::escape_html_body_text;
use pulldown_latex::config::DisplayMode;
use pulldown_latex::mathml::push_mathml;
use pulldown_latex::{Parser, RenderConfig, Storage};

/// The formula `tex` as a `<math>` element (`display` for `$$…$$`), or why it cannot be.
pub fn mathml(tex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(tex, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        let why = e.to_string();
        return Err(why.lines().next().unwrap_or(&why).trim().to_string());
    }
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(tex),
        ..Default::default()
    };
    let mut html = String::with_capacity(tex.len() * 8);
    push_mathml(&mut html, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(html)
}

/// A formula that did not convert, as its source between its dollar signs.
pub fn as_written(tex: &str, display: bool) -> String {
    let fence = if display { "$$" } else { "$" };
    let mut html = String::from("<code class=\"math-source\">");
    html.push_str(fence);
    let _ = escape_html_body_text(&mut html, tex);
    html.push_str(fence);
    html.push_str("</code>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_common_notation() {
        let html = mathml(r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}", false).unwrap_or_default();
        assert!(html.starts_with("<math"), "{html}");
        assert!(html.contains("<mfrac>"), "{html}");
        assert!(html.contains("∑"), "{html}");
        let block = mathml(r"\sqrt{x}", true).unwrap_or_default();
        assert!(block.contains("display=\"block\""), "{block}");
    }

    #[test]
    fn says_why_a_formula_fails() {
        let why = mathml(r"\frac{1}", false).err().unwrap_or_default();
        assert!(!why.is_empty());
        assert_eq!(
            as_written("a<b", true),
            "<code class=\"math-source\">$$a&lt;b$$</code>"
        );
    }
}
