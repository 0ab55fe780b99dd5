// Issue 13: the walk a relative actually takes, on a 360 px Arabic phone (the android project):
// nothing lost when the tab closes, nothing left behind by quick exit, steps that open at their
// top and follow the phone's Back button, errors that name their question, a review that shows
// what will be sent, and a pending screen that says what is really happening.
import { test, expect, axeViolations, snap, serviceWorkerActivated } from './fixtures';
import { startServer, Server } from './server';
import { storedReports, decrypt, pick, next, fillArabic, fillMinimal, outboxOf, tapWhenReady } from './form-helpers';
import * as path from 'path';

let server: Server;
test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'android', 'the phone walk');
  server = await startServer();
});
test.afterEach(async () => {
  await server?.stop();
});

const exitHost = 'www.google.com';

test('typing then leaving at once keeps the last words; the language survives a reload', async ({ page }) => {
  await page.goto(`${server.url}/form/`);
  await pick(page, 'الأب أو الأم');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  await next(page);
  // Leave well within the 400 ms the typing pause would take: only pagehide can save it.
  await page.getByLabel('الاسم الأول').fill('سلمى');
  await page.goto('about:blank');
  await page.goto(`${server.url}/form/`);
  await expect(page.getByLabel('الاسم الأول')).toHaveValue('سلمى');
  // English, then reload: still English (kept in the URL, which carries nothing else).
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(new URL(page.url()).search).toBe('?lang=en');
  // The reloaded page first shows the first step, so the form steps back off its own history
  // entry, and pushes it again when the draft's step comes back (on that step-back's
  // `popstate`). A Back pressed before then would race with the form's own.
  await page.addInitScript(() => addEventListener('popstate', () => ((window as any).sijilPopped = true)));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Step 2: The victim' })).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveValue('سلمى');
  // After the reload, the phone's Back button still goes back a step, not off the page.
  await page.waitForFunction(() => (window as any).sijilPopped === true && history.state === 'sijil-step');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Step 1: About you' })).toBeFocused();
  expect(page.url()).toContain('/form/');
});

test('steps open at their top with the heading focused; the phone Back button goes back a step', async ({ page }) => {
  await page.goto(`${server.url}/form/`);
  // A neutral title: tabs and history do not say what this page is for.
  await expect(page).toHaveTitle('نموذج');
  await pick(page, 'الأب أو الأم');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  const nextButton = page.getByRole('button', { name: 'التالي' });
  await nextButton.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
  await nextButton.click();
  const heading = page.getByRole('heading', { name: 'الخطوة ٢: الضحية' });
  await expect(heading).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.getByLabel('الاسم الأول').fill('سلمى');
  await page.getByLabel('الكنية (اسم العائلة)').fill('الحلبي');
  await pick(page, 'أنثى');
  await next(page);
  await expect(page.getByRole('heading', { name: 'الخطوة ٣: الوفاة' })).toBeFocused();
  // The phone's Back button: the step before, answers kept, heading focused.
  await page.goBack();
  await expect(heading).toBeFocused();
  await expect(page.getByLabel('الاسم الأول')).toHaveValue('سلمى');
  expect(page.url()).toContain('/form/');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'الخطوة ١: عنك' })).toBeFocused();
  await expect(page.getByLabel('الأب أو الأم')).toBeChecked();
  // The on-screen Back does the same.
  await next(page);
  await next(page);
  await page.getByRole('button', { name: 'السابق' }).click();
  await expect(heading).toBeFocused();
});

