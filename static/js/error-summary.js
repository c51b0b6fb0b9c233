/* Forms with errors: move focus to the error summary (role=alert) so keyboard and screen-reader
   users hear it first; its links then take them to each field. Any element marked
   data-error-summary is focused on load. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var group = field.closest("fieldset") || field.closest(".mb-3") || field;
      group.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  });
})();
