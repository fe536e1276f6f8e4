// The mermaid export parsed and drawn by mermaid, the profile card at 1× and 2×, and the
// print edition as Chromium lays it out for paper, then its PDF's text (made by run.sh).
// Usage: node sharing.mjs SITE_DIR OUT_DIR
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [site, out] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const progress = JSON.parse(fs.readFileSync(path.join(site, 'progress.json'), 'utf8'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-sharing-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function mermaid() {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body><div id="chart"></div></body></html>');
  await page.addScriptTag({ path: path.join(here, 'node_modules/mermaid/dist/mermaid.min.js') });
  const text = fs.readFileSync(path.join(site, 'export/roadmap.mmd'), 'utf8');
  const drawn = await page.evaluate(async (text) => {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'loose', flowchart: { htmlLabels: true } });
    const parsed = await window.mermaid.parse(text);
    const { svg } = await window.mermaid.render('roadmap', text);
    document.getElementById('chart').innerHTML = svg;
    const nodes = [...document.querySelectorAll('#chart .node')];
    return {
      type: parsed.diagramType,
      nodes: nodes.length,
      done: document.querySelectorAll('#chart .node.done').length,
      labels: nodes.map((n) => n.textContent.trim()),
    };
  }, text);
  assert.equal(drawn.type, 'flowchart-v2');
  assert.ok(/ -\. requires \.-> /.test(text), 'the export holds a requirement');
  assert.equal(drawn.nodes, progress.topics.length + 1, 'a box per topic and the root');
  const done = progress.topics.filter((t) => t.status === 'done').length;
  assert.equal(drawn.done, done, 'done topics have the done class');
  for (const t of progress.topics) {
    assert.ok(drawn.labels.some((l) => l.startsWith(t.title)), `mermaid drew ${t.title}`);
  }
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.locator('#chart svg').screenshot({ path: path.join(out, 'mermaid.png') });
  console.log(`mermaid parsed and drew ${drawn.nodes} boxes, ${drawn.done} done`);
  await page.close();
}

async function card() {
  for (const name of ['card.svg', 'card-dark.svg']) {
    const file = path.join(site, 'badges', name);
    const size = fs.statSync(file).size;
    assert.ok(size < 10 * 1024, `${name} is ${size} B`);
    for (const scale of [1, 2]) {
      const page = await browser.newPage({ deviceScaleFactor: scale });
      await page.goto(`file://${path.dirname(file)}/`);
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0"><img id="card" src="file://${file}" alt=""></body></html>`);
      const img = await page.evaluate(async () => {
        const i = document.getElementById('card');
        await i.decode();
        return { w: i.naturalWidth, h: i.naturalHeight };
      });
      assert.equal(img.w, 480, `${name} draws 480 wide`);
      assert.ok(img.h > 100, `${name} is ${img.h} high`);
      const shot = path.join(out, `${name.replace('.svg', '')}@${scale}x.png`);
      await page.locator('#card').screenshot({ path: shot });
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const named = await page.evaluate(() => {
      const svg = document.documentElement;
      const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
      return {
        role: svg.getAttribute('role'),
        name: ids.map((id) => document.getElementById(id)?.textContent || '').join(' '),
      };
    });
    await page.close();
    assert.equal(named.role, 'img');
    assert.ok(named.name.includes(`${progress.percent}% done`), named.name);
    console.log(`${name}: ${size} B; read as "${named.name.slice(0, 90)}…"`);
  }
}

async function printEdition() {
  const page = await browser.newPage({ viewport: { width: 673, height: 1000 } });
  await page.emulateMedia({ media: 'print' });
  await page.goto(`file://${path.join(site, 'print/index.html')}`);
  const seen = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .map((e) => `${e.tagName} ${e.textContent.slice(0, 40)}`);
    const external = document.querySelector('.notes a[href^="http"]');
    const rebased = document.querySelector('.notes a[href^="#t-"]');
    return {
      overflow,
      scripts: document.querySelectorAll('script').length,
      navs: [...document.querySelectorAll('nav')].map((n) => n.className),
      after: external && getComputedStyle(external, '::after').content,
      href: external && external.getAttribute('href'),
      internal: [...document.querySelectorAll('a[href^="#"]')]
        .filter((a) => !document.getElementById(a.getAttribute('href').slice(1)))
        .map((a) => a.getAttribute('href')),
      rebased: rebased && rebased.getAttribute('href'),
      images: [...document.images].map((i) => i.naturalWidth),
      breaks: [...document.querySelectorAll('.topic.depth-1')].map((s) => getComputedStyle(s).breakBefore),
    };
  });
  await page.close();
  assert.deepEqual(seen.overflow, [], 'nothing runs off the page');
  assert.equal(seen.scripts, 0);
  assert.deepEqual(seen.navs, ['contents']);
  assert.ok(seen.after.includes(seen.href), `the address follows the link: ${seen.after}`);
  assert.deepEqual(seen.internal, [], 'every link inside the page has its target');
  assert.ok(seen.rebased, 'a link to another topic points into the page');
  assert.ok(seen.images.length > 0 && seen.images.every((w) => w > 0), 'pictures load');
  assert.ok(seen.breaks.every((b) => b === 'page'), 'each section starts a page');

  const info = fs.readFileSync(path.join(out, 'pdfinfo.txt'), 'utf8');
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const sections = progress.topics.filter((t) => t.depth === 1).length;
  assert.ok(pages >= sections + 1, `${pages} pages for ${sections} sections and the contents`);
  const text = fs.readFileSync(path.join(out, 'print.txt'), 'utf8').replace(/\s+/g, ' ');
  for (const t of progress.topics) {
    assert.ok(text.includes(t.title.replace(/\s+/g, ' ')), `the PDF holds ${t.title}`);
  }
  assert.ok(text.includes('https://git-scm.com/docs/git-rebase'), 'the address is printed');
  // The contents' links became links to pages inside the PDF.
  const pdf = fs.readFileSync(path.join(out, 'print.pdf')).toString('latin1');
  const targets = (pdf.match(/\/Dest\b/g) || []).length;
  assert.ok(targets >= progress.topics.length, `${targets} link targets inside the PDF`);
  console.log(`print edition: ${pages} pages, every one of ${progress.topics.length} titles, nothing cut off`);
}

try {
  await mermaid();
  await card();
  await printEdition();
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
