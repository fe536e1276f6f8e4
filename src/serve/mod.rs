//! `waymark serve`: the live preview. Builds the site in memory, serves it over HTTP, watches
//! the sources and, after each rebuild that changed something, tells open pages to reload.

mod early;
mod events;
pub mod http;
mod reply;
mod state;
mod tail;
mod watch;

use crate::site::SiteOptions;
use anyhow::{Result, bail};
use events::Hub;
use state::{Builder, Shared};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Threads answering ordinary requests: each blocks while its response is written, so enough
/// that a few slow readers (a search index of megabytes) do not hold up the pages behind them.
const WORKERS: usize = 16;

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
    let watcher = watch::start(&watch::Sources::of(&opts.site.content), opts.poll)?;
    spawn_rebuilds(watcher, builder, shared.clone(), hub.clone());
    announce(&opts, &url);
    if opts.open {
        open_browser(&url);
    }
    let server_id: Arc<str> = format!("{:x}", std::process::id() as u64 ^ now_nanos()).into();
    let server = Arc::new(server);
    {
        // Ctrl-C or SIGTERM: close the event streams and the port, and end without an error.
        let (server, hub) = (server.clone(), hub.clone());
        crate::interrupt::on_stop(move || {
            hub.close();
            server.unblock();
            eprintln!("stopped serving {url}");
            0
        });
    }
    answer(&server, &shared, &hub, &server_id);
    Ok(())
}

/// Rebuilds on their own thread, one at a time: each starts as soon as a save is written,
/// and what changes meanwhile makes the next batch.
fn spawn_rebuilds(
    mut watcher: watch::Watcher,
    mut builder: Builder,
    shared: Shared,
    hub: Arc<Hub>,
) {
    std::thread::spawn(move || {
        while let Some(changed) = watcher.next_batch() {
            // A save through a temporary file (`sed -i`) can make a batch of its own.
            if !builder.unchanged_by(&changed) {
                eprintln!("{}", builder.rebuild(&shared, &hub, Some(&changed)));
            }
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

/// Tells the user where the preview is, and warns when the whole network can see it.
fn announce(opts: &ServeOptions, url: &str) {
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
}

/// Answers requests until the server is unblocked.
fn answer(server: &Arc<tiny_http::Server>, shared: &Shared, hub: &Arc<Hub>, id: &Arc<str>) {
    // A few threads answer requests, so one slow download does not hold up the rest; event
    // streams are handed to threads of their own.
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared, hub, id) =
                (server.clone(), shared.clone(), hub.clone(), id.clone());
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
}

fn listen(bind: IpAddr, port: u16) -> Result<tiny_http::Server> {
    tiny_http::Server::from_listener(bind_without_delay(bind, port)?, None)
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}:{port}: {e}"))
}

/// A listening socket with Nagle's algorithm off: accepted sockets inherit `TCP_NODELAY` from
/// it (Linux, the BSDs and macOS, Windows), and tiny_http writes a response's head and body in
/// two writes, so with it on every response after the first on a kept-alive connection waited
/// for the browser's delayed ACK (~40 ms).
fn bind_without_delay(bind: IpAddr, port: u16) -> Result<std::net::TcpListener> {
    let listener = match std::net::TcpListener::bind(SocketAddr::new(bind, port)) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => bail!(
            "port {port} on {bind} is already in use: stop what uses it, pick another with --port N, or use --port 0 for a free one"
        ),
        Err(e) => bail!("cannot listen on {bind}:{port}: {e}"),
    };
    if let Err(e) = socket2::SockRef::from(&listener).set_tcp_nodelay(true) {
        eprintln!("warning: cannot turn off Nagle's algorithm ({e}): pages may answer slower");
    }
    Ok(listener)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every accepted connection answers without waiting for the client's delayed ACK.
    #[test]
    fn accepted_connections_have_nagle_off() -> Result<()> {
        let listener = bind_without_delay(IpAddr::from([127, 0, 0, 1]), 0)?;
        let _client = std::net::TcpStream::connect(listener.local_addr()?)?;
        let (accepted, _) = listener.accept()?;
        assert!(accepted.nodelay()?);
        Ok(())
    }
}
