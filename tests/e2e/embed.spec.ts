// Embedding: a host page on a second local origin embeds a widget by iframe snippet and by
// script tag; the iframe grows to the widget's height, and a height message from anything other
// than the widget's own iframe is ignored. Also the builder page.
import { test as base, expect } from '@playwright/test';
import * as http from 'http';
import { AddressInfo } from 'net';
import { axeViolations } from './fixtures';

const app = process.env.SIJIL_BASE_URL ?? 'http://127.0.0.1:8080';

/** Serves `html` at / on a second origin (another port) for the duration of a test. */
async function host(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const test = base.extend<{ foreign: string[] }>({
  foreign: async ({ page }, use) => {
    const appHost = new URL(app).host;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith('http') && u.host !== appHost && u.hostname !== '127.0.0.1') foreign.push(r.url());
    });
    await use(foreign);
    expect(foreign).toEqual([]);
  },
});

async function snippetFromBuilder(page: any, which: 'iframe' | 'script'): Promise<string> {
  await page.goto(`${app}/embed?lang=en`);
  await page.getByLabel('Chart').selectOption('parties');
  await page.getByLabel('Month').selectOption('2021-02');
  await page.getByLabel('Language').selectOption('en');
  return page.locator(which === 'iframe' ? '#snip-iframe' : '#snip-script').inputValue();
}

test('builder: live preview and snippets, no axe violations', async ({ page, foreign }) => {
  const snippet = await snippetFromBuilder(page, 'iframe');
  expect(snippet).toContain('w=parties');
  expect(snippet).toContain('month=2021-02');
  await expect(page.locator('.preview iframe')).toHaveAttribute('src', /^\/widget\/parties\/\?w=parties&month=2021-02/);
  const preview = page.frameLocator('.preview iframe');
  await expect(preview.locator('#parties-svg')).toContainText('110');
  expect(await axeViolations(page)).toEqual([]);
  expect(foreign).toEqual([]);
});

for (const which of ['iframe', 'script'] as const) {
  test(`${which} embed on a second origin adjusts its height`, async ({ page, foreign }) => {
    const snippet = await snippetFromBuilder(page, which);
    const h = await host(`<!doctype html><html lang="en"><head><title>Host</title></head><body><h1>News story</h1>${snippet}<p>after</p></body></html>`);
    try {
      await page.goto(h.url);
      const frame = page.locator('iframe');
      await expect(frame).toHaveAttribute('loading', 'lazy');
      await expect(frame).toHaveAttribute('title', /.+/);
      // Straight to the parties page (no redirect through /widget).
      await expect(frame).toHaveAttribute('src', /\/widget\/parties\/\?w=parties&/);
      await expect(page.frameLocator('iframe').locator('#parties-svg')).toContainText('110');
      // The widget posts its height; the host resizes the iframe away from the reserved 360 px.
      await expect.poll(async () => (await frame.boundingBox())!.height, { timeout: 10000 }).not.toBe(360);
      const inner = await page.frameLocator('iframe').locator('main').evaluate((m) => m.getBoundingClientRect().height);
      const outer = (await frame.boundingBox())!.height;
      expect(Math.abs(outer - inner)).toBeLessThan(2);
      // A message from the host page itself (wrong source) is ignored.
      await page.evaluate(() => window.postMessage({ type: 'sijil:height', height: 5 }, '*'));
      await page.waitForTimeout(200);
      expect((await frame.boundingBox())!.height).toBeGreaterThan(100);
    } finally {
      await h.close();
    }
    expect(foreign).toEqual([]);
  });
}
