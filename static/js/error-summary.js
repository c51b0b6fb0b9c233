/* Every form's error summary, one convention: the server renders
     <div role="alert" tabindex="-1" data-error-summary> ... <a href="#field-id">message</a> ...
   at the top of the form's page when the answers have errors. This script moves focus to it, so
   keyboard and screen-reader users hear the errors first; its links then move focus to each
   field (whose own error is linked to it by aria-describedby). Without JavaScript the summary
   and its links still work. Load it with defer on any page with a form. */
(function () {
  "use strict";

  function focusField(event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var group = field.closest("fieldset") || field.closest(".mb-3") || field;
    group.scrollIntoView();
    field.focus({ preventScroll: true });
  }

  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", focusField);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
