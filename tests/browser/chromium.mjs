// Debian's headless Chromium, started the same way by the browser test, the visual QA
// (tests/visual/qa.mjs) and bench/preview.mjs: a fresh profile (Playwright passes it as
// --user-data-dir) in a temporary folder, removed by `close`. CHROMIUM names another binary.
// It imports nothing from npm itself: playwright-core is resolved from the caller's folder
// (`from`, a module URL; this folder by default), so each suite uses its own node_modules.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Chromium's flags for a quiet, offline, sandbox-free headless run. */
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A browser context with a fresh profile; `close()` also removes the profile.
 * `options.from`: the module URL whose node_modules hold playwright-core;
 * any other option is a Playwright context option (`javaScriptEnabled`, …).
 */
export async function launch(viewport, { from = import.meta.url, ...context } = {}) {
  const { chromium } = createRequire(from)('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-browser-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport,
    ...context,
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return browser;
}
