#!/usr/bin/env python3
"""How fast `waymark serve` turns a saved edit into a reload event.

python3 bench/serve_bench.py --bin target/release/waymark --content DIR [--edits 20]

Starts serve on a free port, subscribes to /__waymark/events, then edits one topic's status
N times. Prints the median and p90 of save → the first reload event (which includes the
watcher's wait for the save to settle; it names the edited topic's page, which serve shows
before the site-wide pages, whose event follows), of the whole rebuild as serve reports it,
of the time serve says it showed the edited topic's page, and the CPU time serve used per edit
(user + system, all threads), which other jobs on the machine disturb less than wall time.
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import threading
import time


def cpu_ms(pid):
    """User + system CPU time of a process so far, in ms."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--edits", type=int, default=20)
    a = ap.parse_args()
    content = os.path.abspath(a.content)
    proc = subprocess.Popen([a.bin, "serve", "--port", "0", "--content", content],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rebuilds = []
    shown = []

    def log():
        for line in proc.stderr:
            m = re.search(r"^rebuilt .* in (\d+) ms", line)
            if m:
                rebuilds.append(int(m.group(1)))
                # When serve showed the changed topic pages, before the site-wide pages.
                early = re.search(r"topic pages shown after (\d+) ms", line)
                shown.append(int(early.group(1)) if early else None)
    threading.Thread(target=log, daemon=True).start()
    try:
        url = next(line for line in proc.stdout if "http://" in line)
        host, port = re.search(r"http://([\d.]+):(\d+)/", url).groups()
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"GET /__waymark/events HTTP/1.1\r\nHost: x\r\n\r\n")
        reader = sock.makefile("r", encoding="utf-8")
        events = []
        threading.Thread(target=lambda: [events.append((time.perf_counter(), line)) for line in reader
                                         if line.startswith("event: ")], daemon=True).start()
        while not any("hello" in e for _, e in events):
            time.sleep(0.01)
        topic = next(os.path.join(d, f) for d, _, fs in sorted(os.walk(content)) for f in sorted(fs)
                     if f.endswith(".md") and not f.startswith("_"))
        original = open(topic, encoding="utf-8").read()
        latencies = []
        cpu = []
        whole, shown_at = [], []
        time.sleep(0.5)
        for i in range(a.edits):
            before = len(events)
            # Every edit changes the status: one that saved the status already there would
            # change nothing and send no event.
            flip = ("not-started", "done") if re.search(r"^status: done", original, re.M) else ("done", "not-started")
            status = flip[i % 2]
            text = re.sub(r"^status: .*$", f"status: {status}", original, count=1, flags=re.M)
            if "status:" not in text:
                text = text.replace("---\n", f"---\nstatus: {status}\n", 1)
            logged = len(rebuilds)
            start = time.perf_counter()
            cpu_before = cpu_ms(proc.pid)
            with open(topic, "w", encoding="utf-8") as f:
                f.write(text)
            deadline = start + 10
            while time.perf_counter() < deadline:
                fresh = [t for t, e in events[before:] if "reload" in e]
                if fresh:
                    latencies.append((fresh[0] - start) * 1000)
                    break
                time.sleep(0.001)
            # The whole rebuild, not only up to its first event: its CPU time and its log line.
            while len(rebuilds) == logged and time.perf_counter() < deadline:
                time.sleep(0.01)
            time.sleep(0.3)
            cpu.append(cpu_ms(proc.pid) - cpu_before)
            if len(rebuilds) > logged:
                whole.append(rebuilds[logged])
                shown_at.append(shown[logged])
        with open(topic, "w", encoding="utf-8") as f:
            f.write(original)
        topics = sum(1 for _, _, fs in os.walk(content) for f in fs if f.endswith(".md"))
        if not latencies:
            print(f"serve N={topics}: no reload event arrived")
            return
        q = statistics.quantiles(latencies, n=10) if len(latencies) > 1 else latencies * 9
        edits = whole or [0]
        early = [ms for ms in shown_at if ms is not None]
        early = (f"; edited topic page shown after median {statistics.median(early):.0f} ms "
                 f"({len(early)} of {len(whole)} shown early)") if early else ""
        print(f"serve N={topics}: save → reload event median {statistics.median(latencies):.0f} ms, "
              f"p90 {q[-1]:.0f} ms (includes the watcher's wait for the save to settle); rebuild alone median "
              f"{statistics.median(edits):.0f} ms, max {max(edits)} ms{early}; CPU per edit median "
              f"{statistics.median(cpu):.0f} ms ({len(latencies)} edits)")
    finally:
        proc.kill()


if __name__ == "__main__":
    main()
