#!/usr/bin/env python3
"""How fast `waymark serve` turns a saved edit into a reload event.

python3 bench/serve_bench.py --bin target/release/waymark --content DIR [--edits 20]

Starts serve on a free port, subscribes to /__waymark/events, then edits one topic's status
N times. Prints the median and p90 of save → reload event (which includes the watcher's
wait for the save to settle), of the rebuild alone as serve reports it, and the CPU time
serve used per edit (user + system, all threads), which other jobs on the machine disturb less
than wall time.
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
    threading.Thread(target=lambda: [rebuilds.append(int(m.group(1))) for line in proc.stderr
                                     for m in [re.search(r"^rebuilt .* in (\d+) ms", line)] if m], daemon=True).start()
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
        time.sleep(0.5)
        for i in range(a.edits):
            before = len(events)
            status = "done" if i % 2 == 0 else "not-started"
            text = re.sub(r"^status: .*$", f"status: {status}", original, count=1, flags=re.M)
            if "status:" not in text:
                text = text.replace("---\n", f"---\nstatus: {status}\n", 1)
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
            time.sleep(0.3)
            cpu.append(cpu_ms(proc.pid) - cpu_before)
        with open(topic, "w", encoding="utf-8") as f:
            f.write(original)
        topics = sum(1 for _, _, fs in os.walk(content) for f in fs if f.endswith(".md"))
        if not latencies:
            print(f"serve N={topics}: no reload event arrived")
            return
        q = statistics.quantiles(latencies, n=10) if len(latencies) > 1 else latencies * 9
        edits = rebuilds[1:1 + len(latencies)] or [0]
        print(f"serve N={topics}: save → reload event median {statistics.median(latencies):.0f} ms, "
              f"p90 {q[-1]:.0f} ms (includes the watcher's wait for the save to settle); rebuild alone median "
              f"{statistics.median(edits):.0f} ms, max {max(edits)} ms; CPU per edit median "
              f"{statistics.median(cpu):.0f} ms ({len(latencies)} edits)")
    finally:
        proc.kill()


if __name__ == "__main__":
    main()
