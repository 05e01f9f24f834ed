// Gated studio, Text tab: the user's labelled texts → RNN/LSTM/GRU beside two baselines → a sentence looked into.
// Runs after studio.js and uses its helpers ($, api, el, fmt, chart, summarize, showError, checkInputs, heatmap, state).
'use strict';

const textTab = { dataset: null, selection: null, run: null, finished: new Set() };
// A reload keeps the Text tab's file and columns (the jobs are on the server anyway).
const TEXT_KEY = 'gated-studio-text';
function textRemember() {
  try {
    localStorage.setItem(TEXT_KEY, JSON.stringify(textTab.dataset ? { id: textTab.dataset.id, name: textTab.dataset.name,
      header: $('#text-header').checked, text: $('#text-column').value, label: $('#label-column').value } : null));
  } catch (e) { /* private mode: nothing kept */ }
}
async function textRestore() {
  let saved = null;
  try { saved = JSON.parse(localStorage.getItem(TEXT_KEY) || 'null'); } catch (e) { saved = null; }
  if (!saved || !saved.id) return;
  try {
    const d = await api('GET', '/api/text/datasets/' + saved.id + '?header=' + saved.header);
    if (d.name === saved.name) { await textShow(d, saved); return; }
  } catch (e) { /* gone with a restarted studio */ }
  $('#text-info').textContent = saved.name + ', the text file of your last session, is no longer in the studio (was it restarted?): upload it again.';
}

// ---------- Data ----------
// Everything that described the previous file goes when another is chosen or an upload fails.
function textClear() {
  textTab.dataset = null; textTab.selection = null;
  $('#text-info').textContent = '';
  $('#text-classes').textContent = '';
  $('#text-choices').hidden = true;
  $('#text-column').innerHTML = ''; $('#label-column').innerHTML = '';
  $('#text-preview').innerHTML = ''; $('#text-preview-box').hidden = true;
  showError('#text-run-error', null);
  textRemember();
}
async function textUpload(file) {
  showError('#text-error', null);
  textClear();
  try {
    textShow(await api('POST', '/api/text/datasets?' + new URLSearchParams({ name: file.name }), undefined, file), null);
  } catch (err) { showError('#text-error', err); }
}
function columnText(c) {
  if (c.numeric) return c.name + ' — numbers, ' + c.distinct + ' value' + (c.distinct === 1 ? '' : 's');
  return c.name + ' — ' + c.distinct + ' value' + (c.distinct === 1 ? '' : 's') + ', ' + fmt(c.meanWords, 1) + ' words each';
}
// keep: the column numbers chosen before a re-read, when they still exist
function textShow(d, keep) {
  textTab.dataset = d;
  $('#text-info').textContent = d.name + ': ' + d.rows + ' rows, ' + d.columns.length + ' columns, ' + d.format + ', '
    + (d.header ? 'the first line names the columns' : 'no header line (the columns are numbered)') + '.';
  $('#text-header').checked = d.header;
  ['#text-column', '#label-column'].forEach(id => {
    const s = $(id); s.innerHTML = '';
    s.append(el('option', { value: '' }, 'choose…'));
    d.columns.forEach(c => s.append(el('option', { value: c.number }, c.number + ': ' + columnText(c))));
  });
  const exists = n => n && d.columns.some(c => c.number === +n);
  $('#text-column').value = keep && exists(keep.text) ? keep.text : (d.text || '');
  $('#label-column').value = keep && exists(keep.label) ? keep.label : (d.label || '');
  $('#text-choices').hidden = false;
  const t = $('#text-preview'); t.innerHTML = '';
  t.append(el('tr', {}, ...d.columns.map(c => el('th', {}, c.name))));
  d.preview.forEach(r => t.append(el('tr', {}, ...d.columns.map((c, i) => el('td', { class: 'text-cell' }, r[i] === undefined ? '' : r[i])))));
  if (d.rows > d.preview.length) t.append(el('tr', {}, el('td', { colspan: d.columns.length }, '… ' + (d.rows - d.preview.length) + ' more rows')));
  $('#text-preview-box').hidden = false;
  return textCheckColumns();
}
async function textReread() {
  if (!textTab.dataset) return;
  showError('#text-error', null);
  const keep = { text: $('#text-column').value, label: $('#label-column').value };
  try {
    await textShow(await api('GET', '/api/text/datasets/' + textTab.dataset.id + '?header=' + $('#text-header').checked), keep);
  } catch (err) { textClear(); showError('#text-error', err); }
}
// The chosen columns read as training will read them: the classes and their counts, or what is wrong with the choice.
async function textCheckColumns() {
  textTab.selection = null;
  textRemember();
  $('#text-classes').textContent = '';
  showError('#text-error', null);
  const tc = $('#text-column').value, lc = $('#label-column').value;
  if (!tc || !lc) { $('#text-classes').textContent = 'Choose the text column and the label column.'; return; }
  try {
    const q = new URLSearchParams({ header: $('#text-header').checked, text: tc, label: lc });
    const s = await api('GET', '/api/text/datasets/' + textTab.dataset.id + '/columns?' + q);
    textTab.selection = s;
    const classes = Object.entries(s.classes);
    $('#text-classes').textContent = s.rows + ' texts in ' + classes.length + ' classes: '
      + classes.map(([k, n]) => '"' + k + '" ' + n).join(', ') + '.'
      + (s.emptyTexts ? ' ' + s.emptyTexts + ' row(s) have an empty text (read as one unknown word).' : '');
  } catch (err) { showError('#text-error', err); }
}

