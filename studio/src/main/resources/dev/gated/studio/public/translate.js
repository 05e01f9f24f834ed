// Gated studio, Translate tab: a translation model (loaded .gated file, or trained here on sentence pairs) → a sentence's
// greedy and beam translations and its attention heatmap (rows: output tokens, columns: source tokens).
// Runs after studio.js and uses its helpers ($, $$, api, el, fmt, chart, summarize, showError, checkInputs).
'use strict';

const trTab = { models: [], timer: null };

// ---------- Models ----------
function trModelText(m) {
  if (m.state === 'training') return m.id + ' ' + m.name + ' — training ' + Math.round(100 * m.progress) + ' %';
  if (m.state === 'failed') return m.id + ' ' + m.name + ' — failed';
  return m.id + ' ' + m.name + ' (' + m.model + (m.attention ? '' : ', no attention') + ')';
}
function trShowModels(models, select) {
  trTab.models = models;
  const s = $('#tr-model'); const prev = select || s.value;
  s.innerHTML = '';
  models.forEach(m => s.append(el('option', { value: m.id }, trModelText(m))));
  if (prev && models.some(m => m.id === prev)) s.value = prev;
  trDescribe();
  trLoss();
  const training = models.some(m => m.state === 'training');
  if (training && !trTab.timer) trTab.timer = setInterval(trRefresh, 1000);
  if (!training && trTab.timer) { clearInterval(trTab.timer); trTab.timer = null; }
}
async function trRefresh(select) {
  try { trShowModels(await api('GET', '/api/translate/models'), select); } catch (err) { showError('#tr-model-error', err); }
}
function trCurrent() { return trTab.models.find(m => m.id === $('#tr-model').value); }
function trDescribe() {
  const m = trCurrent();
  const link = $('#tr-download');
  link.hidden = !m || m.state !== 'ready';
  if (m) link.href = '/api/translate/models/' + m.id + '/model.gated';
  if (!m) { $('#tr-model-info').textContent = 'No model yet: load a .gated translation model, or train a small one.'; return; }
  let t = m.origin + '. ';
  if (m.state === 'training') t += 'Training: epoch ' + m.losses.length + ' of ' + m.epochs + (m.losses.length ? ', loss ' + fmt(m.losses[m.losses.length - 1]) : '') + '.';
  else if (m.state === 'failed') t += 'Training failed: ' + m.error;
  else t += m.model + ', ' + m.parameters.toLocaleString('en') + ' parameters, ' + (m.tokens === 'bpe' ? 'byte-pair' : 'character')
    + ' tokens (' + m.sourceVocabulary + ' source, ' + m.targetVocabulary + ' target); '
    + (m.attention ? 'attention weights can be drawn.' : 'no attention, so no heatmap (translations only).');
  $('#tr-model-info').textContent = t;
}
function trLoss() {
  const trained = trTab.models.filter(m => m.epochs > 0);
  if (!trained.length) return;
  chart('#tr-loss-chart').setOption({
    title: { text: 'training loss (cross-entropy per token) per epoch', left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 24 }, grid: { left: 60, right: 20, top: 60, bottom: 35 },
    xAxis: { type: 'value', name: 'epoch', minInterval: 1, min: 1 }, yAxis: { type: 'value', name: 'loss', scale: true },
    series: trained.map(m => ({ name: m.id + ' ' + m.name, type: 'line', showSymbol: m.losses.length < 2, data: m.losses.map((l, i) => [i + 1, l]) }))
  }, true);
  summarize('#tr-loss-chart', trained.map(m => m.id + ' ' + m.name + ': ' + (m.losses.length ? m.losses.length + ' of ' + m.epochs
    + ' epochs, loss ' + fmt(m.losses[0]) + ' → ' + fmt(m.losses[m.losses.length - 1]) : 'no epoch yet')).join('; ') + '.');
}
async function trLoad(file) {
  showError('#tr-model-error', null);
  try {
    const m = await api('POST', '/api/translate/models?' + new URLSearchParams({ name: file.name }), undefined, file);
    await trRefresh(m.id);
  } catch (err) { showError('#tr-model-error', err); }
}
async function trTrain(file) {
  showError('#tr-model-error', null);
  try {
    checkInputs('#tr-train-settings');
    const q = new URLSearchParams({ name: file.name, model: $('#tr-kind').value, embedding: $('#tr-embedding').value,
      units: $('#tr-units').value, epochs: $('#tr-epochs').value, batch: $('#tr-batch').value, lr: $('#tr-lr').value,
      sentences: $('#tr-sentences').value, maxSourceChars: $('#tr-max-source').value, maxTargetChars: $('#tr-max-target').value });
    const m = await api('POST', '/api/translate/trainings?' + q, undefined, file);
    await trRefresh(m.id);
  } catch (err) { showError('#tr-model-error', err); }
}

