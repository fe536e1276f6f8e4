// Shared by the scratch highlighters: a corpus of N code blocks cycling the snippets, timed.
use std::time::Instant;

pub fn corpus() -> Vec<(String, String)> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../snippets".into());
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let ext = p.extension().unwrap().to_string_lossy().to_string();
            (ext, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

pub fn run(name: &str, mut hl: impl FnMut(&str, &str) -> String) {
    let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let snippets = corpus();
    // fidelity sample: spans per snippet
    for (lang, code) in &snippets {
        let html = hl(lang, code);
        let spans = html.matches("<span").count();
        println!("{name}\t{lang}\tspans={spans}\tbytes={}", html.len());
        if std::env::var("SHOW").is_ok() {
            println!("{html}");
        }
    }
    let t = Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        let (lang, code) = &snippets[i % snippets.len()];
        bytes += hl(lang, code).len();
    }
    println!("{name}\tTOTAL {n} blocks\t{:.3}s\t{bytes} bytes", t.elapsed().as_secs_f64());
}
