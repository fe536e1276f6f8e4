//! The I/O floor: the least a static site generator must do on the same input. Reads every
//! input file and writes one output file of the same size per page (`name/index.html`, one
//! folder per page as both generators lay them out) into a fresh folder. One thread, no
//! parsing, no rendering.
//!
//! Usage: io_floor CONTENT_DIR OUT_DIR    (OUT_DIR must not exist: clearing it is not timed)
use std::fs;
use std::path::Path;

fn walk(dir: &Path, out: &Path, n: &mut usize) {
    fs::create_dir(out).expect("mkdir");
    for entry in fs::read_dir(dir).expect("read dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let name = entry.file_name();
        if entry.file_type().expect("file type").is_dir() {
            walk(&path, &out.join(&name), n);
        } else {
            let bytes = fs::read(&path).expect("read");
            let stem = Path::new(&name).file_stem().unwrap_or_default();
            // A group's _index.md becomes the folder's own page.
            let target = if stem == "_index" { out.to_path_buf() } else { out.join(stem) };
            if target != out {
                fs::create_dir(&target).expect("mkdir page");
            }
            fs::write(target.join("index.html"), &bytes).expect("write");
            *n += 1;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: io_floor CONTENT_DIR OUT_DIR");
        std::process::exit(2);
    }
    let (src, out) = (Path::new(&args[1]), Path::new(&args[2]));
    if out.exists() {
        eprintln!("io_floor: {} exists; remove it first", out.display());
        std::process::exit(2);
    }
    let mut n = 0;
    walk(src, out, &mut n);
    println!("{n} files");
}