test('age against dates is checked on the death step as the user types; a death before March 2011 only warns', async ({ page }, info) => {
  await page.goto(`${server.url}/form/`);
  await pick(page, 'الأب أو الأم');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  await next(page);
  await page.getByLabel('الاسم الأول').fill('محمد');
  await page.getByLabel('الكنية (اسم العائلة)').fill('الخطيب');
  await pick(page, 'ذكر');
  await page.getByLabel('العمر عند الوفاة').fill('٣٤');
  await page.locator('[id="victim.birth.year"]').fill('١٩٧٩');
  await next(page);
  // Nothing typed: the summary names the question and the way out.
  await next(page);
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('تاريخ الوفاة: يرجى كتابة تاريخ الوفاة');
  await expect(summary).toContainText('«لا أعرف التاريخ»');
  await expect(summary).toContainText('المحافظة: يرجى الإجابة عن هذا السؤال.');
  await page.locator('[id="death.governorate"]').selectOption('SY02');
  // Born 1979, 34 years old: a death in 2020 does not fit, said here, on this step.
  await page.locator('[id="death.date.year"]').fill('٢٠٢٠');
  const dateError = page.locator('[id="death.date-error"]');
  await expect(dateError).toContainText('لا يتوافق مع العمر وتاريخ الولادة');
  await expect(dateError).toContainText('٤٠–٤١');
  await next(page);
  await expect(page.getByRole('heading', { name: 'الخطوة ٣: الوفاة' })).toBeVisible();
  await snap(page, `walk-age-error-ar-${info.project.name}`);
  // Corrected as the user types: the error goes.
  await page.locator('[id="death.date.year"]').fill('٢٠١٣');
  await expect(dateError).toHaveCount(0);
  // A death before March 2011 (with age and birth to match): a warning, not an error.
  await page.getByRole('button', { name: 'السابق' }).click();
  await page.getByLabel('العمر عند الوفاة').fill('');
  await next(page);
  await page.locator('[id="death.date.year"]').fill('٢٠٠٩');
  const warning = page.locator('[id="death.date-warning"]');
  await expect(warning).toContainText('قبل آذار/مارس ٢٠١١');
  await expect(page.locator('[id="death.date.year"]')).toHaveAttribute('aria-describedby', /death\.date-warning/);
  await snap(page, `walk-warning-ar-${info.project.name}`);
  await next(page);
  await expect(page.getByRole('heading', { name: /الخطوة ٤/ })).toBeVisible();
});

test('required questions are required for assistive technology too, and marked visibly in both themes', async ({ page }) => {
  await page.goto(`${server.url}/form/`);
  // The organization is named before anything is asked, and in the consent.
  await expect(page.locator('.who-reads')).toContainText('الشبكة السورية لحقوق الإنسان');
  await expect(page.getByLabel(/أوافق على حفظ هذا البلاغ لدى الشبكة السورية لحقوق الإنسان/)).toHaveAttribute('required');
  for (const radio of await page.locator('input[name="about_you.relationship"]').all()) {
    await expect(radio).toHaveAttribute('required');
  }
  // Codes inside Arabic text are isolated and in the page's digits.
  await pick(page, 'نعم');
  const code = page.locator('[id="about_you.contact_value-hint"] bdi').first();
  await expect(code).toHaveText('+٩٦٣');
  await expect(code).toHaveAttribute('dir', 'ltr');
  // Laid out with the sign on the left of the digits, as written.
  const signLeft = await code.evaluate((b) => {
    const r = document.createRange();
    const at = (i: number) => { r.setStart(b.firstChild!, i); r.setEnd(b.firstChild!, i + 1); return r.getBoundingClientRect().left; };
    return at(0) < at(1) && at(1) < at(3);
  });
  expect(signLeft).toBe(true);
  await pick(page, 'لا');
  await pick(page, 'الأب أو الأم');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  await next(page);
  await page.getByLabel('العمر عند الوفاة').fill('١٣٠');
  await next(page);
  await expect(page.locator('[id="victim.age-error"]')).toContainText('بين ٠ و١٢٠');
  await page.getByLabel('الاسم الأول').fill('محمد');
  await page.getByLabel('الكنية (اسم العائلة)').fill('الخطيب');
  await page.getByLabel('العمر عند الوفاة').fill('');
  await pick(page, 'ذكر');
  await next(page);
  await expect(page.locator('[id="death.date.year"]')).toHaveAttribute('required');
  await expect(page.locator('fieldset.date legend .req').first()).toBeVisible();
  // The marker keeps its contrast (WCAG AA, 4.5:1) in dark mode as in light.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const ratio = await page.evaluate(() => {
      const rgb = (c: string) => c.match(/[\d.]+/g)!.slice(0, 3).map(Number);
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const fg = lum(rgb(getComputedStyle(document.querySelector('.req')!).color));
      const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
      return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    });
    expect(ratio, scheme).toBeGreaterThanOrEqual(4.5);
  }
  expect(await axeViolations(page)).toEqual([]);
});

