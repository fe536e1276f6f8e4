//! `waymark serve`: the live preview. Builds the site in memory, serves it over HTTP, watches
//! the sources and, after each rebuild that changed something, tells open pages to reload.

mod events;
pub mod http;
mod state;
mod watch;

use crate::site::SiteOptions;
use anyhow::{Result, bail};
use events::Hub;
use state::{Builder, Shared};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::mpsc::channel;

/// Threads answering ordinary requests.
const WORKERS: usize = 4;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build.
    pub site: SiteOptions,
    /// The address to listen on; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Open a browser once serving.
    pub open: bool,
    /// Poll for changes instead of relying on file-system events.
    pub poll: bool,
}

/// Serves until the process is stopped.
pub fn run(opts: ServeOptions) -> Result<()> {
    let server = listen(opts.bind, opts.port)?;
    let addr = server
        .server_addr()
        .to_ip()
        .unwrap_or_else(|| SocketAddr::new(opts.bind, opts.port));
    let url = page_url(addr);
    let shared: Shared = Shared::default();
    let hub = Arc::new(Hub::default());
    let mut builder = Builder::new(opts.site.clone());
    eprintln!("{}", builder.rebuild(&shared, &hub, None));
    let url = format!("{url}{}", builder.base().trim_start_matches('/'));
    let (tx, rx) = channel();
    let mut watcher = watch::start(&watch::Sources::of(&opts.site.content), opts.poll, tx)?;
    {
        let (shared, hub) = (shared.clone(), hub.clone());
        // Rebuilds run one at a time on this thread; batches that arrive meanwhile are merged.
        std::thread::spawn(move || {
            while let Ok(mut changed) = rx.recv() {
                while let Ok(more) = rx.try_recv() {
                    changed.extend(more);
                }
                eprintln!("{}", builder.rebuild(&shared, &hub, Some(&changed)));
                match watcher.follow_trees() {
                    Ok(added) if !added.is_empty() => {
                        eprintln!("{}", builder.rebuild(&shared, &hub, Some(&added)));
                    }
                    Ok(_) => {}
                    Err(e) => eprintln!("warning: cannot watch a new source folder: {e}"),
                }
            }
        });
    }
    if !opts.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: anyone on your network can see this preview",
            opts.bind
        );
    }
    println!(
        "Serving {url} — edit {}/ and the page reloads; Ctrl-C to stop",
        opts.site
            .content
            .display()
            .to_string()
            .trim_end_matches('/')
    );
    if opts.open {
        open_browser(&url);
    }
    let server_id: Arc<str> = format!("{:x}", std::process::id() as u64 ^ now_nanos()).into();
    let server = Arc::new(server);
    // A few threads answer requests, so one slow download does not hold up the rest; event
    // streams are handed to threads of their own.
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared, hub, id) = (
                server.clone(),
                shared.clone(),
                hub.clone(),
                server_id.clone(),
            );
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    http::handle(request, &shared, &hub, &id);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

fn listen(bind: IpAddr, port: u16) -> Result<tiny_http::Server> {
    match tiny_http::Server::http(SocketAddr::new(bind, port)) {
        Ok(s) => Ok(s),
        Err(e) => {
            let busy = e
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
            if busy {
                bail!(
                    "port {port} on {bind} is already in use: stop what uses it, pick another with --port N, or use --port 0 for a free one"
                );
            }
            bail!("cannot listen on {bind}:{port}: {e}")
        }
    }
}

/// The URL to print; a wildcard address is shown as loopback, which a local browser can open.
fn page_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("warning: could not open a browser ({opener}: {e}); open {url} yourself");
    }
}

fn now_nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}
