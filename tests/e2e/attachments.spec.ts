// Attached files on the family form, end to end: chosen on step 5 in Arabic, fingerprinted and
// encrypted on the phone in 64 KiB pieces kept in IndexedDB, uploaded over tus after the report,
// resumed after a cut connection, and exported by the real `sijil export`, which decrypts them
// and checks each SHA-256 against the report. Real server, real `age`, real `exiftool`.
import { test, expect, axeViolations, snap, scrollsHorizontally } from './fixtures';
import { execFileSync, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Page } from '@playwright/test';
import { startServer, Server } from './server';
import { storedReports, decrypt, pick, next, fillToEvidence, tapWhenReady } from './form-helpers';

const root = path.join(__dirname, '../..');
const identity = path.join(root, 'dev/dev-identity.txt');
const gpsJpeg = path.join(root, 'crates/sijil-report/tests/photos/gps-le.jpg');

let server: Server;
test.beforeEach(async ({}, info) => {
  // Phone journeys with tens of megabytes each: once, on the 360 px Android project.
  test.skip(info.project.name !== 'android', 'the phone journeys');
  server = await startServer();
});
test.afterEach(async ({}, info) => {
  if (info.project.name !== 'android') return;
  await server.stop();
  // Tens of megabytes per test: the store and the exports leave with it.
  fs.rmSync(server.store, { recursive: true, force: true });
  for (const dir of exports.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const exports: string[] = [];

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** A small but real PDF. */
function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/** A video-sized file: random bytes (incompressible, like a real video), `mb` megabytes. */
function video(mb: number): Buffer {
  return crypto.randomBytes(mb * 1024 * 1024 + 12345);
}

/** The smallest report the rules accept, in Arabic; ends on step 5 (evidence). */
async function toEvidence(page: Page) {
  await fillToEvidence(page);
  await expect(page.getByRole('heading', { name: 'صور ووثائق ومقاطع فيديو' })).toBeVisible();
}

async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.locator('[id="evidence.attachments"]').setInputFiles(files);
  for (const f of files) {
    await expect(page.getByRole('button', { name: `إزالة: ${f.name}` })).toBeVisible({ timeout: 60_000 });
  }
}

async function sendAndWaitForFiles(page: Page) {
  await next(page);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.uploads [aria-live]')).toHaveText('أُرسلت جميع الملفات.', { timeout: 90_000 });
}

/** Runs the real `sijil export` on the store; returns the exported reports and the folder. */
function exportStore(): { reports: any[]; out: string } {
  const bin = process.env.SIJIL_BIN ?? path.join(root, 'target/debug/sijil');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sijil-e2e-export-'));
  exports.push(dir);
  const out = path.join(dir, 'out');
  const r = spawnSync(bin, ['export', '--identity', identity, '--store', server.store, '--out', out]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return { reports: JSON.parse(fs.readFileSync(path.join(out, 'reports.json'), 'utf8')), out };
}

/** The upload pieces stored for each attachment of the store (folder → piece files). */
/** The store holds one attachment, and `sijil export` writes it verified, byte for byte `clip`. */
function expectOneVerifiedFile(clip: Buffer) {
  expect(storedPieces().size).toBe(1);
  const { reports, out } = exportStore();
  const a = reports[0].attachments[0];
  expect(a.export.status).toBe('verified');
  expect(sha256(fs.readFileSync(path.join(out, a.export.file)))).toBe(sha256(clip));
}

function storedPieces(): Map<string, string[]> {
  const base = path.join(server.store, 'attachments');
  const out = new Map<string, string[]>();
  if (!fs.existsSync(base)) return out;
  for (const report of fs.readdirSync(base)) {
    for (const att of fs.readdirSync(path.join(base, report))) {
      const dir = path.join(base, report, att);
      out.set(`${report}/${att}`, fs.readdirSync(dir).filter((f) => f.endsWith('.part')));
    }
  }
  return out;
}

test('a photo with its location, a PDF and a 20 MB video, in Arabic: sent after the report, exported, decrypted, every hash the original', async ({ page }, info) => {
  test.setTimeout(240_000);
  await page.goto(`${server.url}/form/`);
  await toEvidence(page);
  const photo = fs.readFileSync(gpsJpeg);
  const doc = pdf();
  const clip = video(20);
  await attach(page, [
    { name: 'صورة الشهيد.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'شهادة وفاة.pdf', mimeType: 'application/pdf', buffer: doc },
    { name: 'مقطع.mp4', mimeType: 'video/mp4', buffer: clip },
  ]);
  // Each shows a thumbnail (the photo) or its kind, its name and size; the notice says who reads.
  await expect(page.locator('.file-list img.thumb')).toHaveCount(1);
  await expect(page.locator('.file-list .thumb.icon')).toHaveText(['PDF', 'VIDEO']);
  await expect(page.getByText(/٢٠٫٠ ميغابايت/)).toBeVisible();
  await expect(page.getByText(/ما قد تكشفه الصورة/)).toBeVisible();
  await expect(page.getByText(/فريق التوثيق في الشبكة السورية لحقوق الإنسان/).first()).toBeVisible();
  // The ciphertext waits in IndexedDB, never in localStorage.
  const local = await page.evaluate(() => JSON.stringify(localStorage));
  expect(local.length).toBeLessThan(20_000);
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsHorizontally(page)).toBe(false);
  await snap(page, `form-files-ar-${info.project.name}`);
  // The review lists them.
  await next(page);
  await expect(page.locator('.review dd', { hasText: 'مقطع.mp4' })).toBeVisible();
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'الملفات قيد الإرسال' })).toBeVisible();
  await expect(page.locator('.uploads progress').first()).toBeVisible();
  await snap(page, `form-files-sending-ar-${info.project.name}`);
  await expect(page.locator('.uploads [aria-live]')).toHaveText('أُرسلت جميع الملفات.', { timeout: 120_000 });
  await snap(page, `form-files-sent-ar-${info.project.name}`);

  const files = storedReports(server.store);
  expect(files).toHaveLength(1);
  const report = decrypt(path.join(server.store, files[0]));
  expect(report.attachments.map((a: any) => [a.name, a.type, a.size, a.sha256])).toEqual([
    ['صورة الشهيد.jpg', 'image/jpeg', photo.length, sha256(photo)],
    ['شهادة وفاة.pdf', 'application/pdf', doc.length, sha256(doc)],
    ['مقطع.mp4', 'video/mp4', clip.length, sha256(clip)],
  ]);
  // Each file stored once: one folder per attachment, pieces that join to one age file.
  const pieces = storedPieces();
  expect(pieces.size).toBe(3);
  const { reports, out } = exportStore();
  expect(reports).toHaveLength(1);
  const exported = reports[0].attachments;
  expect(exported.map((a: any) => a.export.status)).toEqual(['verified', 'verified', 'verified']);
  const written = exported.map((a: any) => fs.readFileSync(path.join(out, a.export.file)));
  expect(written.map(sha256)).toEqual([sha256(photo), sha256(doc), sha256(clip)]);
  // Sent as chosen (the default): the photo still carries its location.
  const gps = execFileSync('exiftool', ['-gps:all', '-s', path.join(out, exported[0].export.file)]).toString();
  expect(gps).toContain('GPSLatitude');
  // Nothing of the files is left on the device once they are delivered.
  await expect.poll(() => piecesOnDevice(page)).toBe(0);
});

