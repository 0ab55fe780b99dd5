// Widget states against real servers: an invalid feed shows the checker's message (naming the
// path), an unreachable feed offers a retry, a returning reader sees the last good copy
// offline, with its date, and a page waiting for its feed shows only its loading message.
import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { startServer, writeTemp } from './server';

test('an invalid feed shows the validation message with the JSON path', async ({ page }) => {
  // An error in the document itself (its party list): an error inside one month would only
  // leave that month out (truth.spec.ts).
  const bad = writeTemp('feed.json', JSON.stringify({ format: 'sijil-monthly-tallies', version: 1, publisher: { name: { en: 'X' } }, updated: '2025-01-02', parties: [{ id: 'Bad Id', name: { en: 'X' } }], months: [{ month: '2021-02', civilians: { total: 5 } }] }));
  const s = await startServer(['--feed', bad]);
  try {
    await page.goto(`${s.url}/widget/glance/?w=glance&lang=en`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The data file is not valid');
    await expect(alert).toContainText('parties[0].id');
    await page.goto(`${s.url}/widget/glance/?w=glance&lang=ar`);
    await expect(page.getByRole('alert')).toContainText('ملف البيانات غير صالح');
  } finally {
    await s.stop();
  }
});

test('an unreachable feed offers a retry, which recovers', async ({ page }) => {
  // The server is told to serve a feed file that does not exist yet: the feed URL answers 404.
  const later = writeTemp('placeholder', '') + '.feed.json';
  const s = await startServer(['--feed', later]);
  try {
    await page.goto(`${s.url}/widget/glance/?w=glance&lang=en&month=2021-02`);
    await expect(page.getByRole('alert')).toContainText('could not be reached');
    // The publisher's file appears; Retry fetches it.
    fs.copyFileSync(path.join(__dirname, '../../static/data/feed.json'), later);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('.stats')).toContainText('138');
  } finally {
    await s.stop();
  }
});

test('a returning reader sees the last good copy offline', async ({ page, context }) => {
  const s = await startServer();
  try {
    await page.goto(`${s.url}/widget/glance/?w=glance&lang=en&month=2021-02`);
    await expect(page.locator('.stats')).toContainText('138');
    // Second visit: the service worker now controls the page and has stored the shell. Wait
    // until it is active first: a reload while it is still activating can start a page it
    // never claims (its `clients.claim()` ran before that page existed).
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await expect(page.locator('.stats')).toContainText('138');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('.stats')).toContainText('138');
    await expect(page.getByRole('status').filter({ hasText: 'Copy saved on this device' })).toBeVisible();
    // Drawn at once from the device's copy, without a rehearsal: still made interactive.
    await expect(page.locator('[inert]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Show table' })).toBeEnabled();
    await page.getByRole('button', { name: 'Show table' }).click();
    await expect(page.locator('table')).toContainText('138');
  } finally {
    await context.setOffline(false);
    await s.stop();
  }
});

test('while the feed downloads only the loading message shows; the rehearsal render is out of sight and of the accessibility tree', async ({ page }) => {
  // The real feed, held back until the rehearsal (widgets/warmup.rs) has been checked.
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  await page.route('**/data/feed.json', async (route) => { await held; await route.continue(); });
  await page.goto('/widget/parties/?w=parties&lang=en&month=2021-02');
  await expect(page.getByRole('status')).toContainText('Loading the figures');
  const warm = page.locator('[data-warmup]');
  await expect(warm.locator('svg')).toHaveCount(1);
  // Clipped to nothing (no height, overflow hidden), so nothing of it is painted or takes room.
  await expect(warm).toHaveCSS('overflow', 'hidden');
  expect((await warm.boundingBox())?.height ?? 0).toBe(0);
  await expect(warm).toHaveAttribute('inert');
  await expect(page.getByRole('img')).toHaveCount(0);
  await expect(page.getByRole('button')).toHaveCount(0);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[data-warmup]') ?? null)).toBeNull();
  release();
  await expect(page.locator('#parties-svg')).toContainText('110');
  await expect(warm).toHaveCount(0);
  await expect(page.getByRole('img', { name: /Other parties: 110/ })).toHaveCount(1);
  // The shown widget is no longer inert (lifted after its first paint): the keyboard reaches it.
  await expect(page.locator('[inert]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show table' }).focus();
  await expect(page.getByRole('button', { name: 'Show table' })).toBeFocused();
});
