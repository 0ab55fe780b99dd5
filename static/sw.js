/* Sijil service worker: lets a returning reader open a widget (and a relative open the form)
 * with no connection. It only ever answers GET requests for this site's own public files:
 *  - built assets with a content hash in their name: cache first (they never change);
 *  - pages and the config: network first, falling back to the last copy.
 * The feed is left to the app's own cache, which knows and shows the date of its copy.
 * On activation it stores the shell of every page already open (the page, its hashed assets
 * and the config), so a reader who visited once can reload offline: the page that registered
 * the worker loaded everything before the worker existed, so nothing passed through it.
 * It never touches a POST (reports go straight to the network, per the form's contract), never
 * caches anything a user typed, and never talks to another origin.
 */
'use strict';
const CACHE = 'sijil-shell-v1';
// Trunk writes a 64-bit hash in hex without leading zeros, so it is 16 characters or a few less.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim().then(keepOpenPages)));

// The shell of each open page of this site: the page itself (stored without its query, as the
// fetch handler below stores pages), the hashed files its HTML names (Trunk names every one:
// stylesheet, preloads and the loader's import), and the config. A failure leaves that file to
// the fetch handler; the worker still activates.
async function keepOpenPages() {
  const cache = await caches.open(CACHE);
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const keep = async (url) => {
    try {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (res.ok) await cache.put(url, res.clone());
      return res;
    } catch (_) {
      return null;
    }
  };
  await Promise.all(pages.map(async (client) => {
    const url = new URL(client.url);
    if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
    const res = await keep(url.origin + url.pathname);
    if (!res || !res.ok || !(res.headers.get('content-type') || '').startsWith('text/html')) return;
    const html = await res.text();
    const files = new Set(['/config.json']);
    for (const m of html.matchAll(/["'](\/[^"'\s]+)["']/g)) if (HASHED.test(m[1])) files.add(m[1]);
    await Promise.all([...files].map((f) => keep(url.origin + f)));
  }));
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then((c) =>
        c.match(req).then((hit) => hit || fetch(req).then((res) => {
          if (res.ok) c.put(req, res.clone());
          return res;
        })),
      ),
    );
    return;
  }
  const page = req.mode === 'navigate';
  const data = url.pathname === '/config.json';
  if (!page && !data) return;
  // Pages are stored without their query, so /widget?w=trend works offline for any parameters.
  const key = page ? new Request(url.origin + url.pathname) : req;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone(); // before the page reads the body
          caches.open(CACHE).then((c) => c.put(key, copy));
        }
        return res;
      })
      .catch(() => caches.match(key).then((hit) => hit || Response.error())),
  );
});
