// What an editor publishes and what a reader checks: the SVG and PNG downloads are pictures
// that stand on their own (title, period, legend, source, date, a note; drawn for their own
// size, with their own background), the CSV keeps every flag and ends with its source and
// licence, and every widget shows where its figures come from (the feed's date, methodology
// link and notes), against a fixture feed that has all of them.
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { startServer, writeTemp, Server } from './server';

const sample = JSON.parse(fs.readFileSync(path.join(__dirname, '../../static/data/feed.json'), 'utf8'));

/** The sample feed with a methodology page and an approximate governorate figure. */
function fixtureFeed() {
  const f = structuredClone(sample);
  f.publisher.methodology_url = 'https://snhr.org/methodology';
  const feb = f.months.find((m: any) => m.month === '2021-02');
  feb.by_governorate = [{ governorate: 'SY02', total: 60, share: 43.48, approximate: true }, { governorate: 'SY07', total: 12 }];
  return f;
}

let server: Server;
test.beforeAll(async () => {
  server = await startServer(['--feed', writeTemp('feed.json', JSON.stringify(fixtureFeed()))]);
});
test.afterAll(async () => server.stop());

async function download(page: Page, name: string) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { file: d.suggestedFilename(), bytes: fs.readFileSync((await d.path())!) };
}

/** Width, height and the colour of the top-left pixel of a PNG (the first pixel of the first
 * row is stored as is, whatever the row's filter). */
function png(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const len = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString();
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return { width, height, topLeft: [raw[1], raw[2], raw[3]] };
}

for (const lang of ['en', 'ar'] as const) {
  test(`every widget shows its sources: the feed's date, methodology and notes (${lang})`, async ({ page }) => {
    const en = lang === 'en';
    await page.goto(`${server.url}/widget/parties/?w=parties&month=2021-02&lang=${lang}`);
    const source = page.locator('figcaption.source');
    await expect(source).toContainText(en ? 'Data updated 1 January 2023' : 'حُدّثت البيانات في ١ كانون الثاني ٢٠٢٣');
    await expect(source.getByRole('link', { name: en ? 'Methodology' : 'المنهجية' })).toHaveAttribute('href', 'https://snhr.org/methodology');
    const about = source.getByText(/Figures compiled from public SNHR monthly reports/);
    await expect(about).toBeHidden();
    await source.getByText(en ? 'About these figures' : 'عن هذه الأرقام').click();
    await expect(about).toBeVisible();
    // Published only in English: marked up as English on the Arabic page too.
    await expect(about).toHaveAttribute('lang', 'en');
  });
}

test('the CSV keeps the approximate flag and ends with the source, date, methodology and licence', async ({ page }) => {
  await page.goto(`${server.url}/widget/governorates/?w=governorates&month=2021-02&lang=en`);
  await expect(page.locator('#governorates-svg')).toBeVisible();
  const csv = (await download(page, 'Download CSV')).bytes.toString('utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/,Approximate$/);
  expect(lines).toContain('Aleppo,SY02,60,43.48,true');
  expect(lines.find((l) => l.includes(',SY07,'))).toMatch(/,SY07,12,,$/);
  const tail = lines.slice(lines.indexOf('') + 1);
  expect(tail[0]).toMatch(/^Source,Syrian Network for Human Rights,https:\/\//);
  expect(tail).toContain('Data updated,2023-01-01');
  expect(tail).toContain('Methodology,https://snhr.org/methodology');
  expect(tail.filter((l) => l.startsWith('Licence,'))).toHaveLength(2);
  expect(tail.join('\n')).toContain('Open Admin Data (CC BY 4.0)');
});

test('SVG and PNG downloads are pictures an editor can publish, drawn for their own size', async ({ page }, info) => {
  // A phone's screen: the chart on it is about 336 px wide; the picture is not.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${server.url}/widget/series/?w=trend&range=2021&lang=en`);
  await expect(page.locator('#trend-svg')).toBeVisible();
  const svg = (await download(page, 'Download SVG')).bytes.toString('utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="800" height="\d+"/);
  for (const text of ['Civilians killed per month', 'January 2021 – December 2021', '>Civilians<', '>Children<', '>Women<',
    'Source: Syrian Network for Human Rights', 'Data updated 1 January 2023', 'Documented by name']) {
    expect(svg, text).toContain(text);
  }
  // The chart inside is drawn 736 px wide (800 less the margins), not scaled up from the phone's.
  expect(svg).toMatch(/<svg x="32" y="[\d.]+" width="736"/);
  const out = path.join(__dirname, 'test-results', 'screens');
  fs.mkdirSync(out, { recursive: true });
  const lightBytes = (await download(page, 'Download PNG')).bytes;
  fs.writeFileSync(path.join(out, `export-trend-en-light-${info.project.name}.png`), lightBytes);
  const light = png(lightBytes);
  expect(light.width).toBe(1600);
  expect(light.topLeft).toEqual([255, 255, 255]);
  // Dark theme: a dark picture with light text on its own dark background.
  await page.goto(`${server.url}/widget/governorates/?w=governorates&month=2021-02&lang=ar&theme=dark`);
  await expect(page.locator('#governorates-svg')).toBeVisible();
  const darkSvg = (await download(page, 'تنزيل SVG')).bytes.toString('utf8');
  expect(darkSvg).toContain('fill="#121417"');
  expect(darkSvg).toContain('direction="rtl"');
  const bytes = (await download(page, 'تنزيل PNG')).bytes;
  fs.writeFileSync(path.join(out, `export-governorates-ar-dark-${info.project.name}.png`), bytes);
  const dark = png(bytes);
  expect(dark.width).toBe(1600);
  expect(dark.topLeft).toEqual([0x12, 0x14, 0x17]);
  await snap(page, `governorates-ar-dark-${info.project.name}`);
});

test('a note published only in English, in the Arabic widget, carries its own language and direction, its bullet on its own side', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${server.url}/widget/parties/?w=parties&month=2021-02&lang=ar`);
  const note = page.locator('.notes li').filter({ hasText: "Figures from SNHR's February 2021 monthly report" });
  await expect(note.locator('span[lang="en"][dir="ltr"]')).toBeVisible();
  const layout = await note.evaluate((li) => {
    const list = li.closest('ul')!.getBoundingClientRect();
    // The note's first letter: on the left, after its bullet.
    const r = document.createRange();
    const text = li.firstElementChild!.firstChild!;
    r.setStart(text, 0);
    r.setEnd(text, 1);
    const first = r.getBoundingClientRect();
    const s = getComputedStyle(li);
    return { direction: s.direction, position: s.listStylePosition, fromLeft: first.left - list.left, width: list.width };
  });
  // Left to right, like the note, and the bullet inside the item (on the note's left).
  expect(layout.direction).toBe('ltr');
  expect(layout.position).toBe('inside');
  expect(layout.fromLeft).toBeGreaterThan(4);
  expect(layout.fromLeft).toBeLessThan(layout.width / 4);
  // The list itself stays right to left, as the page.
  await expect(page.locator('ul.notes')).toHaveCSS('direction', 'rtl');
  await snap(page, 'ar-360-english-note');
});
