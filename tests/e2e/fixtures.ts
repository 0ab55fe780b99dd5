// Shared fixture: every test fails on any console error, uncaught page error, or request to a
// host other than the app's own. Sijil must make no third-party request of any kind.
import { test as base, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

export type Guard = {
  foreignRequests: string[];
  consoleErrors: string[];
  /** Hosts a test deliberately navigates to (the quick-exit page): allowed, still never fetched. */
  allowed: string[];
  /** Console errors (and uncaught page errors) a test provokes on purpose (the browser logs
   * failed requests as errors; a page whose code never arrives throws). */
  expectedConsole: RegExp[];
  /** A widget permalink arrives with the server's widget in its HTML (`main[data-served]`),
   * which the app takes over once its wasm and feed are in. Tests act on the app, so `goto`
   * and `reload` wait for that takeover (and for its widget to be reachable: `inert` lifted after
   * the swap's paint); a test looking at the page before it (or with
   * JavaScript off) sets this to false. */
  awaitTakeover: boolean;
};

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page }, use) => {
      // Our own servers all run on loopback (other ports for tests that need their own).
      const local = (u: URL) => u.hostname === '127.0.0.1' || u.hostname === 'localhost';
      const guard: Guard = { foreignRequests: [], consoleErrors: [], allowed: [], expectedConsole: [], awaitTakeover: true };
      for (const name of ['goto', 'reload'] as const) {
        const navigate = (page as any)[name].bind(page);
        (page as any)[name] = async (...args: any[]) => {
          const answer = await navigate(...args);
          if (guard.awaitTakeover) await page.waitForFunction(() => !document.querySelector('main[data-served], main[inert]'));
          return answer;
        };
      }
      page.on('request', (req) => {
        const u = new URL(req.url());
        if (['data:', 'blob:', 'about:'].includes(u.protocol)) return;
        if (!local(u) && !guard.allowed.includes(u.host)) guard.foreignRequests.push(req.url());
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !guard.expectedConsole.some((r) => r.test(msg.text()))) guard.consoleErrors.push(msg.text());
      });
      page.on('pageerror', (err) => {
        if (!guard.expectedConsole.some((r) => r.test(String(err)))) guard.consoleErrors.push(String(err));
      });
      // Any foreign request is also blocked, so a leak can never reach the network in a test.
      await page.route((url) => !local(url) && !['data:', 'blob:'].includes(url.protocol) && !guard.allowed.includes(url.host), (route) =>
        route.abort('blockedbyclient'),
      );
      await use(guard);
      expect(guard.foreignRequests, 'requests to other hosts').toEqual([]);
      expect(guard.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Runs axe-core (from node_modules) and returns its violations. It is evaluated through the
 * DevTools protocol rather than added as a `<script>`: the pages' Content-Security-Policy
 * rightly refuses inline scripts it does not know. */
export async function axeViolations(page: Page, selector?: string) {
  const axePath = path.join(__dirname, '../../node_modules/axe-core/axe.min.js');
  await page.evaluate(fs.readFileSync(axePath, 'utf8'));
  return page.evaluate(async (sel) => {
    // @ts-ignore axe is injected above
    const r = await axe.run(sel ?? document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  }, selector);
}

/** Waits until this site's service worker has finished activating (its activation stores the
 * shell of every open page, so only then can a reader who visited once reload offline).
 * Polled from the test: `page.waitForFunction` does not await a promise its predicate returns
 * (a pending promise counts as truthy at once), so an async predicate there waits for nothing. */
export async function serviceWorkerActivated(page: Page) {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'))
    .toBe('activated');
}

/** Saves a screenshot under tests/e2e/test-results/screens for a human to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: path.join(__dirname, 'test-results', 'screens', `${name}.png`), fullPage: true });
}

/** True if the page scrolls sideways (nothing may at 360 px). */
export async function scrollsHorizontally(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
