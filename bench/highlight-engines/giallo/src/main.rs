#[path = "../../common/harness.rs"]
mod harness;
use giallo::{HighlightOptions, HtmlRenderer, Registry, RenderOptions, ThemeVariant};

fn main() {
    let t = std::time::Instant::now();
    let mut reg = Registry::builtin().unwrap();
    reg.link_grammars();
    println!("giallo load {:.3}s", t.elapsed().as_secs_f64());
    let r = HtmlRenderer { css_class_prefix: Some("g-".into()), ..Default::default() };
    let opts = RenderOptions::default();
    harness::run("giallo", |lang, code| {
        let lang = match lang { "yml" => "yaml", "sh" => "bash", "rs" => "rust", "py" => "python", "js" => "javascript", "ts" => "typescript", l => l };
        let o = HighlightOptions::new(lang, ThemeVariant::Single("github-light")).fallback_to_plain(true);
        let h = reg.highlight(code, &o).unwrap();
        r.render(&h, &opts)
    });
}
