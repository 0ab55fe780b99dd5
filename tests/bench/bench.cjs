// Browser half of `cargo xtask bench`: headless Chromium with 4x CPU throttling (CDP) against
// the release build served by the real server. Prints one JSON object on the last line of stdout.
//
// Measures: body bytes transferred (encoded, as the network sent them; headers apart) for the
// wasm, JS and CSS of one embedded widget view,
// and render times: a page load's tasks read from a DevTools trace (see `renderTime`), an
// interaction's from the event until its DOM is laid out, median of several runs.
const { chromium } = require('playwright-core');
const { args, median, page, loaded, traceLoad, building, beforeRender } = require('./load.cjs');

const base = process.env.SIJIL_BASE_URL;
// Page loads take seconds, interactions milliseconds; both scatter by a few milliseconds from
// run to run on this 2-core machine (medians of 5 moved by ±3 ms between benches), so 11 page
// loads for each first render, 5 for the form's (its budget is seconds), 15 interactions.
const runs = Number(process.env.SIJIL_BENCH_RUNS ?? 11);
const formRuns = 5;
const interactionRuns = Number(process.env.SIJIL_BENCH_INTERACTIONS ?? 15);

async function transfer(browser, path) {
  const { context, p } = await page(browser);
  const sizes = [];
  p.on('requestfinished', async (req) => {
    const u = new URL(req.url());
    if (/\.(wasm|js|css)$/.test(u.pathname)) {
      // The body as it came over the wire (encoded: brotli), as the page budget counts it;
      // the response headers (about 300 B a file, the CSP, cache and type lines) are not page
      // weight the build can change, and are left out.
      const s = await req.sizes();
      sizes.push(s.responseBodySize);
    }
  });
  await p.goto(base + path, { waitUntil: 'networkidle' });
  await context.close();
  return sizes.reduce((a, b) => a + b, 0);
}

/** A reader's interaction with a chart already on screen, from the event until the DOM is
 * updated and laid out (median of runs). `prepare` puts the page in the starting state, `act` does the interaction;
 * both are statements run in the page (as source text, evaluated through DevTools: the page's
 * CSP rightly forbids `eval`).
 *
 * With `overlay` (a selector matching the chart's keyboard marks), the marks are mounted after
 * the chart is painted, in parts, each in a task of its own; every task that adds marks is
 * timed too, from its start until its DOM is laid out, by wrapping the page's `setTimeout`
 * (the app queues the first from a frame callback, the others from the task before), and the
 * longest of them counts: each is a task a reader's input could wait on. Returns
 * `{ screen, marks }` medians. */
async function interactionTime(browser, path, kind, prepare, act, overlay) {
  const { context, p } = await page(browser);
  await p.goto(base + path);
  await loaded(p, kind);
  const screen = [], marks = [];
  for (let i = 0; i < interactionRuns; i++) {
    await p.evaluate(`(() => { ${prepare} })()`);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const t = await p.evaluate(`(async () => {
      const overlay = ${JSON.stringify(overlay ?? null)};
      const timeout = window.setTimeout;
      let marksTask = null, lastPart = 0;
      if (overlay) {
        const count = () => document.querySelectorAll(overlay).length;
        window.setTimeout = function (cb, ms, ...args) {
          return timeout.call(window, (...a) => {
            const had = count(), t = performance.now();
            cb(...a);
            // After the callback's microtasks (Yew's render), with the new marks laid out.
            queueMicrotask(() => {
              if (count() > had) {
                document.body.getBoundingClientRect();
                lastPart = performance.now();
                marksTask = Math.max(marksTask ?? 0, lastPart - t);
              }
            });
          }, ms, ...args);
        };
      }
      const t0 = performance.now();
      ${act}
      // Yew renders in microtasks, all done before the next task; then style and layout of the
      // result are forced, so the time is the page's work, not the wait for a display frame.
      await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
      document.body.getBoundingClientRect();
      const screen = performance.now() - t0;
      if (overlay) {
        // Until no part has come for a while (the parts follow one another task after task).
        const until = performance.now() + 3000;
        while ((marksTask === null || performance.now() - lastPart < 150) && performance.now() < until) {
          await new Promise((r) => timeout(r, 5));
        }
        window.setTimeout = timeout;
      }
      return { screen, marks: marksTask };
    })()`);
    screen.push(t.screen);
    if (t.marks !== null) marks.push(t.marks);
  }
  await context.close();
  return { screen: median(screen), marks: marks.length === interactionRuns ? median(marks) : null };
}

