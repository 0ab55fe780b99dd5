// An old build against a new one, page loads interleaved in one Chromium run: the longest task
// of the app's build beside the server's widget (the bench's "first render" row, read the same
// way: `load.cjs`), and the app's longest task before it (the bench's page-load row: the wasm's
// start, the page's render, the feed read), at 4x CPU throttling, 360 px.
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
const { args, median, traceLoad, building, beforeRender } = require('./load.cjs');

const [path, kind, n = '12'] = process.argv.slice(2);
const sides = { A: process.env.SIJIL_A ?? 'http://127.0.0.1:8081', B: process.env.SIJIL_B ?? 'http://127.0.0.1:8080' };

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  const out = { A: { build: [], before: [] }, B: { build: [], before: [] } };
  const longest = (xs) => Math.max(0, ...xs.map((x) => x.dur / 1000));
  for (let i = 0; i < Number(n); i++) {
    // Alternate which side goes first, so neither always loads into a warmer browser.
    for (const side of i % 2 ? ['B', 'A'] : ['A', 'B']) {
      const load = await traceLoad(browser, sides[side] + path, kind);
      const { swapTask, build } = building(load);
      if (!swapTask) continue;
      out[side].build.push(longest(build));
      out[side].before.push(longest(beforeRender(load).app));
    }
  }
  await browser.close();
  for (const side of ['A', 'B']) {
    for (const [what, xs] of [['longest build task', out[side].build], ["app's longest task before it", out[side].before]]) {
      console.log(`${side} ${sides[side]}${path}: ${what}, median ${median(xs).toFixed(1)} ms over ${xs.length} loads [${xs.map((x) => x.toFixed(1)).join(' ')}]`);
    }
  }
})().catch((e) => { console.error(e); process.exit(1); });
