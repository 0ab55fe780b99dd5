/* Sijil service worker: lets a returning reader open a widget (and a relative open the form)
 * with no connection. It only ever answers GET requests for this site's own public files:
 *  - built assets with a content hash in their name: cache first (they never change);
 *  - pages and the config: network first, falling back to the last copy.
 * The feed is left to the app's own cache, which knows and shows the date of its copy.
 * It never touches a POST (reports go straight to the network, per the form's contract), never
 * caches anything a user typed, and never talks to another origin.
 */
'use strict';
const CACHE = 'sijil-shell-v1';
// Trunk writes a 64-bit hash in hex without leading zeros, so it is 16 characters or a few less.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(wasm|js|css)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

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