const setRange = (v) => `const s = document.querySelector('select'); s.value = '${v}'; s.dispatchEvent(new Event('change', { bubbles: true }));`;
const clickOther = `document.querySelector('.widget-tools .toggle[aria-expanded]').click();`;
const tableToggle = `document.querySelector('.toggle[aria-pressed]').click();`;

/** The first render after a page load, median of loads, measured as the main thread's tasks
 * (a DevTools trace of each load: its `RunTask` events), not by the app's own measures: the app
 * builds its widget in several tasks (and Yew may run effects in a task after its render), and
 * every one of them is a task a reader's input could wait on. A page the server wrote the widget
 * into (every page here) is taken over thus: the app's widget built hidden beside the server's,
 * in steps (the page's controls; view, summary, the frame; then the chart: drawing, DOM), then the swap that shows
 * it and takes the server's out (the app's mark `sijil:takeover:<kind>:start`), then the frame
 * that styles and lays it out. Returns, each as `{ median, min, max }` of the per-load value
 * (`null` if not measured):
 * - `render`: the longest task from the first render's start (the app's mark
 *   `sijil:render:<kind>:start`) until the swap;
 * - `swap`: the longer of the swap's task and the frame after it (style, layout, paint);
 * - `after`: the longest task in the second after that frame (the app's effects, a resize, the
 *   network's copy of the feed, the keyboard marks);
 * - `before`: the longest task from navigation until the first render that runs the app's
 *   script (a `FunctionCall` into the page's JS: the wasm's start, the page's render, the
 *   page's feed read);
 * - `browser`: the longest of the others in that time, the browser's own: the navigation's
 *   commit, the HTML's parse, the server's widget styled and laid out, and Playwright's own
 *   scripts (it installs them in the page to wait for the marks).
 * Also `tasks`: the median number of tasks of 2 ms or more in the first render's window. */
async function renderTime(browser, path, kind, root = base) {
  const cols = { render: [], swap: [], after: [], before: [], browser: [], tasks: [] };
  for (let i = 0; i < runs; i++) {
    const load = await traceLoad(browser, root + path, kind);
    const { events, mine, tasks, nav } = load;
    const { swapTask, build } = building(load);
    if (!swapTask || !nav) continue;
    const ms = (x) => x.dur / 1000;
    const within = (t0, t1) => tasks.filter((x) => x.ts + x.dur > t0 && x.ts < t1);
    const longest = (xs) => Math.max(0, ...xs.map(ms));
    cols.render.push(longest(build));
    cols.tasks.push(build.filter((x) => x.dur >= 2000).length);
    // The swap's task, then the frame that styles and lays out the widget it showed (the
    // first later task with style or layout work): each a task of its own, the longest counts.
    const styled = new Set(events.filter((x) => x.ph === 'X' && mine(x)
      && (x.name === 'UpdateLayoutTree' || x.name === 'Layout') && x.ts >= swapTask.ts + swapTask.dur).map((x) => x.ts));
    const frame = tasks.find((x) => x.ts >= swapTask.ts + swapTask.dur && [...styled].some((t) => t >= x.ts && t < x.ts + x.dur));
    cols.swap.push(Math.max(ms(swapTask), frame ? ms(frame) : 0));
    const end = (frame ?? swapTask).ts + (frame ?? swapTask).dur;
    cols.after.push(longest(within(end, end + 1e6)));
    const before = beforeRender(load);
    cols.before.push(longest(before.app));
    cols.browser.push(longest(before.browser));
  }
  // The median is the figure; the fastest and slowest load show how much a run can move.
  const stats = (xs) => xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : null;
  return Object.fromEntries(Object.entries(cols).map(([k, xs]) => [k, stats(xs)]));
}

/** Stores a `renderTime` result as `key` (median), `key_min` and `key_max`. */
function putRender(out, key, r) {
  if (r === null) return;
  out[key] = r.median;
  out[`${key}_min`] = r.min;
  out[`${key}_max`] = r.max;
}

