// What the serve benches share: start `waymark serve`, GET over node's http, find topic pages,
// time kept-alive GETs and concurrent clients. Used by bench/preview.mjs and bench/serve_load.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';

/** The `--name value` arguments; a name given twice keeps both values in a list. */
export function parseArgs(argv) {
  const out = {};
  argv.forEach((a, i) => {
    if (!a.startsWith('--')) return;
    const [name, value] = [a.slice(2), argv[i + 1]];
    out[name] = name in out ? [].concat(out[name], value) : value;
  });
  return out;
}

/** Percentile p (0..1) of numbers, nearest rank. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN;
}
export const round = (x) => Math.round(x * 10) / 10;

/** Starts `waymark serve` on a free port in `site`; resolves with the process, its URL and
 * `rebuilt()`, which resolves once serve has printed `rebuilt` as many times as `n` more than
 * when `count()` was taken, and then nothing for 300 ms: every page is in place again. */
export function serve(bin, site) {
  const proc = spawn(bin, ['serve', '--port', '0'], { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
  let rebuilds = 0;
  let last = performance.now();
  readline.createInterface({ input: proc.stderr }).on('line', (line) => {
    last = performance.now();
    if (/^rebuilt /.test(line)) rebuilds += 1;
  });
  const count = () => rebuilds;
  const rebuilt = async (since, timeout = 60000) => {
    const end = performance.now() + timeout;
    while ((rebuilds <= since || performance.now() - last < 300) && performance.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve printed no URL in 300 s')), 300000);
    proc.on('exit', (code) => reject(new Error(`serve exited (${code})`)));
    readline.createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = line.match(/http:\/\/\S+\//);
      if (m) { clearTimeout(timer); resolve({ proc, url: m[0], count, rebuilt }); }
    });
  });
}

/** GET over `agent`; resolves with status, body length and milliseconds taken. */
export function get(url, agent) {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.get(url, { agent }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes: n, ms: performance.now() - start }));
      res.on('error', (e) => resolve({ status: 0, error: e.message, ms: performance.now() - start }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.message, ms: performance.now() - start }));
  });
}

/** The topic files under content/, each with its title, in a fixed order. */
export function topics(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md') && !e.name.startsWith('_')) {
        const title = fs.readFileSync(p, 'utf8').match(/^title:\s*"?([^"\n]+)"?\s*$/m);
        if (title) out.push({ file: p, title: title[1].trim() });
      }
    }
  };
  walk(dir);
  return out;
}

/** Topics whose page the index links to by their title, with that page's URL. */
export async function pagesOf(url, list, want) {
  const agent = new http.Agent({ keepAlive: false });
  const index = await new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      let s = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { s += c; });
      res.on('end', () => resolve(s));
    }).on('error', reject);
  });
  const found = [];
  for (const t of list) {
    const esc = t.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = index.match(new RegExp(`href="([^"]+)"[^>]*>${esc}<`));
    if (m) found.push({ ...t, url: new URL(m[1].replace(/index\.html$/, ''), url).href });
    if (found.length >= want) break;
  }
  return found;
}

/** Each URL requested again and again on one kept-alive connection: the first time, and the
 * median and p90 of 40 more. */
export async function keptAlive(urls) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out = {};
  for (const [name, url] of Object.entries(urls)) {
    const first = await get(url, agent);
    const again = [];
    for (let i = 0; i < 40; i += 1) again.push((await get(url, agent)).ms);
    out[name] = { first: round(first.ms), median: round(pct(again, 0.5)), p90: round(pct(again, 0.9)), bytes: first.bytes };
  }
  agent.destroy();
  return out;
}

/** `clients` clients at once, each on its own kept-alive connection, each making `each` GETs
 * over `urls` in turn: every time taken, the errors and the wall time. */
export async function concurrent(urls, clients = 32, each = 25) {
  const times = [];
  let errors = 0;
  const one = async (c) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < each; i += 1) {
      const r = await get(urls[(c + i) % urls.length], agent);
      if (r.status !== 200) errors += 1; else times.push(r.ms);
    }
    agent.destroy();
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, c) => one(c)));
  const wall = performance.now() - start;
  return { times, median: round(pct(times, 0.5)), p99: round(pct(times, 0.99)), errors, requests: clients * each, wall: Math.round(wall) };
}

/** The URLs the concurrent clients ask for: topic pages and the assets every page uses. */
export function mixOf(root, pages) {
  return [...pages.map((p) => p.url), ...['style.css', 'search.js', 'favicon.svg'].map((f) => new URL(f, root).href)];
}
