// The CsmEvents report's script: draws the process trees, the event table and the validation table from the data
// blocks of the page, lazily (only what is opened or scrolled to exists in the document). It builds every element with
// DOM calls and textContent: no string ever becomes markup, and the page's Content-Security-Policy
// (require-trusted-types-for 'script') makes Chromium refuse any attempt. It loads nothing: the events' JSON is
// unpacked from the page itself (gzip, DecompressionStream) when an event is opened.
'use strict';
(function () {
  var model = JSON.parse(document.getElementById('csm-model').textContent);
  var S = model.strings;
  var E = model.events;
  var N = model.nodes;
  var eventCount = E.time.length;
  var nodeCount = N.parent.length;
  var SEVERITY = ['unknown', 'info', 'low', 'medium', 'high', 'critical'];
  var FLAGS = [[1, 'exec'], [2, 'thread'], [4, 'orphan'], [8, 'gap'], [16, 'kworker']];
  var ROWS_PER_PAGE = 200;
  var CHILDREN_PER_PAGE = 200;
  var MAX_OPENED = 500;

  function str(i) { return i >= 0 ? S[i] : ''; }
  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function pad(n, width) { var s = String(n); while (s.length < width) s = '0' + s; return s; }

  // Times are microseconds since 1970, UTC; shown as 2025-06-03 09:41:07.484120.
  function timeText(us) {
    if (us === null || us === undefined) return '';
    var iso = new Date(Math.floor(us / 1000)).toISOString();
    return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + '.' + pad(((us % 1000000) + 1000000) % 1000000, 6);
  }
  // Accepts 2025-06-03, 2025-06-03 09:41, 2025-06-03T09:41:07.5Z ...; UTC. NaN when unreadable, null when empty.
  function parseTime(text) {
    text = text.trim();
    if (!text) return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?Z?$/.exec(text);
    if (!m) return NaN;
    var ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
    if (isNaN(ms)) return NaN;
    var fraction = (m[7] || '').slice(0, 6);
    while (fraction.length < 6) fraction += '0';
    return ms * 1000 + (+fraction);
  }

  // ---------------------------------------------------------------- process trees
  var children = new Array(nodeCount);
  var hostRoots = model.hosts.map(function () { return []; });
  for (var i = 0; i < nodeCount; i++) {
    var parent = N.parent[i];
    if (parent >= 0) (children[parent] || (children[parent] = [])).push(i);
    else if (N.host[i] >= 0) hostRoots[N.host[i]].push(i); // every process has the host of the events that named it
  }
  // hitBelow[i]: the node or one of its descendants performed an event that fired a rule. Nodes come in tree
  // order (parents first), so one backward pass settles it.
  var hitBelow = new Uint8Array(nodeCount);
  for (var k = nodeCount - 1; k >= 0; k--) {
    if (N.rules[k] !== 0) hitBelow[k] = 1;
    if (hitBelow[k] && N.parent[k] >= 0) hitBelow[N.parent[k]] = 1;
  }

  var nodeItem = new Array(nodeCount);   // the <li> of each drawn node
  var childList = new Array(nodeCount);  // the <ul> of each node whose children are drawn
  var childShown = new Int32Array(nodeCount); // how many children are drawn
  var matches = new Set();
  var lineage = new Set();
  var selectedNode = -1;

  function nodeTitle(i) {
    if (N.flags[i] & 8) return '(ancestors left out)';
    return (str(N.name[i]) || '?') + ' (' + (N.pid[i] === null ? '?' : N.pid[i]) + ')';
  }

  var drawnNodes = 0;
  function drawNode(i) {
    drawnNodes++;
    var li = el('li', 'node');
    li.setAttribute('role', 'treeitem');
    li.dataset.node = String(i);
    var row = el('div', 'row');
    var kids = children[i];
    var toggle = el('button', 'toggle', kids ? '\u25b8' : '\u00b7');
    toggle.type = 'button';
    if (kids) {
      toggle.setAttribute('aria-label', 'Open or close ' + kids.length + ' child processes');
      toggle.addEventListener('click', function (e) { e.stopPropagation(); toggleNode(i); });
      li.setAttribute('aria-expanded', 'false');
    } else {
      toggle.disabled = true;
      toggle.setAttribute('aria-hidden', 'true');
    }
    row.appendChild(toggle);
    var flags = N.flags[i];
    if (flags & 8) {
      row.appendChild(el('span', 'name gap', '(ancestors left out)'));
    } else {
      row.appendChild(el('span', 'name', str(N.name[i]) || '?'));
      row.appendChild(el('span', 'pid', '(' + (N.pid[i] === null ? '?' : N.pid[i]) + ')'));
    }
    FLAGS.forEach(function (f) { if (flags & f[0]) row.appendChild(el('span', 'flag', f[1])); });
    var rules = N.rules[i];
    if (rules !== 0) {
      li.classList.add('hit');
      for (var r = 0; r < rules.length; r += 2) {
        var rule = model.rules[rules[r]];
        row.appendChild(el('span', 'badge sev-' + (rule ? rule.severity : 0), (rule ? str(rule.name) : '?') + (rules[r + 1] > 1 ? ' \u00d7' + rules[r + 1] : '')));
      }
    }
    if (N.events[i] > 0) row.appendChild(el('span', 'count', N.events[i] === 1 ? '1 event' : N.events[i] + ' events'));
    var detail = str(N.commandLine[i]) || str(N.path[i]);
    if (detail) row.appendChild(el('span', 'cmd', detail));
    row.title = [
      str(N.path[i]) && 'path: ' + str(N.path[i]),
      str(N.user[i]) && 'user: ' + str(N.user[i]),
      N.ppid[i] !== null && 'ppid: ' + N.ppid[i],
      str(N.start[i]) && 'started: ' + str(N.start[i]),
      str(N.exit[i]) && 'exited: ' + str(N.exit[i])
    ].filter(Boolean).join('\n');
    row.addEventListener('click', function () { selectNode(i); });
    li.appendChild(row);
    nodeItem[i] = li;
    markNode(i);
    return li;
  }

  function markNode(i) {
    var li = nodeItem[i];
    if (!li) return;
    li.classList.toggle('match', matches.has(i));
    li.classList.toggle('lineage', lineage.has(i) && !matches.has(i));
    li.classList.toggle('selected', i === selectedNode);
  }

  function drawMoreChildren(i, upTo) {
    var kids = children[i];
    var ul = childList[i];
    var more = ul.lastChild && ul.lastChild.classList.contains('more') ? ul.lastChild : null;
    if (more) ul.removeChild(more);
    var end = Math.min(kids.length, Math.max(upTo, childShown[i] + CHILDREN_PER_PAGE));
    for (var c = childShown[i]; c < end; c++) ul.appendChild(drawNode(kids[c]));
    childShown[i] = end;
    if (end < kids.length) {
      var li = el('li', 'more');
      var button = el('button', null, 'Show ' + Math.min(CHILDREN_PER_PAGE, kids.length - end) + ' more of ' + (kids.length - end) + ' remaining');
      button.type = 'button';
      button.addEventListener('click', function () { drawMoreChildren(i, 0); });
      li.appendChild(button);
      ul.appendChild(li);
    }
  }

  function openNode(i, upTo) {
    var kids = children[i];
    if (!kids || !nodeItem[i]) return;
    if (!childList[i]) {
      var ul = el('ul', 'children');
      ul.setAttribute('role', 'group');
      childList[i] = ul;
      nodeItem[i].appendChild(ul);
      drawMoreChildren(i, upTo || 0);
    } else if (upTo && upTo > childShown[i]) {
      drawMoreChildren(i, upTo);
    }
    childList[i].hidden = false;
    nodeItem[i].setAttribute('aria-expanded', 'true');
    nodeItem[i].firstChild.firstChild.textContent = '\u25be';
  }

  function closeNode(i) {
    if (!childList[i]) return;
    childList[i].hidden = true;
    nodeItem[i].setAttribute('aria-expanded', 'false');
    nodeItem[i].firstChild.firstChild.textContent = '\u25b8';
  }

  function toggleNode(i) {
    if (childList[i] && !childList[i].hidden) closeNode(i);
    else openNode(i);
  }

  function ancestorsOf(i) {
    var path = [];
    for (var n = N.parent[i]; n >= 0; n = N.parent[n]) path.push(n);
    return path.reverse();
  }

  // Opens every ancestor of the node so that it is drawn, and returns its <li>.
  function revealNode(i) {
    var path = ancestorsOf(i);
    path.push(i);
    if (!nodeItem[path[0]] && N.host[path[0]] >= 0) {
      var slot = N.host[path[0]];
      drawMoreRoots(slot, hostRoots[slot].indexOf(path[0]) + 1);
    }
    for (var p = 0; p + 1 < path.length; p++) {
      var kids = children[path[p]];
      openNode(path[p], kids.indexOf(path[p + 1]) + 1);
    }
    return nodeItem[i];
  }

  function showNodeInTree(i) {
    var li = revealNode(i);
    if (!li) return;
    selectNode(i);
    li.scrollIntoView({ block: 'center' });
    li.classList.remove('flash');
    void li.offsetWidth; // restart the animation
    li.classList.add('flash');
  }

  function selectNode(i) {
    var previous = selectedNode;
    selectedNode = i;
    if (previous >= 0) markNode(previous);
    markNode(i);
    var status = $('tree-search-status');
    status.textContent = '';
    var events = N.events[i];
    var text = el('span', null, 'Selected ' + nodeTitle(i) + '. ');
    status.appendChild(text);
    if (events > 0) {
      var list = el('button', 'link', 'List its ' + (events === 1 ? 'event' : events + ' events'));
      list.type = 'button';
      list.addEventListener('click', function () { filters.node = i; applyFilters(); $('events').scrollIntoView(); });
      status.appendChild(list);
    }
  }

  var rootList = [];   // the <ul> of each host's tree
  var rootShown = [];  // how many of each host's roots are drawn
  function drawMoreRoots(slot, upTo) {
    var roots = hostRoots[slot];
    var ul = rootList[slot];
    var more = ul.lastChild && ul.lastChild.classList.contains('more') ? ul.lastChild : null;
    if (more) ul.removeChild(more);
    var end = Math.min(roots.length, Math.max(upTo || 0, rootShown[slot] + CHILDREN_PER_PAGE));
    for (var r = rootShown[slot]; r < end; r++) ul.appendChild(drawNode(roots[r]));
    rootShown[slot] = end;
    if (end < roots.length) {
      var li = el('li', 'more');
      var button = el('button', null, 'Show ' + Math.min(CHILDREN_PER_PAGE, roots.length - end) + ' more of ' + (roots.length - end) + ' remaining roots');
      button.type = 'button';
      button.addEventListener('click', function () { drawMoreRoots(slot, 0); });
      li.appendChild(button);
      ul.appendChild(li);
    }
  }

  function drawTrees() {
    var root = $('tree-root');
    root.textContent = '';
    var total = 0;
    model.hosts.forEach(function (host, slot) {
      var roots = hostRoots[slot];
      rootShown[slot] = 0;
      if (roots.length === 0) return;
      var box = el('div', 'host-tree');
      var heading = el('h3', null, (str(host.name) || '(unknown)') + ' ');
      heading.appendChild(el('span', 'note', host.processes + ' processes, ' + host.events + ' events' + (host.input ? ' (input without Datadog host)' : '')));
      box.appendChild(heading);
      var ul = el('ul', 'tree');
      ul.setAttribute('role', 'tree');
      ul.setAttribute('aria-label', 'Processes of ' + (str(host.name) || 'an unknown host'));
      rootList[slot] = ul;
      box.appendChild(ul);
      root.appendChild(box);
      drawMoreRoots(slot, 0);
      total += roots.length;
    });
    if (total === 0) root.appendChild(el('p', 'hint', 'No event had a process: there is no tree to draw.'));
    openHits();
  }

  // Opens the lineages of rule hits (or everything, for a small forest), within a budget of drawn processes so that
  // a huge forest opens at once: the rest opens on demand.
  var OPEN_BUDGET = 3000;
  function openHits() {
    var small = nodeCount <= 300;
    var budget = drawnNodes + OPEN_BUDGET;
    for (var i = 0; i < nodeCount && drawnNodes < budget; i++) {
      if (!children[i] || !nodeItem[i]) continue;
      if (small || hitBelow[i]) openNode(i);
    }
  }

  function collapseAll() {
    for (var i = 0; i < nodeCount; i++) if (childList[i]) closeNode(i);
  }

  var haystacks = null;
  function searchTree() {
    var query = $('tree-search').value.trim().toLowerCase();
    var old = Array.from(matches).concat(Array.from(lineage));
    matches = new Set();
    lineage = new Set();
    old.forEach(markNode);
    var status = $('tree-search-status');
    if (!query) { status.textContent = ''; return; }
    if (!haystacks) {
      haystacks = new Array(nodeCount);
      for (var h = 0; h < nodeCount; h++) {
        haystacks[h] = [str(N.name[h]), N.pid[h] === null ? '' : String(N.pid[h]), str(N.commandLine[h]), str(N.path[h]), str(N.user[h])].join('\n').toLowerCase();
      }
    }
    var found = [];
    for (var i = 0; i < nodeCount; i++) {
      if (!(N.flags[i] & 8) && haystacks[i].indexOf(query) >= 0) { matches.add(i); found.push(i); }
    }
    found.forEach(function (m) { ancestorsOf(m).forEach(function (a) { lineage.add(a); }); });
    found.slice(0, MAX_OPENED).forEach(revealNode);
    matches.forEach(markNode);
    lineage.forEach(markNode);
    status.textContent = found.length === 0 ? 'No process matches.' :
      (found.length === 1 ? '1 process matches' : found.length + ' processes match') +
      (found.length > MAX_OPENED ? ' (the first ' + MAX_OPENED + ' are opened)' : '') + '; their lineages are marked.';
    if (found.length > 0 && nodeItem[found[0]]) nodeItem[found[0]].scrollIntoView({ block: 'nearest' });
  }

  // ---------------------------------------------------------------- event table
  var order = new Array(eventCount);
  for (var o = 0; o < eventCount; o++) order[o] = o;
  order.sort(function (a, b) {
    var ta = E.time[a], tb = E.time[b];
    if (ta === tb) return a - b;
    if (ta === null) return 1;
    if (tb === null) return -1;
    return ta - tb;
  });
  var filters = { rule: '', type: '', host: '', from: null, to: null, text: '', node: -1 };
  var shown = [];
  var drawnRows = 0;
  var selectedRow = null;

  function fillSelect(id, list) {
    var select = $(id);
    list.forEach(function (entry, slot) {
      var option = el('option', null, (entry.name >= 0 ? str(entry.name) : '(none)') + ' (' + entry.events + ')');
      option.value = String(slot);
      select.appendChild(option);
    });
  }

  function passes(i) {
    if (filters.rule !== '' && E.rule[i] !== +filters.rule) return false;
    if (filters.type !== '' && E.type[i] !== +filters.type) return false;
    if (filters.host !== '' && E.host[i] !== +filters.host) return false;
    if (filters.node >= 0 && E.node[i] !== filters.node) return false;
    var t = E.time[i];
    if (filters.from !== null && (t === null || t < filters.from)) return false;
    if (filters.to !== null && (t === null || t > filters.to)) return false;
    if (filters.text) {
      var text = (str(E.process[i]) + '\n' + str(E.target[i]) + '\n' + (E.pid[i] === null ? '' : E.pid[i])).toLowerCase();
      if (text.indexOf(filters.text) < 0) return false;
    }
    return true;
  }

  function readFilters() {
    filters.rule = $('filter-rule').value;
    filters.type = $('filter-type').value;
    filters.host = $('filter-host').value;
    filters.text = $('filter-text').value.trim().toLowerCase();
    var ok = true;
    ['from', 'to'].forEach(function (name) {
      var input = $('filter-' + name);
      var value = parseTime(input.value);
      input.classList.toggle('invalid', value !== null && isNaN(value));
      if (value !== null && isNaN(value)) { ok = false; value = null; }
      filters[name] = value;
    });
    return ok;
  }

  function applyFilters() {
    var timesOk = readFilters();
    shown = order.filter(passes);
    var tbody = $('event-table').tBodies[0];
    tbody.textContent = '';
    drawnRows = 0;
    drawRows(ROWS_PER_PAGE);
    var status = $('filter-status');
    status.textContent = (shown.length === eventCount ? eventCount + ' events' : shown.length + ' of ' + eventCount + ' events') +
      (timesOk ? '' : '; a time is not readable (use 2025-06-03 09:41:07)');
    if (filters.node >= 0) {
      var chip = el('button', 'chip', 'process ' + nodeTitle(filters.node) + ' \u00d7');
      chip.type = 'button';
      chip.title = 'Show the events of every process again';
      chip.addEventListener('click', function () { filters.node = -1; applyFilters(); });
      status.appendChild(chip);
    }
  }

  function drawRows(count) {
    var tbody = $('event-table').tBodies[0];
    var end = Math.min(shown.length, drawnRows + count);
    var fragment = document.createDocumentFragment();
    for (var r = drawnRows; r < end; r++) fragment.appendChild(drawRow(shown[r]));
    tbody.appendChild(fragment);
    drawnRows = end;
    $('table-more').textContent = drawnRows < shown.length ? 'Showing ' + drawnRows + ' of ' + shown.length + '; scroll for more.' : '';
  }

  function drawRow(i) {
    var tr = el('tr');
    tr.dataset.event = String(i);
    tr.tabIndex = 0;
    tr.appendChild(el('td', 'time', timeText(E.time[i])));
    tr.appendChild(el('td', null, str(model.hosts[E.host[i]].name)));
    var rule = model.rules[E.rule[i]];
    var ruleCell = el('td', 'rule');
    if (rule.name >= 0) ruleCell.appendChild(el('span', 'badge sev-' + rule.severity, str(rule.name)));
    tr.appendChild(ruleCell);
    tr.appendChild(el('td', null, str(model.types[E.type[i]].name)));
    tr.appendChild(el('td', null, E.process[i] >= 0 || E.pid[i] !== null ? (str(E.process[i]) || '?') + (E.pid[i] === null ? '' : ' (' + E.pid[i] + ')') : ''));
    tr.appendChild(el('td', 'target', str(E.target[i])));
    tr.appendChild(el('td', null, str(E.outcome[i])));
    if (E.valid) tr.appendChild(el('td', 'valid-' + E.valid[i], ['', 'valid', 'invalid', 'no schema'][E.valid[i]]));
    tr.addEventListener('click', function () { showEvent(i, tr); });
    tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') showEvent(i, tr); });
    return tr;
  }

  // ---------------------------------------------------------------- event detail and exact JSON
  var rawChunks = $('csm-raw').textContent.split('\n').filter(function (line) { return line.length > 0; });
  var chunkStart = [];
  model.chunks.reduce(function (start, order) { chunkStart.push(start); return start + order.length; }, 0);
  var unpacked = new Map();

  function unpackChunk(c) {
    if (!unpacked.has(c)) {
      unpacked.set(c, (function () {
        if (typeof DecompressionStream === 'undefined') return Promise.reject(new Error('this browser cannot unpack the events (no DecompressionStream); open the report in a current browser'));
        var binary = atob(rawChunks[c]);
        var bytes = new Uint8Array(binary.length);
        for (var b = 0; b < binary.length; b++) bytes[b] = binary.charCodeAt(b);
        var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
        var parts = [];
        function pump() {
          return reader.read().then(function (step) {
            if (step.done) return new TextDecoder('utf-8').decode(join(parts)).split('\u001e');
            parts.push(step.value);
            return pump();
          });
        }
        return pump();
      })());
    }
    return unpacked.get(c);
  }
  function join(parts) {
    var length = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var all = new Uint8Array(length);
    var at = 0;
    parts.forEach(function (p) { all.set(p, at); at += p.length; });
    return all;
  }
  function rawJson(i) {
    var c = chunkStart.length - 1;
    while (c > 0 && chunkStart[c] > i) c--;
    return unpackChunk(c).then(function (texts) { return texts[model.chunks[c][i - chunkStart[c]]]; });
  }

  // Re-indents JSON text without parsing it, so every value and escape stays exactly as read (JSON.parse would
  // round 64-bit ids). Characters that reorder or break displayed text are shown as their JSON escape, which is
  // the same JSON value.
  function indentJson(text) {
    var out = [];
    var depth = 0;
    var inString = false;
    var escaped = false;
    function newline() { out.push('\n'); for (var d = 0; d < depth; d++) out.push('  '); }
    for (var k = 0; k < text.length; k++) {
      var ch = text[k];
      if (inString) {
        out.push(ch);
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') { inString = true; out.push(ch); }
      else if (ch === '{' || ch === '[') {
        var j = k + 1;
        while (j < text.length && ' \t\r\n'.indexOf(text[j]) >= 0) j++;
        if (text[j] === '}' || text[j] === ']') { out.push(ch, text[j]); k = j; continue; }
        depth++;
        out.push(ch);
        newline();
      } else if (ch === '}' || ch === ']') { depth--; newline(); out.push(ch); }
      else if (ch === ',') { out.push(','); newline(); }
      else if (ch === ':') out.push(': ');
      else if (' \t\r\n'.indexOf(ch) < 0) out.push(ch);
    }
    return visible(out.join(''));
  }
  function visible(text) {
    return text.replace(/[\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]/g, function (c) {
      return '\\u' + pad(c.charCodeAt(0).toString(16), 4);
    });
  }

  function addField(dl, name, value) {
    if (value === '' || value === null || value === undefined) return;
    dl.appendChild(el('dt', null, name));
    dl.appendChild(el('dd', null, value));
  }

  function showEvent(i, tr) {
    if (selectedRow) selectedRow.classList.remove('selected');
    selectedRow = tr || null;
    if (selectedRow) selectedRow.classList.add('selected');
    var box = $('event-detail');
    box.textContent = '';
    box.dataset.event = String(i);
    var rule = model.rules[E.rule[i]];
    box.appendChild(el('h3', null, (rule.name >= 0 ? str(rule.name) : '(no rule)') + ' \u00b7 ' + str(model.types[E.type[i]].name)));
    var dl = el('dl');
    addField(dl, 'Time (UTC)', timeText(E.time[i]));
    addField(dl, 'Host', str(model.hosts[E.host[i]].name));
    addField(dl, 'Severity', SEVERITY[rule.severity]);
    addField(dl, 'Category', str(E.category[i]));
    addField(dl, 'Outcome', str(E.outcome[i]));
    addField(dl, 'Process', E.pid[i] === null ? str(E.process[i]) : (str(E.process[i]) || '?') + ' (' + E.pid[i] + ')');
    addField(dl, 'Target', str(E.target[i]));
    addField(dl, 'Read from', str(E.path[i]) + (E.line[i] > 0 ? ':' + E.line[i] : ''));
    if (E.valid) addField(dl, 'Validation', ['', 'valid', 'invalid', 'not validated (no schema fits)'][E.valid[i]]);
    box.appendChild(dl);
    var verdict = validationOf(i);
    if (verdict) box.appendChild(errorList(verdict));

    box.appendChild(el('h4', null, 'Place in the process tree'));
    var node = E.node[i];
    if (node < 0) {
      box.appendChild(el('p', 'hint', 'Not in the tree: the event has no process with a pid.'));
    } else {
      var path = ancestorsOf(node);
      path.push(node);
      var ol = el('ol', 'lineage');
      path.forEach(function (n) {
        var li = el('li');
        var button = el('button', n === node ? 'link acting' : 'link', nodeTitle(n));
        button.type = 'button';
        button.addEventListener('click', function () { showNodeInTree(n); });
        li.appendChild(button);
        ol.appendChild(li);
      });
      box.appendChild(ol);
      var show = el('button', null, 'Show in tree');
      show.type = 'button';
      show.id = 'show-in-tree';
      show.addEventListener('click', function () { showNodeInTree(node); });
      box.appendChild(show);
    }

    var heading = el('h4', null, 'JSON ');
    var asRead = el('button', 'link', 'as read');
    asRead.type = 'button';
    heading.appendChild(asRead);
    box.appendChild(heading);
    var pre = el('pre', 'json', 'Unpacking\u2026');
    pre.id = 'event-json';
    box.appendChild(pre);
    rawJson(i).then(function (text) {
      if (box.dataset.event !== String(i)) return;
      var indented = true;
      pre.textContent = indentJson(text);
      pre.dataset.state = 'indented';
      asRead.addEventListener('click', function () {
        indented = !indented;
        pre.textContent = indented ? indentJson(text) : visible(text);
        pre.dataset.state = indented ? 'indented' : 'as-read';
        asRead.textContent = indented ? 'as read' : 'indented';
      });
    }, function (error) {
      pre.textContent = 'Cannot show the JSON: ' + error.message;
    });
  }

  // ---------------------------------------------------------------- validation
  var verdictOf = new Map();
  if (model.validation) model.validation.listed.forEach(function (entry) { verdictOf.set(entry[0], entry); });
  function validationOf(i) { return verdictOf.get(i); }
  function errorList(entry) {
    var ul = el('ul', 'errors');
    entry[2].forEach(function (e) { ul.appendChild(el('li', null, str(e[0]) + ': ' + str(e[2]) + ' [' + str(e[1]) + ']')); });
    if (entry[3] > 0) ul.appendChild(el('li', 'note', entry[3] + ' more'));
    return ul;
  }
  function drawValidation() {
    var table = $('validation-table');
    if (!table || !model.validation) return;
    var tbody = table.tBodies[0];
    var listed = model.validation.listed;
    var drawn = 0;
    function more() {
      var end = Math.min(listed.length, drawn + ROWS_PER_PAGE);
      for (var v = drawn; v < end; v++) {
        var entry = listed[v];
        var i = entry[0];
        var tr = el('tr');
        var cell = el('td');
        var button = el('button', 'link', str(E.path[i]) + ':' + E.line[i]);
        button.type = 'button';
        button.addEventListener('click', (function (index) { return function () { showEventById(index); }; })(i));
        cell.appendChild(button);
        tr.appendChild(cell);
        tr.appendChild(el('td', null, entry[1] >= 0 ? str(entry[1]) : '(none fits)'));
        var errors = el('td');
        errors.appendChild(errorList(entry));
        tr.appendChild(errors);
        tbody.appendChild(tr);
      }
      drawn = end;
      if (drawn < listed.length) {
        var tr2 = el('tr', 'more');
        var td = el('td');
        td.colSpan = 3;
        var next = el('button', null, 'Show more (' + (listed.length - drawn) + ' remaining)');
        next.type = 'button';
        next.addEventListener('click', function () { tbody.removeChild(tr2); more(); });
        td.appendChild(next);
        tr2.appendChild(td);
        tbody.appendChild(tr2);
      }
    }
    more();
  }
  function showEventById(i) {
    var at = shown.indexOf(i);
    if (at < 0) { resetFilters(); at = shown.indexOf(i); }
    if (at >= drawnRows) drawRows(at - drawnRows + 1);
    var tr = $('event-table').tBodies[0].querySelector('tr[data-event="' + i + '"]');
    showEvent(i, tr);
    if (tr) tr.scrollIntoView({ block: 'center' });
  }

  // ---------------------------------------------------------------- timeline
  function showLanes(which) {
    Array.prototype.forEach.call(document.querySelectorAll('button.lanes'), function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.show === which));
    });
    var rules = $('timeline-rules');
    var hosts = $('timeline-hosts-box');
    if (rules) rules.classList.toggle('off', which !== 'timeline-rules');
    if (hosts) hosts.classList.toggle('off', which !== 'timeline-hosts');
  }
  // Where the pointer is in a timeline: its lane (a rule or host slot) and time slice, with the slice's bounds and
  // event count; null outside the plot. The slices are those the server drew (TimelineSvg).
  function timelineSpot(svg, e) {
    var point = svg.createSVGPoint();
    point.x = e.clientX;
    point.y = e.clientY;
    var matrix = svg.getScreenCTM();
    if (!matrix) return null;
    var at = point.matrixTransform(matrix.inverse());
    var g = svg.dataset;
    var slices = +g.slices, first = +g.first, last = +g.last, span = Math.max(1, last - first);
    var slice = Math.floor((at.x - g.left) * slices / g.width);
    var lane = Math.floor((at.y - g.top) / g.laneHeight);
    var lanes = g.kind === 'host' ? model.hosts : model.rules;
    if (slice < 0 || slice >= slices || lane < 0 || lane >= lanes.length) return null;
    var from = first + Math.floor(span * slice / slices);
    var to = slice === slices - 1 ? last : first + Math.floor(span * (slice + 1) / slices);
    var column = g.kind === 'host' ? E.host : E.rule;
    var count = 0;
    for (var i = 0; i < eventCount; i++) {
      var t = E.time[i];
      if (t !== null && column[i] === lane && Math.min(slices - 1, Math.floor((t - first) * slices / span)) === slice) count++;
    }
    return { kind: g.kind, lane: lane, from: from, to: to, count: count, label: str(lanes[lane].name) || '(none)' };
  }
  var lastSpot = '';
  function onTimelineHover(e) {
    var spot = timelineSpot(e.currentTarget, e);
    var key = spot ? spot.kind + spot.lane + ':' + spot.from : '';
    if (key === lastSpot) return;
    lastSpot = key;
    $('timeline-status').textContent = spot && spot.count > 0
      ? spot.label + ': ' + (spot.count === 1 ? '1 event' : spot.count + ' events') + ', ' + timeText(spot.from) + ' to ' + timeText(spot.to) + '. Click to list.'
      : 'Point at a bar for its count; click it to list its events.';
  }
  function onTimelineClick(e) {
    var spot = timelineSpot(e.currentTarget, e);
    if (!spot || spot.count === 0) return;
    resetFilters(true);
    $(spot.kind === 'host' ? 'filter-host' : 'filter-rule').value = String(spot.lane);
    $('filter-from').value = timeText(spot.from);
    $('filter-to').value = timeText(spot.to);
    applyFilters();
    $('events').scrollIntoView();
  }

  function resetFilters(quiet) {
    ['filter-rule', 'filter-type', 'filter-host', 'filter-from', 'filter-to', 'filter-text'].forEach(function (id) { $(id).value = ''; });
    filters.node = -1;
    if (!quiet) applyFilters();
  }

  // ---------------------------------------------------------------- wiring
  fillSelect('filter-rule', model.rules);
  fillSelect('filter-type', model.types);
  fillSelect('filter-host', model.hosts);
  ['filter-rule', 'filter-type', 'filter-host'].forEach(function (id) { $(id).addEventListener('change', applyFilters); });
  var timer = 0;
  function later(fn) { return function () { clearTimeout(timer); timer = setTimeout(fn, 200); }; }
  ['filter-from', 'filter-to', 'filter-text'].forEach(function (id) { $(id).addEventListener('input', later(applyFilters)); });
  $('filter-reset').addEventListener('click', function () { resetFilters(false); });
  $('tree-search').addEventListener('input', later(searchTree));
  $('tree-open-hits').addEventListener('click', openHits);
  $('tree-collapse').addEventListener('click', collapseAll);
  Array.prototype.forEach.call(document.querySelectorAll('button.lanes'), function (b) {
    b.addEventListener('click', function () { showLanes(b.dataset.show); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('svg.timeline'), function (svg) {
    svg.addEventListener('click', onTimelineClick);
    svg.addEventListener('mousemove', onTimelineHover);
  });
  if ('IntersectionObserver' in window) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; }) && drawnRows < shown.length) drawRows(ROWS_PER_PAGE);
    }, { rootMargin: '400px' }).observe($('table-more'));
  }
  // Printing shows what is drawn: draw the rest of the filtered rows first (up to a size a printer can take).
  window.addEventListener('beforeprint', function () { if (drawnRows < shown.length) drawRows(Math.min(shown.length, 5000) - drawnRows); });

  showLanes('timeline-rules');
  drawTrees();
  applyFilters();
  drawValidation();
  document.documentElement.dataset.ready = 'true';
  document.documentElement.dataset.readyMs = String(Math.round(performance.now())); // time to interactive, for bench/RESULTS.md
})();
