// Embedding: a host page on a second local origin embeds a widget by iframe snippet and by
// script tag; the iframe grows to the widget's height, and a height message from anything other
// than the widget's own iframe is ignored. Host pages as they are in the field: two embeds of the
// same chart, a strict Content-Security-Policy, another site (`localhost` is not the same site as
// `127.0.0.1`) whose iframes the browser denies storage. Also the builder page.
import { FrameLocator, Page } from '@playwright/test';
import * as http from 'http';
import { AddressInfo } from 'net';
// The shared guard (a console error or a request to another host fails the test) runs here too.
import { test as base, expect, axeViolations } from './fixtures';

const app = process.env.SIJIL_BASE_URL ?? 'http://127.0.0.1:8080';

/** Serves `html` at / on a second origin (another port; `localhost` for another site) for the
 * duration of a test, with any extra response headers (a Content-Security-Policy). */
async function host(html: string, headers: Record<string, string> = {}, hostname = '127.0.0.1'): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://${hostname}:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const page2 = (body: string) => `<!doctype html><html lang="en"><head><title>Host</title></head><body><h1>News story</h1>${body}<p>after</p></body></html>`;

/** The widget's `<main>` in a frame, once the app has taken over the served page: until then
 * the frame holds two (the served one, and the app's own, hidden). */
async function widgetMain(frame: FrameLocator) {
  await expect(frame.locator('main[data-served]')).toHaveCount(0, { timeout: 15000 });
  return frame.locator('main');
}

/** Each iframe's height on the host page and its widget's height inside it. */
async function heights(page: Page) {
  const out: { outer: number; inner: number }[] = [];
  const frames = page.locator('iframe');
  for (let i = 0; i < (await frames.count()); i++) {
    const outer = (await frames.nth(i).boundingBox())!.height;
    const main = await widgetMain(page.frameLocator('iframe').nth(i));
    const inner = await main.evaluate((m) => m.getBoundingClientRect().height);
    out.push({ outer, inner });
  }
  return out;
}

const test = base.extend<{ foreign: string[] }>({
  foreign: async ({ page }, use) => {
    const appHost = new URL(app).host;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol.startsWith('http') && u.host !== appHost && !['127.0.0.1', 'localhost'].includes(u.hostname)) foreign.push(r.url());
    });
    await use(foreign);
    expect(foreign).toEqual([]);
  },
});

/** What a reader of a widget page sees matching `sel`: until the app takes over, the page holds
 * the server's widget and the app's, built inert in a box of no height (which Playwright's
 * `:visible` does not see as hidden); once taken over, the app's alone. */
const shown = (sel: string) => `main:not([inert]) ${sel}`;

async function snippetFromBuilder(page: Page, which: 'iframe' | 'script' | 'csp'): Promise<string> {
  await page.goto(`${app}/embed?lang=en`);
  await page.getByLabel('Chart').selectOption('parties');
  await page.getByLabel('Month').selectOption('2021-02');
  await page.getByLabel('Language').selectOption('en');
  return page.locator(`#snip-${which}`).inputValue();
}

test('builder: live preview and snippets, no axe violations', async ({ page, foreign }) => {
  const snippet = await snippetFromBuilder(page, 'iframe');
  expect(snippet).toContain('w=parties');
  expect(snippet).toContain('month=2021-02');
  await expect(page.locator('.preview iframe')).toHaveAttribute('src', /^\/widget\/parties\/\?w=parties&month=2021-02/);
  const preview = page.frameLocator('.preview iframe');
  await expect(preview.locator(shown('#parties-svg'))).toContainText('110');
  expect(await axeViolations(page)).toEqual([]);
  expect(foreign).toEqual([]);
});

test('builder: notes can be hidden, in the snippets and the preview', async ({ page }) => {
  await snippetFromBuilder(page, 'iframe');
  // Until the app takes over, the frame holds the server's widget and the app's: the reader
  // sees one, so these look at what is shown (the preview also reloads below).
  const preview = page.frameLocator('.preview iframe');
  // February 2021's perpetrators do not add up to its total: the widget says so in a note.
  await expect(preview.locator(shown('ul.notes'))).toBeVisible();
  await page.getByLabel('Notes', { exact: true }).selectOption('off');
  for (const which of ['iframe', 'csp', 'script']) {
    await expect(page.locator(`#snip-${which}`)).toHaveValue(/notes=off|data-notes="off"/);
  }
  await expect(page.locator('.preview iframe')).toHaveAttribute('src', /notes=off/);
  await expect(preview.locator(shown('#parties-svg'))).toContainText('110');
  await expect(preview.locator(shown('ul.notes'))).toHaveCount(0);
  await page.getByLabel('Notes', { exact: true }).selectOption('on');
  await expect(page.locator('#snip-iframe')).not.toHaveValue(/notes=off/);
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
      await expect(page.frameLocator('iframe').locator(shown('#parties-svg'))).toContainText('110');
      // The widget posts its height; the host resizes the iframe away from the reserved 360 px.
      await expect.poll(async () => (await frame.boundingBox())!.height, { timeout: 10000 }).not.toBe(360);
      const main = await widgetMain(page.frameLocator('iframe'));
      const inner = await main.evaluate((m) => m.getBoundingClientRect().height);
      const outer = (await frame.boundingBox())!.height;
      expect(Math.abs(outer - inner)).toBeLessThan(2);
      // A message from the host page itself (wrong source) is ignored.
      // Listeners run in the order they were added: once ours has it, embed.js has seen it.
      await page.evaluate(() => new Promise<void>((r) => {
        const mine = (e: MessageEvent) => {
          if (e.source === window) { window.removeEventListener('message', mine); r(); }
        };
        window.addEventListener('message', mine);
        window.postMessage({ type: 'sijil:height', height: 5 }, '*');
      }));
      expect((await frame.boundingBox())!.height).toBeGreaterThan(100);
    } finally {
      await h.close();
    }
    expect(foreign).toEqual([]);
  });
}