/** Navigation start → the first question of the form can be answered (median of runs). */
async function formInteractive(browser) {
  const times = [];
  for (let i = 0; i < formRuns; i++) {
    const { context, p } = await page(browser);
    await p.goto(base + '/form/?lang=ar');
    await p.waitForSelector('[id="about_you.relationship"]:enabled', { timeout: 30000 });
    times.push(await p.evaluate(() => performance.now()));
    await context.close();
  }
  return median(times);
}

/** The form on a relative's bad line: 4x CPU, 400 kbit/s each way, 400 ms round trips (CDP
 * network emulation, cache empty). Returns medians of: the first paint with content (the HTML's
 * shell: organization, title, loading line, quick exit) and the first question usable (the
 * app's first radio enabled), both from navigation start. */
async function formOnBadLine(browser) {
  const shell = [], usable = [];
  for (let i = 0; i < formRuns; i++) {
    const { context, p } = await page(browser);
    const cdp = await context.newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8,
    });
    await p.goto(base + '/form/?lang=ar', { waitUntil: 'commit' });
    await p.waitForSelector('[id="about_you.relationship"]:enabled', { timeout: 60000 });
    usable.push(await p.evaluate(() => performance.now()));
    shell.push(await p.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    await context.close();
  }
  return { shell: median(shell), usable: median(usable), usable_min: Math.min(...usable), usable_max: Math.max(...usable) };
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

/** A 100 MB video chosen on step 5, at 4x CPU: from the choice until the file is fingerprinted,
 * encrypted and its ciphertext stored (its remove button appears), and the page's peak memory
 * meanwhile: JS heap (with ArrayBuffer backing stores) plus the wasm linear memory (captured by
 * wrapping WebAssembly.instantiateStreaming), sampled every 250 ms. Median of 3 runs. */
