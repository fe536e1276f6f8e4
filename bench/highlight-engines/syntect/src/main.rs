#[path = "../../common/harness.rs"]
mod harness;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn main() {
    let t = std::time::Instant::now();
    let ss = SyntaxSet::load_defaults_newlines();
    println!("syntect load {:.3}s, {} syntaxes", t.elapsed().as_secs_f64(), ss.syntaxes().len());
    harness::run("syntect", |lang, code| {
        let lang = if lang == "ts" { "js" } else { lang };
        let Some(syn) = ss.find_syntax_by_token(lang) else { return code.to_string() };
        let mut g = ClassedHTMLGenerator::new_with_class_style(syn, &ss, ClassStyle::SpacedPrefixed { prefix: "hl-" });
        for line in LinesWithEndings::from(code) {
            g.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        g.finalize()
    });
}
