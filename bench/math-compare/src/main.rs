// Both LaTeX → MathML crates on the notation a learner's notes use; prints each result or error.
use pulldown_latex::{config::DisplayMode, mathml::push_mathml, Parser, RenderConfig, Storage};

const CASES: &[&str] = &[
    r"x^2 + y^2 = z^2",
    r"\frac{a}{b}",
    r"\sqrt{x}",
    r"\sqrt[3]{x}",
    r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    r"\int_0^\infty e^{-x}\,dx",
    r"\lim_{x \to 0} \frac{\sin x}{x} = 1",
    r"O(n \log n)",
    r"\alpha + \beta \leq \gamma",
    r"\mathbb{R}^n",
    r"\mathbf{v} \cdot \mathbf{w}",
    r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
    r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}",
    r"\binom{n}{k}",
    r"\hat{y} = \arg\max_{c} P(c \mid x)",
    r"\left( \frac{1}{2} \right)",
    r"a \neq b, \; a \approx b, \; a \equiv b \pmod{n}",
    r"\overline{AB}",
    r"\vec{F} = m\vec{a}",
    r"\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}",
    r"\{ x \in \mathbb{Z} : x > 0 \}",
    r"\text{loss} = -\sum_i y_i \log \hat{y}_i",
    r"\frac{1}{2",
    r"\notacommand{x}",
];

fn pl(src: &str) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(src, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        return Err(e.to_string().lines().next().unwrap_or("").to_string());
    }
    let mut out = String::new();
    let cfg = RenderConfig { display_mode: DisplayMode::Inline, ..Default::default() };
    push_mathml(&mut out, events.into_iter(), cfg).map_err(|e| e.to_string())?;
    Ok(out)
}

fn l2m(src: &str) -> Result<String, String> {
    latex2mathml::latex_to_mathml(src, latex2mathml::DisplayStyle::Inline).map_err(|e| e.to_string())
}

fn main() {
    let t = std::time::Instant::now();
    let (mut ok_pl, mut ok_l2m) = (0, 0);
    for c in CASES {
        let a = pl(c);
        let b = l2m(c);
        ok_pl += a.is_ok() as usize;
        ok_l2m += b.is_ok() as usize;
        println!("== {c}\n  pulldown-latex: {}\n  latex2mathml:   {}", short(&a), short(&b));
    }
    println!("ok: pulldown-latex {ok_pl}/{n}, latex2mathml {ok_l2m}/{n} ({:?})", t.elapsed(), n = CASES.len());
}

fn short(r: &Result<String, String>) -> String {
    match r {
        Ok(s) => format!("ok {}", s.chars().take(400).collect::<String>()),
        Err(e) => format!("ERROR {e}"),
    }
}
