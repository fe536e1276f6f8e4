// Browser QA of a built waymark site, served under a subpath by a tiny static server.
// Usage: node qa.mjs <dir holding the site folder> <site folder name> <screenshot dir|->
// Checks: no console errors, no request to another host, the tree toggles by keyboard,
// search finds a topic and opens it (served and from file://), the page works without
// JavaScript, axe-core finds no violations in light and dark. Exits non-zero on any failure.
import { launch } from '../browser/chromium.mjs';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [parent, sub = 'site', shots = '-'] = process.argv.slice(2);
if (!parent) {
  console.error('usage: node qa.mjs <parent dir> [site folder] [screenshot dir|-]');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = path.resolve(parent, sub);

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.xml': 'application/xml',
  '.png': 'image/png',
};
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let file = path.join(path.resolve(parent), decodeURIComponent(url.pathname));
  if (!file.startsWith(path.resolve(parent))) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(fs.readFileSync(path.join(siteDir, '404.html')));
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const base = `${origin}/${sub}/`;

const failures = [];
const fail = (what) => { failures.push(what); console.log(`FAIL ${what}`); };
const pass = (what) => console.log(`ok   ${what}`);

// playwright-core comes from this suite's own node_modules.
const context = await launch({ width: 1280, height: 900 }, { from: import.meta.url });

const foreign = [];
function watch(page, label) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The deliberate visit to a missing page logs its own 404.
    if (m.location().url.includes('/no/such/page/') && m.text().includes('404')) return;
    errors.push(`${label}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${label}: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('file:') && !u.startsWith('data:')) foreign.push(`${label}: ${u}`);
  });
  return errors;
}

// Which pages to check: the fixed ones plus a topic with notes, a section map and a tag.
const index = JSON.parse(fs.readFileSync(path.join(siteDir, 'search-index.js'), 'utf8')
  .replace(/^window\.waymarkSearch=/, '').replace(/;\s*$/, ''));
const topic = index.find((e) => e.s && e.x && e.u.split('/').length > 3) || index.find((e) => e.s) || index[0];
const section = index.find((e) => e.u.split('/').length === 2);
const firstTag = fs.readdirSync(path.join(siteDir, 'tags')).find((d) => fs.statSync(path.join(siteDir, 'tags', d)).isDirectory());
const pages = [
  ['index', 'index.html'],
  ['topic', topic.u],
  ['map', 'map/index.html'],
  ['section map', `map/${section.u.split('/')[0]}/index.html`],
  ['tags', 'tags/index.html'],
  ...(firstTag ? [['tag', `tags/${firstTag}/index.html`]] : []),
  ['next', 'next/index.html'],
  ['timeline', 'timeline/index.html'],
  ['print edition', 'print/index.html'],
  ['404', 'no/such/page/'],
];

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  if (result.length) fail(`axe ${label}: ${result.length} violations\n     ${result.join('\n     ')}`);
  else pass(`axe ${label}: no violations`);
}

const page = await context.newPage();
const errors = watch(page, 'served');
for (const scheme of ['light', 'dark']) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const [label, url] of pages) {
    const resp = await page.goto(base + url, { waitUntil: 'load' });
    if (label !== '404' && (!resp || resp.status() !== 200)) fail(`${label}: HTTP ${resp && resp.status()}`);
    await axe(page, `${label} (${scheme})`);
  }
}

// The tree opens and closes by keyboard: Tab to the first summary, Enter and Space toggle it.
await page.emulateMedia({ colorScheme: 'light' });
await page.goto(base + 'index.html');
let onSummary = false;
for (let i = 0; i < 80 && !onSummary; i++) {
  await page.keyboard.press('Tab');
  onSummary = await page.evaluate(() => document.activeElement && document.activeElement.tagName === 'SUMMARY');
}
if (!onSummary) fail('tree: Tab never reached a <summary>');
else {
  const open = () => page.evaluate(() => document.activeElement.parentElement.open);
  const before = await open();
  await page.keyboard.press('Enter');
  const afterEnter = await open();
  await page.keyboard.press('Space');
  const afterSpace = await open();
  if (afterEnter !== !before || afterSpace !== before) fail(`tree: toggling by keyboard (${before} → ${afterEnter} → ${afterSpace})`);
  else pass('tree: a summary is reachable by Tab and Enter/Space toggle it');
}

// Search: "/" focuses the box, a title finds its topic, arrows and Enter open it.
async function search(p, label) {
  const words = topic.t.split(/\s+/).slice(0, 2).join(' ');
  await p.keyboard.press('/');
  const focused = await p.evaluate(() => document.activeElement && document.activeElement.id);
  if (focused !== 'search-input') fail(`${label}: "/" did not focus the search box`);
  await p.keyboard.type(words, { delay: 20 });
  await p.waitForSelector('#search-results [role=option]', { timeout: 5000 }).catch(() => {});
  const titles = await p.$$eval('#search-results .sr-title', (els) => els.map((e) => e.textContent));
  const at = titles.indexOf(topic.t);
  if (at < 0) { fail(`${label}: "${words}" did not list ${topic.t} (got ${titles.join(', ')})`); return; }
  for (let i = 0; i < at; i++) await p.keyboard.press('ArrowDown');
  const active = await p.getAttribute('#search-input', 'aria-activedescendant');
  const activeTitle = active && await p.textContent(`#${active} .sr-title`);
  if (activeTitle !== topic.t) fail(`${label}: arrow keys did not select ${topic.t}`);
  await Promise.all([p.waitForNavigation(), p.keyboard.press('Enter')]);
  const h1 = (await p.textContent('h1')).trim();
  if (!h1.includes(topic.t)) fail(`${label}: Enter opened "${h1}", not ${topic.t}`);
  else pass(`${label}: "/", typing "${words}", arrows and Enter open ${topic.t}`);
}
await page.goto(base + 'map/index.html');
await search(page, 'search (served, from map/)');
const filePage = await context.newPage();
const fileErrors = watch(filePage, 'file');
await filePage.goto('file://' + path.join(siteDir, 'tags', 'index.html'));
await search(filePage, 'search (file://, from tags/)');
await filePage.close();

