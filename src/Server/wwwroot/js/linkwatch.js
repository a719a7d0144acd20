// The dashboard's few browser-side pieces, called from the components through JS interop:
// what only the browser knows (its time zone, the remembered theme), the uPlot latency chart, and renewing the
// sign-in cookie after an account change.
window.linkwatch = (() => {
  const themeKey = 'linkwatch.theme';
  const colors = ['#039be5', '#fb8c00', '#43a047', '#8e24aa', '#d81b60', '#00897b', '#fdd835', '#546e7a'];
  const charts = new WeakMap();

  function browser() {
    let theme = 'system';
    try { theme = localStorage.getItem(themeKey) || 'system'; } catch { /* storage disabled: follow the system */ }
    return {
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || null,
      offsetMinutes: -new Date().getTimezoneOffset(),
      theme,
    };
  }

  function setTheme(mode) {
    try { localStorage.setItem(themeKey, mode); } catch { /* not remembered, still applied */ }
  }

  function axis(dark, label) {
    const stroke = dark ? '#9aa7b4' : '#555f6b';
    const grid = dark ? '#2a3644' : '#e3e7ec';
    return { stroke, grid: { stroke: grid }, ticks: { stroke: grid }, label, size: label ? 56 : 50 };
  }

  const keyOf = (d, dark) => d.series.map(s => s.label).join('\n') + (dark ? '|dark' : '|light');
  const dataOf = d => [d.x, ...d.series.map(s => s.values)];

  // uPlot formats the x axis in the browser's own time zone, like every time on the pages.
  function create(el, d, dark) {
    const width = () => Math.max(200, el.clientWidth);
    const chart = new uPlot({
      width: width(), height: 280,
      // Latency reads best from zero.
      scales: { x: { time: true, range: (u, min, max) => (min === max ? [min - 60, max + 60] : [min, max]) }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [axis(dark), axis(dark, 'ms')],
      series: [{}, ...d.series.map((s, i) => ({
        label: s.label, stroke: colors[i % colors.length], width: 1.6, spanGaps: true,
        points: { size: 4 }, value: (u, v) => v == null ? '–' : v.toFixed(2) + ' ms',
      }))],
    }, dataOf(d), el);
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: 280 }));
    resize.observe(el);
    return { chart, resize, key: keyOf(d, dark) };
  }

  // Same series and theme: only the data changes, so the legend stays; otherwise the chart is rebuilt.
  function renderChart(el, json, dark) {
    const d = JSON.parse(json);
    const entry = charts.get(el);
    if (entry && entry.key === keyOf(d, dark)) {
      entry.chart.setData(dataOf(d));
      return;
    }
    disposeChart(el);
    charts.set(el, create(el, d, dark));
  }

  function disposeChart(el) {
    const entry = el && charts.get(el);
    if (!entry) return;
    entry.resize.disconnect();
    entry.chart.destroy();
    charts.delete(el);
  }

  // After a change to the account the circuit holds a ticket for a new sign-in cookie, which only a request can set
  // (see Accounts/SignInRefresh.cs); the page stays as it is.
  async function refreshSignIn(path, header, ticket) {
    try {
      const response = await fetch(path, { method: 'POST', headers: { [header]: ticket }, credentials: 'same-origin' });
      return response.ok;
    } catch {
      return false;
    }
  }

  return { browser, setTheme, renderChart, disposeChart, refreshSignIn };
})();