test('the review shows labels, what will be sent, every consent, aligned to the reading edge; Edit returns straight to it', async ({ page }, info) => {
  await page.goto(`${server.url}/form/`);
  await fillArabic(page);
  await page.getByRole('button', { name: 'تعديل: الوفاة' }).click();
  await expect(page.getByRole('heading', { name: 'الخطوة ٣: الوفاة' })).toBeFocused();
  await page.locator('[id="death.party"]').selectOption('unknown');
  await page.getByRole('button', { name: 'العودة إلى المراجعة' }).click();
  await expect(page.getByRole('heading', { name: /الخطوة ٥: المراجعة والإرسال/ })).toBeFocused();
  const review = page.locator('.review');
  const value = (label: string) => review.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  await expect(value('من الجهة المسؤولة؟')).toHaveText('لا أعرف');
  await expect(value('العمر عند الوفاة')).toHaveText('٣٤');
  await expect(value('الرقم أو العنوان')).toHaveText('+٩٦٣٩٤٤١٢٣٤٥٦');
  await expect(value('الرقم أو العنوان').locator('bdi')).toHaveAttribute('dir', 'ltr');
  await expect(value('تاريخ الوفاة')).toHaveText('٥/٣/٢٠١٣');
  // A consent not given is an answer too.
  await expect(value('يمكن نشر اسم الضحية.')).toHaveText('لا');
  await expect(value('أوافق على حفظ هذا البلاغ')).toHaveText('نعم');
  // Every value starts at the right edge in Arabic, Latin or not.
  const edges = await review.locator('dd').evaluateAll((dds) => dds.map((d) => {
    const box = d.getBoundingClientRect();
    const text = d.firstElementChild!.getBoundingClientRect();
    return Math.abs(box.right - text.right) < 2 || text.width >= box.width - 2;
  }));
  expect(edges.every(Boolean)).toBe(true);
  await snap(page, `walk-review-ar-${info.project.name}`);
});

test('the pending screen says what is happening: sending, the server did not answer (try now), received; focus follows', async ({ page, guard }, info) => {
  guard.expectedConsole.push(/status of 500/);
  await server.stop();
  server = await startServer([], { SIJIL_TEST_FAIL_FIRST: '1' });
  await page.goto(`${server.url}/form/`);
  await fillMinimal(page);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  const heading = page.getByRole('heading', { name: /لم يُرسل بعد/ });
  await expect(heading).toBeFocused();
  // Online, the server failed: not "waiting for a connection".
  await expect(page.locator('.send-status')).toHaveText(/^لم يُجب الخادم\. ستُعاد المحاولة عند الساعة \u2066[٠-٩]{2}:[٠-٩]{2}\u2069\.$/);
  await snap(page, `walk-pending-server-ar-${info.project.name}`);
  // "Try now" acts on the first tap (only the buttons that end or replace the report wait).
  await page.getByRole('button', { name: 'حاول الآن' }).click();
  const sent = page.getByRole('heading', { name: 'وصل البلاغ' });
  await expect(sent).toBeVisible({ timeout: 3000 });
  await expect(sent).toBeFocused();
  expect(storedReports(server.store)).toHaveLength(1);
});