// Without JavaScript the search box stays hidden and the tree still works.
const plain = await launch(undefined, { from: import.meta.url, javaScriptEnabled: false });
const plainPage = await plain.newPage();
await plainPage.goto(base + 'index.html');
const searchVisible = await plainPage.isVisible('.search');
const links = await plainPage.$$eval('.tree a', (a) => a.length);
if (searchVisible || links === 0) fail(`no JS: search visible=${searchVisible}, tree links=${links}`);
else pass(`no JS: search box hidden, tree has ${links} links`);
await plain.close();

// Screenshots for the README: index and a topic page, light, dark and phone width.
if (shots !== '-') {
  fs.mkdirSync(shots, { recursive: true });
  const shot = await context.newPage();
  watch(shot, 'screenshots');
  for (const [name, url] of [['index', 'index.html'], ['topic', topic.u], ['map', 'map/index.html'], ['next', 'next/index.html'], ['timeline', 'timeline/index.html'], ['tags', 'tags/index.html']]) {
    for (const [mode, scheme, width, height] of [['light', 'light', 1280, 900], ['dark', 'dark', 1280, 900], ['phone', 'light', 390, 844]]) {
      if (name !== 'index' && name !== 'topic' && mode !== 'light') continue;
      await shot.setViewportSize({ width, height });
      await shot.emulateMedia({ colorScheme: scheme });
      await shot.goto(base + url);
      const file = path.join(shots, `${name}-${mode}.png`);
      await shot.screenshot({ path: file });
      console.log(`shot ${file}`);
    }
  }
  // Search with its results open.
  await shot.setViewportSize({ width: 1280, height: 700 });
  await shot.emulateMedia({ colorScheme: 'light' });
  await shot.goto(base + 'index.html');
  await shot.keyboard.press('/');
  await shot.keyboard.type(topic.t.slice(0, 4).toLowerCase());
  await shot.waitForSelector('#search-results [role=option]');
  await shot.screenshot({ path: path.join(shots, 'search-light.png') });
  console.log(`shot ${path.join(shots, 'search-light.png')}`);
}

for (const e of [...errors, ...fileErrors]) fail(`console: ${e}`);
for (const f of foreign) fail(`request to another host: ${f}`);
if (!errors.length && !fileErrors.length) pass('no console errors');
if (!foreign.length) pass('no request to another host');

await context.close();
server.close();
console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
process.exit(failures.length ? 1 : 0);