/** A large photo (3000 × 2000 px), drawn and encoded as JPEG by the browser itself. */
async function bigPhoto(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const c = new OffscreenCanvas(3000, 2000);
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 3000, 2000);
    grad.addColorStop(0, '#204080');
    grad.addColorStop(1, '#e0a020');
    g.fillStyle = grad;
    g.fillRect(0, 0, 3000, 2000);
    const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

test('per photo: "remove the location" sends the same pixels without GPS, "a smaller copy" at most 2560 px; the report keeps the original hash', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${server.url}/form/`);
  const big = await bigPhoto(page);
  await toEvidence(page);
  const photo = fs.readFileSync(gpsJpeg);
  await attach(page, [
    { name: 'بيت.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'كبيرة.jpg', mimeType: 'image/jpeg', buffer: big },
  ]);
  await page.locator('.file-list li', { hasText: 'بيت.jpg' }).getByLabel(/إزالة الموقع من هذه الصورة/).click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sijil.draft') ?? ''), { timeout: 30_000 }).toContain('location_removed');
  await page.locator('.file-list li', { hasText: 'كبيرة.jpg' }).getByLabel(/إرسال نسخة أصغر/).click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sijil.draft') ?? ''), { timeout: 30_000 }).toContain('smaller_copy');
  await expect(page.locator('.file-list li', { hasText: 'بيت.jpg' }).getByLabel(/إزالة الموقع من هذه الصورة/)).toBeChecked();
  await sendAndWaitForFiles(page);

  const report = decrypt(path.join(server.store, storedReports(server.store)[0]));
  const [located, smaller] = report.attachments;
  expect(located.sent).toBe('location_removed');
  expect(located.original_sha256).toBe(sha256(photo));
  expect(smaller.sent).toBe('smaller_copy');
  expect(smaller.original_sha256).toBe(sha256(big));
  const { reports, out } = exportStore();
  const files = reports[0].attachments.map((a: any) => path.join(out, a.export.file));
  expect(reports[0].attachments.map((a: any) => a.export.status)).toEqual(['verified', 'verified']);
  // No GPS left, and the compressed picture (from the start of scan on) is the original's.
  const stripped = fs.readFileSync(files[0]);
  expect(sha256(stripped)).toBe(located.sha256);
  expect(execFileSync('exiftool', ['-gps:all', '-s', files[0]]).toString().trim()).toBe('');
  const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
  expect(sos(stripped).equals(sos(photo))).toBe(true);
  const size = execFileSync('exiftool', ['-s3', '-ImageWidth', '-ImageHeight', files[1]]).toString().trim().split('\n').map(Number);
  expect(size).toEqual([2560, 1707]);
});

test('the connection cut at 60 % of a video upload: it resumes from the server offset, sends at most half again, one copy stored', async ({ page, guard }) => {
  test.setTimeout(240_000);
  guard.expectedConsole.push(/Failed to load resource|ERR_FAILED|ERR_CONNECTION/);
  await page.goto(`${server.url}/form/`);
  await toEvidence(page);
  const clip = video(20);
  await attach(page, [{ name: 'مقطع.mp4', mimeType: 'video/mp4', buffer: clip }]);
  let sent = 0;
  let cut = false;
  let down = false;
  await page.route('**/api/uploads/**', async (route) => {
    const req = route.request();
    if (down) return route.abort('connectionreset');
    if (req.method() === 'PATCH') {
      const n = req.postDataBuffer()?.length ?? 0;
      if (!cut && sent + n > clip.length * 0.6) {
        // The line drops in the middle of a piece, and stays down for a while.
        cut = true;
        down = true;
        setTimeout(() => (down = false), 4000);
        return route.abort('connectionreset');
      }
      sent += n;
    }
    return route.continue();
  });
  await sendAndWaitForFiles(page);
  expect(cut).toBe(true);
  // Resumed from the server's offset: far less than half the file sent again.
  expect(sent).toBeLessThan(clip.length * 1.5);
  expect(sent).toBeGreaterThanOrEqual(clip.length);
  expectOneVerifiedFile(clip);
});

test('offline: the report and its files wait on the phone, and on the next visit online arrive once', async ({ page, context, guard }) => {
  test.setTimeout(180_000);
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
  await page.goto(`${server.url}/form/`);
  await toEvidence(page);
  const photo = fs.readFileSync(gpsJpeg);
  const doc = pdf();
  await attach(page, [
    { name: 'صورة.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'وثيقة.pdf', mimeType: 'application/pdf', buffer: doc },
  ]);
  await next(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'الملفات قيد الإرسال' })).toBeVisible();
  expect(storedReports(server.store)).toHaveLength(0);
  // The phone is closed while offline; the relative comes back later, online.
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${server.url}/form/`);
  await expect(again.locator('.uploads [aria-live]')).toHaveText('أُرسلت جميع الملفات.', { timeout: 90_000 });
  // Nothing may happen from here on (a check over a period, so a fixed wait): further retry
  // ticks (every few seconds) must not add a report or a file.
  await again.waitForTimeout(6000);
  expect(storedReports(server.store)).toHaveLength(1);
  const pieces = storedPieces();
  expect(pieces.size).toBe(2);
  const { reports } = exportStore();
  expect(reports[0].attachments.map((a: any) => a.export.status)).toEqual(['verified', 'verified']);
});

