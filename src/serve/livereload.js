// waymark serve: when a rebuild changed this page, puts the new version in place (only the
// parts that changed, so scroll, focus and open details stay), or reloads it when its head,
// styles or scripts changed; shows build errors over it, and reloads once after the server
// restarts. Without this script the site works the same, only without the live preview.
(function () {
  "use strict";
  // The path the site is served under; the server writes it in.
  var BASE = "__WAYMARK_BASE__";
  // How many warnings the box lists (the server's `WARNINGS_SHOWN`); the rest are counted.
  var SHOWN = 50;
  // What the server and this script add to a page for the preview.
  var ADDED = "[data-waymark-live], #waymark-error, #waymark-warnings";
  var KEY = "waymark-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = Number(saved);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  // What the server sent, before any script changed it: this script runs at the end of the
  // body, before the deferred scripts. The next version is compared with it, not with the page.
  var served = { head: bare(document.head.cloneNode(true)), body: bare(document.body.cloneNode(true)) };
  // This page's file in the site, as the server names changed files.
  function here() {
    var p = location.pathname;
    try { p = decodeURIComponent(p); } catch (e) { /* keep it encoded */ }
    p = p.indexOf(BASE) === 0 ? p.slice(BASE.length) : p.replace(/^\/+/, "");
    return p === "" || p.charAt(p.length - 1) === "/" ? p + "index.html" : p;
  }
  // Files pages use: a change to one reloads them all. Not the search index: it is data that
  // changes with every status, read when searching, and would reload every open page.
  function shared(p) {
    return /\.(css|js|mjs|woff2?|ttf|png|jpe?g|gif|webp|ico)$/i.test(p) && !/(^|\/)search-index\.js$/.test(p);
  }
  function reload() {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }
  // A served page's part without what the preview adds.
  function bare(node) {
    var added = node.querySelectorAll(ADDED);
    for (var i = 0; i < added.length; i++) added[i].remove();
    return node;
  }
  // The live children of `node`, without what the preview added.
  function own(node) {
    return Array.prototype.filter.call(node.childNodes, function (c) {
      return !(c.nodeType === 1 && c.matches(ADDED));
    });
  }
  // The body's parts: its own children but the blank text between them (the parser adds what
  // follows `</body>` only once it gets there).
  function parts(body) {
    return own(body).filter(function (c) { return !(c.nodeType === 3 && !c.data.trim()); });
  }
  function sameAttributes(a, b) {
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      if (b.getAttribute(a.attributes[i].name) !== a.attributes[i].value) return false;
    }
    return true;
  }
  // Makes `live` (served as `was`) show `next`: parts equal in both are left alone, with what
  // scripts and the visitor did to them; a changed element with the same tag, attributes and
  // number of children is patched child by child; anything else is replaced. False if `next`
  // brings a script, which only a reload runs.
  function patch(live, was, next) {
    if (was.isEqualNode(next)) return true;
    if (next.nodeType === 1 && (next.tagName === "SCRIPT" || next.querySelector("script"))) return false;
    var kids = live.nodeType === 1 ? own(live) : [];
    if (live.nodeType === 1 && was.nodeType === 1 && next.nodeType === 1 && was.tagName === next.tagName &&
        sameAttributes(was, next) && was.childNodes.length === next.childNodes.length &&
        kids.length === was.childNodes.length) {
      for (var i = 0; i < kids.length; i++) {
        if (!patch(kids[i], was.childNodes[i], next.childNodes[i])) return false;
      }
      return true;
    }
    live.replaceWith(document.importNode(next, true));
    return true;
  }
  // Where focus was, to find it again if its element was replaced.
  function focusPath() {
    var el = document.activeElement;
    if (!el || el === document.body) return null;
    if (el.id) return "#" + CSS.escape(el.id);
    var all = Array.prototype.slice.call(document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]"));
    return all.indexOf(el);
  }
  function refocus(where, before) {
    if (where === null || document.activeElement === before) return;
    var el = typeof where === "string" ? document.querySelector(where)
      : document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")[where];
    if (el) el.focus({ preventScroll: true });
  }
  // Loads the search index again in place, once the search has loaded one, so the search never
  // shows old statuses and the page need not reload; the search makes its results from the new
  // one (`waymark:search`). One at a time, so an older index never lands after a newer one.
  var fetchingSearch = false, searchAgain = false;
  function refreshSearch() {
    if (fetchingSearch) { searchAgain = true; return; }
    fetchingSearch = true;
    var s = document.createElement("script");
    s.setAttribute("data-waymark-live", "");
    s.src = new URL(BASE + "search-index.js?" + Date.now(), location.href).href;
    s.onload = function () {
      s.remove();
      fetchingSearch = false;
      window.dispatchEvent(new CustomEvent("waymark:search"));
      if (searchAgain) { searchAgain = false; refreshSearch(); }
    };
    s.onerror = reload;
    document.head.appendChild(s);
  }
  // Fetches this page again and puts the changes in place; reloads if that cannot be done.
  // One at a time: a change made meanwhile is fetched once this one is in.
  var swapping = false, again = false;
  function swap() {
    if (swapping) { again = true; return; }
    swapping = true;
    var x = window.scrollX, y = window.scrollY;
    fetch(location.href, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var next = { head: bare(doc.head), body: bare(doc.body) };
      var title = function (h) { var c = h.cloneNode(true), t = c.querySelector("title"); if (t) t.remove(); return c; };
      // The head holds styles and scripts.
      if (!title(served.head).isEqualNode(title(next.head))) return reload();
      if (!sameAttributes(served.body, next.body)) return reload();
      var before = document.activeElement, where = focusPath();
      var kids = parts(document.body), was = parts(served.body), now = parts(next.body);
      if (kids.length !== was.length || was.length !== now.length) return reload();
      for (var i = 0; i < kids.length; i++) {
        if (!patch(kids[i], was[i], now[i])) return reload();
      }
      document.title = doc.title;
      served = { head: next.head, body: next.body.cloneNode(true) };
      refocus(where, before);
      window.scrollTo(x, y);
      window.dispatchEvent(new CustomEvent("waymark:swapped"));
      swapping = false;
      if (again) { again = false; swap(); }
    }).catch(reload);
  }
  function overlay(text) {
    var box = document.getElementById("waymark-error");
    if (text === null) { if (box) box.hidden = true; return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "waymark-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0d0d;color:#ffdede;border:2px solid #ff6b6b;border-radius:8px;padding:1rem;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 8px 30px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.hidden = false;
    box.textContent = "waymark: the last edit did not build; showing the last good version.\n\n" + text;
  }
  // The last good build's warnings, in a closed box made like the server's (styled by it): the
  // first SHOWN of them, and how many more.
  function warnings(list) {
    var box = document.getElementById("waymark-warnings");
    if (list.length === 0) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("details");
      box.id = "waymark-warnings";
      box.appendChild(document.createElement("summary"));
      box.appendChild(document.createElement("pre"));
      document.body.appendChild(box);
    }
    var n = list.length;
    box.firstChild.textContent = "waymark: " + n + " warning" + (n === 1 ? "" : "s") + " in the last build";
    box.lastChild.textContent = list.slice(0, SHOWN).join("\n") +
      (n > SHOWN ? "\n… and " + (n - SHOWN) + " more: run `waymark check` to see them all" : "");
  }
  var server = null;
  // Built from this page's own address, so IPv6, LAN addresses and base paths all work.
  var source = new EventSource(new URL(BASE + "__waymark/events", location.href).href);
  source.addEventListener("hello", function (e) {
    if (server !== null && server !== e.data) reload();
    server = e.data;
    window.waymarkLive = true;
  });
  // The event names every file the rebuild changed: each page sees whether it is one of them.
  // After an edit the topic pages come first, in an event of their own, and the site-wide files
  // (the search index among them) in the next; the two are handled alike, in any order.
  source.addEventListener("reload", function (e) {
    var paths = JSON.parse(e.data);
    overlay(null);
    if (paths.some(shared)) return reload();
    if (window.waymarkSearch && paths.some(function (p) { return /(^|\/)search-index\.js$/.test(p); })) refreshSearch();
    if (paths.indexOf(here()) >= 0) swap();
  });
  // Named events carry data; the browser's own `error` (a lost connection) does not.
  source.addEventListener("error", function (e) {
    if (typeof e.data === "string") overlay(JSON.parse(e.data));
  });
  source.addEventListener("ok", function () { overlay(null); });
  source.addEventListener("warnings", function (e) { warnings(JSON.parse(e.data)); });
})();
