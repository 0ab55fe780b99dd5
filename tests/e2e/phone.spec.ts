// A reader on a phone: touch, 360 px. Months of a long series are a few pixels wide, so a
// finger lands near one, not on it: the first tap shows the nearest month's tooltip (and a
// click does not take it away again), dragging scrubs from month to month with the tooltip
// following, and a tap elsewhere closes it. Taps are the browser's own touch input (Playwright's
// touchscreen); the drag and the tap after it go through the DevTools protocol's touch events,
// with their times given so that the finger's pace does not depend on the machine's load. Also the tile map's arrow
// keys, which follow the reading direction as on the other charts.
import { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';

test.use({ hasTouch: true, viewport: { width: 360, height: 740 } });

/** Waits until the widget is interactive and laid out at its final width (the chart is drawn
 * again when its box's width is first measured, which replaces the marks under a finger): its
 * drawings are the same two frames apart. */
async function settled(page: Page) {
  await expect(page.locator('[inert]')).toHaveCount(0);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const drawn = () => [...document.querySelectorAll('svg')].map((s) => s.outerHTML).join();
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const before = drawn();
        await frame();
        await frame();
        return drawn() === before;
      }),
    )
    .toBe(true);
}

/** Listens for the next click (a tap's); the function returned resolves once the page has
 * handled it and drawn a frame after it. */
async function nextClick(page: Page) {
  await page.evaluate(() => {
    (window as any).sijilClicked = new Promise<void>((r) =>
      addEventListener('click', () => requestAnimationFrame(() => r()), { once: true, capture: true }),
    );
  });
  return () => page.evaluate(() => (window as any).sijilClicked);
}

test('a first tap shows the nearest month; dragging scrubs with the tooltip; a tap elsewhere closes it', async ({ page }, info) => {
  await page.goto('/widget/series/?w=trend&lang=en&range=all');
  const svg = page.locator('#trend-svg');
  const bands = svg.locator('.marks > rect');
  await expect(bands).toHaveCount(48);
  await settled(page);
  const box = (await svg.boundingBox())!;
  const y = box.y + box.height * 0.5;
  const tip = page.locator('.tip');
  // The month under a point, by the bands' own boxes.
  const monthAt = (x: number) =>
    bands.evaluateAll((els, x) => {
      const hit = els.find((e) => { const r = e.getBoundingClientRect(); return r.left <= x && x < r.right; });
      return hit?.getAttribute('aria-label')?.split(/ — |:/)[0] ?? null;
    }, x);
  const x0 = box.x + box.width * 0.3;
  const clicked = await nextClick(page);
  await page.touchscreen.tap(x0, y);
  await expect(tip).toBeVisible();
  await expect(tip).toContainText((await monthAt(x0))!);
  // Still there once the tap's click has come and gone.
  await clicked();
  await expect(tip).toBeVisible();
  // Drag sideways: the tooltip follows the finger, month by month.
  const cdp = await page.context().newCDPSession(page);
  // A reader's scrub: the finger moves a month or so per frame, then rests on the month it
  // reads before it lifts (a finger lifted while still moving starts a fling, and Chromium
  // takes the next tap as the one that stops the fling: no click, no focus change).
  let t = Date.now() / 1000;
  const touch = (type: string, x: number | undefined, at: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: x === undefined ? [] : [{ x, y }], timestamp: at });
  const x1 = box.x + box.width * 0.75;
  await touch('touchStart', x0, t);
  for (let k = 1; k <= 12; k++) await touch('touchMove', x0 + ((x1 - x0) * k) / 12, (t += 0.016));
  await expect(tip).toContainText((await monthAt(x1))!);
  // The guide line is drawn through the month under the finger.
  const guide = await svg.locator(':scope > line').boundingBox();
  expect(Math.abs(guide!.x - x1)).toBeLessThan(box.width / 48 + 1);
  await touch('touchEnd', undefined, (t += 0.2));
  await expect(tip).toBeVisible();
  await snap(page, `trend-scrub-${info.project.name}`);
  // A second tap, elsewhere on the page (on the legend), closes it; on the same clock as the
  // drag, a moment after the lift (and never before it: the drag's times may be ahead of now).
  const [tx, ty] = [box.x + 20, box.y - 30 > 0 ? box.y - 30 : 5];
  t = Math.max(t + 0.3, Date.now() / 1000);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: tx, y: ty }], timestamp: t });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: t + 0.05 });
  await expect(tip).toHaveCount(0);
});

test('a first tap on a governorate tile shows its tooltip', async ({ page }) => {
  await page.goto('/widget/governorates/?w=governorates&month=2021-02&lang=en');
  const tile = page.locator('#governorates-svg .mark[data-i="0"]');
  await expect(tile).toBeVisible();
  await settled(page);
  const b = (await tile.boundingBox())!;
  const clicked = await nextClick(page);
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
  // Shown from the press, and still there once the tap's click has come and gone.
  await clicked();
  await expect(page.locator('.tip')).toContainText('Aleppo');
});

for (const lang of ['ar', 'en'] as const) {
  test(`arrow keys on the tile map follow the reading direction (${lang})`, async ({ page }) => {
    await page.goto(`/widget/governorates/?w=governorates&month=2021-02&lang=${lang}`);
    const svg = page.locator('#governorates-svg');
    await expect(svg).toBeVisible();
    await settled(page);
    await svg.locator('.mark[data-i="0"]').focus();
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('data-i'));
    const [forward, back] = lang === 'ar' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
    await page.keyboard.press(forward);
    expect(await active()).toBe('1');
    await page.keyboard.press(forward);
    expect(await active()).toBe('2');
    await page.keyboard.press(back);
    expect(await active()).toBe('1');
  });
}
