// The navbar bell's count (htmx). A session that expired answers the count with the sign-in
// page (after a redirect): that must not be drawn inside the bell, which stays a plain link.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (!e.detail.target || e.detail.target.id !== "bell") return;
    var url = (e.detail.xhr && e.detail.xhr.responseURL) || "";
    if (!e.detail.xhr || e.detail.xhr.status !== 200 || !/\/notifications\/count$/.test(url.split("?")[0])) {
      e.detail.shouldSwap = false;
      e.detail.isError = false;
    }
  });
})();