function piecesOnDevice(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('sijil-files');
        open.onsuccess = () => {
          const req = open.result.transaction('pieces').objectStore('pieces').count();
          req.onsuccess = () => resolve(req.result);
        };
      }),
  );
}

test('"delete everything from this device" removes the files of the draft; cancelling a waiting report removes its files', async ({ page, context, guard }) => {
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
  await page.goto(`${server.url}/form/`);
  await toEvidence(page);
  await attach(page, [{ name: 'وثيقة.pdf', mimeType: 'application/pdf', buffer: pdf() }]);
  expect(await piecesOnDevice(page)).toBeGreaterThan(0);
  // The form starts again at its first step.
  await tapWhenReady(page.getByRole('button', { name: 'حذف كل شيء من هذا الجهاز' }), page.getByRole('heading', { name: /عنك/ }));
  await expect.poll(() => piecesOnDevice(page)).toBe(0);

  await toEvidence(page);
  await attach(page, [{ name: 'وثيقة.pdf', mimeType: 'application/pdf', buffer: pdf() }]);
  await next(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  expect(await piecesOnDevice(page)).toBeGreaterThan(0);
  const yes = page.getByRole('button', { name: 'نعم، احذفه' });
  await tapWhenReady(page.getByRole('button', { name: 'إلغاء هذا البلاغ' }), yes);
  await yes.click();
  await expect.poll(() => piecesOnDevice(page)).toBe(0);
  expect(await page.evaluate(() => localStorage.getItem('sijil.uploads.v1'))).toBeNull();
});

test('three victims of one incident: three reports with one incident id, the incident typed once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${server.url}/form/`);
  await toEvidence(page);
  await next(page);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 30_000 });
  const first = (await page.locator('.receipt strong').textContent())!.trim();
  // The second victim: only their own name and sex are typed; the incident is filled in.
  await tapWhenReady(
    page.getByRole('button', { name: 'الإبلاغ عن شخص آخر قُتل في الحادثة نفسها' }),
    page.getByRole('status').filter({ hasText: first }),
  );
  await page.getByLabel('الاسم الأول').fill('سامر');
  await page.getByLabel('الكنية (اسم العائلة)').fill('حداد');
  await pick(page, 'ذكر');
  await next(page);
  await expect(page.locator('[id="death.governorate"]')).toHaveValue('SY05');
  await next(page);
  await next(page);
  // From the review: send this one and go straight on to the third.
  await page.getByRole('button', { name: 'إرسال، ثم الإبلاغ عن شخص آخر قُتل في الحادثة نفسها' }).click();
  await expect(page.getByLabel('الاسم الأول')).toHaveValue('');
  await page.getByLabel('الاسم الأول').fill('ليلى');
  await page.getByLabel('الكنية (اسم العائلة)').fill('حداد');
  await pick(page, 'أنثى');
  await next(page);
  await next(page);
  await next(page);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: 'وصل البلاغ' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => storedReports(server.store).length, { timeout: 30_000 }).toBe(3);
  const reports = storedReports(server.store).map((f) => decrypt(path.join(server.store, f)));
  const incidents = new Set(reports.map((r) => r.incident));
  expect(incidents.size).toBe(1);
  expect([...incidents][0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(reports.map((r) => r.victim.name.first).sort()).toEqual(['سامر', 'كريم', 'ليلى'].sort());
  expect(reports.every((r) => r.death.governorate === 'SY05' && r.about_you.relationship === 'parent')).toBe(true);
});