async function encryptLargeFile(browser) {
  const fs = require('fs'), os = require('os'), path = require('path'), crypto = require('crypto');
  const file = path.join(os.tmpdir(), `sijil-bench-${process.pid}.mp4`);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < 100; i++) fs.writeSync(fd, crypto.randomBytes(1024 * 1024));
  fs.closeSync(fd);
  const times = [], peaks = [];
  try {
    for (let run = 0; run < 3; run++) {
      const { context, p } = await page(browser);
      await context.addInitScript(() => {
        const orig = WebAssembly.instantiateStreaming;
        WebAssembly.instantiateStreaming = async (...a) => {
          const r = await orig.apply(WebAssembly, a);
          window.__sijilMemory = r.instance.exports.memory;
          return r;
        };
      });
      await p.goto(base + '/form/?lang=ar');
      await p.getByLabel('الأب أو الأم', { exact: true }).check();
      await p.getByLabel(/أوافق على حفظ هذا البلاغ/).check();
      await p.getByRole('button', { name: 'التالي' }).click();
      await p.getByLabel('الاسم الأول').fill('كريم');
      await p.getByLabel('الكنية (اسم العائلة)').fill('حداد');
      await p.getByLabel('ذكر', { exact: true }).check();
      await p.getByRole('button', { name: 'التالي' }).click();
      await p.locator('[id="death.date_unknown"]').check();
      await p.locator('[id="death.governorate"]').selectOption('SY05');
      await p.getByRole('button', { name: 'التالي' }).click();
      const cdp = await context.newCDPSession(p);
      let peak = 0, sampling = true;
      const sample = async () => {
        while (sampling) {
          const h = await cdp.send('Runtime.getHeapUsage');
          const wasm = await p.evaluate(() => (window.__sijilMemory ? window.__sijilMemory.buffer.byteLength : 0));
          peak = Math.max(peak, h.usedSize + (h.backingStorageSize ?? 0) + wasm);
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      const sampler = sample();
      const t0 = Date.now();
      await p.locator('[id="evidence.attachments"]').setInputFiles(file);
      await p.getByRole('button', { name: /^إزالة: / }).waitFor({ timeout: 900000 });
      times.push(Date.now() - t0);
      sampling = false;
      await sampler;
      peaks.push(peak / (1024 * 1024));
      await context.close();
    }
  } finally {
    fs.unlinkSync(file);
  }
  return { ms: median(times), peak_mb: median(peaks), peak_mb_max: Math.max(...peaks) };
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  const out = {};
  // `SIJIL_BENCH_ONLY=encrypt`: only the 100 MB encryption (a minute or more per run).
  if (process.env.SIJIL_BENCH_ONLY === 'encrypt') {
    const big = await encryptLargeFile(browser);
    await browser.close();
    console.log(JSON.stringify({ form_encrypt_100mb_ms: big.ms, form_encrypt_100mb_peak_mb: big.peak_mb, form_encrypt_100mb_peak_mb_max: big.peak_mb_max }));
    return;
  }
  // Each widget page as an embed loads it (direct URL, as the snippets write it).
  for (const [page, w] of [['glance', 'glance'], ['parties', 'parties'], ['governorates', 'governorates'], ['series', 'trend']]) {
    out[`widget_transfer_${page}`] = await transfer(browser, `/widget/${page}/?w=${w}&lang=ar&embed=1`);
  }
  const trend = '/widget/series/?w=trend&lang=en&embed=1';
  const parties = '/widget/parties/?w=parties&lang=en&embed=1';
  // A page load of each chart: its longest tasks before, during and after the takeover; then
  // the same loads with the real feed (the shipped config's, on a second server): what a reader
  // of a real feed waits for, where the first rows are the budget's sizes.
  const real = process.env.SIJIL_REAL_URL;
  const loads = [['trend_180', trend, 'trend', base], ['parties_40', parties, 'parties', base]];
  if (real) loads.push(['trend_real', trend, 'trend', real], ['parties_real', parties, 'parties', real]);
  for (const [key, url, kind, root] of loads) {
    const load = await renderTime(browser, url, kind, root);
    putRender(out, `${key}_before_ms`, load.before);
    putRender(out, `${key}_browser_ms`, load.browser);
    putRender(out, `${key}_ms`, load.render);
    putRender(out, `${key}_takeover_ms`, load.swap);
    putRender(out, `${key}_after_ms`, load.after);
    out[`${key}_ms_tasks`] = load.tasks?.median;
  }
  // A new range: new view model, summary, table and drawing of all 180 months, mounted; then
  // the 180 keyboard marks, in parts, each in a task of its own.
  const marks = '#trend-svg .marks > rect';
  const range = await interactionTime(browser, trend, 'trend', setRange('2015'), setRange('all'), marks);
  out.trend_180_range_ms = range.screen;
  out.trend_180_range_marks_ms = range.marks;
  // Back from the table view: the chart, kept in the page while hidden, is shown and laid out
  // again (its marks included).
  out.trend_180_rerender_ms = (await interactionTime(browser, trend, 'trend',
    `if (!document.querySelector('#trend-svg').closest('[hidden],[data-off]')) { ${tableToggle} }`, tableToggle)).screen;
  // Expanding "other parties": the chart is drawn again with its 10 sub-lines.
  const expand = await interactionTime(browser, parties, 'parties',
    `const b = document.querySelector('.widget-tools .toggle[aria-expanded="true"]'); if (b) b.click();`, clickOther,
    '#parties-svg .marks > rect');
  out.parties_40_expand_ms = expand.screen;
  out.parties_40_expand_marks_ms = expand.marks;
  out.parties_40_rerender_ms = (await interactionTime(browser, parties, 'parties',
    `if (!document.querySelector('#parties-svg').closest('[hidden],[data-off]')) { ${tableToggle} }`, tableToggle)).screen;
  // `cargo xtask bench widgets` leaves the form out.
  if (process.env.SIJIL_BENCH_ONLY !== 'widgets') {
    out.form_interactive_ms = await formInteractive(browser);
    out.form_typing_ms = await typingToMessage(browser);
    const bad = await formOnBadLine(browser);
    out.form_bad_line_shell_ms = bad.shell;
    out.form_bad_line_usable_ms = bad.usable;
    out.form_bad_line_usable_ms_min = bad.usable_min;
    out.form_bad_line_usable_ms_max = bad.usable_max;
    const big = await encryptLargeFile(browser);
    out.form_encrypt_100mb_ms = big.ms;
    out.form_encrypt_100mb_peak_mb = big.peak_mb;
    out.form_encrypt_100mb_peak_mb_max = big.peak_mb_max;
  }
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
