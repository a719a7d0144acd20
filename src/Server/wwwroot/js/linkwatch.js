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
  const spanOf = d => (d.from != null && d.to != null && d.to > d.from ? [d.from, d.to] : null);

  // uPlot formats the x axis in the browser's own time zone, like every time on the pages.
  // Network events as dashed lines, alerts as shaded bands, under the series; read from the entry on every draw.
  function drawMarks(u, entry) {
    const marks = entry.marks || [];
    if (!marks.length) return;
    const ctx = u.ctx, top = u.bbox.top, height = u.bbox.height;
    const [min, max] = [u.scales.x.min, u.scales.x.max];
    ctx.save();
    for (const m of marks) {
      const at = Math.max(m.at, min), end = m.end == null ? (m.kind === 'alert' ? max : at) : Math.min(m.end, max);
      if (end < min || at > max) continue;
      const x0 = u.valToPos(at, 'x', true), x1 = u.valToPos(end, 'x', true);
      if (m.kind === 'alert') {
        ctx.fillStyle = 'rgba(229, 57, 53, 0.14)';
        ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
      } else {
        ctx.strokeStyle = '#8e24aa';
        ctx.setLineDash([4, 3]);
        ctx.beginPath(); ctx.moveTo(x0, top); ctx.lineTo(x0, top + height); ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    ctx.restore();
  }

  function create(el, d, dark, marks) {
    const width = () => Math.max(200, el.clientWidth);
    const entry = { marks, span: spanOf(d) };
    const chart = new uPlot({
      hooks: { drawAxes: [u => drawMarks(u, entry)] },
      width: width(), height: 280,
      // Latency reads best from zero.
      // A history range is shown whole (from its start to now), however few of its buckets hold data.
      scales: { x: { time: true, range: (u, min, max) => entry.span || (min === max ? [min - 60, max + 60] : [min, max]) }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [axis(dark), axis(dark, 'ms')],
      series: [{}, ...d.series.map((s, i) => ({
        label: s.label, stroke: colors[i % colors.length], width: 1.6, spanGaps: true,
        points: { size: 4 }, value: (u, v) => v == null ? '–' : v.toFixed(2) + ' ms',
      }))],
    }, dataOf(d), el);
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: 280 }));
    resize.observe(el);
    return Object.assign(entry, { chart, resize, key: keyOf(d, dark) });
  }

  // Same series and theme: only the data changes, so the legend stays; otherwise the chart is rebuilt.
  function renderChart(el, json, dark, marksJson) {
    const d = JSON.parse(json);
    const marks = marksJson ? JSON.parse(marksJson) : [];
    const entry = charts.get(el);
    if (entry && entry.key === keyOf(d, dark)) {
      entry.marks = marks;
      entry.span = spanOf(d);
      entry.chart.setData(dataOf(d));
      el.dataset.drawn = String(Number(el.dataset.drawn || 0) + 1);
      return;
    }
    disposeChart(el);
    charts.set(el, create(el, d, dark, marks));
    el.dataset.drawn = String(Number(el.dataset.drawn || 0) + 1);
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
