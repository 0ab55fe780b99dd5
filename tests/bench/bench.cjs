// Browser half of `cargo xtask bench`: headless Chromium with 4x CPU throttling (CDP) against
// the release build served by the real server. Prints one JSON object on the last line of stdout.
//
// Measures: bytes transferred (encoded, as the network sent them) for one embedded widget view,
// and render times read from the app's own performance measures (`sijil:render:<widget>`:
// component start → DOM patched), median of several loads.
const { chromium } = require('playwright-core');

const base = process.env.SIJIL_BASE_URL;
const runs = Number(process.env.SIJIL_BENCH_RUNS ?? 5);
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function page(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, p };
}

async function transfer(browser, path) {
  const { context, p } = await page(browser);
  const sizes = [];
  p.on('requestfinished', async (req) => {
    const u = new URL(req.url());
    if (/\.(wasm|js|css)$/.test(u.pathname)) {
      const s = await req.sizes();
      sizes.push(s.responseBodySize + s.responseHeadersSize);
    }
  });
  await p.goto(base + path, { waitUntil: 'networkidle' });
  await context.close();
  return sizes.reduce((a, b) => a + b, 0);
}

/** Re-render of a chart already loaded (wasm compiled): table view → chart view, click to the
 * next frame, median of runs. */
async function rerenderTime(browser, path, ready) {
  const { context, p } = await page(browser);
  await p.goto(base + path);
  await p.waitForSelector(ready, { timeout: 30000 });
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(await p.evaluate(async () => {
      const b = document.querySelector('.toggle[aria-pressed]');
      b.click(); // to the table
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      b.click(); // back to the chart: the whole chart is built again
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    }));
  }
  await context.close();
  return median(times);
}

async function renderTime(browser, path, kind, ready) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { context, p } = await page(browser);
    await p.goto(base + path);
    await p.waitForSelector(ready, { timeout: 30000 });
    const ms = await p.evaluate((name) => {
      const m = performance.getEntriesByName(name, 'measure');
      return m.length ? m[m.length - 1].duration : null;
    }, `sijil:render:${kind}`);
    if (ms !== null) times.push(ms);
    await context.close();
  }
  return times.length ? median(times) : null;
}

/** Navigation start → the first question of the form can be answered (median of runs). */
async function formInteractive(browser) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { context, p } = await page(browser);
    await p.goto(base + '/form/?lang=ar');
    await p.waitForSelector('[id="about_you.relationship"]:enabled', { timeout: 30000 });
    times.push(await p.evaluate(() => performance.now()));
    await context.close();
  }
  return median(times);
}

/** Typing a character → the field's validation message updated in the DOM (median of runs). */
async function typingToMessage(browser) {
  const { context, p } = await page(browser);
  await p.goto(base + '/form/?lang=en');
  await p.getByLabel('Parent', { exact: true }).check();
  await p.getByLabel(/I agree that this report is stored/).check();
  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByRole('button', { name: 'Next' }).click(); // errors shown: live checking on
  await p.waitForSelector('.error-summary');
  const times = [];
  for (let i = 0; i < 9; i++) {
    times.push(await p.evaluate((text) => new Promise((resolve) => {
      const input = document.getElementById('victim.first_name');
      const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
      obs.observe(document.querySelector('form'), { subtree: true, childList: true, characterData: true, attributes: true });
      const t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }), i % 2 ? 'Ahmad' : 'Ahmad2'));
  }
  await context.close();
  return median(times);
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  const out = {};
  // Each widget page as an embed loads it (direct URL, as the snippets write it).
  for (const [page, w] of [['glance', 'glance'], ['parties', 'parties'], ['governorates', 'governorates'], ['series', 'trend']]) {
    out[`widget_transfer_${page}`] = await transfer(browser, `/widget/${page}/?w=${w}&lang=ar&embed=1`);
  }
  out.trend_180_ms = await renderTime(browser, '/widget/series/?w=trend&lang=en&embed=1', 'trend', '#trend-svg');
  out.parties_40_ms = await renderTime(browser, '/widget/parties/?w=parties&lang=en&embed=1', 'parties', '#parties-svg');
  out.trend_180_rerender_ms = await rerenderTime(browser, '/widget/series/?w=trend&lang=en&embed=1', '#trend-svg');
  out.parties_40_rerender_ms = await rerenderTime(browser, '/widget/parties/?w=parties&lang=en&embed=1', '#parties-svg');
  out.form_interactive_ms = await formInteractive(browser);
  out.form_typing_ms = await typingToMessage(browser);
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
