// Statistics widgets against the bundled sample feed (release build, real server).
// February 2021 in the sample: 138 civilians, 23 children, 11 women, 14 under torture,
// 3 massacres; regime 19; other parties 110 of which 16 landmines.
import * as fs from 'fs';
import { test, expect, axeViolations, snap, scrollsHorizontally } from './fixtures';
import { startServer, writeTemp } from './server';

const FEB = 'month=2021-02';

for (const lang of ['ar', 'en'] as const) {
  const digits = lang === 'ar' ? 'arab' : 'latn';
  const n = (x: number) => (lang === 'ar' ? x.toLocaleString('ar-u-nu-arab') : x.toLocaleString('en-u-nu-latn'));

  test(`glance shows February 2021 figures (${lang})`, async ({ page }, info) => {
    await page.goto(`/widget/glance/?w=glance&${FEB}&lang=${lang}&digits=${digits}`);
    const stats = page.locator('.stats');
    await expect(stats).toContainText(n(138));
    for (const v of [23, 11, 14, 3]) await expect(stats).toContainText(n(v));
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
    // The table view shows the same numbers.
    await page.getByRole('button', { name: lang === 'ar' ? 'عرض الجدول' : 'Show table' }).click();
    const table = page.locator('table');
    for (const v of [138, 23, 11, 14, 3]) await expect(table).toContainText(n(v));
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsHorizontally(page)).toBe(false);
    await snap(page, `glance-${lang}-${info.project.name}`);
  });

  test(`parties ranks perpetrators and expands other parties (${lang})`, async ({ page }, info) => {
    await page.goto(`/widget/parties/?w=parties&${FEB}&lang=${lang}&digits=${digits}`);
    const svg = page.locator('#parties-svg');
    await expect(svg).toContainText(n(110));
    await expect(svg).toContainText(n(19));
    await page.getByRole('button', { name: lang === 'ar' ? /عرض التفاصيل/ : /Show breakdown/ }).click();
    await expect(svg).toContainText(n(16));
    expect(await axeViolations(page)).toEqual([]);
    // Keyboard: one Tab stop, arrows visit every mark (the rows' bands, mounted after the paint;
    // the drawing under them is hidden from screen readers, which read the bands' labels).
    const marks = svg.locator('.marks > rect');
    await expect(marks).toHaveCount(12);
    await expect(svg.getByRole('img')).toHaveCount(12);
    const count = await marks.count();
    await marks.first().focus();
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      seen.add((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '');
      await page.keyboard.press('ArrowDown');
    }
    expect(seen.size).toBe(count);
    expect(await scrollsHorizontally(page)).toBe(false);
    await snap(page, `parties-${lang}-${info.project.name}`);
  });
}

test('expanding a breakdown keeps the other rows\' elements, and the chart\'s <svg> keeps its size', async ({ page }) => {
  await page.goto(`/widget/parties/?w=parties&${FEB}&lang=en`);
  const svg = page.locator('#parties-svg');
  const toggle = page.locator('.widget-tools .toggle[aria-expanded]');
  // The server wrote the chart into the page and the app took it over: the first expand keeps
  // the server's lines too.
  await expect(svg.locator('.marks > rect')).toHaveCount(6);
  expect(await page.locator('main[data-served]').count()).toBe(0);
  const state = () => page.evaluate(() => {
    const svg = document.querySelector('#parties-svg')!;
    const texts = [...svg.querySelectorAll('text')];
    const w = window as unknown as { kept?: Element[] };
    const kept = (w.kept ?? []).filter((t) => t.isConnected).length;
    w.kept = texts;
    const last = texts[texts.length - 1].getBoundingClientRect();
    const box = svg.closest('.chart')!.parentElement!.getBoundingClientRect();
    return { texts: texts.length, kept, svg: svg.getBoundingClientRect().height, box: box.height, lastShown: last.bottom <= box.bottom + 0.5 };
  });
  const closed = await state();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const open = await state();
  // Every line drawn before is the same element (the rows above and below the breakdown kept,
  // not parsed and laid out again); only the sub-lines are new.
  expect(open.kept).toBe(closed.texts);
  expect(open.texts).toBeGreaterThan(closed.texts);
  // The <svg> keeps its size (its lines are not laid out again); its box grows to show the
  // rows that moved down, down to the last.
  expect(open.svg).toBe(closed.svg);
  expect(open.box).toBeGreaterThan(closed.box);
  expect(open.lastShown).toBe(true);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const again = await state();
  expect(again.texts).toBe(closed.texts);
  expect(again.kept).toBe(closed.texts);
  expect(again.svg).toBe(closed.svg);
  expect(again.box).toBe(closed.box);
  expect(again.lastShown).toBe(true);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  expect(await state()).toEqual({ ...open, kept: closed.texts });
});

