// Side-by-side half of `cargo xtask bench`: a Sijil widget against the same chart drawn by
// Chart.js (tests/bench/reference/chartjs.*) and against a page that only fetches the feed
// (reference/fetch.*), all served by the same `sijil serve` from the same feed, in one run.
// Prints one JSON object on the last line of stdout.
//
// Conditions: a phone viewport (360x740), 4x CPU throttling, "slow 4G" as Lighthouse defines it
// (150 ms round trips, 1.6 Mbit/s down, 750 kbit/s up), an empty cache and a new browser
// context for every load (no service worker from an earlier one). Loads of the pages are
// interleaved, so that a slower minute of this shared machine slows every page alike.
//
// "Visible" is the first animation frame in which the chart is on the page: Sijil's chart
// `<svg>` laid out with a size, Chart.js's canvas after its first render, the fetch page's line
// written. The check runs in a requestAnimationFrame loop installed before any page script (a
// frame callback runs just before that frame's paint). "Interactive" is the first frame in
// which Sijil's keyboard marks (`[data-i]`) are in the app's chart: the app has taken over the
// server's widget (no `main[data-served]` left), so its marks answer keys and pointers.
const { chromium } = require('playwright-core');

const base = process.env.SIJIL_BASE_URL;
const runs = Number(process.env.SIJIL_BENCH_REF_RUNS ?? 7);
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// Runs in every page before its scripts.
function watch() {
  const seen = {};
  const check = () => {
    const now = performance.now();
    const svg = document.querySelector('.chart svg');
    if (!seen.visible) {
      if ((svg && svg.getBoundingClientRect().height > 0) || window.sijilRefDrawn) seen.visible = now;
    }
    if (!seen.interactive && !document.querySelector('main[data-served]') && document.querySelector('.chart [data-i]')) seen.interactive = now;
    window.sijilSeen = seen;
    if (!seen.visible || (svg && !seen.interactive)) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function load(browser, path, wantInteractive) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
  await context.addInitScript(watch);
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await p.goto(base + path);
  await p.waitForFunction((w) => window.sijilSeen && window.sijilSeen.visible && (!w || window.sijilSeen.interactive),
    wantInteractive, { polling: 200, timeout: 60000 });
  const seen = await p.evaluate(() => window.sijilSeen);
  // Let late requests (the export module is never fetched; the feed and config are) finish.
  await p.waitForLoadState('networkidle');
  await context.close();
  return { visible: seen.visible, interactive: seen.interactive ?? null, bytes };
}

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  const charts = {
    parties: { sijil: '/widget/parties/?w=parties&month=2021-02&lang=en', ref: '/reference/chartjs.html?chart=parties' },
    trend: { sijil: '/widget/series/?w=trend&range=all&lang=en', ref: '/reference/chartjs.html?chart=trend' },
  };
  const samples = {};
  const add = (k, v) => { (samples[k] ??= []).push(v); };
  for (let i = 0; i < runs; i++) {
    const f = await load(browser, '/reference/fetch.html', false);
    add('fetch_visible', f.visible);
    add('fetch_bytes', f.bytes);
    for (const [name, c] of Object.entries(charts)) {
      const s = await load(browser, c.sijil, true);
      add(`${name}_sijil_visible`, s.visible);
      add(`${name}_sijil_interactive`, s.interactive);
      add(`${name}_sijil_bytes`, s.bytes);
      const r = await load(browser, c.ref, false);
      add(`${name}_chartjs_visible`, r.visible);
      add(`${name}_chartjs_bytes`, r.bytes);
    }
  }
  await browser.close();
  const out = {};
  for (const [k, xs] of Object.entries(samples)) {
    out[k] = Math.round(median(xs) * 10) / 10;
    out[`${k}_min`] = Math.round(Math.min(...xs) * 10) / 10;
    out[`${k}_max`] = Math.round(Math.max(...xs) * 10) / 10;
  }
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
