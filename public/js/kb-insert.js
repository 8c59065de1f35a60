// "Insert link" / "Insert content" of the ticket's knowledge-base panel: the text goes into
// the public reply at the cursor, without reloading the page (the links work without
// JavaScript too: they reload the page with the reply filled in).
(function () {
  "use strict";
  var touched = new WeakSet();
  // a reply never clicked into gets the text at its end, not before what is already there
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.id === "reply-body") touched.add(e.target);
  });

  function insert(box, text) {
    var start = touched.has(box) ? box.selectionStart : box.value.length;
    var end = touched.has(box) ? box.selectionEnd : box.value.length;
    var before = box.value.slice(0, start);
    var after = box.value.slice(end);
    // on a line of its own when dropped next to other words
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var tail = after && !/^\n/.test(after) ? "\n" : "";
    box.value = before + lead + text + tail + after;
    var caret = (before + lead + text).length;
    box.focus();
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new window.Event("input", { bubbles: true }));
  }

  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest ? e.target.closest("a[data-kb-insert]") : null;
    var box = document.getElementById("reply-body");
    if (!link || !box || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    window.fetch(link.getAttribute("data-kb-insert"), { credentials: "same-origin", headers: { accept: "text/plain", "hx-request": "true" } })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.text();
      })
      .then(function (text) { insert(box, text); })
      // whatever went wrong, the page itself says it (or fills the reply in)
      .catch(function () { window.location.href = link.href; });
  });
})();
