// The chart in the HTML, then the app takes that page over (issue 16, "Charts in the HTML";
// crates/sijil-server/src/widget_page.rs writes the page, src/widgets/page.rs takes it over).
//
// Before any script has run, a widget permalink shows its chart, title, summary, notes and
// source line. When the wasm is in (the feed is in the page), the app builds its widget, laid out
// but in a box of no height, beside the server's and then swaps the two in one task: the server's chart drawing is moved
// into the app's <svg> (the same node, not drawn again) when the app would draw the same, no
// frame shows two widgets or none on screen, nothing shifts (CLS 0, from a PerformanceObserver),
// and every interaction works afterwards.
import * as fs from 'fs';
import { test, expect, snap, scrollsHorizontally } from './fixtures';
import type { Page } from '@playwright/test';

/** Before any page script: layout shifts (buffered, so from the first paint), the number of
 * widgets on screen (rendered and not clipped to nothing: not the app's, built in a box of no height before the swap) at every animation frame once the server's chart drawing is parsed (or
 * the document is), and that drawing's node. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    w.sijilShift = 0;
    w.sijilFrames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) w.sijilShift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // Rendered, and not inside a box that clips it to nothing (the app builds its widget in
    // a box of no height that hides what overflows it).
    const shown = (f: Element) => {
      if (!f.checkVisibility()) return false;
      for (let e: Element | null = f; e; e = e.parentElement) {
        if (getComputedStyle(e).overflow !== 'visible' && e.getBoundingClientRect().height === 0) return false;
      }
      return true;
    };
    const tick = () => {
      w.sijilServed ??= document.querySelector('main[data-served] g[data-drawn]');
      w.sijilServedTexts ??= w.sijilServed && [...w.sijilServed.querySelectorAll('text')];
      if (w.sijilServed || document.readyState !== 'loading') w.sijilFrames.push([...document.querySelectorAll('figure.widget')].filter(shown).length);
      if (w.sijilFrames.length < 3000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // Every line the server drew is in the app's <svg> `sel`, the same node.
    w.servedLinesIn = (sel: string) => {
      const svg = document.querySelector(sel);
      const lines: Element[] = w.sijilServedTexts ?? [];
      return !!svg && lines.length > 0 && lines.every((t) => svg.contains(t));
    };
  });
}

/** Holds the page's wasm back until `release()`: the app cannot take over before. */
async function holdWasm(page: Page) {
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return () => release();
}

