//! Server-Sent Events: every open page subscribes, and hears when a rebuild changed the site.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// How often an idle connection gets a comment, so dead clients are noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// A new subscriber's stream of events.
    pub fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Ends every stream: each subscriber's thread closes its connection.
    pub fn close(&self) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.clear();
        }
    }

    /// Sends an event to every subscriber, dropping those that went away.
    pub fn broadcast(&self, name: &str, data: &str) {
        let event = format_event(name, data);
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(event.clone()).is_ok());
        }
    }
}

/// One event in the `text/event-stream` format.
pub fn format_event(name: &str, data: &str) -> String {
    let mut s = format!("event: {name}\n");
    for line in data.lines() {
        s.push_str("data: ");
        s.push_str(line);
        s.push('\n');
    }
    s.push('\n');
    s
}

/// Streams events to one client until it goes away. Writes the HTTP head itself and flushes
/// after every event: tiny_http's own chunked responses buffer and never flush.
pub fn stream(mut out: Box<dyn Write + Send>, greeting: &[String], events: Receiver<String>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\nretry: 1000\n\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    for g in greeting {
        if out.write_all(g.as_bytes()).is_err() {
            return;
        }
    }
    if out.flush().is_err() {
        return;
    }
    loop {
        let chunk = match events.recv_timeout(HEARTBEAT) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(chunk.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