test('a report the server refuses is not retried, says so, names the contact, and can be deleted', async ({ page, context, guard }, info) => {
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource|status of 400/);
  await page.goto(`${server.url}/form/`);
  await fillMinimal(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  // Damage the waiting ciphertext, as a broken storage or an old app might: the real server
  // refuses what is not an age file (400).
  await page.evaluate(() => {
    const all = JSON.parse(localStorage.getItem('sijil.outbox.v1')!);
    all[0].body = btoa('not an age file');
    localStorage.setItem('sijil.outbox.v1', JSON.stringify(all));
  });
  // Answers from the server (attempts while offline never reach it).
  let posts = 0;
  page.on('response', (r) => { if (r.request().method() === 'POST') posts += 1; });
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: 'لم يُرسل: رفض الخادم هذا البلاغ' })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.send-status')).toContainText('لن يُعاد إرساله تلقائياً');
  await expect(page.locator('.contact')).toContainText('فريق التوثيق: سيغنال أو واتساب');
  await expect(page.getByText('سيُرسل تلقائياً')).toHaveCount(0);
  await snap(page, `walk-refused-ar-${info.project.name}`);
  // Checks that nothing happens over a period, so fixed waits: past the first backoff and a
  // retry tick, no second attempt; nor on a new visit, which would send at once.
  await page.waitForTimeout(7000);
  expect(posts).toBe(1);
  await page.reload(); // a new visit does not send it again either
  await expect(page.getByRole('heading', { name: 'لم يُرسل: رفض الخادم هذا البلاغ' })).toBeVisible();
  await page.waitForTimeout(1500);
  expect(posts).toBe(1);
  await page.getByRole('button', { name: 'حذف هذا البلاغ من هذا الجهاز' }).click();
  await page.getByRole('button', { name: 'نعم، احذفه' }).click();
  await expect(page.getByRole('heading', { name: 'حُذف من هذا الجهاز.' })).toBeVisible();
  expect(await outboxOf(page)).toBeNull();
  expect(storedReports(server.store)).toHaveLength(0);
});

test('after quick exit the next person sees a fresh form: no outcome, no receipt; the report still arrives', async ({ page, context, guard }) => {
  guard.allowed.push(exitHost);
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
  await page.goto(`${server.url}/form/`);
  // No keyboard on a phone: the Escape hint is not shown (the button is).
  await expect(page.locator('.quick-exit .hint')).toBeHidden();
  await fillMinimal(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  const receipt = (await page.locator('.receipt strong').textContent())!.trim();
  await page.route(`https://${exitHost}/**`, (r) => r.fulfill({ body: 'neutral', contentType: 'text/plain' }));
  await page.getByRole('button', { name: 'خروج سريع' }).click();
  await page.waitForURL(new RegExp(exitHost));
  // Only the ciphertext waits; its receipt is gone from the device.
  const left = await context.storageState();
  const all = JSON.stringify(left.origins.map((o) => o.localStorage));
  expect(all).not.toContain(receipt);
  expect(all).not.toContain('كريم');
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${server.url}/form/`);
  await expect(again.getByRole('heading', { name: 'الخطوة ١: عنك' })).toBeVisible();
  await expect.poll(() => storedReports(server.store).length, { timeout: 15_000 }).toBe(1);
  // Delivered and forgotten by this page (what it would show, it has shown by then).
  await expect.poll(() => outboxOf(again)).toBeNull();
  await expect(again.locator('.outcome')).toHaveCount(0);
  expect(await again.content()).not.toContain(receipt);
  expect(await outboxOf(again)).toBeNull();
});

test('a field focused under the sticky header is scrolled clear of it', async ({ page }) => {
  await page.goto(`${server.url}/form/`);
  await pick(page, 'الأب أو الأم');
  await pick(page, /أوافق على حفظ هذا البلاغ/);
  await next(page);
  await next(page); // errors, listed at the top
  // From the bottom of the step, go to the first question in error (as the summary's link does):
  // the browser scrolls it into view, and the header must not cover it.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.locator('.error-summary a').first().click();
  await expect(page.locator('[id="victim.first_name"]')).toBeFocused();
  const clear = await page.evaluate(() => {
    const head = document.querySelector('.form-head')!.getBoundingClientRect();
    const label = document.querySelector('label[for="victim.first_name"]')!.getBoundingClientRect();
    return label.top >= head.bottom;
  });
  expect(clear).toBe(true);
  // The header leaves most of a 740 px screen to the form.
  const height = await page.locator('.form-head').evaluate((h) => h.getBoundingClientRect().height);
  expect(height).toBeLessThan(80);
});

test('before the app arrives, the page already names the organization, says it is loading, and quick exit works', async ({ page, guard }, info) => {
  guard.allowed.push(exitHost);
  guard.expectedConsole.push(/wasm|WebAssembly|Failed to load resource|ERR_FAILED|Failed to fetch/i);
  // A draft from an earlier visit, which quick exit must wipe even without the app.
  await page.goto(`${server.url}/form/`);
  await pick(page, 'الأب أو الأم');
  await expect(page.getByText('محفوظ على هذا الجهاز فقط')).toBeVisible();
  // The app's code never arrives (a line that dropped mid-download). The service worker would
  // serve it from the device, so it goes, with its copies.
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
  });
  await page.route('**/*.wasm', (r) => r.abort());
  await page.reload();
  const shell = page.locator('#shell');
  await expect(shell.getByRole('heading', { level: 1 })).toHaveText('الإبلاغ عن ضحية');
  await expect(shell.locator('#shell-org')).toHaveText('الشبكة السورية لحقوق الإنسان');
  await expect(shell.getByRole('status')).toContainText('جارٍ تحميل النموذج');
  await snap(page, `walk-shell-ar-${info.project.name}`);
  expect(await outboxOf(page)).toBeNull();
  expect(await page.evaluate(() => localStorage.getItem('sijil.draft'))).not.toBeNull();
  await page.route(`https://${exitHost}/**`, (r) => r.fulfill({ body: 'neutral', contentType: 'text/plain' }));
  await shell.getByRole('link', { name: 'خروج سريع' }).click();
  await page.waitForURL(new RegExp(exitHost));
  const state = JSON.stringify((await page.context().storageState()).origins);
  expect(state).not.toContain('sijil.draft');
});

test('one visit is enough: offline, the form reopens from the device with the waiting report and its status', async ({ page, context, guard }) => {
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource|ERR_CONNECTION_REFUSED/);
  await page.goto(`${server.url}/form/`);
  await serviceWorkerActivated(page);
  await fillMinimal(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  const receipt = (await page.locator('.receipt strong').textContent())!.trim();
  await server.stop();
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
    await expect(page.locator('.receipt strong')).toHaveText(receipt);
    // Which of the two waiting sentences depends on navigator.onLine, which Chromium's offline
    // emulation leaves true on a page reloaded from the service worker (the sentence for a
    // phone that knows it is offline is checked in form.spec.ts).
    await expect(page.locator('.send-status')).toHaveText(/بانتظار الاتصال|لم يُجب الخادم/);
  } finally {
    await context.setOffline(false);
  }
});

