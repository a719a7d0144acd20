// Live dashboard: the server pushes *what* changed over /hubs/dashboard; the page re-fetches the
// affected fragment with htmx, so a live page always shows what a reload would render.
(() => {
  'use strict';
  const indicator = document.getElementById('live-indicator');
  const overview = document.querySelector('[data-page="overview"]');
  const checkPage = document.querySelector('[data-page="check"]');
  const meshPage = document.querySelector('[data-page="mesh"]');
  const agentPage = document.querySelector('[data-page="agent"]');
  const alertsPage = document.querySelector('[data-page="alerts"]');
  const alertPage = document.querySelector('[data-page="alert"]');
  const chartEl = document.getElementById('latency-chart');
  const colors = ['#3ddc97', '#6cb6ff', '#f0b429', '#c58af9', '#ff7b72', '#56d4dd', '#e6edf3'];
  let chart = null;

  function setState(state) {
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.querySelector('.live-text').textContent = state;
  }

  // One request per fragment at a time; a push during a fetch re-fetches once when it ends.
  // The target is looked up per request because an outerHTML swap replaces the element. It is also
  // the request's source: htmx serialises requests per source element and, for a busy one, keeps
  // only the last queued request, so with one shared source (the body) concurrent refreshes of
  // different fragments would silently drop each other.
  const inflight = new Map();
  function refresh(url, target, after) {
    const running = inflight.get(url);
    if (running) { running.again = true; return; }
    const element = document.querySelector(target);
    if (!element) return;
    const state = { again: false };
    inflight.set(url, state);
    htmx.ajax('GET', url, { source: element, target: element, swap: 'outerHTML' })
      .then(() => after && after())
      .finally(() => { inflight.delete(url); if (state.again) refresh(url, target, after); });
  }

  function refreshOverview(change) {
    if (!overview) return;
    refresh('/fragments/overview/summary', '#summary');
    if (!change || change.agents.length) refresh('/fragments/overview/agents', '#agents-panel');
    // An unknown check (created since the page loaded) or an agent change re-renders the whole table.
    if (!change || change.agents.length || change.checks.some(id => !document.getElementById('check-' + id))) {
      refresh('/fragments/overview/checks', '#checks-table');
    } else {
      change.checks.forEach(id => refresh('/fragments/overview/checks/' + id, '#check-' + id));
    }
  }

  function refreshCheck(change) {
    if (!checkPage) return;
    const id = Number(checkPage.dataset.checkId);
    if (change && !change.checks.includes(id)) return;
    refresh('/fragments/checks/' + id + '/results', '#check-live', drawChart);
  }

  function refreshMesh(change) {
    if (!meshPage) return;
    // The fragment lists its checks; a push about one of them, or about any agent, re-renders it.
    const live = document.getElementById('mesh-live');
    const shown = live ? live.dataset.meshChecks.split(',').filter(Boolean).map(Number) : [];
    if (change && !change.agents.length && !change.checks.some(id => shown.includes(id))) return;
    refresh('/fragments/mesh', '#mesh-live');
  }

  function refreshAgent(change) {
    if (!agentPage) return;
    const name = agentPage.dataset.agent;
    if (change && !change.agents.includes(name) && !(change.events || []).includes(name) && !change.checks.length) return;
    refresh('/fragments/agents/' + encodeURIComponent(name), '#agent-live');
  }

    function refreshAlerts(change) {
    if (alertsPage && (!change || change.alerts.length)) refresh('/fragments/alerts/table', '#alerts-table');
    if (!alertPage) return;
    const live = document.getElementById('alert-live');
    const id = Number(alertPage.dataset.alertId);
    // The timeline grows with the check's results until the alert resolves.
    if (!change || change.alerts.includes(id) || (live && change.checks.includes(Number(live.dataset.checkId)))) {
      refresh('/fragments/alerts/' + id + '/live', '#alert-live');
    }
  }

  const refreshAll = change => { refreshOverview(change); refreshCheck(change); refreshMesh(change); refreshAgent(change); refreshAlerts(change); };

  const utc = seconds => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);

  function drawChart() {
    const source = document.getElementById('chart-data');
    if (!chartEl || !source) return;
    const d = JSON.parse(source.textContent);
    const data = [d.x, ...d.series.map(s => s.values)];
    const labels = d.series.map(s => s.label).join('\n');
    if (chart && chart.labels === labels) {
      chart.setData(data); // the new points extend the lines; zoom resets to the full range
    } else {
      if (chart) chart.destroy();
      chart = new uPlot({
        width: chartEl.clientWidth, height: 280,
        // Everything on the pages is UTC; latency reads best from zero.
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
        axes: [
          { stroke: '#9aa7b4', grid: { stroke: '#233040' }, ticks: { stroke: '#233040' }, space: 70,
            incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400],
            values: (u, ticks, i, space, incr) => ticks.map(t => utc(t).slice(incr >= 86400 ? 5 : 11, incr >= 60 ? 16 : 19)) },
          { stroke: '#9aa7b4', grid: { stroke: '#233040' }, ticks: { stroke: '#233040' }, label: 'ms', size: 56 },
        ],
        series: [{ value: (u, v) => v == null ? '–' : utc(v) + ' UTC' }, ...d.series.map((s, i) => ({
          label: s.label, stroke: colors[i % colors.length], width: 1.6, spanGaps: true,
          points: { size: 4 }, value: (u, v) => v == null ? '–' : v.toFixed(2) + ' ms',
        }))],
      }, data, chartEl);
      chart.labels = labels;
    }
    chartEl.dataset.points = String(d.x.length);
  }

  if (chartEl) {
    drawChart();
    window.addEventListener('resize', () => chart && chart.setSize({ width: chartEl.clientWidth, height: 280 }));
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/dashboard', { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    // The stock policy gives up after four tries; a dashboard left open on a wall should not.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 500 * (ctx.previousRetryCount + 1)) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  connection.on('Changed', refreshAll);
  connection.onreconnecting(() => setState('reconnecting'));
  // Pushes sent while away are lost: catch up on everything.
  connection.onreconnected(() => { setState('live'); refreshAll(null); });
  connection.onclose(() => { setState('offline'); setTimeout(start, 5000); });

  // The first start does not retry by itself.
  function start() {
    setState('connecting');
    connection.start()
      .then(() => { setState('live'); refreshAll(null); }) // catch up on what happened since the render
      .catch(() => { setState('offline'); setTimeout(start, 5000); });
  }
  start();
})();
