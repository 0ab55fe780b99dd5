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

test('a relative who lands on the home page reaches the form, in the language they read', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'افتحوا استمارة الإبلاغ' }).click();
  await expect(page).toHaveURL(/\/form\/\?lang=ar$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1, name: 'الإبلاغ عن ضحية' })).toBeVisible({ timeout: 30000 });
  await page.goto('/?lang=en');
  await page.getByRole('link', { name: 'Open the family form' }).click();
  await expect(page).toHaveURL(/\/form\/\?lang=en$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Report a victim' })).toBeVisible({ timeout: 30000 });
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

test('pages carry a Content-Security-Policy that stops injected scripts; the form cannot be framed', async ({ page, request, guard }) => {
  const form = await request.get('/form/');
  expect(form.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const widget = await request.get('/widget/parties/?w=parties');
  const csp = widget.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+';/);
  const scriptSrc = csp.split(';').find((d: string) => d.trim().startsWith('script-src'));
  expect(scriptSrc).not.toContain('unsafe-inline'); // inline scripts are never allowed wholesale
  expect(csp).toContain('frame-ancestors *'); // widgets are made to be embedded
  // The app still starts (its own loader is allowed by hash), and a script that an escaping bug
  // might let into the page does not run.
  guard.expectedConsole.push(/Content Security Policy/);
  await page.goto('/widget/parties/?w=parties&month=2021-02&lang=en');
  await expect(page.locator('#parties-svg')).toBeVisible({ timeout: 30000 });
  const ran = await page.evaluate(async () => {
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="data:," onerror="window.__pwned = 1">';
    // The image's own handler, if allowed, runs before a listener added after it.
    const settled = new Promise((r) => {
      holder.querySelector('img')!.addEventListener('error', r);
      holder.querySelector('img')!.addEventListener('load', r);
    });
    document.body.append(holder);
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 2';
    document.body.append(s);
    await settled;
    return (window as any).__pwned ?? null;
  });
  expect(ran).toBeNull();
});
