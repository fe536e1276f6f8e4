#[path = "../../common/harness.rs"]
mod harness;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn main() {
    let t = std::time::Instant::now();
    let ss = two_face::syntax::extra_newlines();
    println!("syntect load {:.3}s, {} syntaxes", t.elapsed().as_secs_f64(), ss.syntaxes().len());
    harness::run("syntect+two-face (onig)", |lang, code| {
        // As waymark does: Sublime's JavaScript, not bat's "JavaScript (Babel)", which onig
        // also loads and which would win the lookup by extension.
        let named = if lang == "js" { ss.find_syntax_by_name("JavaScript") } else { None };
        let Some(syn) = named.or_else(|| ss.find_syntax_by_token(lang)) else { return code.to_string() };
        let mut g = ClassedHTMLGenerator::new_with_class_style(syn, &ss, ClassStyle::SpacedPrefixed { prefix: "hl-" });
        for line in LinesWithEndings::from(code) {
            g.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        g.finalize()
    });
}
