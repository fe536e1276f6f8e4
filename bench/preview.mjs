// What a writer feels of `waymark serve`, measured in Debian's headless Chromium:
// - save → painted: a topic page is open; its file is rewritten with a new marker paragraph and
//   a flipped status; the time from the write until the marker is in the page, polled every
//   animation frame (so a frame, ~16 ms, is the resolution);
// - a kept-alive GET: the same page and style.css requested again and again on one connection;
// - 32 concurrent clients, each on its own kept-alive connection, asking for topic pages and
//   assets at once: median, p99 and errors (after one untimed round).
// Both are timed once serve has finished the rebuild that putting the topic back started, the
// site-wide pages too.
// Prints one JSON line (for bench/preview.sh) after a human-readable summary on stderr.
// Needs playwright-core in tests/browser/node_modules (`npm ci` there; bench/preview.sh does it).
// Usage: node bench/preview.mjs --bin WAYMARK --site DIR [--edits 12] [--label NAME]
//   DIR holds content/ (and waymark.yaml, themes/ if any); its topic files are edited and put
//   back as they were at the end.
import { launch } from '../tests/browser/chromium.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { concurrent, keptAlive, mixOf, pagesOf, parseArgs, pct, round, serve, topics } from './serve_client.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.bin || !args.site) {
  console.error('usage: node preview.mjs --bin WAYMARK --site DIR [--edits 12] [--label NAME]');
  process.exit(2);
}
const EDITS = Number(args.edits || 12);
const site = path.resolve(args.site);
const say = (s) => process.stderr.write(`${s}\n`);

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
    const before = server.count();
    fs.writeFileSync(topic.file, original);
    // The rebuild this starts would compete with the requests timed next: wait for all of it,
    // the site-wide pages too (they come after the topic's page).
    await page.waitForFunction(() => !/marker\d+x/.test(document.body.innerText), null,
      { polling: 100, timeout: 60000 }).catch(() => {});
    await server.rebuilt(before);
    await page.close();
  }
  return { median: round(pct(times, 0.5)), p90: round(pct(times, 0.9)), max: round(Math.max(...times)), n: times.length, inPlace };
}

const server = await serve(args.bin, site);
const { proc, url } = server;
const stop = () => { try { proc.kill(); } catch { /* gone */ } };
process.on('exit', stop);
const list = topics(path.join(site, 'content'));
const pages = await pagesOf(url, list, 8);
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
// One round untimed first, as bench/serve_load.mjs does: the timed one measures answering, not
// node's first use of 32 sockets.
await concurrent(mixOf(root, pages));
const { times: _, ...crowd } = await concurrent(mixOf(root, pages));
stop();
const result = { label: args.label || path.basename(site), binary: args.binary || 'waymark', topics: list.length, painted, alive, crowd };
say(`  save → painted: median ${painted.median} ms, p90 ${painted.p90} ms (${painted.inPlace} of ${painted.n} in place)`);
say(`  kept-alive GET: page median ${alive.page.median} ms (first ${alive.page.first} ms), style.css median ${alive['style.css'].median} ms`);
say(`  32 clients: median ${crowd.median} ms, p99 ${crowd.p99} ms, ${crowd.errors} errors of ${crowd.requests}`);
console.log(JSON.stringify(result));
process.exit(0);
