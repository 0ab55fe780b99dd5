// The massacres one by one (issue 16, `massacres.incidents`): the massacres widget lists the
// picked month's incidents under its chart or its table (the month whose bar the reader
// focuses, by default the permalink's month or the range's last, again after a new range), and
// the governorate map puts a dot with their number on each governorate, said in its legend, its
// summary, its table, its CSV and its picture.
//
// The feed is the core's fixture (made-up massacres, text that must stay text), with February
// given a count of massacres and no list: a month that does not list them is not a month
// without them.
import * as fs from 'fs';
import * as path from 'path';
import { Page } from '@playwright/test';
import { test, expect, axeViolations, snap, scrollsHorizontally } from './fixtures';
import { startServer, writeTemp, Server } from './server';

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../crates/sijil-core/tests/feeds/good-incidents.json'), 'utf8'),
);
function feed() {
  const f = structuredClone(fixture);
  f.months[1].massacres = { count: 2, deaths: 10 };
  return f;
}

let server: Server;
test.beforeAll(async () => {
  server = await startServer(['--feed', writeTemp('feed.json', JSON.stringify(feed()))]);
});
test.afterAll(async () => server.stop());

const words = {
  en: {
    feb: 'Massacres in February 2021',
    jan: 'Massacres in January 2021',
    notListed: 'Massacres documented in February 2021: 2. The report does not list them one by one.',
    first: ['31 December 2020', 'Test village <b>one</b>', 'Aleppo', 'Civilians killed: 6 · children: 3 · women: 1', 'Perpetrator: Landmines', 'A made-up explosion & <script>alert(1)</script> "quoted".'],
    second: ['January 2021', 'مكان تجريبي', 'Idleb', 'Civilians killed: 8 · children: 2', 'Perpetrator: not attributed'],
    back: 'ArrowLeft',
    mark: 'Massacres listed: 1',
    key: 'Dot: massacres listed in the report',
    summary: 'Massacres listed in the report, by governorate: Aleppo 1, Idleb 1.',
    showTable: 'Show table',
    showChart: 'Show chart',
    svg: 'Download SVG',
    csv: 'Download CSV',
    range: 'Period',
    dec: 'Massacres in December 2020',
  },
  ar: {
    feb: 'المجازر في شباط ٢٠٢١',
    jan: 'المجازر في كانون الثاني ٢٠٢١',
    notListed: 'المجازر الموثّقة في شباط ٢٠٢١: ٢. لا يسردها التقرير واحدةً واحدة.',
    first: ['٣١ كانون الأول ٢٠٢٠', 'قرية تجريبية <b>أولى</b>', 'حلب', 'الضحايا المدنيون: ٦ · أطفال: ٣ · سيدات: ١', 'الجهة المسؤولة: ألغام', 'انفجار مختلق & <script>alert(1)</script>.'],
    second: ['كانون الثاني ٢٠٢١', 'مكان تجريبي', 'إدلب', 'الضحايا المدنيون: ٨ · أطفال: ٢', 'الجهة المسؤولة: غير محددة'],
    back: 'ArrowRight',
    mark: 'مجازر مُدرجة: ١',
    key: 'الدائرة: المجازر المُدرجة في التقرير',
    summary: 'المجازر المُدرجة في التقرير حسب المحافظة: حلب ١، إدلب ١.',
    showTable: 'عرض الجدول',
    showChart: 'عرض الرسم',
    svg: 'تنزيل SVG',
    csv: 'تنزيل CSV',
    range: 'الفترة',
    dec: 'المجازر في كانون الأول ٢٠٢٠',
  },
};

