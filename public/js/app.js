// Small improvements only: the pages work without JavaScript.
(function () {
  "use strict";
  // htmx requests carry the CSRF token of the page
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) e.detail.headers["x-csrf-token"] = meta.getAttribute("content");
  });
  // keyboard: "/" focuses the queue filter, "t" takes the ticket (not while typing)
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|TEXTAREA|SELECT/.test(tag)) return;
    var el = document.querySelector('[data-hotkey="' + e.key + '"]');
    if (!el) return;
    e.preventDefault();
    if (el.tagName === "INPUT") el.focus(); else el.click();
  });
})();
