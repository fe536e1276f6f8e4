//! The I/O floor: the least a static site generator must do with the same files. It reads
//! every input file and writes one output file per page (`OUT/<path>/<stem>/index.html`),
//! on as many threads as there are cores (waymark uses them all too), and nothing else.
//!
//! Usage: io_floor CONTENT_DIR OUT_DIR [BYTES_PER_PAGE]
//! Each page is written with the input's bytes, repeated up to BYTES_PER_PAGE when given (run.sh
//! passes waymark's average output per page, so both write about as many bytes). OUT_DIR should
//! not exist (run.sh removes it before each timed run, as it does for waymark and Hugo).
//! Compiled with plain `rustc -O`; no crates.
use std::fs;
use std::path::{Path, PathBuf};
use std::thread;

fn walk(dir: &Path, rel: &Path, files: &mut Vec<(PathBuf, PathBuf)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), &rel.join(&name), files)?;
        } else {
            let stem = Path::new(&name).file_stem().map(|s| s.to_owned()).unwrap_or_default();
            files.push((entry.path(), rel.join(stem)));
        }
    }
    Ok(())
}

fn run() -> std::io::Result<usize> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: io_floor CONTENT_DIR OUT_DIR [BYTES_PER_PAGE]");
        std::process::exit(2);
    }
    let (src, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let size: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut files = Vec::new();
    walk(src, Path::new(""), &mut files)?;
    let threads = thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let chunk = files.len().div_ceil(threads).max(1);
    thread::scope(|s| {
        let jobs: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || -> std::io::Result<()> {
                    for (input, page) in part {
                        let mut bytes = fs::read(input)?;
                        if !bytes.is_empty() {
                            while bytes.len() < size {
                                bytes.extend_from_within(..bytes.len().min(size - bytes.len()));
                            }
                        }
                        let dir = out.join(page);
                        fs::create_dir_all(&dir)?;
                        fs::write(dir.join("index.html"), &bytes)?;
                    }
                    Ok(())
                })
            })
            .collect();
        jobs.into_iter().try_for_each(|j| j.join().unwrap_or_else(|_| Err(std::io::Error::other("thread panicked"))))
    })?;
    Ok(files.len())
}

fn main() {
    match run() {
        Ok(n) => println!("{n} pages"),
        Err(e) => {
            eprintln!("io_floor: {e}");
            std::process::exit(1);
        }
    }
}