/** The list section's heading, items (as text) and whether feed markup became elements. */
async function list(page: Page) {
  const section = page.locator('section.massacre-list');
  return {
    heading: await section.getByRole('heading', { level: 2 }).textContent(),
    items: await section.getByRole('listitem').allTextContents(),
    elements: await section.locator('script, b').count(),
  };
}

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const lang of ['en', 'ar'] as const) {
    const w = words[lang];

    test(`the massacres widget lists the month whose bar is focused (${lang})`, async ({ page }) => {
      await page.goto(`${server.url}/widget/series/?w=massacres&lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      const section = page.locator('section.massacre-list');
      // The range's last month: counted, not listed (not "no massacres").
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(w.feb);
      await expect(section).toContainText(w.notListed);
      await expect(section.getByRole('listitem')).toHaveCount(0);
      // Keyboard: the chart is one Tab stop; the arrow key goes back to January.
      const feb = page.locator('#massacres-svg [data-i="1"]');
      await feb.focus();
      await page.keyboard.press(w.back);
      await expect(page.locator('#massacres-svg [data-i="0"]')).toBeFocused();
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(w.jan);
      const l = await list(page);
      expect(l.items).toHaveLength(2);
      for (const part of w.first) expect(l.items[0]).toContain(part);
      for (const part of w.second) expect(l.items[1]).toContain(part);
      // The feed's markup is text, not elements.
      expect(l.elements).toBe(0);
      await expect(section.getByRole('list')).toHaveCount(1);
      // The place written only in Arabic keeps its own language and direction.
      await expect(section.locator('bdi[lang="ar"][dir="rtl"]', { hasText: 'مكان تجريبي' })).toHaveCount(1);
      expect(await scrollsHorizontally(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await snap(page, `massacres-list-${lang}-360`);
      // A click (or tap) on February's bar picks it again.
      await feb.click();
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(w.feb);
    });

    test(`the map marks the month's massacres: dots, legend, summary, table and picture (${lang})`, async ({ page }) => {
      await page.goto(`${server.url}/widget/governorates/?w=governorates&month=2021-01&lang=${lang}`);
      const svg = page.locator('#governorates-svg');
      // A dot on Aleppo and on Idleb (which the month's breakdown does not name), and the legend's.
      await expect(svg.locator('circle')).toHaveCount(3);
      await expect(svg.locator(`[role="img"][aria-label*="${w.mark}"]`)).toHaveCount(2);
      await expect(svg.getByText(w.key)).toHaveCount(1);
      await expect(page.locator('#governorates-summary')).toContainText(w.summary);
      expect(await scrollsHorizontally(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await snap(page, `massacres-map-${lang}-360`);
      // The table has the column, with Aleppo's one massacre.
      await page.getByRole('button', { name: w.showTable }).click();
      const table = page.locator('table');
      await expect(table.locator('thead th').last()).toHaveText(w.mark.split(':')[0]);
      const aleppo = table.locator('tbody tr', { hasText: lang === 'en' ? 'Aleppo' : 'حلب' });
      await expect(aleppo.locator('td').last()).toHaveText(lang === 'en' ? '1' : '١');
      expect(await axeViolations(page)).toEqual([]);
      // The picture carries the dots and the legend line.
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.svg }).click()]);
      const picture = fs.readFileSync((await d.path())!, 'utf8');
      expect(picture.match(/<circle/g)?.length).toBe(3);
      expect(picture).toContain(w.key);
      // The CSV has the table's column too: Aleppo's one, Idleb's one (a governorate the
      // breakdown does not name), 0 elsewhere; the source and licence rows still close it.
      const [c] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.csv }).click()]);
      const lines = fs.readFileSync((await c.path())!, 'utf8').trimEnd().split('\r\n');
      expect(lines[0].split(',').at(-1)).toBe(w.mark.split(':')[0]);
      expect(lines.find((l) => l.includes(',SY02,'))).toMatch(/,1$/);
      expect(lines.find((l) => l.includes(',SY07,'))).toMatch(/,SY07,,,,1$/);
      expect(lines.find((l) => l.includes(',SY01,'))).toMatch(/,0$/);
      expect(lines.at(-1)).toMatch(lang === 'en' ? /^Licence,/ : /^الترخيص,/);
    });

    test(`the list stays on screen in the table view, once, after the table (${lang})`, async ({ page }) => {
      await page.goto(`${server.url}/widget/series/?w=massacres&lang=${lang}`);
      const section = page.locator('section.massacre-list');
      // The reader picks January on the chart, then switches to the table.
      await page.locator('#massacres-svg [data-i="1"]').focus();
      await page.keyboard.press(w.back);
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(w.jan);
      await page.getByRole('button', { name: w.showTable }).click();
      const table = page.locator('.table-wrap table');
      await expect(table).toBeVisible();
      await expect(page.locator('#massacres-svg')).toBeHidden();
      // January's list is still there to read, and reachable as a heading from the table.
      await expect(section).toBeVisible();
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(w.jan);
      await expect(section.getByRole('listitem')).toHaveCount(2);
      for (const item of await section.getByRole('listitem').all()) await expect(item).toBeVisible();
      await expect(page.locator('section.massacre-list')).toHaveCount(1);
      // Under the table in reading order (a screen reader reads the table, then the list).
      expect(await table.evaluate((t) => {
        const list = document.querySelector('section.massacre-list')!;
        return !!(t.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
      })).toBe(true);
      expect(await scrollsHorizontally(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await snap(page, `massacres-list-table-${lang}-360`);
      // Back to the chart: the same list, shown once.
      await page.getByRole('button', { name: w.showChart }).click();
      await expect(page.locator('#massacres-svg')).toBeVisible();
      await expect(section).toBeVisible();
      await expect(section.getByRole('heading', { level: 2 })).toHaveText(w.jan);
      await expect(page.locator('section.massacre-list')).toHaveCount(1);
    });
  }

  test('the list the server wrote is the list the app shows after taking the page over', async ({ page }) => {
    const url = `${server.url}/widget/series/?w=massacres&month=2021-01&lang=ar`;
    const served = await (await page.request.get(url)).text();
    await page.goto(url);
    await expect(page.locator('main[data-served]')).toHaveCount(0);
    const [now, before] = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return [
        document.querySelector('section.massacre-list')!.outerHTML,
        doc.querySelector('main[data-served] section.massacre-list')!.outerHTML,
      ];
    }, served);
    expect(now).toBe(before);
    expect(now).toContain('المجازر في كانون الثاني ٢٠٢١');
  });

  test('a month without a list changes nothing on the map', async ({ page }) => {
    // The sample feed lists no massacres.
    await page.goto('/widget/governorates/?w=governorates&month=2021-02&lang=en');
    await expect(page.locator('#governorates-svg [role="img"]').first()).toBeVisible();
    await expect(page.locator('#governorates-svg circle')).toHaveCount(0);
    await expect(page.locator('#governorates-summary')).not.toContainText('Massacres');
  });
});

