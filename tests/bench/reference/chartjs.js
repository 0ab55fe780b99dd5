// The bench's reference (tests/bench/reference.cjs): the chart a Sijil widget draws, drawn by
// Chart.js from the same feed as a page author would write it, animation off. `?chart=parties`
// is the month's deaths by party (2021-02) as horizontal bars; `?chart=trend` the civilians,
// children and women of every month as lines. window.sijilRefDrawn is set when Chart.js has
// rendered the canvas.
(async () => {
  const chart = new URLSearchParams(location.search).get('chart');
  const feed = await (await fetch('/data/feed.json')).json();
  const name = (id) => {
    const p = feed.parties.find((x) => x.id === id);
    return p ? p.name.en : id;
  };
  let config;
  if (chart === 'parties') {
    const month = feed.months.find((m) => m.month === '2021-02');
    const rows = month.by_party.filter((r) => typeof r.total === 'number')
      .sort((a, b) => b.total - a.total);
    config = {
      type: 'bar',
      data: { labels: rows.map((r) => name(r.party)), datasets: [{ label: 'Civilians killed', data: rows.map((r) => r.total) }] },
      options: { indexAxis: 'y' },
    };
  } else {
    const months = feed.months;
    const series = (f) => months.map((m) => (m.civilians && typeof m.civilians[f] === 'number' ? m.civilians[f] : null));
    config = {
      type: 'line',
      data: {
        labels: months.map((m) => m.month),
        datasets: [
          { label: 'Civilians', data: series('total') },
          { label: 'Children', data: series('children') },
          { label: 'Women', data: series('women') },
        ],
      },
      options: {},
    };
  }
  config.options.animation = false;
  config.options.maintainAspectRatio = false;
  config.plugins = [{ id: 'drawn', afterRender: () => { window.sijilRefDrawn = window.sijilRefDrawn ?? performance.now(); } }];
  new Chart(document.getElementById('chart'), config);
})();
