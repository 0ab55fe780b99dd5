// The monthly report page as `sijil serve` answers it (crates/sijil-server/src/report_page.rs):
// no script at all, its stylesheets within the 100 KB brotli page budget, readable in Arabic at
// 360 px with nothing scrolling sideways, no accessibility violation, and printable: in print
// the navigation and the embed snippets go, a title stays with what follows it, and a chart or
// table is not split across pages.
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { test, expect, snap, scrollsHorizontally, axeViolations } from './fixtures';
import { startServer, Server } from './server';

let server: Server;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => server.stop());

/** The page's budget (ARCHITECTURE.md, the size gate's widget pages): 100 KB of wasm+JS+CSS. */
const BUDGET = 100 * 1024;

test.describe('report page', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('Arabic at 360 px: no script, within budget, nothing sideways, no axe violation', async ({ page }) => {
    const bodies: { url: string; bytes: number }[] = [];
    page.on('requestfinished', async (req) => {
      const s = await req.sizes();
      bodies.push({ url: req.url(), bytes: s.responseBodySize });
    });
    await page.goto(`${server.url}/report/2021-02/?lang=ar`, { waitUntil: 'networkidle' });
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('١٣٨');
    await expect(page.locator('#parties-svg')).toBeVisible();
    await expect(page.locator('script')).toHaveCount(0);
    const code = bodies.filter((b) => /\.(wasm|js|mjs)(\?|$)/.test(new URL(b.url).pathname));
    expect(code, 'no script or wasm is fetched').toEqual([]);
    const css = bodies.filter((b) => /\.css$/.test(new URL(b.url).pathname));
    expect(css.length).toBeGreaterThan(0);
    const total = css.reduce((a, b) => a + b.bytes, 0);
    expect(total).toBeLessThanOrEqual(BUDGET);
    expect(await scrollsHorizontally(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await snap(page, 'report-ar-360');
  });

  test('print: navigation hidden, sections kept with their titles, an A4 PDF', async ({ page }) => {
    await page.goto(`${server.url}/report/2021-02/?lang=en`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('nav.report-nav')).toBeHidden();
    await expect(page.locator('.report-embed').first()).toBeHidden();
    // A title is never the last line of a printed page, and a chart or table is not split.
    const titles = await page.locator('main h2').evaluateAll((els) =>
      els.map((e) => getComputedStyle(e).breakAfter));
    expect(titles.length).toBeGreaterThan(3);
    for (const b of titles) expect(b).toBe('avoid');
    const blocks = await page.locator('main .chart, main table').evaluateAll((els) =>
      els.map((e) => getComputedStyle(e).breakInside));
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks) expect(b).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // Kept for a person to look at (`pdftoppm -png FILE page`): the test cannot judge a layout.
    const file = path.join(os.tmpdir(), `sijil-report-${process.pid}.pdf`);
    fs.writeFileSync(file, pdf);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    // A4 is 595 × 842 points.
    expect(text).toMatch(/\/MediaBox \[0 0 595(\.\d+)? 841\.9|\/MediaBox \[0 0 595(\.\d+)? 842/);
    const pages = (text.match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(8);
  });
});
