// A widget permalink as `sijil serve` answers it (crates/sijil-server/src/widget_page.rs), read
// with JavaScript disabled: the reader still gets the chart, the title, the summary, the notes,
// the full data table and the CSV as a link, in the asked language and direction, and no button
// that would need the script. (With JavaScript the app takes that page over: takeover.spec.ts.)
import * as fs from 'fs';
import { test, expect, snap, scrollsHorizontally } from './fixtures';
import { startServer, Server } from './server';

let server: Server;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => server.stop());

test.describe('JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  test.beforeEach(({ guard }) => {
    guard.awaitTakeover = false;
  });

  test('Arabic at 360 px: the chart, title, summary, notes, full table and a CSV link', async ({ page }) => {
    await page.goto(`${server.url}/widget/parties/?w=parties&month=2021-02&lang=ar`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('#parties-svg')).toBeVisible();
    await expect(page.locator('#parties-svg text').first()).toContainText('١');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('#parties-summary')).toBeVisible();
    await expect(page.locator('#parties-summary')).toContainText('١٣٨');
    await expect(page.locator('.notes')).toBeVisible();
    // The English-only note keeps its own language and direction.
    await expect(page.locator('.notes [lang="en"][dir="ltr"]')).toBeVisible();
    const table = page.locator('table');
    await expect(table).toBeVisible();
    await expect(table).toContainText('ألغام مجهولة المصدر');
    await expect(table).toContainText('١١٠');
    // No button that would need a script is offered.
    for (const b of await page.locator('button').all()) await expect(b).toBeHidden();
    const link = page.getByRole('link', { name: 'تنزيل CSV' });
    await expect(link).toHaveAttribute('download', 'sijil-parties-2021-02.csv');
    const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = fs.readFileSync((await d.path())!, 'utf8');
    expect(csv).toContain('جهات أخرى,110,19,10');
    expect(await scrollsHorizontally(page)).toBe(false);
    await snap(page, 'nojs-ar-360-parties');
  });

  test('English trend: the drawn series for the range asked, and its table of months', async ({ page }) => {
    await page.goto(`${server.url}/widget/series/?w=trend&range=2021&lang=en`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('#trend-svg path').first()).toBeVisible();
    await expect(page.locator('.sub')).toHaveText('January 2021 – December 2021');
    await expect(page.locator('table tbody tr')).toHaveCount(12);
    await snap(page, 'nojs-en-360-trend');
  });

  test('an unknown month is said as the app says it', async ({ page }) => {
    await page.goto(`${server.url}/widget/parties/?month=1999-01&lang=en`);
    await expect(page.getByRole('status')).toContainText('January 1999');
    await expect(page.locator('svg')).toHaveCount(0);
  });
});
