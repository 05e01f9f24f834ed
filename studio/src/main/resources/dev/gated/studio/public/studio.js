// Gated studio front end: plain JavaScript over the JSON API, charts by ECharts (served from its WebJar).
'use strict';

const $ = (sel) => document.querySelector(sel);
const $$ = (sel) => Array.from(document.querySelectorAll(sel));
const state = { dataset: null, prepared: null, jobs: new Map(), runs: [], charts: {} };
const COLORS = { rnn: '#d92d20', lstm: '#2f6fde', gru: '#079455' };
const GATE_INFO = {
  i: 'input gate i (σ)', f: 'forget gate f (σ)', g: 'candidate g (tanh)', o: 'output gate o (σ)',
  r: 'reset gate r (σ)', z: 'update gate z (σ)', n: 'candidate n (tanh)', h: 'hidden h (tanh)'
};

// ---------- helpers ----------
// Every state-changing request carries the session token, which only the studio's own page can read.
const session = fetch('/api/session').then(r => r.json());
async function api(method, path, body, raw) {
  const opts = { method, headers: {} };
  if (method !== 'GET') { const s = await session; opts.headers[s.header] = s.token; }
  if (raw !== undefined) { opts.body = raw; opts.headers['Content-Type'] = 'text/csv'; }
  else if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers['Content-Type'] = 'application/json'; }
  const res = await fetch(path, opts);
  let data = null;
  try { data = await res.json(); } catch (e) { data = { error: 'HTTP ' + res.status + ' ' + res.statusText }; }
  if (!res.ok) { const err = new Error(data.error || ('HTTP ' + res.status)); err.data = data; err.status = res.status; throw err; }
  return data;
}
function showError(id, err) {
  const el = $(id);
  if (!err) { el.hidden = true; el.textContent = ''; return; }
  let text = err.message || String(err);
  if (err.data && err.data.line) {
    text += '\n→ line ' + err.data.line + (err.data.column ? ', column "' + err.data.column + '" (' + err.data.columnIndex + ')' : '');
  }
  el.textContent = text; el.hidden = false;
}
// The page enforces the limits the server does, and says so in words: "Epochs must be a whole number between 1 and 10000."
function inputName(input) {
  const label = input.closest('label');
  const card = input.closest('.card');
  const own = label ? Array.from(label.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(' ').trim() : input.id;
  const name = own.charAt(0).toUpperCase() + own.slice(1);
  return card ? card.querySelector('label').textContent.trim() + ' ' + own : name;
}
function checkInputs(scope) {
  $$(scope + ' input[type=number]').forEach(input => {
    const card = input.closest('.card');
    if (card && !card.querySelector('input[type=checkbox]').checked) return;
    if (input.value.trim() === '' || !input.checkValidity()) {
      const whole = input.step === '' || input.step === '1';
      throw new Error(inputName(input) + ' must be ' + (whole ? 'a whole number' : 'a number') + ' between '
        + input.min + ' and ' + input.max + (input.value.trim() === '' ? '; the box is empty.' : ', not ' + input.value + '.'));
    }
  });
}
function chart(id) {
  const el = typeof id === 'string' ? $(id) : id;
  let c = echarts.getInstanceByDom(el);
  if (!c) {
    c = echarts.init(el, null, { renderer: 'canvas' });
    // charts redraw on every epoch event: draw at once, without ECharts' entry animation
    const setOption = c.setOption.bind(c);
    c.setOption = (option, ...rest) => setOption(Object.assign({ animation: false }, option), ...rest);
  }
  return c;
}
// A chart's content in words: the chart becomes an image with that label, and the words appear under it.
function summarize(id, text) {
  const c = $(id);
  c.setAttribute('role', 'img');
  c.setAttribute('aria-label', text);
  let p = document.getElementById(c.id + '-summary');
  if (!p) { p = el('p', { id: c.id + '-summary', class: 'chart-summary' }); c.after(p); }
  p.textContent = text;
}
function range(values) {
  const v = values.filter(x => x !== null && x !== undefined && Number.isFinite(+x)).map(Number);
  if (!v.length) return null;
  return { min: Math.min(...v), max: Math.max(...v), mean: v.reduce((a, b) => a + b, 0) / v.length, n: v.length };
}
function fmt(v, digits) {
  if (v === null || v === undefined || v === 'NaN' || Number.isNaN(v)) return '–';
  const d = digits === undefined ? 4 : digits;
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? Number(v).toExponential(2) : Number(v).toFixed(d);
}
function eta(s) {
  if (s === null || s === undefined) return '';
  if (s < 60) return Math.round(s) + ' s';
  return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
}
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') e.className = v; else e.setAttribute(k, v); });
  children.forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c))));
  return e;
}
function showPanel(name) {
  $$('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.panel === name));
  $$('.panel').forEach(p => p.classList.toggle('active', p.id === 'panel-' + name));
  Object.values(state.charts).forEach(c => c && c.resize && c.resize());
  $$('.chart, .heatmap').forEach(d => { const c = echarts.getInstanceByDom(d); if (c) c.resize(); });
  if (name === 'results') refreshResults();
  if (name === 'inside' || name === 'export') fillJobSelects();
}

// ---------- Data ----------
async function loadInfo() {
  const info = await api('GET', '/api/info');
  const box = $('#samples');
  info.samples.forEach(s => {
    const b = el('button', { id: 'sample-' + s.name, title: s.description }, s.name);
    b.onclick = () => loadDataset(() => api('POST', '/api/samples/' + s.name));
    box.append(b);
  });
  $('#status-line').textContent = 'upload limit ' + (info.maxUploadBytes / 1048576).toFixed(0) + ' MB · '
    + info.workers + ' jobs at a time';
}
async function loadDataset(fetcher) {
  showError('#data-error', null);
  try {
    setDataset(await fetcher());
  } catch (err) {
    clearDataset();
    showError('#data-error', err);
    if (err.data && err.data.dataset) {
      // the file arrived but could not be read as asked: Re-read works on this file, nothing of the previous one stays
      state.dataset = { id: err.data.dataset.id, name: err.data.dataset.name, columns: [], profile: [], broken: true };
      $('#data-info').textContent = err.data.dataset.name + ' could not be read; fix the file or choose how to treat missing values, then Re-read.';
      $('#data-choices').hidden = false;
    }
  }
}
// Everything that described the previous file goes: a failed upload must never leave old data to train on.
function clearDataset() {
  state.dataset = null; state.prepared = null;
  $('#data-info').textContent = '';
  $('#data-choices').hidden = true;
  $('#picker-box').hidden = true;
  $('#column-picker tbody').innerHTML = '';
  $('#preview-table').innerHTML = '';
  $('#time-select').innerHTML = '';
  ['#data-chart', '#prepare-chart'].forEach(id => { const c = echarts.getInstanceByDom($(id)); if (c) c.clear(); $(id).dataset.drawn = 'false'; });
  $('#prepare-info').textContent = '';
  showError('#prepare-error', null);
  saveWorkspace(); // a reload must not bring the previous file back either
}
function setDataset(d) {
  state.dataset = d;
  const text = (d.profile || []).filter(c => c.kind === 'text').length;
  $('#data-info').textContent = d.name + ': ' + d.rows + ' rows, ' + d.columns.length + ' numeric column(s)'
    + (text ? ', ' + text + ' text column(s)' : '')
    + (d.timeColumn ? ', time column "' + d.timeColumn + '" (' + d.timeFormat + ')' : ', no time column (rows are numbered)');
  $('#data-choices').hidden = false;
  const ts = $('#time-select'); const prev = ts.value;
  ts.innerHTML = '';
  ts.append(el('option', { value: 'auto' }, 'detect'), el('option', { value: 'none' }, 'none (row index)'));
  (d.header || [d.timeColumn].concat(d.columns)).filter(n => n).forEach(n => ts.append(el('option', { value: n }, n)));
  ts.value = d.timeColumn ? d.timeColumn : (prev === 'none' ? 'none' : 'auto');
  renderPicker(d, d.columns[d.columns.length - 1]);
  renderPreview(d);
  renderDataChart(d);
  state.prepared = null;
  $('#workspace-info').textContent = '';
  saveWorkspace();
}
function kindText(c) {
  if (c.kind === 'number') return 'numbers' + (c.missing ? ' (' + c.missing + ' missing)' : '');
  if (c.kind === 'time') return 'time';
  return c.categorical ? 'text: ' + c.distinct + ' value' + (c.distinct === 1 ? '' : 's') + ' (' + c.levels.slice(0, 4).join(', ') + (c.distinct > 4 ? ', …' : '') + ')'
    : 'text: ' + c.distinct + ' different values — an identifier or free text, not usable as an input';
}
function renderPicker(d, target, roles) {
  const body = $('#column-picker tbody'); body.innerHTML = '';
  (d.profile || []).filter(c => c.kind !== 'time').forEach(c => {
    const sel = el('select', { class: 'role', 'data-column': c.name, 'aria-label': 'use of column ' + c.name });
    if (c.kind === 'number') sel.append(el('option', { value: 'target' }, 'target'));
    if (c.kind === 'number' || c.categorical) sel.append(el('option', { value: 'feature' }, c.kind === 'text' ? 'input (one-hot)' : 'input'));
    sel.append(el('option', { value: 'ignored' }, 'ignored'));
    sel.value = (roles && roles[c.name]) || (c.name === target ? 'target' : 'ignored');
    sel.disabled = c.kind === 'text' && !c.categorical;
    sel.onchange = () => {
      if (sel.value === 'target') $$('#column-picker select.role').forEach(o => { if (o !== sel && o.value === 'target') o.value = 'ignored'; });
      saveWorkspace();
    };
    body.append(el('tr', { 'data-column': c.name, class: 'kind-' + c.kind }, el('td', {}, c.name), el('td', {}, kindText(c)), el('td', {}, sel)));
  });
  $('#picker-box').hidden = false;
}
function roles() {
  const r = {};
  $$('#column-picker select.role').forEach(s => { r[s.dataset.column] = s.value; });
  return r;
}
function currentTarget() {
  const s = $$('#column-picker select.role').find(o => o.value === 'target');
  return s ? s.dataset.column : '';
}
function renderPreview(d) {
  const t = $('#preview-table'); t.innerHTML = '';
  const header = d.header || [d.timeColumn || 'row'].concat(d.columns);
  const cells = d.cells || d.preview;
  t.append(el('tr', {}, ...header.map(c => el('th', {}, c))));
  cells.forEach(r => t.append(el('tr', {}, ...r.map(v => el('td', {}, typeof v === 'number' ? fmt(v, 3) : v)))));
  if (d.rows > cells.length) t.append(el('tr', {}, el('td', { colspan: header.length }, '… ' + (d.rows - cells.length) + ' more rows')));
}
function renderDataChart(d) {
  const c = chart('#data-chart');
  c.setOption({
    title: { text: d.name, left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { top: 4, right: 10 },
    grid: { left: 55, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: d.time }, yAxis: { type: 'value', scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: Object.entries(d.series).map(([name, values]) => ({ name, type: 'line', showSymbol: false, data: values }))
  }, true);
  $('#data-chart').dataset.drawn = 'true';
  summarize('#data-chart', d.name + ': ' + d.rows + ' rows from ' + d.time[0] + ' to ' + d.time[d.time.length - 1] + '. '
    + Object.entries(d.series).map(([name, values]) => { const r = range(values);
      return r ? name + ' from ' + fmt(r.min, 3) + ' to ' + fmt(r.max, 3) + ' (mean ' + fmt(r.mean, 3) + ')' : name + ': no values'; }).join('; ') + '.');
}
async function uploadFile(file) {
  const q = new URLSearchParams({ name: file.name, missing: $('#missing-select').value });
  await loadDataset(() => api('POST', '/api/datasets?' + q, undefined, file));
}
async function reread() {
  if (!state.dataset) return;
  const q = new URLSearchParams({ time: $('#time-select').value, missing: $('#missing-select').value });
  await loadDataset(() => api('GET', '/api/datasets/' + state.dataset.id + '?' + q));
}

// ---------- Workspace ----------
// The Data, Prepare and Models choices live in the browser (localStorage), so a reload keeps them; Save writes
// them with the data itself to one JSON file, and Open reads such a file back on any studio.
const WS_KEY = 'gated-studio-workspace';
const WS_FORMAT = 'gated-studio-workspace';
function workspace() {
  const inputs = {};
  $$('#panel-data select, #panel-prepare input, #panel-prepare select, #panel-models input[id], #panel-models select, #panel-memory input[id], #panel-memory select, #text-models input[id]')
    .forEach(e => { if (e.id) inputs[e.id] = e.type === 'checkbox' ? e.checked : e.value; });
  const cards = $$('.card').map(c => ({ kind: c.dataset.kind, units: c.querySelector('.units').value,
    layers: c.querySelector('.layers').value, dropout: c.querySelector('.dropout').value }));
  const d = state.dataset && !state.dataset.broken ? { id: state.dataset.id, name: state.dataset.name } : null;
  return { format: WS_FORMAT, version: 1, dataset: d, roles: roles(), inputs, cards };
}
function saveWorkspace() {
  try { localStorage.setItem(WS_KEY, JSON.stringify(workspace())); } catch (e) { /* private mode: nothing kept */ }
}
function applyInputs(ws) {
  Object.entries(ws.inputs || {}).forEach(([id, v]) => {
    const e = document.getElementById(id);
    if (!e || id === 'time-select') return;
    if (e.type === 'checkbox') e.checked = !!v; else e.value = v;
  });
  (ws.cards || []).forEach(c => {
    const card = document.querySelector('.card[data-kind="' + c.kind + '"]');
    if (!card) return;
    card.querySelector('.units').value = c.units; card.querySelector('.layers').value = c.layers; card.querySelector('.dropout').value = c.dropout;
  });
}
async function restoreWorkspace(ws) {
  applyInputs(ws);
  if (!ws.dataset) return;
  const q = new URLSearchParams({ time: (ws.inputs || {})['time-select'] || 'auto', missing: (ws.inputs || {})['missing-select'] || 'error' });
  let d = null;
  try { d = await api('GET', '/api/datasets/' + ws.dataset.id + '?' + q); } catch (e) { d = null; }
  if (!d || d.name !== ws.dataset.name) {
    $('#workspace-info').textContent = ws.dataset.name + ', the file of your last session, is no longer in the studio (was it restarted?): upload it again. Your other choices are kept.';
    return;
  }
  setDataset(d);
  renderPicker(d, null, ws.roles);
  saveWorkspace();
}
async function saveWorkspaceFile() {
  const ws = workspace();
  if (ws.dataset) {
    const res = await fetch('/api/datasets/' + ws.dataset.id + '/file');
    ws.data = { name: ws.dataset.name, csv: await res.text() };
  }
  const blob = new Blob([JSON.stringify(ws, null, 1)], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'gated-workspace.json' });
  document.body.append(a); a.click(); a.remove();
  $('#workspace-info').textContent = 'Saved gated-workspace.json' + (ws.data ? ' with ' + ws.data.name : '') + '.';
  return ws;
}
async function openWorkspaceFile(file) {
  showError('#data-error', null);
  let ws;
  try { ws = JSON.parse(await file.text()); } catch (e) { ws = null; }
  if (!ws || ws.format !== WS_FORMAT) {
    showError('#data-error', new Error(file.name + ' is not a studio workspace (save one with "Save workspace…").'));
    return;
  }
  if (ws.data && ws.data.csv) {
    const d = await api('POST', '/api/datasets?' + new URLSearchParams({ name: ws.data.name }), undefined, ws.data.csv)
      .catch(err => { showError('#data-error', err); return null; });
    ws.dataset = d ? { id: d.id, name: d.name } : null;
  }
  await restoreWorkspace(ws);
  $('#workspace-info').textContent = 'Opened ' + file.name + (ws.dataset ? ' with ' + ws.dataset.name : '') + '.';
}

// ---------- Prepare ----------
function prepareSpec() {
  if (!state.dataset || state.dataset.broken) throw new Error('Choose a data set first (Data panel).');
  checkInputs('#panel-prepare');
  const target = currentTarget();
  if (!target) throw new Error('Choose the column to forecast: set one column to "target" in the Data panel.');
  const r = roles();
  const features = [target].concat(Object.keys(r).filter(n => r[n] === 'feature'));
  return {
    dataset: state.dataset.id, target, features,
    time: $('#time-select').value, missing: $('#missing-select').value,
    window: +$('#window').value, horizon: +$('#horizon').value, stride: +$('#stride').value,
    scaler: $('#scaler').value, train: +$('#train-frac').value, validation: +$('#val-frac').value,
    relative: $('#relative').checked
  };
}
async function prepare() {
  showError('#prepare-error', null);
  try {
    const spec = prepareSpec();
    const p = await api('POST', '/api/prepare', spec);
    state.prepared = p;
    $('#prepare-info').textContent = 'windows: ' + p.windows.train + ' train, ' + p.windows.validation + ' validation, '
      + p.windows.test + ' test · input shape (T, F) = (' + p.inputShape.join(', ') + ')'
      + (p.inputs && p.inputs.length > 1 ? ': ' + p.inputs.join(', ') : '')
      + ' · scaler ' + $('#scaler').selectedOptions[0].textContent + ' fitted on the training rows [' + p.split.train.join(', ') + ')';
    drawPrepare(p, spec);
  } catch (err) { showError('#prepare-error', err); }
}
function drawPrepare(p, spec) {
  const areas = [['train', p.split.train, 'rgba(47,111,222,0.08)'], ['validation', p.split.validation, 'rgba(247,144,9,0.10)'],
    ['test', p.split.test, 'rgba(7,148,85,0.10)']].filter(a => a[1][1] > a[1][0])
    .map(([name, r, color]) => [{ name, xAxis: r[0], itemStyle: { color } }, { xAxis: r[1] - 1 }]);
  const lo = Math.min(...p.target), hi = Math.max(...p.target);
  const span = hi - lo || 1;
  const windowSeries = [];
  p.examples.forEach((w, k) => {
    const y = lo - span * (0.08 + 0.05 * (k % 4));
    windowSeries.push({ name: 'window inputs', type: 'line', symbol: 'none', color: '#667085', lineStyle: { width: 4 },
      data: [[p.time[w[0]], y], [p.time[w[1]], y]] });
    windowSeries.push({ name: 'targets', type: 'line', symbol: 'circle', symbolSize: 6, color: '#d92d20', lineStyle: { width: 4 },
      data: [[p.time[w[1] + 1], y], [p.time[w[2]], y]] });
  });
  chart('#prepare-chart').setOption({
    title: { text: spec.target + ': ' + p.rows + ' rows → windows of ' + p.window + ', horizon ' + p.horizon, left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { top: 4, right: 10 },
    grid: { left: 55, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: p.time }, yAxis: { type: 'value', scale: true, min: lo - span * 0.3 },
    series: [{ name: spec.target, type: 'line', showSymbol: false, data: p.target, markArea: { label: { position: 'insideTop' }, data: areas } },
      ...windowSeries]
  }, true);
  $('#prepare-chart').dataset.drawn = 'true';
  summarize('#prepare-chart', spec.target + ', ' + p.rows + ' rows: train rows ' + p.split.train.join('–') + ', validation rows '
    + p.split.validation.join('–') + ', test rows ' + p.split.test.join('–') + '; windows of ' + p.window + ' inputs and '
    + p.horizon + ' target(s): ' + p.windows.train + ' to train on, ' + p.windows.validation + ' to validate, ' + p.windows.test + ' to test.');
}

// ---------- Models / runs ----------
function modelSpecs() {
  checkInputs('#panel-models');
  const common = { epochs: +$('#epochs').value, batch: +$('#batch').value, lr: +$('#lr').value,
    optimizer: $('#optimizer').value, seed: +$('#seed').value };
  return $$('.card').filter(c => c.querySelector('input[type=checkbox]').checked).map(c => Object.assign({
    kind: c.dataset.kind, units: +c.querySelector('.units').value, layers: +c.querySelector('.layers').value,
    dropout: +c.querySelector('.dropout').value }, common));
}
async function train() {
  showError('#models-error', null);
  try {
    const run = await api('POST', '/api/runs', { prepare: prepareSpec(), models: modelSpecs() });
    run.jobs.forEach(j => { j.history = []; state.jobs.set(j.id, j); });
    state.currentRun = run.id; fillRunSelect();
    renderJobs(); drawLoss();
    showPanel('train');
  } catch (err) { showError('#models-error', err); }
}

// ---------- Train ----------
const FINISHED = ['done', 'failed', 'cancelled'];
// The Train panel shows the latest run unless the user asks for every run.
function shownJobs() {
  const all = Array.from(state.jobs.values()).filter(j => j.runType !== 'text'); // text jobs: the Text tab
  if ($('#jobs-filter').value === 'all' || !all.length) return all;
  const latest = all.reduce((a, j) => Math.max(a, +String(j.run).slice(1)), 0);
  return all.filter(j => +String(j.run).slice(1) === latest);
}
function stateText(j) {
  if (j.state === 'cancelled' && j.cancelled_at_epoch) return 'cancelled at epoch ' + j.cancelled_at_epoch + ' (weights of epoch ' + j.best_epoch + ' kept)';
  return j.state + (j.error ? ': ' + j.error : '');
}
function renderJobs() {
  const body = $('#jobs-table tbody'); body.innerHTML = '';
  const shown = shownJobs();
  const hidden = [...state.jobs.values()].filter(j => j.runType !== 'text').length - shown.length;
  $('#jobs-hidden').textContent = hidden ? hidden + ' job(s) of earlier runs hidden' : '';
  $('#clear-jobs').disabled = ![...state.jobs.values()].some(j => FINISHED.includes(j.state));
  shown.forEach(j => {
    const last = j.history && j.history.length ? j.history[j.history.length - 1] : {};
    const bar = el('span', { class: 'bar' }, el('span', { style: 'width:' + Math.round(100 * (j.progress || 0)) + '%' }));
    const cancel = el('button', { class: 'cancel-btn', 'data-job': j.id }, 'Cancel');
    cancel.disabled = ['done', 'failed', 'cancelled'].includes(j.state);
    cancel.onclick = () => api('POST', '/api/jobs/' + j.id + '/cancel').catch(e => alert(e.message));
    const stateCell = el('td', { class: 'state-' + j.state, id: 'job-' + j.id + '-state' }, stateText(j));
    body.append(el('tr', { id: 'job-' + j.id },
      el('td', {}, j.id), el('td', {}, j.run), el('td', {}, j.label), stateCell,
      el('td', { id: 'job-' + j.id + '-epochs' }, (j.history ? j.history.length : 0) + ' / ' + j.spec.epochs),
      el('td', {}, bar), el('td', {}, j.state === 'running' ? eta(j.eta) : ''),
      el('td', {}, fmt(last.loss)), el('td', {}, fmt(last.val_loss)), el('td', {}, cancel)));
  });
}
let lossTimer = null;
function drawLossSoon() { if (!lossTimer) lossTimer = setTimeout(() => { lossTimer = null; drawLoss(); renderJobs(); jobsChanged(); }, 200); }
// other tabs (Text) follow the same jobs: they register here
const jobListeners = [];
function jobsChanged() { jobListeners.forEach(f => f()); }
function drawLoss() {
  const series = [];
  let points = 0;
  shownJobs().forEach(j => {
    const color = COLORS[j.kind] || '#444';
    const h = j.history || [];
    points += h.length;
    series.push({ name: j.id + ' ' + j.label + ' loss', type: 'line', showSymbol: h.length < 2, color,
      data: h.map(p => [p.epoch, p.loss]) });
    if (h.some(p => p.val_loss !== null && p.val_loss !== undefined)) {
      series.push({ name: j.id + ' ' + j.label + ' val_loss', type: 'line', showSymbol: h.length < 2, color,
        lineStyle: { type: 'dashed' }, data: h.map(p => [p.epoch, p.val_loss]) });
    }
  });
  chart('#loss-chart').setOption({
    title: { text: 'loss (solid) and val_loss (dashed), MSE on scaled values', left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 24 },
    grid: { left: 60, right: 20, top: 60, bottom: 40 },
    xAxis: { type: 'value', name: 'epoch', minInterval: 1 }, yAxis: { type: 'log', name: 'loss' }, series
  }, true);
  $('#loss-chart').dataset.points = String(points);
  summarize('#loss-chart', shownJobs().length ? shownJobs().map(j => {
    const h = j.history || [];
    if (!h.length) return j.label + ' (' + j.id + '): no epoch yet';
    const last = h[h.length - 1];
    const vals = h.filter(p => p.val_loss !== null && p.val_loss !== undefined);
    const best = vals.length ? vals.reduce((a, b) => b.val_loss < a.val_loss ? b : a) : null;
    return j.label + ' (' + j.id + '): ' + h.length + ' epoch(s), loss ' + fmt(h[0].loss) + ' → ' + fmt(last.loss)
      + (best ? ', lowest val_loss ' + fmt(best.val_loss) + ' at epoch ' + best.epoch : '');
  }).join('; ') + '.' : 'No jobs yet.');
  announceJobs();
}
// One sentence for screen readers when a job starts or ends (not at every epoch).
const announced = new Map();
function announceJobs() {
  state.jobs.forEach(j => {
    if (announced.get(j.id) === j.state) return;
    announced.set(j.id, j.state);
    const m = j.metrics && j.metrics.test ? ', test RMSE ' + fmt(j.metrics.test.rmse, 3) : '';
    $('#train-status').textContent = j.label + ' (' + j.id + ') ' + stateText(j) + m + '.';
  });
}
async function loadJobs() {
  const jobs = await api('GET', '/api/jobs');
  const finished = ['done', 'failed', 'cancelled'];
  jobs.forEach(j => {
    // a snapshot may be older than events that arrived while it was on its way: never step back
    const seen = state.jobs.get(j.id);
    if (seen && (seen.history || []).length > (j.history || []).length) j.history = seen.history;
    // a snapshot of a job still running, arriving after the event that it finished: keep the finished job whole
    // (its model, metrics and best epoch too, not only its state)
    if (seen && finished.includes(seen.state) && !finished.includes(j.state)) return;
    state.jobs.set(j.id, j);
  });
  state.runs = await api('GET', '/api/runs');
  renderJobs(); drawLoss(); fillRunSelect(); jobsChanged();
}
function listen() {
  const es = new EventSource('/api/events');
  es.addEventListener('job', e => {
    const s = JSON.parse(e.data);
    const j = state.jobs.get(s.id) || { history: [] };
    Object.assign(j, s, { history: j.history || [] });
    state.jobs.set(s.id, j);
    drawLossSoon();
    if (['done', 'failed', 'cancelled'].includes(s.state)) {
      // a finished job's full history from the server: events lost on the way never leave the curve short
      loadJobs().catch(() => {});
      if ($('#panel-results').classList.contains('active')) refreshResults();
    }
  });
  es.addEventListener('cleared', e => {
    JSON.parse(e.data).jobs.forEach(id => state.jobs.delete(id));
    renderJobs(); drawLoss(); fillRunSelect(); jobsChanged();
  });
  es.addEventListener('epoch', e => {
    const p = JSON.parse(e.data);
    const j = state.jobs.get(p.job);
    if (!j) return;
    j.history = j.history || [];
    if (!j.history.some(q => q.epoch === p.epoch)) j.history.push({ epoch: p.epoch, loss: p.loss, val_loss: p.val_loss, seconds: p.seconds });
    j.progress = p.progress; j.eta = p.eta;
    drawLossSoon();
  });
  es.addEventListener('progress', e => {
    const p = JSON.parse(e.data);
    const j = state.jobs.get(p.job);
    if (j) { j.progress = p.progress; j.eta = p.eta; drawLossSoon(); }
  });
  es.onerror = () => { $('#status-line').textContent = 'reconnecting to the studio…'; };
  es.onopen = () => { loadJobs().catch(() => {}); };
  // Events are the fast path; while any job is unfinished, also re-read the job list every 2 s, so a lost
  // event or a silently dropped stream can never leave the page showing a stale state.
  setInterval(() => {
    const unfinished = [...state.jobs.values()].some(j => !['done', 'failed', 'cancelled'].includes(j.state));
    if (unfinished) loadJobs().catch(() => {});
  }, 2000);
}

// ---------- Results ----------
function fillRunSelect() {
  api('GET', '/api/runs').then(runs => {
    state.runs = runs;
    const s = $('#run-select'); const prev = s.value;
    s.innerHTML = '';
    runs.filter(r => r.type !== 'text').forEach(r => s.append(el('option', { value: r.id }, r.id + ': ' + r.title)));
    const shown = runs.filter(r => r.type !== 'text');
    const wanted = state.currentRun || prev;
    s.value = wanted && shown.some(r => r.id === wanted) ? wanted : (shown.length ? shown[shown.length - 1].id : '');
    state.currentRun = null;
    fillJobSelects();
  });
}
// jobs with a model: done, or cancelled after an epoch (the best weights so far are kept)
function doneJobs() { return Array.from(state.jobs.values()).filter(j => j.runType !== 'text' && (j.state === 'done' || (j.state === 'cancelled' && j.has_model))); }
function jobLabel(j) { return j.id + ' ' + j.label + ' (' + j.run + ')' + (j.state === 'cancelled' ? ' — cancelled at epoch ' + j.cancelled_at_epoch : ''); }
function fillJobSelects() {
  ['#results-job', '#inside-job', '#export-job'].forEach(id => {
    const s = $(id); const prev = s.value;
    const jobs = id === '#results-job' ? doneJobs().filter(j => j.run === $('#run-select').value) : doneJobs();
    s.innerHTML = '';
    jobs.forEach(j => s.append(el('option', { value: j.id }, jobLabel(j))));
    if (prev && jobs.some(j => j.id === prev)) s.value = prev;
  });
}
async function refreshResults() {
  const runId = $('#run-select').value;
  if (!runId) return;
  const r = await api('GET', '/api/runs/' + runId);
  const t = $('#results-table'); t.innerHTML = '';
  if (r.type === 'memory') {
    t.append(el('tr', {}, ...['Model', 'Params', 'Train s', 'Epochs', 'Test metric', 'Baseline', 'Solved', ''].map(h => el('th', {}, h))));
    r.rows.forEach(row => {
      const te = row.test || {};
      t.append(el('tr', { class: (row.best ? 'best ' : '') + row.type, 'data-model': row.model },
        el('td', {}, row.label + (row.type === 'model' && row.state !== 'done' ? ' — ' + row.state : '')),
        el('td', {}, row.params), el('td', {}, row.type === 'model' ? fmt(row.train_seconds, 1) : ''),
        el('td', {}, row.epochs === undefined ? '' : row.epochs),
        el('td', { class: 'test-metric' }, fmt(te.metric, 4)), el('td', {}, fmt(te.baseline, 4)),
        el('td', {}, te.solved === undefined ? '' : (te.solved ? 'yes' : 'no')), el('td', {}, row.best ? '★ best' : '')));
    });
  } else {
    t.append(el('tr', {}, ...['Model', 'Params', 'Train s', 'Epochs', 'Val RMSE', 'Val MAE', 'Val MAPE %', 'Test RMSE', 'Test MAE', 'Test MAPE %', ''].map(h => el('th', {}, h))));
    r.rows.forEach(row => {
      const v = row.validation || {}, te = row.test || {};
      t.append(el('tr', { class: (row.best ? 'best ' : '') + row.type, 'data-model': row.model },
        el('td', {}, row.label + (row.type === 'model' && row.state !== 'done' ? ' — ' + (row.note || row.state) : '')),
        el('td', {}, row.params), el('td', {}, row.type === 'model' ? fmt(row.train_seconds, 1) : ''),
        el('td', {}, row.epochs === undefined ? '' : row.epochs),
        el('td', {}, fmt(v.rmse, 3)), el('td', {}, fmt(v.mae, 3)), el('td', {}, fmt(v.mape, 2)),
        el('td', { class: 'test-rmse' }, fmt(te.rmse, 3)), el('td', {}, fmt(te.mae, 3)), el('td', {}, fmt(te.mape, 2)),
        el('td', {}, row.best ? '★ best' : '')));
    });
  }
  $('#results-notes').textContent = (r.notes || []).join(' · ') + (r.type === 'memory' ? ''
    : ' · Metrics in the target\'s units, on the windows of each part; baselines predict the same targets.');
  fillJobSelects();
  const sel = $('#results-job');
  $('#forecast-chart').hidden = $('#residual-chart').hidden = r.type === 'memory';
  if (sel.value && r.type !== 'memory') drawForecast(sel.value);
}
async function drawForecast(jobId) {
  const f = await api('GET', '/api/jobs/' + jobId + '/forecast');
  const colors = { train: '#98a2b3', validation: '#f79009', test: COLORS[(state.jobs.get(jobId) || {}).kind] || '#2f6fde' };
  const series = [{ name: 'actual', type: 'line', showSymbol: false, color: '#1d2330', data: f.actual,
    markLine: { symbol: 'none', label: { formatter: '{b}' }, lineStyle: { type: 'dashed', color: '#667085' },
      data: [{ name: 'train | validation', xAxis: f.boundaries[0] }, { name: 'validation | test', xAxis: f.boundaries[1] }] } }];
  Object.entries(f.forecast).forEach(([part, line]) => series.push({ name: part + ' forecast', type: 'line', showSymbol: false,
    color: colors[part], connectNulls: false, data: line }));
  chart('#forecast-chart').setOption({
    title: { text: f.label + ': forecast vs actual (' + f.target + ')', left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { top: 4, right: 10 },
    grid: { left: 55, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: f.time }, yAxis: { type: 'value', scale: true }, series
  }, true);
  chart('#residual-chart').setOption({
    title: { text: 'test residuals (actual − forecast)', left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, grid: { left: 55, right: 20, top: 35, bottom: 30 },
    xAxis: { type: 'category', data: f.residuals.map(r => f.time[r.row]) }, yAxis: { type: 'value' },
    series: [{ type: 'bar', data: f.residuals.map(r => r.residual), itemStyle: { color: '#7a8699' } }]
  }, true);
  $('#forecast-chart').dataset.drawn = 'true';
  const res = range(f.residuals.map(r => r.residual));
  const rmse = res ? Math.sqrt(f.residuals.reduce((a, r) => a + r.residual * r.residual, 0) / f.residuals.length) : NaN;
  summarize('#forecast-chart', f.label + ' forecasts ' + f.target + ' over ' + f.time.length + ' rows; on the '
    + (res ? res.n : 0) + ' test rows the error (actual − forecast) runs from ' + fmt(res ? res.min : NaN, 3) + ' to '
    + fmt(res ? res.max : NaN, 3) + ', root mean square ' + fmt(rmse, 3) + '.');
}

// ---------- Inside ----------
async function inside() {
  showError('#inside-error', null);
  const jobId = $('#inside-job').value;
  if (!jobId) { showError('#inside-error', new Error('No finished model yet: train one first.')); return; }
  try {
    const q = new URLSearchParams({ part: $('#inside-part').value, window: $('#inside-window').value, layer: $('#inside-layer').value });
    const v = await api('GET', '/api/jobs/' + jobId + '/inside?' + q);
    $('#inside-info').textContent = v.label + ', layer ' + v.layer + ' of ' + v.layers + ' (' + v.type + '), ' + v.part
      + ' window ' + v.window + ' of ' + v.windows + ', ' + v.steps + ' steps, showing ' + v.unitsShown + ' of ' + v.units
      + ' units · prediction ' + v.output.map(x => fmt(x, 3)).join(', ') + ' vs target ' + v.target.map(x => fmt(x, 3)).join(', ') + ' (scaled)';
    const box = $('#heatmaps');
    $$('#heatmaps .heatmap').forEach(d => { const c = echarts.getInstanceByDom(d); if (c) c.dispose(); });
    box.innerHTML = '';
    v.gateNames.forEach(g => {
      const d = el('div', { class: 'heatmap', id: 'heatmap-' + g, 'data-gate': g });
      box.append(d);
      heatmap(d, GATE_INFO[g] || g, v.gates[g], [...Array(v.steps).keys()], 't', g === 'g' || g === 'n' || g === 'h');
    });
    traces('#hidden-chart', 'hidden state h per unit', v.hidden, v.steps);
    if (v.cell) traces('#cell-chart', 'cell state c per unit (LSTM)', v.cell, v.steps);
    else { chart('#cell-chart').setOption({ title: { text: v.type + ' has no cell state', left: 10, textStyle: { fontSize: 13 } }, series: [] }, true); }
    drawGradients(state.jobs.get(jobId).run);
  } catch (err) { showError('#inside-error', err); }
}
// A heatmap of m[unit][step] (units up, steps across, labelled by xLabels); tanh values on a diverging scale.
function heatmap(d, title, m, xLabels, xName, tanh) {
  const data = [];
  m.forEach((row, unit) => row.forEach((val, t) => data.push([t, unit, val])));
  chart(d).setOption({
    title: { text: title, left: 10, textStyle: { fontSize: 13 } },
    tooltip: { formatter: p => xName + ' ' + xLabels[p.value[0]] + ', unit ' + p.value[1] + ': ' + fmt(p.value[2], 3) },
    grid: { left: 45, right: 70, top: 35, bottom: xName === 'word' ? 60 : 35 },
    // words: every one labelled, slanted; time steps: as many as fit
    xAxis: { type: 'category', name: xName, data: xLabels, axisLabel: xName === 'word' ? { interval: 0, rotate: 40 } : {} },
    yAxis: { type: 'category', name: 'unit', data: [...Array(m.length).keys()] },
    visualMap: { min: tanh ? -1 : 0, max: 1, calculable: true, orient: 'vertical', right: 5, top: 'center', itemHeight: 140,
      inRange: { color: tanh ? ['#2166ac', '#f7f7f7', '#b2182b'] : ['#f7fbff', '#6baed6', '#08306b'] } },
    series: [{ type: 'heatmap', data, progressive: 0 }]
  }, true);
  d.dataset.drawn = 'true';
}
function traces(id, title, m, steps) {
  chart(id).setOption({
    title: { text: title, left: 10, textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' },
    grid: { left: 45, right: 15, top: 35, bottom: 30 },
    xAxis: { type: 'category', data: [...Array(steps).keys()], name: 't' }, yAxis: { type: 'value' },
    series: m.slice(0, 16).map((row, unit) => ({ name: 'unit ' + unit, type: 'line', showSymbol: false, data: row }))
  }, true);
  $(id).dataset.drawn = 'true';
}
async function drawGradients(runId) {
  const g = await api('GET', '/api/runs/' + runId + '/gradients');
  const series = [];
  g.series.forEach(s => {
    const c = COLORS[s.kind] || '#444';
    series.push({ name: s.label + ' trained', type: 'line', color: c, data: s.trained.map((v, k) => [k, Math.max(v, 1e-30)]) });
    series.push({ name: s.label + ' at init', type: 'line', color: c, lineStyle: { type: 'dotted' }, data: s.initial.map((v, k) => [k, Math.max(v, 1e-30)]) });
  });
  chart('#grad-chart').setOption({
    title: { text: '‖∂loss/∂h‖ by lag (steps before the last), batch of ' + g.batch + ' training windows', left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { top: 24, type: 'scroll' },
    grid: { left: 70, right: 20, top: 60, bottom: 40 },
    xAxis: { type: 'value', name: 'lag', min: 0, max: g.steps - 1 }, yAxis: { type: 'log', name: 'norm' }, series
  }, true);
  $('#grad-chart').dataset.drawn = 'true';
  $('#grad-caption').textContent = gradientCaption(g);
}
// The caption says what this chart measured, never what a textbook expects it to show.
function gradientCaption(g) {
  const drops = g.series.map(s => {
    const first = s.trained[0], last = s.trained[s.trained.length - 1];
    const orders = first > 0 && last > 0 ? Math.log10(first / last) : NaN;
    return { label: s.label, orders };
  }).filter(d => Number.isFinite(d.orders));
  if (!drops.length) return '';
  const words = drops.map(d => d.label + ': ' + (Math.abs(d.orders) < 0.3 ? 'about level'
    : (d.orders > 0 ? 'falls ' : 'rises ') + (Math.abs(d.orders) >= 1 ? Math.abs(d.orders).toFixed(1) + ' orders of magnitude' : 'by ×' + Math.pow(10, Math.abs(d.orders)).toFixed(1)))
    + ' from lag 0 to lag ' + (g.steps - 1));
  let text = 'Measured after training — ' + words.join('; ') + '.';
  if (drops.length > 1) {
    const steepest = drops.reduce((a, b) => b.orders > a.orders ? b : a);
    if (steepest.orders >= 1) text += ' The steepest fall, ' + steepest.label + '\'s, is where the early steps learn least.';
    else text += ' No curve falls by an order of magnitude here: at this window length every model still reaches its early steps.';
  }
  return text;
}

// ---------- Memory lab ----------
async function memoryRun() {
  showError('#memory-error', null);
  try { checkInputs('#panel-memory'); } catch (err) { showError('#memory-error', err); return; }
  const common = { units: +$('#mem-units').value, epochs: +$('#mem-epochs').value, batch: +$('#mem-batch').value,
    lr: +$('#mem-lr').value };
  const models = $$('.mem-kind').filter(c => c.checked).map(c => Object.assign({ kind: c.value }, common));
  try {
    const run = await api('POST', '/api/memory', { task: $('#mem-task').value, length: +$('#mem-length').value,
      examples: +$('#mem-examples').value, models });
    run.jobs.forEach(j => { j.history = []; state.jobs.set(j.id, j); });
    state.currentRun = run.id; fillRunSelect();
    renderJobs(); drawLoss();
    showPanel('train');
  } catch (err) { showError('#memory-error', err); }
}

// ---------- Export ----------
async function exportJob() {
  const id = $('#export-job').value;
  if (!id) return;
  $('#download-model').href = '/api/jobs/' + id + '/model.gated';
  $('#download-onnx').href = '/api/jobs/' + id + '/model.onnx';
  $('#download-csv').href = '/api/jobs/' + id + '/forecast.csv';
  const job = state.jobs.get(id) || {};
  const run = (state.runs || []).find(r => r.id === job.run) || {};
  $('#download-csv').hidden = run.type === 'memory';
  try {
    const x = await api('GET', '/api/jobs/' + id + '/export');
    $('#export-command').textContent = x.command;
    $('#export-java').textContent = x.java;
    $('#export-note').textContent = x.note || '';
    $('#download-data').hidden = !x.dataset;
    if (x.dataset) { $('#download-data').href = '/api/datasets/' + x.dataset + '/file'; $('#download-data').setAttribute('download', x.dataFile); }
  } catch (err) { $('#export-command').textContent = err.message; $('#export-java').textContent = ''; }
}

async function copyText(button) {
  const text = $(button.dataset.copy).textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // no clipboard API (an insecure context, a denied permission): select the text and copy the old way
    const range = document.createRange(); range.selectNodeContents($(button.dataset.copy));
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    if (!document.execCommand('copy')) { $(button.dataset.status || '#copy-status').textContent = 'Select the text and copy it with Ctrl+C.'; return; }
  }
  $(button.dataset.status || '#copy-status').textContent = 'Copied the ' + (button.id === 'copy-java' ? 'Java program' : 'command') + ' to the clipboard.';
}

// ---------- wiring ----------
$$('#tabs button').forEach(b => b.onclick = () => showPanel(b.dataset.panel));
$('#file-input').onchange = e => { if (e.target.files.length) uploadFile(e.target.files[0]); e.target.value = ''; };
$('#reread-btn').onclick = reread;
$('#prepare-btn').onclick = prepare;
$('#train-btn').onclick = train;
$('#results-refresh').onclick = refreshResults;
$('#jobs-filter').onchange = () => { renderJobs(); drawLoss(); };
$('#clear-jobs').onclick = () => api('POST', '/api/jobs/clear-finished').then(r => {
  r.removed.forEach(id => state.jobs.delete(id)); renderJobs(); drawLoss(); fillRunSelect(); jobsChanged();
}).catch(err => showError('#models-error', err));
$('#run-select').onchange = refreshResults;
$('#results-job').onchange = e => drawForecast(e.target.value);
$('#inside-btn').onclick = inside;
$$('button.copy').forEach(b => { b.onclick = () => copyText(b); });
$('#mem-btn').onclick = memoryRun;
$('#export-job').onchange = exportJob;
$('#export-job').onfocus = exportJob;
window.addEventListener('resize', () => $$('.chart, .heatmap').forEach(d => { const c = echarts.getInstanceByDom(d); if (c) c.resize(); }));
document.querySelector('[data-panel=export]').addEventListener('click', () => setTimeout(exportJob, 0));
document.addEventListener('change', saveWorkspace);
document.addEventListener('input', saveWorkspace);
$('#save-workspace').onclick = () => saveWorkspaceFile().catch(err => showError('#data-error', err));
$('#workspace-input').onchange = e => { if (e.target.files.length) openWorkspaceFile(e.target.files[0]); e.target.value = ''; };
loadInfo().catch(err => showError('#data-error', err));
try { const saved = JSON.parse(localStorage.getItem(WS_KEY) || 'null'); if (saved && saved.format === WS_FORMAT) restoreWorkspace(saved); } catch (e) { /* a damaged entry is ignored */ }
loadJobs().catch(() => {});
listen();
