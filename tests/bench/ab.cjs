// An old build against a new one, page loads interleaved in one Chromium run: the longest task
// of the app's build beside the server's widget (the same measure as `bench.cjs`'s
// `renderTime`, read from a DevTools trace of each load), at 4x CPU throttling, 360 px.
//
// Why: this machine's speed moves by up to 1.5x between runs of `cargo xtask bench` (rows
// whose code did not change move as much as rows whose code did), so a change to the
// takeover's steps is judged by old and new loaded alternately in the same run, not by two
// runs' absolute figures.
//
// Usage: two servers of the same feed, the old build's `dist/` on A and the new one's on B
// (e.g. `sijil serve --addr 127.0.0.1:8081 --dist /tmp/old-dist --config C` and the same on
// :8080 with `dist`, C being `cargo xtask bench`'s config pointed at the bench feed), then
//   SIJIL_A=http://127.0.0.1:8081 SIJIL_B=http://127.0.0.1:8080 \
//     node tests/bench/ab.cjs '/widget/parties/?w=parties&lang=en&embed=1' parties [loads]
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');

const [path, kind, n = '12'] = process.argv.slice(2);
const sides = { A: process.env.SIJIL_A ?? 'http://127.0.0.1:8081', B: process.env.SIJIL_B ?? 'http://127.0.0.1:8080' };
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** One load: the longest task from the first render's mark until the swap's task. */
async function load(browser, base) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const file = `${os.tmpdir()}/sijil-ab-${process.pid}.json`;
  await browser.startTracing(p, { path: file, categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
  await p.goto(base + path);
  await p.waitForFunction((m) => performance.getEntriesByName(m, 'mark').length > 0,
    `sijil:takeover:${kind}:start`, { polling: 250, timeout: 15000 }).catch(() => {});
  await p.waitForTimeout(1000);
  await browser.stopTracing();
  await context.close();
  const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  fs.unlinkSync(file);
  const main = events.find((x) => x.name === 'thread_name' && x.args?.name === 'CrRendererMain');
  const tasks = events.filter((x) => x.ph === 'X' && x.name === 'ThreadControllerImpl::RunTask' && x.pid === main.pid && x.tid === main.tid);
  const mark = (step) => events.find((x) => x.name === `sijil:${step}:${kind}:start` && x.pid === main.pid);
  const [start, swap] = [mark('render'), mark('takeover')];
  const swapTask = swap && tasks.find((x) => x.ts <= swap.ts && swap.ts < x.ts + x.dur);
  if (!start || !swapTask) return null;
  const build = tasks.filter((x) => x.ts + x.dur > start.ts && x.ts < swapTask.ts);
  return Math.max(0, ...build.map((x) => x.dur / 1000));
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  const out = { A: [], B: [] };
  for (let i = 0; i < Number(n); i++) {
    // Alternate which side goes first, so neither always loads into a warmer browser.
    for (const side of i % 2 ? ['B', 'A'] : ['A', 'B']) {
      const ms = await load(browser, sides[side]);
      if (ms !== null) out[side].push(ms);
    }
  }
  await browser.close();
  for (const side of ['A', 'B']) {
    const xs = out[side];
    console.log(`${side} ${sides[side]}${path}: longest build task, median ${median(xs).toFixed(1)} ms over ${xs.length} loads [${xs.map((x) => x.toFixed(1)).join(' ')}]`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