test('governorates: tile map and table agree, unnamed governorates say so', async ({ page }, info) => {
  await page.goto(`/widget/governorates/?w=governorates&${FEB}&lang=en`);
  const svg = page.locator('#governorates-svg');
  await expect(svg.locator('.mark')).toHaveCount(14);
  await expect(svg.getByRole('img', { name: /Aleppo: ~?60/ })).toBeVisible();
  await expect(svg.getByRole('img', { name: 'Homs: not named' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Show table' }).click();
  await expect(page.locator('table')).toContainText('Aleppo');
  await expect(page.locator('table')).toContainText('60');
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, `governorates-en-${info.project.name}`);
});

test('trend: every month is reachable by keyboard and gaps are "not published"', async ({ page }, info) => {
  await page.goto('/widget/series/?w=trend&lang=en&range=2021');
  const bands = page.locator('#trend-svg .marks > rect');
  await expect(bands).toHaveCount(12);
  await bands.first().focus();
  await expect(page.locator('.tip')).toBeVisible();
  await page.keyboard.press('End');
  const last = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  expect(last).toContain('December 2021');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const feb = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  expect(feb).toContain('February 2021');
  expect(feb).toContain('Civilians: 138');
  // Only the active mark is a Tab stop (roving tabindex), and the tooltip, here for the year's
  // tallest month, fits inside the chart rather than being cut off at its top.
  expect(await page.locator('#trend-svg [tabindex="0"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-i')))).toEqual(['1']);
  await page.keyboard.press('ArrowRight');
  const [tip, chart] = await Promise.all([page.locator('.tip').boundingBox(), page.locator('#trend-svg').boundingBox()]);
  expect(tip!.y).toBeGreaterThanOrEqual(chart!.y - 1);
  expect(tip!.y + tip!.height).toBeLessThanOrEqual(chart!.y + chart!.height + 1);
  expect(await page.locator('.tip').innerText()).toContain('March 2021');
  await page.keyboard.press('Escape');
  await expect(page.locator('.tip')).toHaveCount(0);
  // A new range is drawn, and its keyboard marks (mounted in the task after the paint) follow:
  // one per calendar month of 2019–2022, unpublished ones included.
  await page.locator('select').selectOption('all');
  await expect(bands).toHaveCount(48);
  await expect(bands.last()).toHaveAttribute('aria-label', /December 2022/);
  await expect(page.locator('#trend-svg [tabindex="0"]')).toHaveCount(1);
  // A click on a month focuses it, so the arrow keys go on from there (and the guide line
  // drawn through a month never takes the pointer).
  await bands.nth(5).click();
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-i'))).toBe('6');
  await expect(page.locator('.tip')).toContainText('July 2019');
  await bands.nth(7).hover();
  await expect(page.locator('.tip')).toContainText('August 2019');
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, `trend-en-${info.project.name}`);
});

for (const w of ['torture', 'massacres'] as const) {
  test(`${w} over time renders bars and a table`, async ({ page }) => {
    await page.goto(`/widget/series/?w=${w}&lang=ar&range=2021`);
    await expect(page.locator(`#${w}-svg`)).toBeVisible();
    await page.getByRole('button', { name: 'عرض الجدول' }).click();
    await expect(page.locator('table')).toContainText(w === 'torture' ? '١٤' : '٣');
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('a month the feed lacks says so', async ({ page }) => {
  await page.goto('/widget/glance/?w=glance&month=2030-01&lang=en');
  await expect(page.getByRole('status')).toContainText('No figures for this month');
});

test('downloads: CSV holds the same numbers, SVG and PNG are real images', async ({ page }) => {
  await page.goto(`/widget/parties/?w=parties&${FEB}&lang=en`);
  await expect(page.locator('#parties-svg')).toBeVisible();
  const read = async (name: string) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return { file: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
  };
  const csv = await read('Download CSV');
  expect(csv.file).toBe('sijil-parties-2021-02.csv');
  const text = csv.bytes.toString('utf8');
  expect(text).toContain('Other parties,110,19,10');
  expect(text).toContain('Syrian regime forces,19,2,1');
  const svg = await read('Download SVG');
  expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = await read('Download PNG');
  expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
});

test('a section the month did not publish says so instead of drawing zeros', async ({ page }) => {
  // June 2021 in the sample has only totals: no breakdown by perpetrator.
  await page.goto('/widget/parties/?w=parties&month=2021-06&lang=en');
  await expect(page.getByRole('status')).toContainText('These figures were not published for this month.');
  await expect(page.locator('#parties-svg')).toHaveCount(0);
});

test('dark theme parameter and print styles apply', async ({ page }) => {
  await page.goto(`/widget/series/?w=trend&lang=en&theme=dark`);
  await expect(page.locator('#trend-svg')).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 23)');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.widget-tools').first()).toBeHidden();
});

