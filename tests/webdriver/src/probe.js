// The WebDriver tier's error probe, added by the test proxy as the first script of every page
// (a file of the page's own origin, so the page's CSP runs it). WebDriver classic has no console
// API in WebKit or Firefox: the probe records console errors, uncaught exceptions, rejected
// promises, CSP violations and failed resources in `window.__sijilProbe`, which the suite reads
// back before it leaves each page. It also keeps each file the page offers for download (blob
// URLs given to an `<a download>`), so the suite can read what a reader would save.
(() => {
  const probe = (window.__sijilProbe = { errors: [], downloads: [] });
  const note = (s) => probe.errors.push(String(s).slice(0, 600));
  const error = console.error;
  console.error = function (...args) {
    note('console.error: ' + args.map(String).join(' '));
    return error.apply(this, args);
  };
  addEventListener(
    'error',
    (e) => {
      if (e instanceof ErrorEvent) note(`uncaught: ${e.message} (${e.filename}:${e.lineno})`);
      else if (e.target && e.target !== window) note('failed to load: ' + (e.target.src || e.target.href || e.target.tagName));
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => note('unhandled rejection: ' + ((e.reason && (e.reason.stack || e.reason)) || e.reason)));
  addEventListener('securitypolicyviolation', (e) => note(`CSP refused ${e.blockedURI} (${e.violatedDirective})`));
  const blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = function (obj) {
    const url = create.call(URL, obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) probe.downloads.push({ name: this.download, type: (blobs.get(this.href) || {}).type, blob: blobs.get(this.href) || null });
    return click.call(this);
  };
  // Requests to any host but loopback (the app must make none): resource timing sees them all.
  probe.foreign = () =>
    performance
      .getEntriesByType('resource')
      .map((r) => r.name)
      .filter((u) => /^https?:/.test(u) && !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u));
})();
