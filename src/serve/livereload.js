// waymark serve: reloads this page when a rebuild changed it (keeping the scroll position),
// shows build errors over it, and reloads once after the server restarts.
(function () {
  "use strict";
  // The path the site is served under; the server writes it in.
  var BASE = "__WAYMARK_BASE__";
  var KEY = "waymark-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = Number(saved);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
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
  // The last good build's warnings, in a closed box made like the server's (styled by it).
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
    box.lastChild.textContent = list.join("\n");
  }
  var server = null;
  // Built from this page's own address, so IPv6, LAN addresses and base paths all work.
  var source = new EventSource(new URL(BASE + "__waymark/events", location.href).href);
  source.addEventListener("hello", function (e) {
    if (server !== null && server !== e.data) reload();
    server = e.data;
    window.waymarkLive = true;
  });
  source.addEventListener("reload", function (e) {
    var paths = JSON.parse(e.data);
    overlay(null);
    if (paths.indexOf(here()) >= 0 || paths.some(shared)) reload();
  });
  // Named events carry data; the browser's own `error` (a lost connection) does not.
  source.addEventListener("error", function (e) {
    if (typeof e.data === "string") overlay(JSON.parse(e.data));
  });
  source.addEventListener("ok", function () { overlay(null); });
  source.addEventListener("warnings", function (e) { warnings(JSON.parse(e.data)); });
})();