test('old /widget?w= links and links to another page land on the right widget page, parameters kept', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await page.goto(`/widget?w=torture&lang=en&range=2021`);
  await expect(page.locator('#torture-svg')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/widget/series/');
  expect(new URL(page.url()).searchParams.get('range')).toBe('2021');
  // A page that does not hold the widget sends the reader to the one that does.
  await page.goto(`/widget/glance/?w=parties&${FEB}&lang=en`);
  await expect(page.locator('#parties-svg')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/widget/parties/');
  // Back does not return to the page that only redirected.
  await page.goBack();
  expect(new URL(page.url()).pathname).not.toBe('/widget/glance/');
  // Each page downloaded only its own chart type's code.
  expect(wasm.some((p) => p.startsWith('/widget/series/sijil-widget-series-'))).toBe(true);
  expect(wasm.some((p) => p.startsWith('/widget/parties/sijil-widget-parties-'))).toBe(true);
  expect(wasm.every((p) => /^\/widget\/(series|parties|glance)\//.test(p))).toBe(true);
});

test('a long series mounts its keyboard marks in parts, and a key never waits for them', async ({ page }) => {
  // 150 months: more marks than one part (widgets/marks.rs, `PART`), so they come in three.
  const months = Array.from({ length: 150 }, (_, k) => {
    const m = `${2011 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
    return `{"month":"${m}","civilians":{"total":${1000 + k},"children":${100 + (k % 7)},"women":${80 + (k % 5)}}}`;
  });
  const feed = writeTemp('long.json', `{"format":"sijil-monthly-tallies","version":1,"publisher":{"name":{"en":"Test"}},"updated":"2026-01-01","parties":[],"months":[${months.join(',')}]}`);
  const s = await startServer(['--feed', feed]);
  try {
    await page.goto(`${s.url}/widget/series/?w=trend&lang=en`);
    const bands = page.locator('#trend-svg .marks > rect');
    await expect(bands).toHaveCount(150);
    // In the order the months are read: a screen reader's virtual cursor goes through them in time.
    const order = await bands.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-i'))));
    expect(order).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(await page.locator('#trend-svg .marks').count()).toBe(3);
    // Tasks queued with no delay (the parts after the first, and a focus) are held, so a new
    // range can be caught with only its first part mounted.
    await page.evaluate(() => {
      const w = window as unknown as { __held: (() => void)[] };
      w.__held = [];
      const timeout = window.setTimeout;
      window.setTimeout = ((f: () => void, ms?: number) => (ms ? timeout(f, ms) : (w.__held.push(f), 0))) as typeof window.setTimeout;
    });
    const release = () => page.evaluate(() => (window as unknown as { __held: (() => void)[] }).__held.splice(0).forEach((f) => f()));
    await page.locator('select').selectOption('2015');
    await expect.poll(async () => { await release(); return bands.count(); }).toBe(12);
    await page.locator('select').selectOption('all');
    await expect(bands).toHaveCount(0);
    // The first part, queued after the paint (released once it is queued).
    await expect.poll(async () => { await release(); return bands.count(); }).toBe(60);
    // Focus in the chart mounts the rest at once (the other parts are still held), so End
    // goes to the last month at once.
    await bands.first().focus();
    await expect(page.locator('.tip')).toContainText('January 2011');
    await expect(bands).toHaveCount(150);
    await page.keyboard.press('End');
    await expect(page.locator('.tip')).toContainText('June 2023');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-i'))).toBe('149');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('June 2023 — Civilians: 1,149');
    await expect(page.locator('#trend-svg [tabindex="0"]')).toHaveCount(1);
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-i'))).toBe('148');
    // The table and the chart behind each other: the one not shown is neither seen nor read.
    await page.getByRole('button', { name: 'Show table' }).click();
    await expect(page.getByRole('table')).toBeVisible();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(151);
    await expect(page.getByRole('group', { name: /Civilians killed/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Show chart' }).click();
    await expect(page.locator('table')).toBeHidden();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(bands).toHaveCount(150);
    await bands.nth(3).focus();
    await expect(page.locator('.tip')).toContainText('April 2011');
  } finally {
    await s.stop();
  }
});
