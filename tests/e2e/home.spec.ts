// The landing page: loads from the release build, in Arabic (RTL) by default and in English,
// switches language, passes axe, and never scrolls sideways at 360 px.
import * as net from 'net';
import { test, expect, axeViolations, snap, scrollsHorizontally } from './fixtures';

test('home page loads in Arabic, right to left, with no third-party request', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.locator('h1')).toHaveText('سجل');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsHorizontally(page)).toBe(false);
  await snap(page, `home-ar-${info.project.name}`);
});

test('language switch goes to English and back without reloading', async ({ page }, info) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('h1')).toHaveText('Sijil');
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, `home-en-${info.project.name}`);
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
});

test('?lang=en permalink opens in English', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Family form' })).toBeVisible();
});

/** Sends one raw HTTP request (no client-side URL normalization) and returns the response. */
function rawGet(target: string): Promise<string> {
  const u = new URL(process.env.SIJIL_BASE_URL ?? 'http://127.0.0.1:8080');
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port), u.hostname, () =>
      sock.write(`GET ${target} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`),
    );
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
  });
}

test('server answers health, refuses path traversal and serves the sample feed', async ({ request }) => {
  expect((await request.get('/healthz')).status()).toBe(200);
  for (const evil of ['/%2e%2e/%2e%2e/etc/passwd', '/../../etc/passwd', '/data/..%2f..%2f..%2fetc/passwd']) {
    const res = await rawGet(evil);
    expect(res.split('\r\n')[0], evil).toMatch(/^HTTP\/1\.1 400/);
    expect(res).not.toContain('root:');
  }
  const feed = await request.get('/data/feed.json');
  expect(feed.status()).toBe(200);
  expect((await feed.json()).format).toBe('sijil-monthly-tallies');
});
