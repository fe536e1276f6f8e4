(function () {
  "use strict";
  var KEY = "waymark-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = Number(saved);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  function here() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    return p === "" || p.charAt(p.length - 1) === "/" ? p + "index.html" : p;
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
  var server = null;
  var source = new EventSource(new URL("/__waymark/events", location.href));
  source.addEventListener("hello", function (e) {
    if (server !== null && server !== e.data) reload();
    server = e.data;
    window.waymarkLive = true;
  });
  source.addEventListener("reload", function (e) {
    var paths = JSON.parse(e.data);
    overlay(null);
    if (paths.indexOf(here()) >= 0 || paths.some(function (p) { return /\.css$/.test(p); })) reload();
  });
  source.addEventListener("build-error", function (e) { overlay(JSON.parse(e.data)); });
  source.addEventListener("build-ok", function () { overlay(null); });
})();
