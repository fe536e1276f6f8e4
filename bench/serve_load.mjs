// The preview's HTTP under load, without a browser: 32 clients at once, each on its own
// kept-alive connection, 25 GETs each over topic pages and assets (as bench/preview.mjs does),
// repeated for several rounds; and a kept-alive GET of a page and of style.css. Several binaries
// are served side by side and take turns, round by round, so a busy machine weighs on each alike.
// Reports per binary: the median of the rounds' medians and p99s, errors, and CPU per request of
// the server (from /proc) and of this client (node, in the measurement too).
// Usage: node bench/serve_load.mjs --site DIR --bin old=PATH [--bin new=PATH] [--rounds 6]
//   [--clients 32] [--each 25] [--label NAME]
// Prints a human-readable summary on stderr and one JSON line per binary on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { concurrent, keptAlive, mixOf, pagesOf, parseArgs, pct, round, serve, topics } from './serve_client.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.bin || !args.site) {
  console.error('usage: node serve_load.mjs --site DIR --bin NAME=PATH [--bin NAME=PATH] [--rounds 6]');
  process.exit(2);
}
const site = path.resolve(args.site);
const rounds = Number(args.rounds || 6);
const clients = Number(args.clients || 32);
const each = Number(args.each || 25);
const say = (s) => process.stderr.write(`${s}\n`);
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU of a process so far, in ms. */
function cpuOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}
const ownCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const bins = [].concat(args.bin).map((b) => {
  const at = b.indexOf('=');
  return at > 0 ? { name: b.slice(0, at), path: path.resolve(b.slice(at + 1)) } : { name: 'waymark', path: path.resolve(b) };
});
const list = topics(path.join(site, 'content'));
for (const b of bins) {
  Object.assign(b, await serve(b.path, site));
  b.pages = await pagesOf(b.url, list, 8);
  if (!b.pages.length) { console.error(`${b.name}: no topic page found in the index`); process.exit(1); }
  b.mix = mixOf(b.url, b.pages);
  b.rounds = [];
  b.serverMs = 0; b.clientMs = 0; b.requests = 0; b.errors = 0;
  await concurrent(b.mix, clients, each); // warm-up, not counted
}
process.on('exit', () => bins.forEach((b) => { try { b.proc.kill(); } catch { /* gone */ } }));
const loadStart = os.loadavg();
for (let r = 0; r < rounds; r += 1) {
  for (const b of (r % 2 ? [...bins].reverse() : bins)) {
    const [s0, c0] = [cpuOf(b.proc.pid), ownCpu()];
    const res = await concurrent(b.mix, clients, each);
    b.serverMs += cpuOf(b.proc.pid) - s0;
    b.clientMs += ownCpu() - c0;
    b.requests += res.requests;
    b.errors += res.errors;
    b.rounds.push(res);
  }
}
for (const b of bins) {
  b.alive = await keptAlive({ page: b.pages[0].url, 'style.css': new URL('style.css', b.url).href });
}
const loadEnd = os.loadavg();
const fmt = (l) => l.map((x) => x.toFixed(2)).join(' ');
say(`${args.label || site}: ${list.length} topic files; ${rounds} rounds of ${clients} clients × ${each} GETs; load average ${fmt(loadStart)} → ${fmt(loadEnd)}`);
for (const b of bins) {
  const med = (k) => round(pct(b.rounds.map((x) => x[k]), 0.5));
  const all = b.rounds.flatMap((x) => x.times);
  const wall = b.rounds.reduce((sum, x) => sum + x.wall, 0);
  const out = {
    label: args.label || path.basename(site), binary: b.name, topics: list.length,
    median: med('median'), p99: med('p99'), p99all: round(pct(all, 0.99)), errors: b.errors, requests: b.requests,
    roundsMedian: b.rounds.map((x) => x.median), roundsP99: b.rounds.map((x) => x.p99),
    serverUsPerRequest: Math.round((b.serverMs * 1000) / b.requests),
    clientUsPerRequest: Math.round((b.clientMs * 1000) / b.requests),
    // The share of the rounds' wall time each was busy: 100 % is one core all the time.
    serverBusy: Math.round((100 * b.serverMs) / wall), clientBusy: Math.round((100 * b.clientMs) / wall),
    pageBytes: b.alive.page.bytes, alive: b.alive, load: [loadStart, loadEnd],
  };
  say(`  ${b.name}: median ${out.median} ms, p99 ${out.p99} ms (rounds' p99 ${out.roundsP99.join(' ')}), ${b.errors} errors of ${b.requests}; `
    + `CPU per request: server ${out.serverUsPerRequest} µs, client ${out.clientUsPerRequest} µs `
    + `(busy ${out.serverBusy} % and ${out.clientBusy} % of a core); `
    + `kept-alive GET page ${b.alive.page.median} ms (${b.alive.page.bytes} B), style.css ${b.alive['style.css'].median} ms`);
  console.log(JSON.stringify(out));
}
process.exit(0);
