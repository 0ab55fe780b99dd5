// Truth on real-month shapes, where only a browser can tell: the real server serves the field
// fixture (crates/sijil-core/tests/feeds/field/snhr-shapes.json: real SNHR months, February 2022
// with governorates as shares only, January 2021 naming landmines without "other parties",
// March 2021 with one bad governorate line, December 2024 in the shapes).
import * as fs from 'fs';
import * as path from 'path';
import { test, expect, snap } from './fixtures';
import { startServer, Server } from './server';

const FIELD = path.join(__dirname, '../../crates/sijil-core/tests/feeds/field/snhr-shapes.json');

let s: Server;
test.beforeAll(async () => {
  s = await startServer(['--feed', FIELD]);
});
test.afterAll(async () => {
  await s?.stop();
});

for (const lang of ['en', 'ar'] as const) {
  test(`governorates given only as shares: shaded, legend, names whole at 360 px (${lang})`, async ({ page }, info) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${s.url}/widget/governorates/?w=governorates&month=2022-02&lang=${lang}`);
    const svg = page.locator('#governorates-svg');
    await expect(svg.locator('.mark')).toHaveCount(14);
    // The named tiles are shaded (not hatched) and say their share.
    const idleb = svg.getByRole('img', { name: lang === 'en' ? 'Idleb: ~20%' : 'إدلب: ~٢٠٪' });
    await expect(idleb).toHaveCount(1);
    expect(await idleb.locator('rect').getAttribute('fill')).toMatch(/^#[0-9a-f]{6}$/);
    await expect(svg).toContainText(lang === 'en' ? "Shade: share of the month's total" : 'اللون: النسبة من مجموع الشهر');
    // Every name is drawn whole and inside its tile, as the browser measures it.
    const overflow = await svg.locator('.mark').evaluateAll((marks) =>
      marks.flatMap((m) => {
        const tile = (m.querySelector('rect') as SVGGraphicsElement).getBBox();
        const texts = Array.from(m.querySelectorAll('text')) as SVGTextElement[];
        return texts
          .filter((t) => t.getBBox().x < tile.x + 1 || t.getBBox().x + t.getBBox().width > tile.x + tile.width - 1 || t.textContent!.includes('…'))
          .map((t) => `${t.textContent} ${t.getBBox().width.toFixed(1)} > ${tile.width}`);
      }),
    );
    expect(overflow).toEqual([]);
    // The table: a named governorate's missing count is "not published", not "not named".
    await page.getByRole('button', { name: lang === 'en' ? 'Show table' : 'عرض الجدول' }).click();
    const row = page.locator('tr', { hasText: lang === 'en' ? 'Rural Damascus' : 'ريف دمشق' });
    await expect(row).toContainText(lang === 'en' ? 'not published' : 'لم يُنشر');
    await snap(page, `truth-governorates-shares-${lang}-${info.project.name}`);
  });
}

test('the PNG of a month of shares is not blank: its tiles are shaded', async ({ page, browser }) => {
  await page.goto(`${s.url}/widget/governorates/?w=governorates&month=2022-02&lang=en`);
  await expect(page.locator('#governorates-svg .mark')).toHaveCount(14);
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  const png = fs.readFileSync((await d.path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // Decoded by the browser on a blank page (no CSP there), counted by colour: the darkest
  // shade (the biggest share) and the ramp's blues must be there.
  const blank = await browser.newPage();
  const counts = await blank.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let blue = 0, ink = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
      if (b > r + 40 && b > 100) blue++;
      if (r < 80 && g < 80 && b < 80) ink++;
    }
    return { blue, ink, total: px.length / 4 };
  }, `data:image/png;base64,${png.toString('base64')}`);
  await blank.close();
  expect(counts.blue).toBeGreaterThan(counts.total / 50);
  expect(counts.ink).toBeGreaterThan(50);
});

test('torture bars: an unpublished month is a grey tick, a published 0 a stub, both in the legend; the 2021 change is marked', async ({ page }, info) => {
  await page.goto(`${s.url}/widget/series/?w=torture&lang=en`);
  const svg = page.locator('#torture-svg');
  await expect(svg.locator('path[data-gaps]')).toBeVisible();
  // A vertical rule (zero width, so not "visible" to Playwright): one, the plot's height.
  await expect(svg.locator('line[data-break]')).toHaveCount(1);
  expect((await svg.locator('line[data-break]').boundingBox())!.height).toBeGreaterThan(200);
  const legend = page.locator('.legend');
  await expect(legend).toContainText('0: none documented');
  await expect(legend).toContainText('not published');
  const notes = page.locator('.notes');
  await expect(notes).toBeVisible();
  await expect(notes).toContainText('A grey tick under the axis is a month whose figure was not published');
  await expect(notes).toContainText('Dashed line: from January 2021, deaths under torture are counted within the civilian total');
  await expect(notes).toContainText('The figures for March 2021 could not be read');
  // The month of the change says so to a keyboard or screen-reader user too.
  await expect(svg.getByRole('img', { name: /January 2021 .*Definition changes/ })).toHaveCount(1);
  await snap(page, `truth-torture-en-${info.project.name}`);
});

test('one bad month: that month says so, the others still show, the default is the latest readable', async ({ page }) => {
  await page.goto(`${s.url}/widget/glance/?w=glance&month=2021-03&lang=ar`);
  await expect(page.getByRole('status')).toContainText('تعذّرت قراءة أرقام آذار ٢٠٢١');
  await page.goto(`${s.url}/widget/glance/?w=glance&month=2021-02&lang=en`);
  await expect(page.locator('.stats')).toContainText('138');
  await page.goto(`${s.url}/widget/parties/?w=parties&lang=en`);
  await expect(page.locator('#parties-svg').getByRole('img', { name: 'Israeli forces (part of Other parties, whose total was not published): 9 (Children 6)' })).toHaveCount(1);
  // The reader's sentence, not the checker's.
  await expect(page.locator('.notes')).toContainText('The report names the perpetrator for 495 of 503 victims.');
  await expect(page.locator('.notes')).not.toContainText('breakdown incomplete');
  // notes=off hides them.
  await page.goto(`${s.url}/widget/parties/?w=parties&lang=en&notes=off`);
  await expect(page.locator('#parties-svg')).toContainText('Israeli forces');
  await expect(page.locator('.notes')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('495 of 503');
  expect(new URL(page.url()).searchParams.get('notes')).toBe('off');
});
