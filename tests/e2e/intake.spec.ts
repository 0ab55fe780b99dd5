// The phone's outbox against the intake's harder cases: a real S3 store (SeaweedFS) that goes
// down and comes back, an id someone else took first (409), and a captive portal's "200 OK".
import { test, expect } from './fixtures';
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Page } from '@playwright/test';
import { startServer, Server } from './server';
import { Weed, BUCKET } from './seaweed';

const identity = path.join(__dirname, '../../dev/dev-identity.txt');
const sent = 'وصل البلاغ';
const waiting = /لم يُرسل بعد/;

test.describe.configure({ mode: 'serial' });
// Browser-independent server behaviour: the desktop project is enough.
test.beforeEach(({}, info) => {
  test.skip(info.project.name !== 'desktop', 'desktop only');
});

/** A minimal complete report, in Arabic. Ends on the review step. */
async function fillReport(page: Page) {
  const pick = (label: string | RegExp) => page.getByLabel(label, { exact: typeof label === 'string' }).check();
  const next = () => page.getByRole('button', { name: 'التالي' }).click();
  await pick('الأب أو الأم');
  await pick('نعم');
  await page.locator('[id="about_you.contact_method"]').check();
  await page.getByLabel('الرقم أو العنوان').fill('٠٩٤٤ ١٢٣ ٤٥٦');
  await pick(/أوافق على حفظ هذا البلاغ/);
  await next();
  await page.getByLabel('الاسم الأول').fill('محمد');
  await page.getByLabel('الكنية (اسم العائلة)').fill('الخطيب');
  await pick('ذكر');
  await next();
  await page.locator('[id="death.date"]').fill('٥');
  await page.locator('[id="death.date.month"]').fill('٣');
  await page.locator('[id="death.date.year"]').fill('٢٠١٣');
  await page.locator('[id="death.governorate"]').selectOption('SY02');
  await page.locator('[id="death.method"]').selectOption('airstrike');
  await page.locator('[id="death.weapon"]').selectOption('barrel_bomb');
  await page.locator('[id="death.party"]').selectOption('regime');
  await next();
  await next();
  await expect(page.getByRole('heading', { name: /المراجعة والإرسال/ }).first()).toBeVisible();
}

async function send(page: Page) {
  await page.getByRole('button', { name: 'تشفير وإرسال' }).click();
}

function decrypt(file: string): any {
  return JSON.parse(execFileSync('age', ['-d', '-i', identity, file]).toString('utf8'));
}

/** A well-formed age file (random header and payload): what a forger could post. */
function forgedAge(): Buffer {
  const b64 = (n: number) => crypto.randomBytes(n).toString('base64').replace(/=+$/, '');
  const head = `age-encryption.org/v1\n-> X25519 ${b64(32)}\n${b64(32)}\n--- ${b64(32)}\n`;
  return Buffer.concat([Buffer.from(head), crypto.randomBytes(16 + 16 + 50)]);
}

test('S3 store down: the phone keeps the report; when the store is back it arrives once', async ({ page, guard }) => {
  test.setTimeout(180_000);
  guard.expectedConsole.push(/status of 503|Failed to load resource/);
  const weed = await Weed.start();
  let server: Server | undefined;
  try {
    server = await startServer(['--store', `s3://${BUCKET}/e2e`], weed.env());
    await page.goto(`${server.url}/form/`);
    await fillReport(page);
    await weed.stop();
    await send(page);
    await expect(page.getByRole('heading', { name: waiting })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('sijil.outbox.v1'))).toContain('"body"');
    expect(await weed.run()).toBe(true);
    // The store is back once the intake says so (its health check asks the store): a
    // reload before that would spend the visit's send on a 503 and leave the report to the
    // backoff timer, whose next try can be a minute or more away after the failures above.
    await expect
      .poll(async () => (await fetch(`${server!.url}/healthz`)).status, { timeout: 60_000 })
      .toBe(200);
    // A retry tick may deliver it just before the reload (the page then opens on a new
    // form): what must hold either way is that it arrives, once.
    await page.reload();
    await expect.poll(async () => (await weed.list('e2e')).length, { timeout: 60_000 }).toBe(1);
    // Nothing may happen from here on (a check over a period, so a fixed wait): further retry
    // ticks (every few seconds) must not add a second report.
    await page.waitForTimeout(6000);
    expect(await weed.list('e2e')).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem('sijil.outbox.v1'))).toBeNull();
  } finally {
    await server?.stop();
    await weed.remove();
  }
});

test('an id taken by someone else first (409): the phone resends under a new id and nothing is lost', async ({ page, guard }) => {
  guard.expectedConsole.push(/status of 409/);
  const server = await startServer();
  try {
    let first = '';
    await page.route('**/api/reports', async (route) => {
      const key = route.request().headers()['idempotency-key'];
      if (!first) {
        first = key;
        // Someone holding the phone posts junk under the pending report's id first.
        const r = await fetch(`${server.url}/api/reports`, {
          method: 'POST', headers: { 'Idempotency-Key': key }, body: forgedAge(),
        });
        expect(r.status).toBe(201);
      }
      await route.continue();
    });
    await page.goto(`${server.url}/form/`);
    await fillReport(page);
    await send(page);
    await expect(page.getByRole('heading', { name: sent })).toBeVisible({ timeout: 30_000 });
    const files = fs.readdirSync(server.store).filter((f) => f.endsWith('.age')).sort();
    expect(files).toHaveLength(2);
    const resent = files.find((f) => f.includes('.replaces-'))!;
    expect(resent).toMatch(new RegExp(`^[0-9a-f-]{36}\\.replaces-${first}\\.age$`));
    // The forged file is kept, and the real report is whole under its new name.
    const report = decrypt(path.join(server.store, resent));
    expect(report.id).toBe(first);
    expect(report.victim.name.first).toBe('محمد');
  } finally {
    await server.stop();
  }
});

test("a captive portal's 200 is not a delivery", async ({ page }) => {
  const server = await startServer();
  try {
    let posts = 0;
    await page.route('**/api/reports', async (route) => {
      posts += 1;
      if (posts === 1) {
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Welcome! Accept the terms to browse</h1>' });
        return;
      }
      await route.continue();
    });
    await page.goto(`${server.url}/form/`);
    await fillReport(page);
    await send(page);
    await expect(page.getByRole('heading', { name: waiting })).toBeVisible();
    await expect(page.getByRole('heading', { name: sent })).toBeVisible({ timeout: 30_000 });
    expect(posts).toBeGreaterThanOrEqual(2);
    expect(fs.readdirSync(server.store).filter((f) => f.endsWith('.age'))).toHaveLength(1);
  } finally {
    await server.stop();
  }
});
