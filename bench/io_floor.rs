//! The I/O floor: read every input file and write one output file of the same size per page.
//! Usage: io_floor CONTENT_DIR OUT_DIR
use std::fs;
use std::path::Path;

fn walk(dir: &Path, out: &Path, rel: &Path, n: &mut usize) {
    for entry in fs::read_dir(dir).expect("read dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            walk(&path, out, &rel.join(&name), n);
        } else {
            let bytes = fs::read(&path).expect("read");
            let stem = Path::new(&name).file_stem().map(|s| s.to_owned()).unwrap_or_default();
            let target = out.join(rel).join(stem);
            fs::create_dir_all(&target).expect("mkdir");
            fs::write(target.join("index.html"), &bytes).expect("write");
            *n += 1;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let _ = fs::remove_dir_all(out);
    let mut n = 0;
    walk(src, out, Path::new(""), &mut n);
    println!("{n} files");
}
