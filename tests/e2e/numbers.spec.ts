// Numbers as the browser's own `Intl` writes them. src/format.rs groups counts by itself (the
// two digit systems' CLDR answers) instead of asking `Intl.NumberFormat`, whose first use on a
// page is one of the longest tasks of a widget's start; this checks that the app's numbers are
// still the browser's, in each language and digit system, and that the server's page (written
// natively) and the app write them alike: the app moves the server's chart drawing into its own
// <svg> only when it would draw exactly the same.
import * as fs from 'fs';
import * as path from 'path';
import { test, expect } from './fixtures';
import { startServer, writeTemp, Server } from './server';

const BIG = 1234567;
let s: Server;
test.beforeAll(async () => {
  // The minimal fixture with a seven-digit February: grouped twice in every digit system.
  const file = path.join(__dirname, '../../crates/sijil-core/tests/feeds/good-minimal.json');
  const feed = JSON.parse(fs.readFileSync(file, 'utf8'));
  const feb = feed.months.find((m: { month: string }) => m.month === '2021-02');
  feb.civilians.total = BIG;
  feb.by_party[0].total = BIG;
  s = await startServer(['--feed', writeTemp('big-numbers.json', JSON.stringify(feed))]);
});
test.afterAll(async () => {
  await s?.stop();
});

// The width the server draws for (a phone's): at another width the app draws anew.
test.use({ viewport: { width: 360, height: 740 } });

for (const lang of ['ar', 'en'] as const) {
  for (const digits of ['arab', 'latn'] as const) {
    test(`counts are grouped as the browser's Intl groups them (${lang}, ${digits})`, async ({ page }) => {
      // The server's drawing node, caught before the app takes the page over.
      await page.addInitScript(() => {
        const tick = () => {
          const w = window as any;
          w.sijilServed ??= document.querySelector('main[data-served] g[data-drawn]');
          w.sijilServedTexts ??= w.sijilServed && [...w.sijilServed.querySelectorAll('text')];
          if (!w.sijilServed) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.goto(`${s.url}/widget/parties/?w=parties&month=2021-02&lang=${lang}&digits=${digits}`);
      const intl = await page.evaluate(([locale, n]) => new Intl.NumberFormat(locale as string).format(n as number),
        [`${lang}-u-nu-${digits}`, BIG]);
      expect(intl).toMatch(digits === 'arab' ? /^١.٢٣٤.٥٦٧$/ : /^1.234.567$/);
      await expect(page.locator('#parties-svg')).toContainText(intl);
      await expect(page.locator('#parties-summary')).toContainText(intl);
      await page.getByRole('button', { name: lang === 'ar' ? 'عرض الجدول' : 'Show table' }).click();
      await expect(page.locator('table')).toContainText(intl);
      // The app drew what the server drew, to the byte: it kept the server's lines, the same
      // nodes (the ranking is taken in pieces, each the server's).
      expect(await page.evaluate(() => {
        const w = window as any;
        const svg = document.querySelector('#parties-svg');
        const lines: Element[] = w.sijilServedTexts ?? [];
        return !!svg && lines.length > 0 && lines.every((t) => svg.contains(t));
      })).toBe(true);
    });
  }
}
