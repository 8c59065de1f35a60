// The rating page of an email link: the link carried a score and nothing is answered yet, so
// the person who clicked it is sent their rating at once (the one-click rating).
// GET records nothing, and a mail scanner that only fetches the page never runs this.
//
// A scanner that renders pages in a browser (Safe Links "detonation" and the like) runs it
// too, so the form is sent only when someone has the page in front of them: the page is
// visible (not prerendered, not a background tab or window) AND it has the focus or had a
// real user activation. A hidden or prerendered load waits, and sends once the page is
// shown and focused (a person switching to the tab); a scanner that never shows it sends
// nothing. Remaining risk: a scanner whose headless browser reports a visible, focused page
// (headless Chrome may) still rates with the score of the link it opened. The rating can
// be changed for 24 hours, and the supervisors' alert says the score in words; without
// JavaScript, the page waits for one click on "Send my rating".
(function () {
  "use strict";
  var form = document.querySelector("form[data-survey-auto]");
  if (!form || !form.querySelector("input[name=score]:checked")) return;

  function seen() {
    if (document.visibilityState !== "visible" || document.prerendering) return false;
    var activation = window.navigator.userActivation;
    return document.hasFocus() || Boolean(activation && activation.hasBeenActive);
  }

  function send() {
    if (!form.hasAttribute("data-survey-auto") || !seen()) return;
    // once: the server's answer is a page without data-survey-auto
    form.removeAttribute("data-survey-auto");
    form.submit();
  }

  // a person already choosing or typing is using the form: their click on "Send" sends it
  form.addEventListener("input", function () {
    form.removeAttribute("data-survey-auto");
  });
  send();
  document.addEventListener("visibilitychange", send);
  document.addEventListener("prerenderingchange", send);
  window.addEventListener("focus", send);
})();
