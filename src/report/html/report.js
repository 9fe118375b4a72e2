// teema HTML report: builds the page from the JSON in #teema-data. Vanilla, no network.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('teema-data').textContent);
  var header = data.header, docs = data.documents, summary = data.summary;
  var themes = header.lexicons;
  var KINDS = ['post', 'comment', 'quote', 'boilerplate'];
  var COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
  var SVGNS = 'http://www.w3.org/2000/svg'; // the SVG namespace name, not fetched
  // positions in a document's array (see src/report/html.rs)
  var PATH = 0, LANG = 1, PROFILE = 2, TOKENS = 3, HITS = 4, RATES = 5, NEG = 6, TEXT = 7, SEGS = 8, MARKS = 9;

  function colour(t) { return COLOURS[t % COLOURS.length]; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }
  function num(x) { return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function rate(x) { return x.toFixed(2); }

  var app = document.body;

  // --- header -------------------------------------------------------------------------
  var head = el('header');
  head.appendChild(el('h1', {}, 'teema report'));
  head.appendChild(el('p', { class: 'meta' }, header.tool.name + ' ' + header.tool.version +
    ' \u00b7 schema ' + header.schema + ' \u00b7 page data ' + data.format +
    ' \u00b7 morphology ' + header.morphology));
  app.appendChild(head);

  // --- summary ------------------------------------------------------------------------
  var sum = el('section', { id: 'summary' });
  sum.appendChild(el('h2', {}, 'Summary'));
  sum.appendChild(el('p', { id: 'totals' }, num(summary.discovered) + ' inputs found: ' +
    num(summary.documents) + ' documents analysed, ' + num(summary.skipped) + ' skipped, ' +
    num(summary.ignored.total) + ' ignored by rule; ' + num(summary.tokens) + ' tokens, ' +
    num(summary.bytes) + ' bytes'));

  // One row of bars per label; each row has one bar per series. rows: [{label, values[]}]
  function barChart(title, rows, series) {
    var labelW = 210, barW = 420, valueW = 60, barH = series.length > 1 ? 9 : 18;
    var rowH = barH * series.length + 8, top = 24;
    var max = 0;
    rows.forEach(function (r) { r.values.forEach(function (v) { if (v > max) max = v; }); });
    var height = top + rows.length * rowH + (series.length > 1 ? 22 : 4);
    var s = svgEl('svg', {
      class: 'chart', width: labelW + barW + valueW, height: height,
      viewBox: '0 0 ' + (labelW + barW + valueW) + ' ' + height, role: 'img'
    });
    s.appendChild(svgEl('title', {}, title));
    s.appendChild(svgEl('text', { x: 0, y: 14, class: 'ctitle' }, title));
    rows.forEach(function (r, i) {
      var y = top + i * rowH;
      s.appendChild(svgEl('text', { x: labelW - 8, y: y + rowH / 2 + 3, 'text-anchor': 'end' },
        r.label.length > 30 ? r.label.slice(0, 29) + '\u2026' : r.label));
      r.values.forEach(function (v, j) {
        var w = max > 0 ? Math.max(v > 0 ? 1 : 0, v / max * barW) : 0;
        var by = y + 4 + j * barH;
        var bar = svgEl('rect', { x: labelW, y: by, width: w.toFixed(1), height: barH - 1, fill: series[j].colour });
        bar.appendChild(svgEl('title', {}, r.label + ' \u00b7 ' + series[j].label + ': ' + rate(v) + ' per 1,000 tokens'));
        s.appendChild(bar);
        if (series.length === 1 || v > 0) {
          s.appendChild(svgEl('text', { x: labelW + w + 4, y: by + barH - 2, class: 'val' }, rate(v)));
        }
      });
    });
    if (series.length > 1) {
      var x = labelW, ly = height - 8;
      series.forEach(function (se) {
        s.appendChild(svgEl('rect', { x: x, y: ly - 8, width: 10, height: 10, fill: se.colour }));
        s.appendChild(svgEl('text', { x: x + 13, y: ly, class: 'val' }, se.id));
        x += 16 + se.id.length * 6.5;
      });
    }
    return s;
  }
  var themeSeries = themes.map(function (t, i) { return { id: t.id, label: t.label, colour: colour(i) }; });
  var fig = el('figure', { id: 'theme-chart' });
  fig.appendChild(barChart('Hits per 1,000 tokens, all documents', themes.map(function (t) {
    return { label: t.id, values: [summary.themes[t.id].per_1000] };
  }), [{ id: 'rate', label: 'all documents', colour: '#4a6fa5' }]));
  sum.appendChild(fig);
  var MAX_GROUPS = 30;
  Object.keys(summary.groups || {}).forEach(function (field) {
    var groups = summary.groups[field];
    var names = Object.keys(groups);
    names.sort(function (a, b) { return groups[b].documents - groups[a].documents || (a < b ? -1 : a > b ? 1 : 0); });
    var shown = names.slice(0, MAX_GROUPS);
    shown.sort();
    var g = el('figure', { class: 'group-chart', 'data-field': field });
    g.appendChild(barChart('Hits per 1,000 tokens by ' + field, shown.map(function (name) {
      return {
        label: name + ' (' + groups[name].documents + ')',
        values: themes.map(function (t) { return groups[name].themes[t.id].per_1000; })
      };
    }), themeSeries));
    if (names.length > shown.length) {
      g.appendChild(el('figcaption', {}, 'The ' + MAX_GROUPS + ' largest of ' + num(names.length) +
        ' groups; all are in the json report.'));
    }
    sum.appendChild(g);
  });
  var lex = el('details');
  lex.appendChild(el('summary', {}, 'Lexicons'));
  var lt = el('table', { class: 'lexicons' });
  lt.innerHTML = '<thead><tr><th>id</th><th>label</th><th>version</th><th>entries</th><th>SHA-256</th></tr></thead>';
  var ltb = el('tbody');
  themes.forEach(function (t, i) {
    var tr = el('tr');
    var id = el('td'); id.appendChild(el('span', { class: 'swatch', style: 'background:' + colour(i) })); id.appendChild(document.createTextNode(t.id));
    tr.appendChild(id);
    tr.appendChild(el('td', {}, t.label));
    tr.appendChild(el('td', {}, t.version));
    tr.appendChild(el('td', {}, Object.keys(t.entries).map(function (l) { return l + ' ' + t.entries[l]; }).join(', ')));
    tr.appendChild(el('td', { class: 'hash' }, t.sha256));
    ltb.appendChild(tr);
  });
  lt.appendChild(ltb);
  lex.appendChild(lt);
  sum.appendChild(lex);
  if (data.skipped.length) {
    var sk = el('details', { id: 'skipped' });
    sk.appendChild(el('summary', {}, num(data.skipped.length) + ' skipped inputs'));
    var ul = el('ul');
    data.skipped.forEach(function (s) { ul.appendChild(el('li', {}, s.path + ': ' + s.reason)); });
    sk.appendChild(ul);
    sum.appendChild(sk);
  }
  app.appendChild(sum);

  // --- documents table ----------------------------------------------------------------
  var sec = el('section', { id: 'documents' });
  sec.appendChild(el('h2', {}, 'Documents'));
  var controls = el('div', { class: 'controls' });
  var filter = el('input', { id: 'filter', type: 'search', placeholder: 'Filter: path, language, profile', 'aria-label': 'Filter documents' });
  var themeFilter = el('select', { id: 'theme-filter', 'aria-label': 'Only documents with hits of a theme' });
  themeFilter.appendChild(el('option', { value: '' }, 'any theme'));
  themes.forEach(function (t, i) { themeFilter.appendChild(el('option', { value: String(i) }, 'with hits: ' + t.id)); });
  var count = el('span', { id: 'count' });
  controls.appendChild(filter);
  controls.appendChild(themeFilter);
  controls.appendChild(count);
  sec.appendChild(controls);
  var legend = el('p', { class: 'legend' });
  legend.innerHTML = 'Click a row to show its text. Segments: <span class="seg post">post</span> ' +
    '<span class="seg comment">comment</span> <span class="seg quote">quote</span> ' +
    '<span class="seg boilerplate">boilerplate</span>; matches: <mark class="hit">hit</mark> ' +
    '<mark class="hit neg">negated</mark> <mark class="hit topic">topic</mark>';
  sec.appendChild(legend);

  var table = el('table', { id: 'docs' });
  var cols = ['path', 'lang', 'profile', 'tokens'];
  var h1 = '<tr>' + cols.map(function (c, i) {
    return '<th rowspan="2" data-key="' + c + '"' + (i === 3 ? ' class="n"' : '') + '>' + c + '</th>';
  }).join('') + themes.map(function (t, i) {
    return '<th colspan="2" class="theme" title="' + esc(t.label) + '"><span class="swatch" style="background:' +
      colour(i) + '"></span>' + esc(t.id) + '</th>';
  }).join('') + '</tr>';
  var h2 = '<tr>' + themes.map(function (t, i) {
    return '<th class="n" data-key="h' + i + '" title="' + esc(t.id) + ': hits">hits</th>' +
      '<th class="n" data-key="r' + i + '" title="' + esc(t.id) + ': hits per 1,000 tokens">\u2030</th>';
  }).join('') + '</tr>';
  table.innerHTML = '<thead>' + h1 + h2 + '</thead>';
  var ncols = cols.length + themes.length * 2;
  var tbody = el('tbody');
  table.appendChild(tbody);
  sec.appendChild(table);
  var pager = el('div', { class: 'pager' });
  var prev = el('button', { id: 'prev', type: 'button' }, '\u2190 previous');
  var pageInfo = el('span', { id: 'page' });
  var next = el('button', { id: 'next', type: 'button' }, 'next \u2192');
  pager.appendChild(prev);
  pager.appendChild(pageInfo);
  pager.appendChild(next);
  sec.appendChild(pager);
  app.appendChild(sec);

  // The table shows one page of the sorted, filtered documents at a time: building and
  // laying out rows is what costs, not sorting or filtering the data.
  var PAGE = 200;
  function rowHtml(i) {
    var d = docs[i];
    var r = '<tr data-i="' + i + '" tabindex="0" aria-expanded="false"><td class="path">' + esc(d[PATH]) +
      '</td><td>' + esc(d[LANG]) + '</td><td>' + esc(d[PROFILE]) + '</td><td class="n">' + d[TOKENS] + '</td>';
    for (var t = 0; t < themes.length; t++) {
      var z = d[HITS][t] ? '' : ' z';
      r += '<td class="n' + z + '">' + d[HITS][t] + (d[NEG][t] ? '<sup title="negated">\u00ac' + d[NEG][t] + '</sup>' : '') +
        '</td><td class="n' + z + '">' + rate(d[RATES][t]) + '</td>';
    }
    return r + '</tr>';
  }
  var order = docs.map(function (_, i) { return i; }); // sorted
  var shown = order;                                   // sorted and filtered
  var page = 0;
  function render() {
    closeOpen();
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (page >= pages) page = pages - 1;
    var from = page * PAGE, to = Math.min(shown.length, from + PAGE), html = [];
    for (var k = from; k < to; k++) html.push(rowHtml(shown[k]));
    tbody.innerHTML = html.join('');
    count.textContent = num(shown.length) + ' of ' + num(docs.length) + ' documents';
    pager.hidden = pages === 1;
    pageInfo.textContent = 'rows ' + num(shown.length ? from + 1 : 0) + '\u2013' + num(to) + ' of ' + num(shown.length) +
      ' (page ' + (page + 1) + ' of ' + pages + ')';
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  prev.addEventListener('click', function () { page--; render(); });
  next.addEventListener('click', function () { page++; render(); });

  // --- sorting ------------------------------------------------------------------------
  var sortKey = null, sortDir = 1;
  function keyOf(key) {
    if (key === 'path') return function (d) { return d[PATH]; };
    if (key === 'lang') return function (d) { return d[LANG]; };
    if (key === 'profile') return function (d) { return d[PROFILE]; };
    if (key === 'tokens') return function (d) { return d[TOKENS]; };
    var t = +key.slice(1);
    return key[0] === 'h' ? function (d) { return d[HITS][t]; } : function (d) { return d[RATES][t]; };
  }
  function sortBy(key) {
    if (sortKey === key) sortDir = -sortDir;
    else { sortKey = key; sortDir = /^(path|lang|profile)$/.test(key) ? 1 : -1; }
    var k = keyOf(key), dir = sortDir;
    var keys = docs.map(k);
    order = docs.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      return (x < y ? -dir : x > y ? dir : 0) || a - b; // stable: input order breaks ties
    });
    table.querySelectorAll('th[data-key]').forEach(function (th) {
      if (th.getAttribute('data-key') === key) th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
    page = 0;
    applyFilter();
  }
  table.tHead.addEventListener('click', function (e) {
    var th = e.target.closest('th[data-key]');
    if (th) sortBy(th.getAttribute('data-key'));
  });

  // --- filtering ----------------------------------------------------------------------
  function applyFilter() {
    var q = filter.value.trim().toLowerCase(), t = themeFilter.value === '' ? -1 : +themeFilter.value;
    shown = order.filter(function (i) {
      var d = docs[i];
      return (t < 0 || d[HITS][t] > 0) && (q === '' || d[PATH].toLowerCase().indexOf(q) >= 0 ||
        d[LANG] === q || d[PROFILE].toLowerCase().indexOf(q) >= 0);
    });
    render();
  }
  function refilter() { page = 0; applyFilter(); }
  filter.addEventListener('input', refilter);
  themeFilter.addEventListener('change', refilter);

  // --- a document's text --------------------------------------------------------------
  var open = null; // {row, detail}

  function closeOpen() {
    if (!open) return;
    open.row.setAttribute('aria-expanded', 'false');
    open.row.classList.remove('open');
    open.detail.remove();
    open = null;
  }
  function renderText(d) {
    var text = d[TEXT], segs = d[SEGS], marks = d[MARKS];
    var pieces = [], cuts = [0, text.length], i;
    for (i = 0; i + 3 < segs.length; i += 4) {
      pieces.push({ k: segs[i], n: segs[i + 1], s: segs[i + 2], e: segs[i + 3] });
      cuts.push(segs[i + 2], segs[i + 3]);
    }
    marks.forEach(function (m) { cuts.push(m[1], m[2]); });
    cuts.sort(function (a, b) { return a - b; });
    var box = el('div', { class: 'text' }), cur = null, into = box;
    for (i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      if (a >= b) continue;
      var seg = null; // the innermost segment over [a, b)
      pieces.forEach(function (p) { if (p.s <= a && p.e >= b && (!seg || p.e - p.s < seg.e - seg.s)) seg = p; });
      if (seg !== cur) {
        cur = seg;
        if (seg) {
          into = el('span', { class: 'seg ' + KINDS[seg.k], 'data-kind': KINDS[seg.k] });
          if (a === seg.s) into.appendChild(el('span', { class: 'badge' }, KINDS[seg.k] + ' ' + seg.n));
          box.appendChild(into);
        } else into = box;
      }
      var cover = marks.filter(function (m) { return m[1] <= a && m[2] >= b; });
      if (!cover.length) { into.appendChild(document.createTextNode(text.slice(a, b))); continue; }
      var neg = cover.some(function (m) { return m[3] & 1; });
      var topic = cover.every(function (m) { return m[3] & 2; });
      var main = cover.filter(function (m) { return !(m[3] & 2); })[0] || cover[0];
      var mk = el('mark', {
        class: 'hit' + (neg ? ' neg' : '') + (topic ? ' topic' : ''),
        'data-themes': cover.map(function (m) { return themes[m[0]] ? themes[m[0]].id : '?'; }).join(' '),
        title: cover.map(function (m) {
          return (themes[m[0]] ? themes[m[0]].id : '?') + ': ' + m[4] + (m[3] & 1 ? ' (negated)' : '') + (m[3] & 2 ? ' (topic)' : '');
        }).join('\n'),
        style: '--c:' + colour(main[0])
      }, text.slice(a, b));
      into.appendChild(mk);
    }
    return box;
  }
  function toggle(row) {
    var was = open && open.row === row;
    closeOpen();
    if (was) return;
    var d = docs[+row.getAttribute('data-i')];
    var detail = el('tr', { class: 'detail' });
    var td = el('td', { colspan: ncols });
    var info = d[MARKS].length + ' matches, ' + d[MARKS].filter(function (m) { return m[3] & 1; }).length +
      ' negated \u00b7 ' + d[LANG] + ' \u00b7 ' + d[PROFILE] + ' \u00b7 ' + num(d[TOKENS]) + ' tokens';
    td.appendChild(el('p', { class: 'docinfo' }, d[PATH] + ' \u2014 ' + info));
    td.appendChild(d[TEXT] === '' && d[TOKENS] > 0 ? el('p', {}, 'The text was not kept.') : renderText(d));
    detail.appendChild(td);
    row.after(detail);
    row.setAttribute('aria-expanded', 'true');
    row.classList.add('open');
    open = { row: row, detail: detail };
  }
  tbody.addEventListener('click', function (e) {
    var row = e.target.closest('tr[data-i]');
    if (row) toggle(row);
  });
  tbody.addEventListener('keydown', function (e) {
    var row = e.target.closest('tr[data-i]');
    if (row && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); toggle(row); }
  });
  applyFilter();
  document.documentElement.setAttribute('data-ready', 'true');
})();
