// The family form, end to end, against the real intake server and the real `age` tool:
// a report typed in Arabic with Arabic-Indic digits is encrypted in the browser, stored once,
// and decrypts to exactly what was typed; drafts survive reloads; quick exit wipes them; the
// outbox delivers exactly once through offline spells, server errors and double submissions.
import { test, expect, axeViolations, snap, scrollsHorizontally } from './fixtures';
import * as fs from 'fs';
import * as path from 'path';
import { startServer, Server } from './server';
import { storedReports, decrypt, pick, next, fillArabic, fillMinimal, outboxOf, tapWhenReady } from './form-helpers';

let server: Server;
test.beforeEach(async () => {
  server = await startServer();
});
test.afterEach(async () => {
  await server.stop();
});

test('a report typed in Arabic reaches the store encrypted and decrypts to what was typed', async ({ page }, info) => {
  await page.goto(`${server.url}/form/`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await fillArabic(page);
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, `form-review-ar-${info.project.name}`);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible();
  const receipt = (await page.locator('.receipt strong').textContent())!.trim();
  expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await snap(page, `form-sent-ar-${info.project.name}`);
  const files = storedReports(server.store);
  expect(files).toHaveLength(1);
  const raw = fs.readFileSync(path.join(server.store, files[0]));
  expect(raw.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
  expect(raw.includes(Buffer.from('محمد'))).toBe(false);
  const r = decrypt(path.join(server.store, files[0]));
  expect(r.form).toBe('sijil-family-report');
  expect(r.receipt).toBe(receipt);
  expect(r.lang).toBe('ar');
  expect(r.about_you.relationship).toBe('parent');
  expect(r.about_you.name).toBe('أم محمد');
  expect(r.about_you.contact).toEqual({ method: 'signal', value: '+963944123456' });
  expect(r.about_you.consent.store).toBe(true);
  expect(r.victim.name.first).toBe('محمد');
  expect(r.victim.name.father).toBe('أحمد');
  expect(r.victim.name.family).toBe('الخطيب');
  expect(r.victim.name.mother).toBe('فاطمة');
  expect(r.victim.sex).toBe('male');
  expect(r.victim.age).toBe(34);
  expect(r.victim.birth.date).toBe('1979');
  expect(r.victim.age_group).toBe('adult');
  expect(r.death.date.date).toBe('2013-03-05');
  expect(r.death.governorate).toBe('SY02');
  expect(r.death.district).toBe('SY0200');
  expect(r.death.town).toBe('حي الشعار');
  expect(r.death.method).toBe('airstrike');
  expect(r.death.weapon).toBe('barrel_bomb');
  expect(r.death.party).toBe('regime');
  expect(r.death.others_killed).toBe(7);
  expect(r.death.narrative).toBe('سقط برميل متفجر على السوق صباحاً.');
  expect(r.evidence).toEqual(['https://example.org/video/1']);
  // Nothing readable is left on the device.
  const storage = await page.evaluate(() => JSON.stringify(localStorage));
  expect(storage).not.toContain('محمد');
  expect(storage).not.toContain('sijil.draft');
});

test('reload and reopen restore the draft; quick exit wipes it and leaves no way back', async ({ page, context, guard }) => {
  guard.allowed.push('www.google.com');
  await page.goto(`${server.url}/form/`);
  await pick(page, 'الأب أو الأم');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  await next(page);
  await page.getByLabel('الاسم الأول').fill('سلمى');
  await expect(page.getByText('محفوظ على هذا الجهاز فقط')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('الاسم الأول')).toHaveValue('سلمى');
  // Close the tab, open a new one: still there.
  await page.close();
  const again = await context.newPage();
  await again.goto(`${server.url}/form/`);
  await expect(again.getByLabel('الاسم الأول')).toHaveValue('سلمى');
  // Quick exit by Escape twice; the neutral page is outside the app, so the test stops it.
  await again.route('https://www.google.com/**', (r) => r.fulfill({ body: 'neutral', contentType: 'text/plain' }));
  await again.getByLabel('الاسم الأول').focus();
  await again.keyboard.press('Escape');
  await again.keyboard.press('Escape');
  await again.waitForURL(/google\.com/);
  const leftover = await context.storageState();
  const all = JSON.stringify(leftover.origins.map((o) => o.localStorage));
  expect(all).not.toContain('سلمى');
  expect(all).not.toContain('sijil.draft');
  // The back button does not bring the form back with the answers.
  await again.goBack().catch(() => {});
  expect(again.url()).not.toContain('/form/');
});

test('the quick exit button wipes the draft', async ({ page, context, guard }) => {
  guard.allowed.push('www.google.com');
  await page.goto(`${server.url}/form/?lang=en`);
  await pick(page, 'Parent');
  await page.route('https://www.google.com/**', (r) => r.fulfill({ body: 'neutral', contentType: 'text/plain' }));
  await page.getByLabel('Your name (optional: anonymous reports are accepted)').fill('Hidden Person');
  await expect(page.getByText('Saved on this device only')).toBeVisible();
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL(/google\.com/);
  const state = JSON.stringify((await context.storageState()).origins);
  expect(state).not.toContain('Hidden Person');
});

test('offline: the report waits encrypted, with its receipt, and is delivered once when back online', async ({ page, context, guard }) => {
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
  await page.goto(`${server.url}/form/`);
  await fillArabic(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  const receipt = (await page.locator('.receipt strong').textContent())!.trim();
  expect(storedReports(server.store)).toHaveLength(0);
  const outbox = await page.evaluate(() => localStorage.getItem('sijil.outbox.v1'));
  expect(outbox).toContain(receipt);
  expect(outbox).not.toContain('محمد');
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 20000 });
  expect(storedReports(server.store)).toHaveLength(1);
  // Nothing may happen from here on (a check over a period, so a fixed wait): further retry
  // ticks (every few seconds) must not add a second report.
  await page.waitForTimeout(6000);
  expect(storedReports(server.store)).toHaveLength(1);
});