test('two iframe embeds of the same chart on one page both fit their widget', async ({ page, foreign }) => {
  const snippet = await snippetFromBuilder(page, 'iframe');
  const h = await host(page2(`${snippet}<p>between</p>${snippet}`));
  try {
    await page.goto(h.url);
    await expect(page.locator('iframe')).toHaveCount(2);
    for (let i = 0; i < 2; i++) await expect(page.frameLocator('iframe').nth(i).locator(shown('#parties-svg'))).toContainText('110');
    await expect.poll(async () => (await heights(page)).every((x) => Math.abs(x.outer - x.inner) < 2), { timeout: 10000 }).toBe(true);
    expect((await heights(page)).every((x) => x.outer > 400)).toBe(true);
  } finally {
    await h.close();
  }
  expect(foreign).toEqual([]);
});

test('a host page with a strict CSP embeds with the builder\'s strict-CSP snippet, twice', async ({ page, foreign }) => {
  await page.goto(`${app}/embed?lang=en`);
  // The builder says which snippet is for such pages, and what the policy must allow.
  await expect(page.locator('.which')).toContainText('Content-Security-Policy');
  await expect(page.locator('.which')).toContainText(new URL(app).origin);
  const snippet = await snippetFromBuilder(page, 'csp');
  expect(snippet).not.toMatch(/<script>|style=/);
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => violations.push(String(e)));
  // Another site, and a policy with no inline script or style at all: only the widget's
  // origin may run a script or be framed.
  const origin = new URL(app).origin;
  const h = await host(page2(`${snippet}<p>between</p>${snippet}`), {
    'content-security-policy': `default-src 'none'; script-src ${origin}; frame-src ${origin}; style-src 'self'`,
  }, 'localhost');
  try {
    await page.goto(h.url);
    await expect(page.locator('iframe')).toHaveCount(2);
    for (let i = 0; i < 2; i++) await expect(page.frameLocator('iframe').nth(i).locator(shown('#parties-svg'))).toContainText('110');
    await expect.poll(async () => (await heights(page)).every((x) => Math.abs(x.outer - x.inner) < 2 && x.outer > 400), { timeout: 10000 }).toBe(true);
    // The frames have no border and take the column's width.
    await expect(page.locator('iframe').first()).toHaveCSS('border-top-width', '0px');
    expect(violations).toEqual([]);
  } finally {
    await h.close();
  }
  expect(foreign).toEqual([]);
});

test('the builder previews the widget at its real height, and at a phone\'s width', async ({ page, foreign }) => {
  // An editor's screen, wider than the phone preview.
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.goto(`${app}/embed?lang=en`);
  await page.getByLabel('Chart').selectOption('parties');
  const frame = page.locator('.preview iframe');
  await expect(page.frameLocator('.preview iframe').locator(shown('#parties-svg'))).toBeVisible();
  const main = await widgetMain(page.frameLocator('.preview iframe'));
  const inner = () => main.evaluate((m) => m.getBoundingClientRect().height);
  await expect.poll(async () => Math.abs((await frame.boundingBox())!.height - (await inner())), { timeout: 10000 }).toBeLessThan(2);
  await page.getByLabel('Phone (360 px)').check();
  await expect.poll(async () => (await frame.boundingBox())!.width).toBe(360);
  // Narrower, the widget is taller, and the frame follows it.
  await expect.poll(async () => Math.abs((await frame.boundingBox())!.height - (await inner())), { timeout: 10000 }).toBeLessThan(2);
  await page.screenshot({ path: 'tests/e2e/test-results/screens/builder-phone-preview.png', fullPage: true });
  await page.getByLabel('Page width').check();
  await expect.poll(async () => (await frame.boundingBox())!.width).toBeGreaterThan(360);
  expect(foreign).toEqual([]);
});

test('on another site, where the browser denies the iframe storage, the widget works and logs no error', async ({ page, foreign }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const snippet = await snippetFromBuilder(page, 'script');
  const h = await host(page2(snippet), {}, 'localhost');
  try {
    await page.goto(h.url);
    const widget = page.frameLocator('iframe');
    await expect(widget.locator(shown('#parties-svg'))).toContainText('110');
    // The condition under test: this browser refuses the third-party frame its storage and
    // its service worker (Chromium does so for another site's frames).
    const frame = page.frames().find((f) => f.url().includes('/widget/parties/'))!;
    expect(await frame.evaluate(() => { try { localStorage.length; return 'allowed'; } catch (e) { return (e as Error).name; } })).toBe('SecurityError');
    expect(await frame.evaluate(() => navigator.serviceWorker.register('/sw.js').then(() => 'registered', (e) => e.name))).not.toBe('registered');
    // Nothing may go wrong from the refusals (a check over a period, so a fixed wait): no
    // error logged, now or in the moment after.
    await page.waitForTimeout(500);
    expect(errors).toEqual([]);
  } finally {
    await h.close();
  }
  expect(foreign).toEqual([]);
});
