use std::collections::HashMap;

/// A request router.
pub struct Router<'a> {
    routes: HashMap<&'a str, fn(&str) -> String>,
}

impl<'a> Router<'a> {
    pub fn handle(&self, path: &str) -> Option<String> {
        let f = self.routes.get(path)?; // look up
        Some(f(path).to_uppercase())
    }
}

fn main() { println!("{}", 42u32 + 1); }