test('a failing intake (500s) is retried with backoff and the report is stored once', async ({ page, guard }) => {
  guard.expectedConsole.push(/status of 500/);
  await server.stop();
  server = await startServer([], { SIJIL_TEST_FAIL_FIRST: '2' });
  await page.goto(`${server.url}/form/`);
  await fillArabic(page);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 30000 });
  expect(storedReports(server.store)).toHaveLength(1);
});

test('an intake that stores the report but whose answer never arrives: the phone times out, retries, and it is stored once', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'one 30-second time-out is enough');
  test.setTimeout(120_000);
  // The first POST reaches the real server, which stores the report, but its answer is held
  // back, as on a connection that dies mid-reply. The phone must give up (30 s), keep the
  // ciphertext, retry, and get the same receipt: one report, not two.
  let posts = 0;
  await page.route('**/api/reports', async (route) => {
    posts += 1;
    if (posts === 1) {
      await route.fetch();
      return; // never answered
    }
    await route.continue();
  });
  await page.goto(`${server.url}/form/`);
  await fillArabic(page);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect.poll(() => storedReports(server.store).length, { timeout: 10_000 }).toBe(1);
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 45_000 });
  expect(storedReports(server.store)).toHaveLength(1);
  // While the first upload hung, the retry timer did not start more uploads of the same report.
  expect(posts).toBe(2);
});

test('an intake that is down, then back on the same address, gets the report on the next visit', async ({ page, guard }) => {
  guard.expectedConsole.push(/ERR_CONNECTION_REFUSED|Failed to load resource/);
  await page.goto(`${server.url}/form/`);
  await fillArabic(page);
  const port = new URL(server.url).port;
  const store = server.store;
  await server.stop();
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  server = await startServer(['--store', store], {}, Number(port));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 20000 });
  expect(storedReports(store)).toHaveLength(1);
});

test('double click on send and a second tab still store one report', async ({ page, context }) => {
  await page.goto(`${server.url}/form/`);
  await fillArabic(page);
  // The second tab opens on the saved draft (written 400 ms after the last change).
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('sijil.draft') ?? '{}').step)).toBe('review');
  const other = await context.newPage();
  await other.goto(`${server.url}/form/`);
  await expect(other.getByRole('heading', { name: 'الخطوة ٥: المراجعة والإرسال' })).toBeVisible();
  await page.getByRole('button', { name: 'تشفير وإرسال' }).dblclick();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 20000 });
  // The second tab showed the same draft: its answers go when the first tab sends them, and its
  // save timer does not write them back (it could not be sent twice from there).
  await expect(other.getByRole('heading', { name: 'الخطوة ١: عنك' })).toBeVisible();
  await expect(other.getByLabel('اسمك (اختياري: تُقبل البلاغات دون اسم)')).toHaveValue('');
  expect(await other.evaluate(() => localStorage.getItem('sijil.draft'))).toBeNull();
  await other.reload();
  // Started again, it finds nothing waiting (it would show the pending screen): the report left
  // the device once.
  await expect(other.getByRole('heading', { name: 'الخطوة ١: عنك' })).toBeVisible();
  expect(await outboxOf(other)).toBeNull();
  expect(storedReports(server.store)).toHaveLength(1);
});

