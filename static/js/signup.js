// Sign-up forms: move focus to the error summary so screen readers announce the problems.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
