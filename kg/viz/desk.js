// The kg desk: the page's data is JSON in #kg-data; everything shown from it is set as text
// (textContent, DOM nodes), never parsed as HTML, since news text is hostile input.
(function () {
  "use strict";
  performance.mark("kg-start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  var claims = data.claims;
  var keys = data.keys;
  var PAGE = 100;
  var DAY = 864e5;
  var ISO = /^\d{4}-\d{2}-\d{2}/;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  // The name resolver's folding, character by character (the table is made by kg.link.resolve.char_folds).
  function fold(text) {
    var out = "";
    for (var ch of String(text)) {
      var f = data.fold[ch];
      out += f === undefined ? ch.toLowerCase() : f;
    }
    return out.replace(/\s+/g, " ").trim();
  }
  function tooltip(rows) {
    var box = el("div", "kg-tip");
    rows.forEach(function (row) {
      var line = el("div");
      line.appendChild(el("b", null, row[0] + ": "));
      line.appendChild(el("span", null, row[1]));
      box.appendChild(line);
    });
    return box;
  }

  var labels = {};
  var byNode = {};
  var cardOf = {};
  data.nodes.forEach(function (n) { labels[n.id] = n.label; byNode[n.id] = n; });
  claims.forEach(function (c, i) { c.i = i; cardOf[c.n] = c; });
  var foldedText = null;  // folded claim text, made at the first search
  function claimText(c) {
    if (foldedText === null) {
      foldedText = claims.map(function (d) { return fold(d.text + " " + d.sent + " " + d.cue); });
    }
    return foldedText[c.i];
  }

  // ---- filters' choices: an option's value is its index (the values are news text: never put in markup)
  var choices = {
    speaker: data.facets.speakers.map(function (r) { return [r[0], r[1] + " (" + r[2] + ")"]; }),
    entity: data.facets.entities.map(function (r) { return [r[0], r[1] + " (" + r[2] + ")"]; }),
    type: data.facets.types.map(function (t) { return [t, t]; }),
    pol: data.facets.polarities.map(function (t) { return [t, t]; }),
    quote: data.facets.quotes.map(function (t) { return [t, t]; })
  };
  var ids = {speaker: "kg-f-speaker", entity: "kg-f-entity", type: "kg-f-type", pol: "kg-f-polarity",
    quote: "kg-f-quote", from: "kg-f-from", to: "kg-f-to"};
  Object.keys(choices).forEach(function (name) {
    var select = $(ids[name]);
    choices[name].forEach(function (row, i) {
      var option = el("option", null, row[1]);
      option.value = String(i);
      select.appendChild(option);
    });
  });
  if (data.facets.dates.length) {
    ["kg-f-from", "kg-f-to"].forEach(function (id) {
      $(id).min = data.facets.dates[0];
      $(id).max = data.facets.dates[1];
    });
  }

  var state = {q: "", speaker: "", entity: "", type: "", pol: "", quote: "", from: "", to: "", node: ""};

  // ---- the graph
  var container = $("kg-graph");
  var network = null;
  var nodeSet = null;
  var hidden = {};
  if (typeof vis === "undefined") {
    container.textContent = "vis-network failed to load.";
  } else {
    // Tooltips are made when a node is first hovered: thousands of DOM trees made up front cost seconds.
    var nodes = data.nodes.map(function (node) {
      var copy = Object.assign({}, node);
      delete copy.tip;
      delete copy.kind;
      return copy;
    });
    var edges = data.edges.map(function (edge) {
      var copy = Object.assign({}, edge);
      delete copy.label;  // the colour and dashes say it (legend)
      return copy;
    });
    nodeSet = new vis.DataSet(nodes);
    var edgeSet = new vis.DataSet(edges);
    performance.mark("kg-datasets");
    network = new vis.Network(container, {nodes: nodeSet, edges: edgeSet}, data.options);
    performance.mark("kg-network");
    network.once("afterDrawing", function () {
      document.documentElement.setAttribute("data-first-draw-ms", String(Math.round(performance.now())));
    });
    var settled = function () { document.documentElement.setAttribute("data-settled", "1"); };
    if (data.options.physics.enabled) {  // settle once, then stand still: a moving graph cannot be read
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({physics: {enabled: false}});
        settled();
      });
    } else {
      settled();
    }
    var tipped = {};
    network.on("hoverNode", function (params) {
      var id = params.node;
      if (tipped[id] || !byNode[id]) { return; }
      tipped[id] = true;
      var rows = byNode[id].tip || [];
      var c = cardOf[id];
      if (c) { rows = [["claim", c.text]].concat(c.sent ? [["sentence", c.sent]] : [], rows); }
      nodeSet.update({id: id, title: tooltip(rows)});
    });
    network.on("click", function (params) {
      state.node = params.nodes.length ? params.nodes[0] : "";
      apply();
    });
    container.setAttribute("data-nodes-drawn", String(Object.keys(network.getPositions()).length));
    container.setAttribute("data-edges-drawn", String(network.body.data.edges.length));
    window.kgNetwork = network;
    window.kgState = state;  // for tests and the console
  }

  // ---- matching
  function matchingNodes(q) {
    var hits = {};
    var wanted = " " + q;
    Object.keys(keys).forEach(function (node) {
      if (keys[node].some(function (k) { return (" " + k).indexOf(wanted) >= 0; })) { hits[node] = true; }
    });
    return hits;
  }
  function linked(c, node) {
    return c.n === node || c.s === node || c.rn === node || "d:" + c.doc === node ||
      c.ab.some(function (a) { return a[0] === node; });
  }
  function keep(c, hits, q, dates) {
    if (state.speaker && c.s !== state.speaker) { return false; }
    if (state.entity && !c.ab.some(function (a) { return a[0] === state.entity; })) { return false; }
    if (state.type && c.st !== state.type) { return false; }
    if (state.pol && c.pol !== state.pol) { return false; }
    if (state.quote && c.quote !== state.quote) { return false; }
    if (dates && (state.from || state.to)) {
      if (!ISO.test(c.date)) { return false; }
      var day = c.date.slice(0, 10);
      if ((state.from && day < state.from) || (state.to && day > state.to)) { return false; }
    }
    if (state.node && !linked(c, state.node)) { return false; }
    if (q) {
      return Boolean(hits[c.s] || hits[c.rn] || c.ab.some(function (a) { return hits[a[0]]; })) ||
        claimText(c).indexOf(q) >= 0;
    }
    return true;
  }

  // ---- cards
  var limit = PAGE;
  var picked = null;
  var applied = 0;
  function card(c) {
    var box = el("article", "kg-card" + (c.pol === "denies" ? " kg-denies" : ""));
    box.setAttribute("data-index", String(c.i));
    var who = el("div", "kg-who");
    who.appendChild(el("b", null, c.sl));
    who.appendChild(document.createTextNode(" "));
    who.appendChild(el("span", "kg-cue", c.cue));
    if (c.pol) { who.appendChild(el("span", "kg-tag" + (c.pol === "denies" ? " kg-denies" : ""), c.pol)); }
    if (c.quote) { who.appendChild(el("span", "kg-tag", c.quote)); }
    if (c.st) { who.appendChild(el("span", "kg-tag", c.st)); }
    box.appendChild(who);
    box.appendChild(el("div", "kg-claim", "\u201c" + c.text + "\u201d"));
    if (c.sent && c.sent !== c.text) {
      var sentence = el("div", "kg-sentence");
      var at = c.text ? c.sent.indexOf(c.text) : -1;
      if (at >= 0) {
        sentence.appendChild(document.createTextNode(c.sent.slice(0, at)));
        sentence.appendChild(el("mark", null, c.text));
        sentence.appendChild(document.createTextNode(c.sent.slice(at + c.text.length)));
      } else {
        sentence.textContent = c.sent;
      }
      box.appendChild(sentence);
    }
    var meta = el("div", "kg-meta", (c.date || "undated") + " \u00b7 ");
    if (c.url && /^https?:\/\//i.test(c.url)) {
      var link = el("a", null, c.doc);
      link.href = c.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      meta.appendChild(link);
    } else {
      meta.appendChild(el("span", null, c.doc));
    }
    if (c.pub) { meta.appendChild(document.createTextNode(" \u00b7 " + c.pub)); }
    box.appendChild(meta);
    if (c.rep) { box.appendChild(el("div", "kg-chain", "reported by " + c.rep + " \u2192 " + c.sl)); }
    if (c.ab.length) {
      box.appendChild(el("div", "kg-about", "about: " + c.ab.map(function (a) { return a[1]; }).join(", ")));
    }
    box.addEventListener("click", function () {
      if (picked) { picked.classList.remove("kg-picked"); }
      picked = box;
      box.classList.add("kg-picked");
      if (network && nodeSet.get(c.n)) {
        network.selectNodes([c.n]);
        network.focus(c.n, {scale: Math.max(network.getScale(), 1.2)});
      }
    });
    return box;
  }
  function renderCards(list) {
    var box = $("kg-cards");
    box.textContent = "";
    var frag = document.createDocumentFragment();
    list.slice(0, limit).forEach(function (c) { frag.appendChild(card(c)); });
    if (list.length > limit) {
      var more = el("button", "kg-more", "show " + Math.min(PAGE, list.length - limit) + " more");
      more.type = "button";
      more.id = "kg-more";
      more.addEventListener("click", function () { limit += PAGE; renderCards(list); });
      frag.appendChild(more);
    }
    box.appendChild(frag);
    box.setAttribute("data-claims", String(list.length));
    var count = list.length + " of " + claims.length + " claims";
    if (state.node) { count += " linked to \u201c" + (labels[state.node] || state.node) + "\u201d"; }
    $("kg-count").textContent = count;
  }

  // ---- timeline: claims per day (per month over three months), to scale; a bar sets the date range
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function renderTimeline(list) {
    var box = $("kg-timeline");
    box.textContent = "";
    var days = {};
    list.forEach(function (c) {
      if (ISO.test(c.date)) { var d = c.date.slice(0, 10); days[d] = (days[d] || 0) + 1; }
    });
    var sorted = Object.keys(days).sort();
    var first = Date.parse(sorted[0] + "T00:00:00Z");
    var last = Date.parse(sorted[sorted.length - 1] + "T00:00:00Z");
    if (!sorted.length || isNaN(first) || isNaN(last)) {
      box.appendChild(el("span", "kg-axis kg-start", "no dated claims"));
      return;
    }
    var monthly = (last - first) / DAY > 92;
    var buckets = [];
    var t = first;
    while (t <= last && buckets.length < 2000) {
      var start = new Date(t);
      var end = monthly ? Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0) : t;
      buckets.push({from: iso(t), to: iso(end), n: 0});
      t = monthly ? Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) : t + DAY;
    }
    var top = 1;
    buckets.forEach(function (b) {
      Object.keys(days).forEach(function (d) { if (d >= b.from && d <= b.to) { b.n += days[d]; } });
      top = Math.max(top, b.n);
    });
    buckets.forEach(function (b) {
      var bar = el("div", "kg-bar" + (state.from === b.from && state.to === b.to ? " kg-on" : ""));
      bar.style.height = (b.n ? Math.max(4, Math.round(100 * b.n / top)) : 0) + "%";
      bar.title = (monthly ? b.from.slice(0, 7) : b.from) + ": " + b.n + " claim" + (b.n === 1 ? "" : "s");
      bar.addEventListener("click", function () {
        var on = state.from === b.from && state.to === b.to;
        $("kg-f-from").value = on ? "" : b.from;
        $("kg-f-to").value = on ? "" : b.to;
        read();
      });
      box.appendChild(bar);
    });
    box.appendChild(el("span", "kg-axis kg-start", monthly ? buckets[0].from.slice(0, 7) : buckets[0].from));
    box.appendChild(el("span", "kg-axis kg-end",
      monthly ? buckets[buckets.length - 1].from.slice(0, 7) : buckets[buckets.length - 1].from));
  }

  // ---- one pass: cards, timeline, and the graph's visible nodes and highlight
  function apply() {
    var q = fold(state.q);
    var hits = q ? matchingNodes(q) : {};
    var list = [];
    var undated = [];
    claims.forEach(function (c) {
      if (keep(c, hits, q, false)) {
        undated.push(c);
        if (keep(c, hits, q, true)) { list.push(c); }
      }
    });
    limit = PAGE;
    renderCards(list);
    applied += 1;
    $("kg-cards").setAttribute("data-applied", String(applied));  // for tests: this many passes done
    renderTimeline(undated);
    if (!network) { return; }
    var filtered = Boolean(q || state.speaker || state.entity || state.type || state.pol || state.quote ||
      state.from || state.to);
    var visible = null;
    if (filtered) {
      visible = {};
      list.forEach(function (c) {
        visible[c.n] = visible[c.s] = visible["d:" + c.doc] = true;
        if (c.rn) { visible[c.rn] = true; }
        c.ab.forEach(function (a) { visible[a[0]] = true; });
      });
    }
    var changes = [];
    data.nodes.forEach(function (n) {
      var hide = visible !== null && !visible[n.id];
      if (Boolean(hidden[n.id]) !== hide) { changes.push({id: n.id, hidden: hide}); hidden[n.id] = hide; }
    });
    if (changes.length) { nodeSet.update(changes); }
    var selected = [];
    if (state.node && !hidden[state.node]) {
      selected = [state.node].concat(network.getConnectedNodes(state.node));
    } else if (q) {
      selected = Object.keys(hits).filter(function (n) { return !hidden[n] && labels[n] !== undefined; });
    }
    network.selectNodes(selected.filter(function (n) { return labels[n] !== undefined; }));
  }

  function read() {
    state.q = $("kg-search").value;
    Object.keys(ids).forEach(function (name) {
      var value = $(ids[name]).value;
      state[name] = choices[name] ? (value === "" ? "" : choices[name][Number(value)][0]) : value;
    });
    apply();
  }
  var typing = null;
  $("kg-search").addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(read, 150);
  });
  Object.keys(ids).forEach(function (name) { $(ids[name]).addEventListener("change", read); });
  $("kg-controls").addEventListener("submit", function (event) { event.preventDefault(); read(); });
  $("kg-clear").addEventListener("click", function () {
    $("kg-controls").reset();
    state.node = "";
    read();
  });
  apply();
  performance.mark("kg-ready");
  document.documentElement.setAttribute("data-ready-ms", String(Math.round(performance.now())));
})();
