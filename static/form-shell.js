// The form page's shell, before the WebAssembly arrives (seconds on a 400 kbit/s line): it
// names the organization (from the runtime config), shows that the form is loading, and makes
// the quick-exit button work already (the link, or Escape twice): it wipes the draft, hushes a
// waiting report (still delivered, never shown again) and leaves without a way back, as the app
// does. The app removes the shell (#shell) when it starts. No inline script: the page's CSP
// allows scripts from this site only.
'use strict';
(function () {
  var shell = document.getElementById('shell');
  if (!shell) return;
  var exit = document.getElementById('shell-exit');
  function quickExit(e) {
    if (e) e.preventDefault();
    if (!document.getElementById('shell')) return; // the app has taken over
    try {
      localStorage.removeItem('sijil.draft');
      localStorage.removeItem('sijil.receipts.v1');
      var raw = localStorage.getItem('sijil.outbox.v1');
      if (raw) {
        var all = JSON.parse(raw);
        all.forEach(function (x) { x.quiet = true; x.receipt = ''; });
        localStorage.setItem('sijil.outbox.v1', JSON.stringify(all));
      }
    } catch (_) { /* storage unavailable: nothing stored either */ }
    location.replace(exit.href);
  }
  exit.addEventListener('click', quickExit);
  var last = -Infinity;
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var now = Date.now();
    if (now - last <= 1500) quickExit();
    last = now;
  });
  var lang = new URLSearchParams(location.search).get('lang');
  // The HTML is in Arabic; English when the URL or (once read) the config's default says so.
  function english() {
    shell.lang = 'en';
    shell.dir = 'ltr';
    document.documentElement.lang = 'en';
    document.documentElement.dir = 'ltr';
    [].forEach.call(shell.querySelectorAll('[data-en]'), function (el) { el.textContent = el.getAttribute('data-en'); });
  }
  if (lang === 'en') english();
  // The app reads this copy (window.sijilConfig) instead of asking again: one round trip less
  // (400 ms on a bad line) before the first question.
  fetch('/config.json', { credentials: 'omit', referrerPolicy: 'no-referrer' })
    .then(function (r) { return r.ok ? r.text() : null; })
    .then(function (text) {
      if (text === null) return;
      window.sijilConfig = text;
      var c = JSON.parse(text);
      if (!document.getElementById('shell')) return;
      var l = lang === 'en' || lang === 'ar' ? lang : c.default_language;
      if (l === 'en' && lang !== 'en') english();
      if (typeof c.quick_exit_url === 'string' && /^https?:\/\//.test(c.quick_exit_url)) exit.href = c.quick_exit_url;
      var org = c.organization && c.organization[l];
      if (typeof org === 'string') document.getElementById('shell-org').textContent = org;
    })
    .catch(function () { /* offline and not cached: the shell still works */ });
})();
