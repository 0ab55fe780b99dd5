// One page load of a widget, traced: shared by `bench.cjs` (its page-load rows) and `ab.cjs` (an
// old build against a new one in one run), so both read a load the same way.
const fs = require('fs');
const os = require('os');

/** Chromium's flags here: the machine's network is closed, so no background calls. */
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** A fresh context at a phone's width, its CPU throttled 4x. */
async function page(browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, p };
}

/** Waits until the widget's first render has started (its mark), polling slowly: Playwright's
 * selector waits observe DOM mutations, and their callbacks would run inside the render being
 * measured. */
async function loaded(p, kind) {
  await p.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0,
    `sijil:render:${kind}:start`, { polling: 250, timeout: 30000 });
}

/** Loads `url` with a DevTools trace running, until a second after the takeover's mark, and
 * returns the renderer main thread's tasks (`RunTask` events) with the marks of the load:
 * `start` (the first render's), `swap` (the takeover's) and `nav` (its navigation start), each
 * `undefined` when the load did not reach it. */
async function traceLoad(browser, url, kind) {
  const { context, p } = await page(browser);
  const file = `${os.tmpdir()}/sijil-bench-trace-${process.pid}.json`;
  await browser.startTracing(p, { path: file, categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
  await p.goto(url);
  await loaded(p, kind);
  await p.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0,
    `sijil:takeover:${kind}:start`, { polling: 250, timeout: 10000 }).catch(() => {});
  await p.waitForTimeout(1000);
  await browser.stopTracing();
  await context.close();
  const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  fs.unlinkSync(file);
  const main = events.find((x) => x.name === 'thread_name' && x.args?.name === 'CrRendererMain');
  const mine = (x) => x.pid === main.pid && x.tid === main.tid;
  const tasks = events.filter((x) => x.ph === 'X' && x.name === 'ThreadControllerImpl::RunTask' && mine(x));
  const start = events.find((x) => x.name === `sijil:render:${kind}:start` && x.pid === main.pid);
  const swap = events.find((x) => x.name === `sijil:takeover:${kind}:start` && x.pid === main.pid);
  const nav = events.filter((x) => x.name === 'navigationStart' && x.pid === main.pid && start && x.ts < start.ts).pop();
  return { events, mine, tasks, start, swap, nav };
}

/** The app's build of its widget in a traced load: the swap's task and every task from the
 * first render's mark until it (`swapTask` undefined when the load did not take over). */
function building({ tasks, start, swap }) {
  const swapTask = start && swap && tasks.find((x) => x.ts <= swap.ts && swap.ts < x.ts + x.dur);
  const build = swapTask ? tasks.filter((x) => x.ts + x.dur > start.ts && x.ts < swapTask.ts) : [];
  return { swapTask, build };
}

/** The tasks of a traced load from navigation until the first render's mark, split into the
 * app's (those that call into the page's JS, the wasm's glue: its start, the page's render, the
 * feed read) and the browser's own (the navigation's commit, the HTML's parse, the server's
 * widget styled and laid out, Playwright's injected scripts). */
function beforeRender({ events, mine, tasks, start, nav }) {
  const calls = events.filter((x) => x.ph === 'X' && mine(x) && x.name === 'FunctionCall'
    && /\/widget\//.test(x.args?.data?.url ?? ''));
  const isApp = (t) => calls.some((c) => c.ts >= t.ts && c.ts < t.ts + t.dur);
  const before = nav && start ? tasks.filter((x) => x.ts + x.dur > nav.ts && x.ts + x.dur <= start.ts) : [];
  return { app: before.filter(isApp), browser: before.filter((t) => !isApp(t)) };
}

module.exports = { args, median, page, loaded, traceLoad, building, beforeRender };