test('follow-up without an account: a second report names the first by its receipt code', async ({ page, context, guard }, info) => {
  guard.allowed.push(exitHost);
  await page.goto(`${server.url}/form/`);
  await fillMinimal(page);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible();
  const receipt = (await page.locator('.receipt strong').textContent())!.trim();
  // Kept on the phone only when asked.
  expect(await page.evaluate(() => localStorage.getItem('sijil.receipts.v1'))).toBeNull();
  await tapWhenReady(page.getByRole('button', { name: 'الاحتفاظ بهذا الرمز على هذا الهاتف' }), page.getByText('حُفظ على هذا الهاتف لإضافة معلومات لاحقاً'));
  await snap(page, `walk-sent-ar-${info.project.name}`);
  // Later, a new visit: the kept code is offered on the first step.
  await page.reload();
  await page.getByText('إضافة معلومات إلى بلاغ أرسلته').click();
  await page.getByRole('button', { name: receipt }).click();
  const code = page.getByLabel('رمز إيصال البلاغ السابق');
  await expect(code).toHaveValue(receipt);
  // A code typed wrong is named as such.
  await code.fill('ABC');
  await next(page);
  await expect(page.locator('.error-summary')).toContainText('رمز إيصال البلاغ السابق: رمز الإيصال ثمانية حروف');
  await code.fill(receipt.toLowerCase().replace('-', ' '));
  await snap(page, `walk-follow-up-ar-${info.project.name}`);
  await fillMinimal(page);
  await expect(page.locator('.review dd').first()).toHaveText(receipt);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible();
  const reports = storedReports(server.store).map((f) => decrypt(path.join(server.store, f)));
  expect(reports).toHaveLength(2);
  const second = reports.find((r) => r.receipt !== receipt);
  expect(second.follows).toBe(receipt);
  expect(reports.find((r) => r.receipt === receipt).follows).toBeUndefined();
  // Quick exit removes the kept codes.
  await page.route(`https://${exitHost}/**`, (r) => r.fulfill({ body: 'neutral', contentType: 'text/plain' }));
  await page.getByRole('button', { name: 'خروج سريع' }).click();
  await page.waitForURL(new RegExp(exitHost));
  expect(JSON.stringify((await context.storageState()).origins)).not.toContain('sijil.receipts');
});
