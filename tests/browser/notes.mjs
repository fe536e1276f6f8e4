// Notes as GitHub shows them, in a real headless Chromium (issue 19): the `notes` fixture,
// built by the binary, opened from file:// in light and dark. The Mermaid diagram is drawn
// (an <svg> inside its container), no request leaves the site's folder, axe-core finds no
// violations, and without JavaScript the diagram's source stays readable in its <pre>.
// Usage: node notes.mjs WAYMARK_BINARY SITE_DIR [SCREENSHOT_DIR]
import { launch } from './chromium.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [bin, site, shots] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let failures = 0;
const pass = (m) => console.log(`ok   ${m}`);
const fail = (m) => { failures += 1; console.error(`FAIL ${m}`); };

execFileSync(bin, ['build'], { cwd: site, stdio: ['ignore', 'ignore', 'inherit'] });
const out = path.join(site, 'output');
const url = (p) => pathToFileURL(path.join(out, p)).href;

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'], preload: false });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  if (found.length) fail(`axe ${label}: ${found.join('\n     ')}`);
  else pass(`axe ${label}: no violations`);
}

const context = await launch({ width: 1000, height: 900 });
const page = await context.newPage();
const foreign = [];
page.on('request', (r) => { if (!r.url().startsWith('file://')) foreign.push(r.url()); });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

for (const scheme of ['light', 'dark']) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url('features/index.html'), { waitUntil: 'load' });
  try {
    await page.waitForSelector('pre.mermaid svg', { timeout: 20000 });
    const drawn = await page.evaluate(() => {
      const svg = document.querySelector('pre.mermaid svg');
      return { labels: svg.textContent, boxes: svg.querySelectorAll('g.node').length };
    });
    if (drawn.boxes === 3 && drawn.labels.includes('Practise?')) pass(`diagram drawn as svg (${scheme})`);
    else fail(`diagram (${scheme}): ${JSON.stringify(drawn)}`);
  } catch (e) {
    fail(`diagram not drawn (${scheme}): ${e.message.split('\n')[0]}`);
  }
  const spans = await page.evaluate(() => {
    const kw = document.querySelector('code.language-python .hl-keyword');
    const code = document.querySelector('code.language-python');
    return kw && getComputedStyle(kw).color !== getComputedStyle(code).color;
  });
  if (spans) pass(`keywords coloured by highlight.css (${scheme})`);
  else fail(`keywords not coloured (${scheme})`);
  await axe(page, `topic with every feature (${scheme})`);
  if (shots) {
    await page.screenshot({ path: path.join(shots, `notes-${scheme}.png`), fullPage: true });
  }
  await page.goto(url('plain/index.html'), { waitUntil: 'load' });
  await axe(page, `plain topic (${scheme})`);
}
if (foreign.length) fail(`requests to another host: ${foreign.join(', ')}`);
else pass('no request left the site');
if (errors.length) fail(`page errors: ${errors.join(' | ')}`);
else pass('no page errors');
await context.close();

// Without JavaScript the diagram's source is there to read.
const nojs = await launch({ width: 1000, height: 900 });
const bare = await nojs.newPage();
await bare.route('**/*.js', (r) => r.abort());
await bare.goto(url('features/index.html'), { waitUntil: 'load' });
const source = await bare.textContent('pre.mermaid');
if (source && source.includes('A[Learn] --> B{Practise?}')) pass('without JavaScript the diagram source is readable');
else fail(`without JavaScript: ${source}`);
await nojs.close();

if (failures) {
  console.error(`${failures} failure(s)`);
  process.exit(1);
}