// A December 2020 that lists its one massacre comes first: the whole range (December to February)
// and 2021's (January and February) end on the same month.
test.describe('a new range, 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  let three: Server;
  test.beforeAll(async () => {
    const f = feed();
    const december = structuredClone(f.months[0]);
    december.month = '2020-12';
    december.massacres.count = 1;
    december.massacres.incidents = december.massacres.incidents.slice(0, 1);
    delete december.by_governorate;
    f.months.unshift(december);
    three = await startServer(['--feed', writeTemp('feed.json', JSON.stringify(f))]);
  });
  test.afterAll(async () => three.stop());

  for (const lang of ['en', 'ar'] as const) {
    const w = words[lang];
    test(`a picked month the new range leaves out is not listed any more (${lang})`, async ({ page }) => {
      await page.goto(`${three.url}/widget/series/?w=massacres&lang=${lang}`);
      const heading = page.locator('section.massacre-list').getByRole('heading', { level: 2 });
      await expect(heading).toHaveText(w.feb);
      // December, picked with a click on its bar.
      await page.locator('#massacres-svg [data-i="0"]').click();
      await expect(heading).toHaveText(w.dec);
      await expect(page.locator('section.massacre-list').getByRole('listitem')).toHaveCount(1);
      // 2021 only: December is gone from the chart, so from the list; the range's last month
      // (the default) is listed instead.
      await page.getByRole('combobox', { name: w.range }).selectOption('2021');
      await expect(page.locator('#massacres-svg [data-i]')).toHaveCount(2);
      await expect(heading).toHaveText(w.feb);
      await expect(page.locator('section.massacre-list')).toContainText(w.notListed);
      await expect(page.locator('section.massacre-list').getByRole('listitem')).toHaveCount(0);
      await snap(page, `massacres-new-range-${lang}-360`);
      // Every month again: the list starts afresh from the range's default month too.
      await page.locator('#massacres-svg [data-i="0"]').click();
      await expect(heading).toHaveText(w.jan);
      await page.getByRole('combobox', { name: w.range }).selectOption('all');
      await expect(page.locator('#massacres-svg [data-i]')).toHaveCount(3);
      await expect(heading).toHaveText(w.feb);
      await expect(page.locator('section.massacre-list')).toHaveCount(1);
      // And a pick still works in the new range.
      await page.locator('#massacres-svg [data-i="0"]').click();
      await expect(heading).toHaveText(w.dec);
    });
  }
});

test.describe('JavaScript disabled, 360 px', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  test.beforeEach(({ guard }) => {
    guard.awaitTakeover = false;
  });

  test("the permalink's month lists its massacres, and the map has its dots", async ({ page }) => {
    await page.goto(`${server.url}/widget/series/?w=massacres&month=2021-01&lang=ar`);
    const section = page.locator('section.massacre-list');
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(words.ar.jan);
    await expect(section.getByRole('listitem')).toHaveCount(2);
    await expect(section.getByRole('listitem').first()).toContainText(words.ar.first[3]);
    expect(await scrollsHorizontally(page)).toBe(false);
    await snap(page, 'nojs-massacres-list-ar-360');
    await page.goto(`${server.url}/widget/governorates/?w=governorates&month=2021-01&lang=en`);
    await expect(page.locator('#governorates-svg circle')).toHaveCount(3);
    await expect(page.locator('table thead th').last()).toHaveText('Massacres listed');
  });
});
