// next/'s "Due for review" list is worked out again in the browser from today's date: a
// site built on 2026-12-01 (SOURCE_DATE_EPOCH) is opened with the clock faked to other days,
// and without JavaScript, where the build day's lists and their dates show as text.
// Usage: node review-clock.mjs <built site folder>
import path from 'node:path';
import { launch } from './chromium.mjs';

const [site] = process.argv.slice(2);
if (!site) {
  console.error('usage: node review-clock.mjs <built site folder>');
  process.exit(2);
}
const url = 'file://' + path.resolve(site, 'next', 'index.html');
const failures = [];
const check = (what, got, want) => {
  const ok = JSON.stringify(got) === JSON.stringify(want);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok ? '' : `: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`}`);
  if (!ok) failures.push(what);
};

const lists = (page) => page.evaluate(() => {
  const titles = (sel) => [...document.querySelectorAll(`${sel} li .title`)].map((a) => a.textContent);
  const shown = (sel) => !document.querySelector(sel).hidden;
  return {
    due: titles('.review-due'),
    upcoming: titles('.review-upcoming'),
    noneDue: shown('.review-none'),
    today: document.querySelector('.reviews').dataset.today,
  };
});

const context = await launch({ width: 1000, height: 800 });
try {
  for (const [day, want] of [
    // The build day: what the build put in each list.
    ['2026-12-01', { due: ['Python'], upcoming: ['SQL'], noneDue: false, today: '2026-12-01' }],
    // Nine days later: SQL (due 12-02) has come due too, and nothing is left to come.
    ['2026-12-10', { due: ['Python', 'SQL'], upcoming: [], noneDue: false, today: '2026-12-10' }],
    // The day before: nothing is due yet.
    ['2026-11-30', { due: [], upcoming: ['Python', 'SQL'], noneDue: true, today: '2026-11-30' }],
  ]) {
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(`${day}T12:00:00`));
    await page.goto(url);
    check(`with the clock at ${day}`, await lists(page), want);
    await page.close();
  }
} finally {
  await context.close();
}

// Without JavaScript the build day's lists stay, each review's date written out.
const noJs = await launch({ width: 1000, height: 800 }, { javaScriptEnabled: false });
try {
  const page = await noJs.newPage();
  await page.goto(url);
  check('without JavaScript, the build day\'s lists', await page.evaluate(() => ({
    due: [...document.querySelectorAll('.review-due li .title')].map((a) => a.textContent),
    upcoming: [...document.querySelectorAll('.review-upcoming li .title')].map((a) => a.textContent),
  })), { due: ['Python'], upcoming: ['SQL'] });
  const dates = await page.$$eval('.reviews time', (ts) => ts.map((t) => t.textContent));
  check('without JavaScript, the dates are written as text', dates, ['2026-12-01', '2026-12-01', '2026-12-02']);
} finally {
  await noJs.close();
}
console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
process.exit(failures.length ? 1 : 0);
