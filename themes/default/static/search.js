/* waymark search: loads search-index.js on first use (a script, so it works from file://),
   matches every word of the query against titles, tags, notes and note text, and lists the
   best topics as a combobox: arrow keys move, Enter opens, Escape closes, "/" focuses. */
(function () {
  "use strict";
  var box = document.querySelector(".search");
  if (!box) return;
  var root = box.getAttribute("data-root") || "";
  var input = box.querySelector("input");
  var list = box.querySelector("ul");
  var status = document.getElementById("search-status");
  var labels = { "done": "Done", "in-progress": "In progress", "not-started": "Not started", "skipped": "Skipped", "": "Group" };
  // `data` is prepared from `source`, the index as loaded; the live preview may load a newer one.
  var data = null, source = null, loading = false, hits = [], active = -1, MAX = 8;
  box.hidden = false;

  function load(then) {
    if (data && (source === window.waymarkSearch || !window.waymarkSearch)) return then();
    if (window.waymarkSearch) { source = window.waymarkSearch; data = prepare(source); return then(); }
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { source = window.waymarkSearch; data = prepare(source || []); then(); };
    s.onerror = function () { loading = false; say("The search index could not be loaded."); };
    document.head.appendChild(s);
  }

  function fold(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function prepare(items) {
    return items.map(function (e) {
      return { e: e, t: fold(e.t), g: fold((e.g || []).join(" ")), n: fold(e.n), x: fold((e.x || "") + " " + (e.w || "")) };
    });
  }

  function score(d, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], s = 0, at = d.t.indexOf(w);
      if (at === 0) s = 30; else if (at > 0) s = d.t.charAt(at - 1) === " " ? 20 : 12;
      else if (d.g.indexOf(w) >= 0) s = 8;
      else if (d.n.indexOf(w) >= 0) s = 6;
      else if (d.x.indexOf(w) >= 0) s = 2;
      if (!s) return 0;
      total += s;
    }
    return total;
  }

  function say(text) { if (status) status.textContent = text; }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function render() {
    var q = fold(input.value).trim();
    list.textContent = "";
    if (!q) { hits = []; close(); say(""); return; }
    var words = q.split(/\s+/);
    hits = data.map(function (d, i) { return { d: d, s: score(d, words), i: i }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s || a.i - b.i; })
      .slice(0, MAX);
    if (!hits.length) {
      var none = document.createElement("li");
      none.className = "search-empty";
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.id = "search-none";
      none.textContent = "No topic matches “" + input.value.trim() + "”";
      list.appendChild(none);
    }
    hits.forEach(function (h, i) {
      var e = h.d.e, li = document.createElement("li");
      li.id = "search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var t = document.createElement("span");
      t.className = "sr-title";
      t.textContent = e.t;
      var m = document.createElement("span");
      m.className = "sr-meta";
      m.textContent = [labels[e.s] || "", e.k || "", e.p || "", e.n || ""].filter(Boolean).join(" · ");
      li.appendChild(t);
      li.appendChild(m);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); go(i); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    say(hits.length ? hits.length + (hits.length === 1 ? " topic" : " topics") + " found" : "No topic found");
    move(hits.length ? 0 : -1);
  }

  function move(to) {
    var items = list.querySelectorAll("[role=option][id^=search-result]");
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = to;
    if (active >= 0 && items[active]) {
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function go(i) {
    var h = hits[i];
    if (h) window.location.href = root + h.d.e.u;
  }

  input.addEventListener("input", function () { load(render); });
  // The live preview loaded a newer index: the results shown are made again from it.
  window.addEventListener("waymark:search", function () { if (data) load(function () { if (!list.hidden) render(); }); });
  input.addEventListener("focus", function () { load(function () { if (input.value) render(); }); });
  input.addEventListener("blur", close);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      ev.preventDefault();
      if (list.hidden) { render(); return; }
      var n = hits.length, step = ev.key === "ArrowDown" ? 1 : -1;
      move(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      go(active < 0 ? 0 : active);
    } else if (ev.key === "Escape") {
      if (!list.hidden) { ev.preventDefault(); close(); } else if (input.value) { input.value = ""; }
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    ev.preventDefault();
    input.focus();
    input.select();
  });
})();
