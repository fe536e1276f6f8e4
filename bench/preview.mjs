// What a writer feels of `waymark serve`, measured in Debian's headless Chromium:
// - save → painted: a topic page is open; its file is rewritten with a new marker paragraph and
//   a flipped status; the time from the write until the marker is in the page, polled every
//   animation frame (so a frame, ~16 ms, is the resolution);
// - a kept-alive GET: the same page and style.css requested again and again on one connection;
// - 32 concurrent clients, each on its own kept-alive connection, asking for topic pages and
//   assets at once: median, p99 and errors.
// Prints one JSON line (for bench/preview.sh) after a human-readable summary on stderr.
// Needs playwright-core in tests/browser/node_modules (`npm ci` there; bench/preview.sh does it).
// Usage: node bench/preview.mjs --bin WAYMARK --site DIR [--edits 12] [--label NAME]
//   DIR holds content/ (and waymark.yaml, themes/ if any); its topic files are edited and put
//   back as they were at the end.
import { launch } from '../tests/browser/chromium.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
if (!args.bin || !args.site) {
  console.error('usage: node preview.mjs --bin WAYMARK --site DIR [--edits 12] [--label NAME]');
  process.exit(2);
}
const EDITS = Number(args.edits || 12);
const site = path.resolve(args.site);
const say = (s) => process.stderr.write(`${s}\n`);

/** Percentile p (0..1) of numbers, nearest rank. */
function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN;
}
const round = (x) => Math.round(x * 10) / 10;

/** Starts `waymark serve` on a free port; resolves with the process and its URL. */
function serve() {
  const proc = spawn(args.bin, ['serve', '--port', '0'], { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stderr.on('data', () => {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve printed no URL in 300 s')), 300000);
    proc.on('exit', (code) => reject(new Error(`serve exited (${code})`)));
    readline.createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = line.match(/http:\/\/\S+\//);
      if (m) { clearTimeout(timer); resolve({ proc, url: m[0] }); }
    });
  });
}

/** GET over `agent`; resolves with status, body length and milliseconds taken. */
function get(url, agent) {
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
function topics(dir) {
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
async function pagesOf(url, list, agent, want) {
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

/** The file with a marker paragraph added and its status flipped between done and not. */
function edited(original, marker, i) {
  const status = i % 2 === 0 ? 'done' : 'not-started';
  let text = /^status:.*$/m.test(original)
    ? original.replace(/^status:.*$/m, `status: ${status}`)
    : original.replace(/^---\n/, `---\nstatus: ${status}\n`);
  text = text.replace(/\n*$/, `\n\n${marker}\n`);
  return text;
}

async function saveToPainted(browser, topic) {
  const page = await browser.newPage();
  await page.goto(topic.url, { timeout: 60000 });
  await page.waitForFunction(() => window.waymarkLive === true, null, { timeout: 30000 });
  const original = fs.readFileSync(topic.file, 'utf8');
  const times = [];
  let inPlace = 0;
  try {
    for (let i = -1; i < EDITS; i += 1) {
      const marker = `marker${i + 1}x${Math.random().toString(36).slice(2, 8)}`;
      await page.evaluate(() => { window.notReloaded = true; });
      const start = performance.now();
      fs.writeFileSync(topic.file, edited(original, marker, i + 1));
      await page.waitForFunction((m) => document.body && document.body.innerText.includes(m), marker,
        { polling: 'raf', timeout: 30000 });
      const ms = performance.now() - start;
      const kept = await page.evaluate(() => window.notReloaded === true);
      if (i >= 0) { times.push(ms); if (kept) inPlace += 1; }
      say(`  edit ${i + 1}: ${ms.toFixed(0)} ms${i < 0 ? ' (warm-up, not counted)' : ''}${kept ? ' in place' : ' reloaded'}`);
      await new Promise((r) => setTimeout(r, 400));
    }
  } finally {
    fs.writeFileSync(topic.file, original);
    // The rebuild this starts would compete with the requests timed next: wait for it.
    await page.waitForFunction(() => !/marker\d+x/.test(document.body.innerText), null,
      { polling: 100, timeout: 60000 }).catch(() => {});
    await page.close();
  }
  return { median: round(pct(times, 0.5)), p90: round(pct(times, 0.9)), max: round(Math.max(...times)), n: times.length, inPlace };
}

async function keptAlive(urls) {
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

async function concurrent(urls, clients = 32, each = 25) {
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
  return { median: round(pct(times, 0.5)), p99: round(pct(times, 0.99)), errors, requests: clients * each, wall: Math.round(wall) };
}

const { proc, url } = await serve();
const stop = () => { try { proc.kill(); } catch { /* gone */ } };
process.on('exit', stop);
const agent = new http.Agent({ keepAlive: false });
const list = topics(path.join(site, 'content'));
const pages = await pagesOf(url, list, agent, 8);
if (!pages.length) { console.error('no topic page found in the index'); process.exit(1); }
const topic = pages[0];
say(`${args.label || site}: ${list.length} topic files; editing ${path.relative(site, topic.file)} (${topic.url})`);

const browser = await launch({ width: 1280, height: 800 });
let painted;
try {
  painted = await saveToPainted(browser, topic);
} finally {
  await browser.close();
}
const root = url;
const styleUrl = new URL('style.css', root).href;
const alive = await keptAlive({ page: topic.url, 'style.css': styleUrl });
const mix = [...pages.map((p) => p.url), styleUrl, new URL('search.js', root).href, new URL('favicon.svg', root).href];
const crowd = await concurrent(mix);
stop();
const result = { label: args.label || path.basename(site), binary: args.binary || 'waymark', topics: list.length, painted, alive, crowd };
say(`  save → painted: median ${painted.median} ms, p90 ${painted.p90} ms (${painted.inPlace} of ${painted.n} in place)`);
say(`  kept-alive GET: page median ${alive.page.median} ms (first ${alive.page.first} ms), style.css median ${alive['style.css'].median} ms`);
say(`  32 clients: median ${crowd.median} ms, p99 ${crowd.p99} ms, ${crowd.errors} errors of ${crowd.requests}`);
console.log(JSON.stringify(result));
process.exit(0);
