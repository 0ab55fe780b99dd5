// Where a widget's first render spends its time: loads a widget page in headless Chromium at
// 4x CPU throttling (as `cargo xtask bench` does) with a DevTools trace running, and prints,
// from the first render's start (the mark `sijil:render:<kind>:start`) until the swap's, the
// time by trace event
// (script, wasm compilation, style, layout, HTML parsing…), self time, summed over N loads
// and divided by N; then V8's samples in that window, by function (self, inclusive, and with
// FOCUS=<name> the functions called directly by it). Wasm functions are `wasm-function[i]`:
// WASM_NAMES=<file.json> ({"i": "name"}) names them, from the page's wasm optimized again with
// the same wasm-opt flags plus -g (the function indexes agree). Usage (a server running the
// release build, with the bench feed for the bench's figures):
//   SIJIL_BASE_URL=http://127.0.0.1:8080 node tests/bench/trace.cjs '/widget/series/?w=trend&lang=en&embed=1' trend [loads]
const { chromium } = require('playwright-core');
const fs = require('fs');

const [path, kind, n = '5'] = process.argv.slice(2);
const base = process.env.SIJIL_BASE_URL;
const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  const total = new Map();
  const selfBy = new Map(), inclBy = new Map(), focusBy = new Map();
  const names = process.env.WASM_NAMES ? JSON.parse(fs.readFileSync(process.env.WASM_NAMES, 'utf8')) : {};
  const measures = [];
  for (let run = 0; run < Number(n); run++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const file = `/tmp/sijil-trace-${process.pid}.json`;
    await browser.startTracing(p, { path: file, categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler'] });
    await p.goto(base + path);
    await p.waitForFunction((m) => performance.getEntriesByName(m, 'mark').length > 0, `sijil:takeover:${kind}:start`, { polling: 250, timeout: 30000 });
    await p.waitForTimeout(300);
    await browser.stopTracing();
    await context.close();
    const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
    fs.unlinkSync(file);
    // The window: from the first render's mark until the swap's.
    const name = `sijil:render:${kind}`;
    const b = events.find((e) => e.name === `${name}:start`);
    const e = events.find((e) => e.name === `sijil:takeover:${kind}:start`);
    if (!b || !e) { console.error('no measure in trace'); continue; }
    const [t0, t1] = [b.ts, e.ts];
    measures.push((t1 - t0) / 1000);
    // Complete events on the renderer main thread inside the measure; self time = duration
    // minus the durations of the complete events directly nested in it.
    const main = events.find((x) => x.name === 'thread_name' && x.args?.name === 'CrRendererMain');
    const xs = events.filter((x) => x.ph === 'X' && x.pid === main.pid && x.tid === main.tid && x.ts + (x.dur ?? 0) > t0 && x.ts < t1)
      .sort((a, c) => a.ts - c.ts || c.dur - a.dur);
    const stack = [];
    for (const x of xs) {
      const s = Math.max(x.ts, t0), f = Math.min(x.ts + x.dur, t1);
      x.self = f - s;
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= x.ts) stack.pop();
      if (stack.length) stack[stack.length - 1].self -= (f - s);
      stack.push(x);
    }
    for (const x of xs) total.set(x.name, (total.get(x.name) ?? 0) + x.self / 1000);
    // V8's sampling profiler, in the same clock: self and inclusive time by function (wasm
    // functions are `wasm-function[i]`; WASM_NAMES names them from a build that keeps its name
    // section, e.g. the same wasm-opt run with -g).
    const profile = events.find((x) => x.name === 'Profile' && x.pid === main.pid && x.tid === main.tid);
    if (profile) {
      const nodes = new Map(), parent = new Map();
      let t = profile.args.data.startTime;
      for (const c of events.filter((x) => x.name === 'ProfileChunk' && x.id === profile.id && x.pid === main.pid)) {
        const d = c.args.data;
        for (const nd of d.cpuProfile?.nodes ?? []) { nodes.set(nd.id, nd.callFrame); if (nd.parent) parent.set(nd.id, nd.parent); }
        const samples = d.cpuProfile?.samples ?? [];
        for (let i = 0; i < samples.length; i++) {
          const prev = t; t += d.timeDeltas[i];
          if (t <= t0 || t >= t1) continue;
          const ms = (t - prev) / 1000, seen = new Set();
          // FOCUS=name: time by the function called directly under it.
          if (process.env.FOCUS) {
            let child = null;
            for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
              const f = nodes.get(id);
              const k = f ? (f.functionName || '(anonymous)').replace(/wasm-function\[(\d+)\]/, (m, j) => names[j] ?? m) : '?';
              if (k.includes(process.env.FOCUS)) { const c = child ?? '(self)'; focusBy.set(c, (focusBy.get(c) ?? 0) + ms); break; }
              child = k;
            }
          }
          for (let id = samples[i], depth = 0; id !== undefined; id = parent.get(id), depth++) {
            const f = nodes.get(id);
            const k = f ? (f.functionName || '(anonymous)').replace(/wasm-function\[(\d+)\]/, (m, j) => names[j] ?? m) : '?';
            if (depth === 0) selfBy.set(k, (selfBy.get(k) ?? 0) + ms);
            if (!seen.has(k)) { seen.add(k); inclBy.set(k, (inclBy.get(k) ?? 0) + ms); }
          }
        }
      }
    }
  }
  await browser.close();
  measures.sort((a, c) => a - c);
  console.log(`measure sijil:render:${kind}: median ${measures[Math.floor(measures.length / 2)].toFixed(1)} ms over ${measures.length} loads (${measures.map((m) => m.toFixed(1)).join(', ')})`);
  const rows = [...total].map(([k, v]) => [k, v / measures.length]).filter(([, v]) => v >= 0.05).sort((a, c) => c[1] - a[1]);
  for (const [k, v] of rows) console.log(`${v.toFixed(2).padStart(8)} ms  ${k}`);
  for (const [title, by] of [['sampled self time', selfBy], ['sampled inclusive time', inclBy], [`called directly by ${process.env.FOCUS}`, focusBy]]) {
    console.log(`${title} (V8 profiler, per load):`);
    const top = [...by].sort((a, c) => c[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
    for (const [k, v] of top) console.log(`${(v / measures.length).toFixed(2).padStart(8)} ms  ${k.slice(0, 170)}`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