// ---------- Compare ----------
async function textCompare() {
  showError('#text-run-error', null);
  try {
    if (!textTab.dataset) throw new Error('Upload a file of labelled texts first (1 · Data).');
    if (!textTab.selection) throw new Error('Choose a text column and a label column that make a classification task (1 · Data).');
    checkInputs('#text-models');
    const models = $$('.text-kind').filter(c => c.checked).map(c => c.value);
    if (!models.length) throw new Error('Tick at least one of RNN, LSTM, GRU.');
    const run = await api('POST', '/api/text/runs', {
      dataset: textTab.dataset.id, header: $('#text-header').checked, text: +$('#text-column').value, label: +$('#label-column').value,
      models, units: +$('#text-units').value, embedding: +$('#text-embedding').value, epochs: +$('#text-epochs').value,
      batch: +$('#text-batch').value, lr: +$('#text-lr').value, maxLength: +$('#text-maxlen').value,
      testFraction: +$('#text-test').value, seed: +$('#text-seed').value, bidirectional: $('#text-bidirectional').checked });
    run.jobs.forEach(j => { j.history = []; state.jobs.set(j.id, j); });
    textTab.run = run.id;
    $('#text-status').textContent = 'Started ' + run.jobs.map(j => j.label).join(', ') + ' on ' + textTab.dataset.name + '.';
    textJobsChanged();
    textResults();
  } catch (err) { showError('#text-run-error', err); }
}
function textJobs() {
  const all = [...state.jobs.values()].filter(j => j.runType === 'text');
  if (!textTab.run && all.length) textTab.run = all.reduce((a, j) => +String(j.run).slice(1) > +String(a).slice(1) ? j.run : a, all[0].run);
  return all.filter(j => j.run === textTab.run);
}
function textJobsChanged() {
  if (textTab.run && ![...state.jobs.values()].some(j => j.run === textTab.run)) {
    // its run was cleared (Clear finished runs): nothing of it stays on screen
    textTab.run = null;
    $('#text-results').innerHTML = ''; $('#text-caption').textContent = '';
    $('#text-command').textContent = ''; $('#text-export-note').textContent = '';
  }
  const jobs = textJobs();
  const body = $('#text-jobs tbody'); body.innerHTML = '';
  jobs.forEach(j => {
    const last = j.history && j.history.length ? j.history[j.history.length - 1] : {};
    const cancel = el('button', { class: 'cancel-btn', 'data-job': j.id }, 'Cancel');
    cancel.disabled = FINISHED.includes(j.state);
    cancel.onclick = () => api('POST', '/api/jobs/' + j.id + '/cancel').catch(e => showError('#text-run-error', e));
    body.append(el('tr', { id: 'text-job-' + j.id },
      el('td', {}, j.id), el('td', {}, j.label), el('td', { class: 'state-' + j.state, id: 'text-job-' + j.id + '-state' }, stateText(j)),
      el('td', {}, (j.history ? j.history.length : 0) + ' / ' + j.spec.epochs),
      el('td', {}, el('span', { class: 'bar' }, el('span', { style: 'width:' + Math.round(100 * (j.progress || 0)) + '%' }))),
      el('td', {}, j.state === 'running' ? eta(j.eta) : ''), el('td', {}, fmt(last.loss)), el('td', {}, cancel)));
  });
  textLoss(jobs);
  // a job that has just finished changes the results, the models to inspect and to export
  textFillSelects();
  const ended = jobs.filter(j => FINISHED.includes(j.state) && !textTab.finished.has(j.id));
  if (ended.length) {
    ended.forEach(j => { textTab.finished.add(j.id); $('#text-status').textContent = j.label + ' (' + j.id + ') ' + stateText(j) + '.'; });
    textResults();
    textExport();
  }
}
function textLoss(jobs) {
  chart('#text-loss-chart').setOption({
    title: { text: 'training loss (cross-entropy) per epoch', left: 10, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 24 },
    grid: { left: 60, right: 20, top: 60, bottom: 35 },
    xAxis: { type: 'value', name: 'epoch', minInterval: 1, min: 1 }, yAxis: { type: 'value', name: 'loss', scale: true },
    series: jobs.map(j => ({ name: j.id + ' ' + j.label, type: 'line', color: COLORS[j.kind], showSymbol: (j.history || []).length < 2,
      data: (j.history || []).map(p => [p.epoch, p.loss]) }))
  }, true);
  summarize('#text-loss-chart', jobs.length ? jobs.map(j => {
    const h = j.history || [];
    return j.label + ' (' + j.id + '): ' + (h.length ? h.length + ' epoch(s), loss ' + fmt(h[0].loss) + ' → ' + fmt(h[h.length - 1].loss) : 'no epoch yet');
  }).join('; ') + '.' : 'No text run yet.');
}
function textModels() { return textJobs().filter(j => j.state === 'done' || j.has_model); }
function textFillSelects() {
  ['#text-inspect-job', '#text-export-job'].forEach(id => {
    const s = $(id); const prev = s.value;
    s.innerHTML = '';
    textModels().forEach(j => s.append(el('option', { value: j.id }, jobLabel(j))));
    if (prev && textModels().some(j => j.id === prev)) s.value = prev;
  });
}