/** Waits two frames, so the last frames' samples and shifts are in. */
const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('Arabic parties: the chart is in the HTML, then taken over without a second drawing, a shift or a flash', async ({ page, guard }) => {
    guard.awaitTakeover = false;
    await watch(page);
    const release = await holdWasm(page);
    await page.goto('/widget/parties/?w=parties&month=2021-02&lang=ar');
    // The server's page, before the app's code is in.
    const served = page.locator('main[data-served]');
    await expect(served).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('#parties-svg')).toBeVisible();
    await expect(page.locator('#parties-svg')).toContainText('١١٠');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('الضحايا حسب الجهة المسؤولة');
    await expect(page.locator('#parties-summary')).toContainText('١٣٨');
    await expect(page.locator('.notes')).toBeVisible();
    await expect(page.locator('.source')).toBeVisible();
    // No loading line, no second widget: the reader sees the chart and nothing else.
    await expect(page.getByRole('status')).toHaveCount(0);
    await expect(page.locator('figure.widget')).toHaveCount(1);
    // Its buttons wait for the app (they say so; a click waits).
    await expect(page.getByRole('button', { name: 'عرض الجدول' })).toBeDisabled();
    await snap(page, 'takeover-before-ar-360-parties');
    const before = await page.locator('#parties-svg').boundingBox();

    release();
    await expect(served).toHaveCount(0);
    await frames(page);
    // The same drawing's nodes, moved into the app's <svg>: not parsed, not drawn again. The
    // ranking is mounted in pieces (each in a slot of its own, so that an expand keeps the
    // rows it does not change): the server's lines are moved into them.
    expect(await page.evaluate(() => (window as any).servedLinesIn('#parties-svg'))).toBe(true);
    expect(await page.locator('#parties-svg').boundingBox()).toEqual(before);
    // Exactly one widget in every frame from the first to now, and nothing shifted.
    const seen = await page.evaluate(() => (window as any).sijilFrames as number[]);
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen)).toEqual(new Set([1]));
    expect(await page.evaluate(() => (window as any).sijilShift)).toBe(0);

    // Interactions after the takeover: keyboard marks, breakdown, table, CSV.
    const marks = page.locator('#parties-svg .marks > rect');
    await expect(marks).toHaveCount(6);
    await marks.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-i'))).toBe('1');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('١٩');
    await page.getByRole('button', { name: /عرض التفاصيل/ }).first().click();
    await expect(page.locator('#parties-svg')).toContainText('١٦');
    // The breakdown adds its sub-lines; the server's lines above and below it stay.
    expect(await page.evaluate(() => (window as any).servedLinesIn('#parties-svg'))).toBe(true);
    await expect(page.locator('#parties-svg text')).toHaveCount(12);
    await page.getByRole('button', { name: 'عرض الجدول' }).click();
    await expect(page.locator('table')).toContainText('ألغام مجهولة المصدر');
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'تنزيل CSV' }).click()]);
    expect(fs.readFileSync((await d.path())!, 'utf8')).toContain('جهات أخرى,110,19,10');
    expect(await scrollsHorizontally(page)).toBe(false);
    await snap(page, 'takeover-after-ar-360-parties');
  });

  // An embed's page has narrower padding: the server draws for a phone-wide frame, so an embed
  // on a phone is taken over without drawing its chart again either.
  for (const [path, svg] of [['/widget/series/?w=trend&lang=en&embed=1', '#trend-svg'], ['/widget/parties/?w=parties&lang=ar&embed=1', '#parties-svg']]) {
    test(`an embed at a phone's width keeps the server's drawing (${path})`, async ({ page }) => {
      await watch(page);
      await page.goto(path);
      await frames(page);
      expect(await page.evaluate((sel) => {
        const w = window as any;
        // The ranking is mounted in pieces: the server's lines are moved into them.
        if (sel === '#parties-svg') return (window as any).servedLinesIn(sel);
        return w.sijilServed !== null && w.sijilServed.isConnected && document.querySelector(`${sel} g[data-drawn]`) === w.sijilServed;
      }, svg)).toBe(true);
      expect(await page.evaluate(() => (window as any).sijilShift)).toBe(0);
    });
  }

  test('without its wasm the page still shows the chart, title, summary, notes and source', async ({ page, guard }) => {
    guard.awaitTakeover = false;
    // The module script fails to instantiate: that is the point here.
    guard.expectedConsole.push(/wasm|WebAssembly|Failed to load|fetch/i);
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto('/widget/series/?w=trend&lang=en&range=2021');
    await expect(page.locator('#trend-svg path').first()).toBeVisible();
    await expect(page.locator('.sub')).toHaveText('January 2021 – December 2021');
    await expect(page.locator('#trend-summary')).toContainText('2021');
    await expect(page.locator('.source')).toContainText('Syrian Network for Human Rights');
    await expect(page.locator('select')).toBeDisabled();
    await snap(page, 'takeover-nowasm-en-360-trend');
  });

  test('English trend: taken over, then the keyboard, a new range, the table and the downloads work', async ({ page, guard }) => {
    guard.awaitTakeover = false;
    await watch(page);
    await page.goto('/widget/series/?w=trend&lang=en&range=2021');
    await expect(page.locator('main[data-served]')).toHaveCount(0);
    await frames(page);
    expect(await page.evaluate(() => document.querySelector('#trend-svg g[data-drawn]') === (window as any).sijilServed)).toBe(true);
    expect(new Set(await page.evaluate(() => (window as any).sijilFrames as number[]))).toEqual(new Set([1]));
    expect(await page.evaluate(() => (window as any).sijilShift)).toBe(0);
    const bands = page.locator('#trend-svg .marks > rect');
    await expect(bands).toHaveCount(12);
    await bands.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.tip')).toContainText('February 2021');
    await page.locator('select').selectOption('all');
    await expect(bands).toHaveCount(48);
    await expect(page.locator('#trend-svg g[data-drawn]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show table' }).click();
    await expect(page.locator('table tbody tr')).toHaveCount(48);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG' }).click()]);
    expect(fs.readFileSync((await d.path())!, 'utf8')).toContain('<svg');
    await snap(page, 'takeover-after-en-360-trend');
  });
});

test('on a wide screen the app draws at its own width, still in one render with nothing shifted', async ({ page, guard }) => {
  guard.awaitTakeover = false;
  await page.setViewportSize({ width: 1280, height: 800 });
  await watch(page);
  await page.goto('/widget/governorates/?w=governorates&month=2021-02&lang=en');
  await expect(page.locator('main[data-served]')).toHaveCount(0);
  await frames(page);
  // Drawn for a phone by the server, so drawn again here at the page's width.
  await expect(page.locator('#governorates-svg g[data-drawn]')).toHaveCount(0);
  expect(Number(await page.locator('#governorates-svg').getAttribute('width'))).toBeGreaterThan(336);
  expect(new Set(await page.evaluate(() => (window as any).sijilFrames as number[]))).toEqual(new Set([1]));
  expect(await page.evaluate(() => (window as any).sijilShift)).toBe(0);
  await page.locator('#governorates-svg .mark').first().click();
  await expect(page.locator('.tip')).toBeVisible();
  // An invalid parameter is read as the app reads it, after the takeover too (until then the
  // app's widget is inert, out of the accessibility tree, beside the server's).
  guard.awaitTakeover = true;
  await page.goto('/widget/parties/?month=1999-01&lang=en');
  await expect(page.getByRole('status')).toContainText('January 1999');
});
