// Widget states against real servers: an unreadable feed tells the reader so under the widget's
// title and source (the checker's message, naming the path, behind a disclosure), an
// unreachable feed offers a retry, a returning reader sees the last good copy
// offline, with its date, and a page the server could not draw (no feed file to read) shows
// only its loading message while its feed downloads.
// Every test runs under the shared guard (./fixtures): no console error it did not provoke, no
// request to another host.
import { test, expect, serviceWorkerActivated } from './fixtures';
import * as fs from 'fs';
import * as path from 'path';
import { startServer, writeTemp } from './server';

test('an unreadable feed keeps the title and source, speaks to the reader, and keeps the JSON path behind a disclosure', async ({ page }) => {
  // A document-level error (the publisher's name is a number): the whole feed is rejected.
  const bad = writeTemp('feed.json', JSON.stringify({ format: 'sijil-monthly-tallies', version: 1, publisher: { name: 5 }, updated: '2025-01-02', parties: [], months: [{ month: '2021-02', civilians: { total: 5 } }] }));
  const s = await startServer(['--feed', bad]);
  try {
    for (const lang of ['en', 'ar'] as const) {
      const en = lang === 'en';
      await page.goto(`${s.url}/widget/series/?w=trend&lang=${lang}`);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(en ? 'The figures could not be read.' : 'تعذّرت قراءة الأرقام.');
      // The widget is still itself: its title, and whose figures they are (from the config).
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(en ? 'Civilians killed per month' : 'الضحايا المدنيون شهريًا');
      await expect(page.locator('figcaption.source')).toContainText(en ? 'Source: Syrian Network for Human Rights' : 'الشبكة السورية لحقوق الإنسان');
      await expect(alert.getByRole('button', { name: en ? 'Retry' : 'إعادة المحاولة' })).toBeVisible();
      // The checker's detail is for the editor: closed until asked for, then naming the path.
      const path = alert.locator('code', { hasText: 'publisher.name' });
      await expect(path).toBeHidden();
      await alert.getByText(en ? 'Details for the publisher' : 'تفاصيل للناشر').click();
      await expect(path).toBeVisible();
      // What is wrong there, in the reader's language, written by the on-demand module (the
      // messages are not in the page's own wasm).
      await expect(alert.locator('[data-describe]')).toHaveText(en ? /^[^\u0600-\u06ff]*[a-z]{4}/ : /[\u0600-\u06ff]{3}/);
    }
  } finally {
    await s.stop();
  }
});

test('a month or section with no figures keeps the title and source', async ({ page }) => {
  await page.goto('/widget/parties/?w=parties&month=2030-01&lang=en');
  await expect(page.getByRole('status')).toContainText('No figures for this month');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Civilians killed by perpetrator');
  await expect(page.locator('figcaption.source')).toContainText('Source: Syrian Network for Human Rights');
});

test('an unreachable feed offers a retry, which recovers', async ({ page, guard }) => {
  // The browser logs the feed's 404; nothing else may go wrong.
  guard.expectedConsole.push(/^Failed to load resource: the server responded with a status of 404/);
  // The server is told to serve a feed file that does not exist yet: the feed URL answers 404.
  const later = writeTemp('placeholder', '') + '.feed.json';
  const s = await startServer(['--feed', later]);
  try {
    // With no feed to read, the server sends the page as built: while the feed is on the
    // network, the app shows only its loading line (no rehearsal, no widget).
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    await page.route('**/feed.json', async (route) => { await held; await route.continue(); });
    await page.goto(`${s.url}/widget/glance/?w=glance&lang=en&month=2021-02`);
    await expect(page.getByRole('status')).toContainText('Loading the figures');
    await expect(page.locator('figure')).toHaveCount(0);
    await expect(page.locator('main[data-served]')).toHaveCount(0);
    release();
    await page.unroute('**/feed.json');
    await expect(page.getByRole('alert')).toContainText('The figures could not be loaded');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Month at a glance');
    // The publisher's file appears; Retry fetches it.
    fs.copyFileSync(path.join(__dirname, '../../static/data/feed.json'), later);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('.stats')).toContainText('138');
  } finally {
    await s.stop();
  }
});

test('a reader who visited once can reload offline and sees the saved figures with their date', async ({ page, guard }) => {
  // The browser logs the requests the stopped server cannot answer; nothing else may go wrong.
  guard.expectedConsole.push(/^Failed to load resource: net::(ERR_FAILED|ERR_CONNECTION_REFUSED)$/);
  const s = await startServer();
  try {
    await page.goto(`${s.url}/widget/glance/?w=glance&lang=en&month=2021-02`);
    await expect(page.locator('.stats')).toContainText('138');
    // One visit, nothing more: once its worker has finished activating (which is when it
    // stores the page that registered it), the site goes away entirely.
    await serviceWorkerActivated(page);
    await s.stop();
    await page.reload();
    await expect(page.locator('.stats')).toContainText('138');
    await expect(page.getByRole('status').filter({ hasText: 'Copy saved on this device' })).toContainText(/\d{4}/);
  } finally {
    await s.stop();
  }
});

test('a returning reader sees the last good copy offline', async ({ page, context, guard }) => {
  // The browser logs the requests made offline; nothing else may go wrong.
  guard.expectedConsole.push(/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/);
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