// ---------- Results ----------
function confusionTable(m, classes) {
  if (!m) return '';
  const t = el('table', { class: 'confusion', 'aria-label': 'confusion matrix: rows are the true class, columns the predicted class' });
  t.append(el('tr', {}, el('th', {}, 'true \\ predicted'), ...classes.map(c => el('th', {}, c))));
  m.forEach((row, i) => t.append(el('tr', {}, el('th', {}, classes[i]), ...row.map(v => el('td', {}, v)))));
  return t;
}
async function textResults() {
  if (!textTab.run) return;
  try {
    const r = await api('GET', '/api/text/runs/' + textTab.run);
    const t = $('#text-results'); t.innerHTML = '';
    t.append(el('tr', {}, ...['Model', 'Accuracy', 'Macro-F1', 'ROC AUC', 'Confusion (rows: true class)', 'Params', 'Train s', 'Epochs', '']
      .map(h => el('th', {}, h))));
    r.rows.forEach(row => {
      const pending = row.type === 'model' && row.accuracy === null;
      t.append(el('tr', { class: (row.best ? 'best ' : '') + row.type, 'data-row': row.type === 'model' ? row.kind : row.label.split(' ')[0] },
        el('td', {}, row.label + (row.type === 'model' && row.state !== 'done' ? ' — ' + (row.note || row.state) : '')),
        el('td', { class: 'accuracy' }, pending ? '' : fmt(row.accuracy, 3)), el('td', {}, pending ? '' : fmt(row.macroF1, 3)),
        el('td', {}, r.classes.length === 2 ? fmt(row.rocAuc, 3) : 'two classes only'),
        el('td', {}, confusionTable(row.confusion, r.classes)),
        el('td', {}, row.params === undefined ? '' : row.params), el('td', {}, fmt(row.trainSeconds, 2)),
        el('td', {}, row.epochs === undefined ? '' : row.epochs), el('td', {}, row.best ? '★ best' : '')));
    });
    $('#text-caption').textContent = r.caption + ' ' + r.notes.join(' · ') + '.';
  } catch (err) { showError('#text-run-error', err); }
}