test('rules: each invalid answer shows its translated message beside the field and takes focus', async ({ page }, info) => {
  await page.goto(`${server.url}/form/?lang=en`);
  await next(page, 'en');
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Please check these answers');
  // The first field in error has focus and is described by its message.
  const focused = await page.evaluate(() => document.activeElement?.id);
  expect(focused).toBe('about_you.relationship');
  expect(await axeViolations(page)).toEqual([]);
  await snap(page, `form-errors-en-${info.project.name}`);
  await pick(page, 'Parent');
  await pick(page, /I agree that this report is stored/);
  await next(page, 'en');
  await page.getByLabel('First name').fill('Ahmad2');
  await page.getByLabel('Age at death').fill('130');
  await next(page, 'en');
  await expect(page.locator('[id="victim.first_name-error"]')).toBeVisible();
  await expect(page.locator('[id="victim.age-error"]')).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('victim.first_name');
  // Switching language keeps every answer and translates the messages.
  await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByLabel('الاسم الأول')).toHaveValue('Ahmad2');
  await expect(page.getByRole('alert')).toContainText('يرجى مراجعة هذه الإجابات');
  expect(await scrollsHorizontally(page)).toBe(false);
});

test('every step passes axe and fits 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${server.url}/form/`);
  // The load event does not wait for the wasm module's top-level await: wait for the form.
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  for (let step = 0; step < 4; step++) {
    expect(await axeViolations(page), `step ${step + 1}`).toEqual([]);
    expect(await scrollsHorizontally(page), `step ${step + 1}`).toBe(false);
    if (step === 0) {
      await pick(page, 'الأب أو الأم');
      await pick(page, /أوافق على حفظ هذا البلاغ/);
    }
    if (step === 1) {
      await page.getByLabel('الاسم الكامل', { exact: false }).first().fill('محمد الخطيب');
      await pick(page, 'ذكر');
    }
    if (step === 2) {
      await page.locator('[id="death.date_unknown"]').check();
      await page.locator('[id="death.governorate"]').selectOption('SY07');
    }
    await next(page);
  }
  expect(await axeViolations(page)).toEqual([]);
});

test('a waiting report can be cancelled (after a confirmation) and then is never sent', async ({ page, context, guard }) => {
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
  await page.goto(`${server.url}/form/`);
  await fillMinimal(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  // What the screen says matches what is happening: no connection.
  await expect(page.locator('.send-status')).toHaveText(/بانتظار الاتصال/);
  expect(await outboxOf(page)).not.toBeNull();
  // Buttons on a screen that has just appeared ignore taps for a moment (a double tap on "send"
  // must not land on them): tap as a person would, again until the question appears.
  await tapWhenReady(page.getByRole('button', { name: 'إلغاء هذا البلاغ' }), page.getByRole('button', { name: 'لا، أبقِه' }));
  // "Keep it" keeps it.
  await page.getByRole('button', { name: 'لا، أبقِه' }).click();
  expect(await outboxOf(page)).not.toBeNull();
  await page.getByRole('button', { name: 'إلغاء هذا البلاغ' }).click();
  await expect(page.getByText('هل تريد حذف هذا البلاغ من هذا الجهاز؟ لن يُرسل.')).toBeVisible();
  await page.getByRole('button', { name: 'نعم، احذفه' }).click();
  const deleted = page.getByRole('heading', { name: 'حُذف من هذا الجهاز.' });
  await expect(deleted).toBeVisible();
  await expect(deleted).toBeFocused();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sijil.outbox') || k.startsWith('sijil.draft')))).toEqual([]);
  await context.setOffline(false);
  // Nothing may happen from here on (a check over a period, so a fixed wait): a retry tick
  // (every few seconds) would have sent it.
  await page.waitForTimeout(6000);
  expect(storedReports(server.store)).toHaveLength(0);
});