// ---------- Translate ----------
function trClear() {
  $('#tr-output').hidden = true; $('#tr-note').textContent = '';
  const d = $('#tr-attention');
  const c = echarts.getInstanceByDom(d); if (c) c.dispose();
  d.hidden = true; d.removeAttribute('data-drawn');
  const s = document.getElementById('tr-attention-summary'); if (s) s.textContent = '';
}
async function trTranslate() {
  showError('#tr-error', null);
  trClear();
  try {
    const m = trCurrent();
    if (!m) throw new Error('Load a translation model first (1 · Model).');
    if (!$('#tr-sentence').value.trim()) throw new Error('Type an English sentence to translate (the box is empty).');
    checkInputs('#tr-sentence-row');
    const v = await api('GET', '/api/translate/models/' + m.id + '/translate?'
      + new URLSearchParams({ text: $('#tr-sentence').value, beam: $('#tr-beam').value }));
    $('#tr-greedy').textContent = v.greedy;
    $('#tr-beam-out').textContent = v.beam === null ? '(width 1 is greedy)' : v.beam + '  (width ' + v.beamWidth + ')';
    $('#tr-output').hidden = false;
    $('#tr-note').textContent = v.note;
    if (v.attention) trHeatmap(v.attention, v.model);
  } catch (err) { showError('#tr-error', err); }
}
// rows = output tokens (the first at the top), columns = source tokens; a cell's value on hover
function trHeatmap(a, model) {
  const d = $('#tr-attention');
  d.hidden = false;
  d.style.height = Math.max(260, 90 + 24 * a.outputTokens.length) + 'px';
  const data = [];
  a.weights.forEach((row, t) => row.forEach((w, s) => data.push([s, t, w])));
  const max = Math.max(...data.map(x => x[2]), 1e-9);
  let c = echarts.getInstanceByDom(d);
  if (!c) c = echarts.init(d, null, { renderer: 'svg' });   // SVG: every cell is an element the page (and its tests) can find
  c.setOption({
    animation: false,
    title: { text: 'attention · ' + model + ' — which source token each output token read', left: 10, textStyle: { fontSize: 13 } },
    // the tooltip is HTML: tokens such as <end> or a user's "<b>" are shown as text
    tooltip: { formatter: p => 'output ' + (p.value[1] + 1) + ' "' + echarts.format.encodeHTML(a.outputTokens[p.value[1]]) + '" read source '
      + (p.value[0] + 1) + ' "' + echarts.format.encodeHTML(a.sourceTokens[p.value[0]]) + '": ' + fmt(p.value[2], 3) },
    grid: { left: 80, right: 80, top: 40, bottom: 60 },
    xAxis: { type: 'category', name: 'source', data: a.sourceTokens, axisLabel: { interval: 0 }, splitArea: { show: false } },
    yAxis: { type: 'category', name: 'output', data: a.outputTokens, inverse: true, axisLabel: { interval: 0 } },
    visualMap: { min: 0, max, calculable: true, orient: 'vertical', right: 5, top: 'center', itemHeight: 140,
      precision: 2, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
    series: [{ type: 'heatmap', data, progressive: 0, itemStyle: { borderColor: '#fff', borderWidth: 0.5 } }]
  }, true);
  d.dataset.rows = a.outputTokens.length;
  d.dataset.columns = a.sourceTokens.length;
  d.dataset.drawn = 'true';
  const most = a.weights.map((row, t) => a.outputTokens[t] + '←' + a.sourceTokens[row.indexOf(Math.max(...row))]);
  summarize('#tr-attention', a.outputTokens.length + ' output tokens (rows, END last) over ' + a.sourceTokens.length
    + ' source tokens (columns). The source token each output token read most: ' + most.join(', ') + '.');
}

// ---------- wiring ----------
$('#tr-model-file').onchange = e => { if (e.target.files.length) trLoad(e.target.files[0]); e.target.value = ''; };
$('#tr-pairs-file').onchange = e => { if (e.target.files.length) trTrain(e.target.files[0]); e.target.value = ''; };
$('#tr-model').onchange = () => { showError('#tr-error', null); trClear(); trDescribe(); };
$('#tr-translate').onclick = trTranslate;
$('#tr-sentence').addEventListener('keydown', e => { if (e.key === 'Enter') trTranslate(); });
document.querySelector('[data-panel=translate]').addEventListener('click', () => setTimeout(() => {
  trRefresh();
  $$('#panel-translate .chart, #panel-translate .heatmap').forEach(d => { const c = echarts.getInstanceByDom(d); if (c) c.resize(); });
}, 0));
trRefresh();
