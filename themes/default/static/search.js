// bcfsite search: reads search-index.json (public pages only, built with the site)
// and lists the pages that contain every word searched for, best first. The result
// count is announced through the status region; results are a plain list of links.
(function () {
  "use strict";
  var script = document.currentScript;
  var indexUrl = script && script.getAttribute("data-index");
  var form = document.querySelector("form.search");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!indexUrl || !form || !input || !status || !list) return;
  var index = null;
  var KINDS = { scheme: "Scheme", metric: "Measure", plan: "Plan", funding: "Funding source", quarter: "Quarterly update", paper: "Board paper", feedback: "What people told us", appendix: "Appendix", section: "Section", page: "Page" };

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(indexUrl).then(function (r) { return r.json(); }).then(function (d) { index = d; return d; });
  }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function score(entry, terms) {
    var t = entry.t.toLowerCase(), s = entry.s.toLowerCase(), b = entry.b.toLowerCase();
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var w = terms[i];
      var hit = (t.indexOf(w) >= 0 ? 10 : 0) + (s.indexOf(w) >= 0 ? 3 : 0) + (b.indexOf(w) >= 0 ? 1 : 0);
      if (!hit) return 0;
      total += hit;
    }
    return total;
  }

  function show(query, results) {
    list.textContent = "";
    results.slice(0, 50).forEach(function (r) {
      var li = document.createElement("li");
      li.className = "search-results__item";
      var a = document.createElement("a");
      a.href = r.entry.u;
      a.textContent = r.entry.t;
      var h = document.createElement("h2");
      h.className = "search-results__title";
      h.appendChild(a);
      li.appendChild(h);
      var kind = document.createElement("p");
      kind.className = "meta";
      kind.textContent = KINDS[r.entry.k] || "Page";
      li.appendChild(kind);
      if (r.entry.s) {
        var p = document.createElement("p");
        p.textContent = r.entry.s;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var n = results.length;
    status.textContent = n === 0
      ? "No pages found for \u201c" + query + "\u201d. Try fewer or different words."
      : n + (n === 1 ? " page" : " pages") + " found for \u201c" + query + "\u201d" + (n > 50 ? ", showing the first 50." : ".");
  }

  function run(query) {
    var terms = words(query);
    if (terms.length === 0) { list.textContent = ""; status.textContent = "Type a word to search for."; return; }
    status.textContent = "Searching\u2026";
    load().then(function (entries) {
      var results = [];
      for (var i = 0; i < entries.length; i++) {
        var s = score(entries[i], terms);
        if (s > 0) results.push({ entry: entries[i], score: s });
      }
      results.sort(function (a, b) { return b.score - a.score || a.entry.t.localeCompare(b.entry.t); });
      show(query, results);
    }, function () {
      status.textContent = "Search is not available right now.";
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (window.history && history.replaceState) history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
