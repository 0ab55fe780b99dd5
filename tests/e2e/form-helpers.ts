// What the family-form specs share: filling the steps as a relative would, reading the store,
// decrypting with the stock `age` tool.
import { expect } from './fixtures';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Locator, Page } from '@playwright/test';

const identity = path.join(__dirname, '../../dev/dev-identity.txt');

export function storedReports(store: string): string[] {
  return fs.readdirSync(store).filter((f) => f.endsWith('.age'));
}

export function decrypt(file: string): any {
  return JSON.parse(execFileSync('age', ['-d', '-i', identity, file]).toString('utf8'));
}

/** Radio or checkbox by its visible label. */
export async function pick(page: Page, label: string | RegExp) {
  await page.getByLabel(label, { exact: typeof label === 'string' }).check();
}

export async function next(page: Page, lang: 'ar' | 'en' = 'ar') {
  await page.getByRole('button', { name: lang === 'ar' ? 'التالي' : 'Next' }).click();
}

/** Fills every step in Arabic, typing numbers with Arabic-Indic digits. Ends on the review. */
export async function fillArabic(page: Page) {
  await pick(page, 'الأب أو الأم');
  await page.getByLabel('اسمك (اختياري: تُقبل البلاغات دون اسم)').fill('أم محمد');
  await pick(page, 'نعم');
  await page.locator('[id="about_you.contact_method"]').check();
  await page.getByLabel('الرقم أو العنوان').fill('٠٩٤٤ ١٢٣ ٤٥٦');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  await next(page);
  await page.getByLabel('الاسم الأول').fill('محمد');
  await page.getByLabel('اسم الأب').fill('أحمد');
  await page.getByLabel('الكنية (اسم العائلة)').fill('الخطيب');
  await page.getByLabel('اسم الأم').fill('فاطمة');
  await pick(page, 'ذكر');
  await page.getByLabel('العمر عند الوفاة').fill('٣٤');
  await page.locator('[id="victim.birth.year"]').fill('١٩٧٩');
  await next(page);
  await page.locator('[id="death.date"]').fill('٥');
  await page.locator('[id="death.date.month"]').fill('٣');
  await page.locator('[id="death.date.year"]').fill('٢٠١٣');
  await page.locator('[id="death.governorate"]').selectOption('SY02');
  await page.locator('[id="death.district"]').selectOption('SY0200');
  await page.getByLabel('البلدة أو الحي').fill('حي الشعار');
  await page.locator('[id="death.method"]').selectOption('airstrike');
  await page.locator('[id="death.weapon"]').selectOption('barrel_bomb');
  await page.locator('[id="death.party"]').selectOption('regime');
  await page.getByLabel('كم شخصاً آخر قُتل في الحادثة نفسها؟').fill('٧');
  await page.getByLabel(/ماذا حدث/).fill('سقط برميل متفجر على السوق صباحاً.');
  await next(page);
  await page.locator('[id="evidence.links[0]"]').fill('https://example.org/video/1');
  await next(page);
  await expect(page.getByRole('heading', { name: /المراجعة والإرسال/ }).first()).toBeVisible();
}

/** The smallest report the rules accept, in Arabic; ends on step 5 (evidence). */
export async function fillToEvidence(page: Page) {
  await pick(page, 'الأب أو الأم');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  await next(page);
  await page.getByLabel('الاسم الأول').fill('كريم');
  await page.getByLabel('الكنية (اسم العائلة)').fill('حداد');
  await pick(page, 'ذكر');
  await next(page);
  await page.locator('[id="death.date_unknown"]').check();
  await page.locator('[id="death.governorate"]').selectOption('SY05');
  await next(page);
}

/** The smallest report the rules accept, in Arabic; ends on the review. */
export async function fillMinimal(page: Page) {
  await fillToEvidence(page);
  await next(page);
  await expect(page.getByRole('heading', { name: /المراجعة والإرسال/ }).first()).toBeVisible();
}

export async function outboxOf(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('sijil.outbox.v1'));
}

/** Taps `button` on a screen that has just appeared, as a person does: once more if the tap came
 * while the screen still ignored taps (for 800 ms after a report is queued, delivered, reset or
 * deleted, so the second tap of a double tap on "send" cannot land on the next screen), until
 * `shown` appears. It taps again only while `shown` is absent, so it never acts twice. */
export async function tapWhenReady(button: Locator, shown: Locator) {
  await expect(async () => {
    if (!(await shown.isVisible())) await button.click({ timeout: 2_000 });
    await expect(shown).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