// ---------- Inspect ----------
const transpose = m => m.length ? m[0].map((_, u) => m.map(row => row[u])) : [];
async function textInspect() {
  showError('#text-inspect-error', null);
  const id = $('#text-inspect-job').value;
  try {
    if (!id) throw new Error('No trained text model yet: compare first (2 · Compare), then pick one here.');
    const v = await api('GET', '/api/text/jobs/' + id + '/inspect?' + new URLSearchParams({ text: $('#text-sentence').value }));
    $('#text-probabilities').textContent = 'Predicted class "' + v.predicted + '" — '
      + Object.entries(v.probabilities).map(([k, p]) => 'p(' + k + ') = ' + fmt(p, 3)).join(', ') + '.';
    $('#text-inspect-summary').textContent = v.summary;
    const t = $('#text-words'); t.innerHTML = '';
    t.append(el('tr', {}, el('th', {}, 'Word'), el('th', {}, 'In vocabulary'), ...v.gateNames.map(g => el('th', {}, 'mean ' + g)), el('th', {}, '‖h‖')));
    v.words.forEach((w, i) => t.append(el('tr', { class: 'word' }, el('td', {}, w), el('td', {}, v.known[i] ? 'yes' : 'no (unknown)'),
      ...v.gateNames.map(g => el('td', {}, fmt(v.gateMeans[g][i], 3))), el('td', {}, fmt(v.hiddenNorm[i], 3)))));
    const box = $('#text-heatmaps');
    $$('#text-heatmaps .heatmap').forEach(d => { const c = echarts.getInstanceByDom(d); if (c) c.dispose(); });
    box.innerHTML = '';
    const maps = v.gateNames.map(g => [g, GATE_INFO[g] || g, v.gates[g], g === 'g' || g === 'n' || g === 'h'])
      .concat([['hidden', 'hidden state h', v.hidden, true]]).concat(v.cellStates ? [['cell', 'cell state c', v.cellStates, true]] : []);
    maps.forEach(([key, title, m, tanh]) => {
      const d = el('div', { class: 'heatmap', id: 'text-heatmap-' + key, 'data-gate': key, role: 'img',
        'aria-label': title + ' for each word (' + v.unitsShown + ' of ' + v.units + ' units); the words above say it in numbers' });
      box.append(d);
      heatmap(d, title + ' · ' + v.label, transpose(m), v.words, 'word', tanh && key !== 'cell');
    });
  } catch (err) { showError('#text-inspect-error', err); }
}

// ---------- Export ----------
async function textExport() {
  const id = $('#text-export-job').value;
  if (!id) return;
  $('#text-download-model').href = '/api/jobs/' + id + '/model.gated';
  try {
    const x = await api('GET', '/api/text/jobs/' + id + '/export');
    $('#text-command').textContent = x.command;
    $('#text-export-note').textContent = x.note;
    $('#text-download-data').href = '/api/text/datasets/' + x.textDataset + '/file';
    $('#text-download-data').setAttribute('download', x.dataFile);
  } catch (err) { $('#text-command').textContent = ''; $('#text-export-note').textContent = err.message; }
}

// ---------- wiring ----------
$('#text-file').onchange = e => { if (e.target.files.length) textUpload(e.target.files[0]); e.target.value = ''; };
$('#text-header').onchange = textReread;
$('#text-column').onchange = textCheckColumns;
$('#label-column').onchange = textCheckColumns;
$('#text-compare').onclick = textCompare;
$('#text-inspect').onclick = textInspect;
$('#text-sentence').addEventListener('keydown', e => { if (e.key === 'Enter') textInspect(); });
$('#text-export-job').onchange = textExport;
$('#text-inspect-job').onchange = () => { showError('#text-inspect-error', null); };
document.querySelector('[data-panel=text]').addEventListener('click', () => setTimeout(() => {
  textJobsChanged(); textResults(); if (!$('#text-command').textContent) textExport();
  $$('#panel-text .chart, #panel-text .heatmap').forEach(d => { const c = echarts.getInstanceByDom(d); if (c) c.resize(); });
}, 0));
jobListeners.push(textJobsChanged);
textRestore();
