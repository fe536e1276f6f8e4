// Debian's headless Chromium, started the same way by the browser test and bench/preview.mjs:
// a fresh profile (Playwright passes it as --user-data-dir) in a temporary folder, removed by
// `close`. CHROMIUM names another binary.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A browser context with a fresh profile; `close()` also removes the profile. `options`
 * adds to the context's (such as `javaScriptEnabled: false`). */
export async function launch(viewport, options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return context;
}