test('two tabs deliver the same waiting files at once: each file stored once and verified', async ({ page, context, guard }) => {
  test.setTimeout(180_000);
  guard.expectedConsole.push(/ERR_INTERNET_DISCONNECTED|Failed to load resource|status of 409/);
  await page.goto(`${server.url}/form/`);
  await toEvidence(page);
  const clip = video(6);
  await attach(page, [{ name: 'مقطع.mp4', mimeType: 'video/mp4', buffer: clip }]);
  await next(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
  await expect(page.getByRole('heading', { name: /لم يُرسل بعد/ })).toBeVisible();
  const other = await context.newPage();
  await other.goto(`${server.url}/form/`).catch(() => {}); // offline: may fail, the first tab stays
  await context.setOffline(false);
  await other.goto(`${server.url}/form/`);
  // Both tabs now work through the same queue, until it is empty.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('sijil.uploads.v1')), { timeout: 90_000 }).toBeNull();
  expect(storedReports(server.store)).toHaveLength(1);
  expectOneVerifiedFile(clip);
});

test('a file the form cannot take is named with the reason, in Arabic, and nothing typed is lost', async ({ page }) => {
  await page.goto(`${server.url}/form/`);
  await toEvidence(page);
  await page.locator('[id="evidence.attachments"]').setInputFiles([
    { name: 'برنامج.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\x03\x04') },
    { name: 'فارغ.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) },
  ]);
  await expect(page.getByText('برنامج.zip: لا يمكن إرسال هذا النوع من الملفات. يرجى اختيار صور أو وثائق PDF أو مقاطع فيديو.')).toBeVisible();
  await expect(page.getByText('فارغ.pdf: الملف فارغ.')).toBeVisible();
  // Ten is the most: the eleventh is refused by name.
  const docs = Array.from({ length: 11 }, (_, i) => ({ name: `وثيقة-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: pdf() }));
  await page.locator('[id="evidence.attachments"]').setInputFiles(docs);
  await expect(page.getByText(/وثيقة-11\.pdf: لا يمكن إرسال أكثر من ١٠ ملفات/)).toBeVisible();
  await expect(page.locator('.file-list button', { hasText: 'إزالة' })).toHaveCount(10, { timeout: 30_000 });
  await expect(page.locator('[id="evidence.attachments"]')).toBeDisabled();
  // What was typed is still there.
  await page.getByRole('button', { name: 'السابق' }).click();
  await expect(page.locator('[id="death.governorate"]')).toHaveValue('SY05');
});
