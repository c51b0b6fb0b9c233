// Move keyboard and screen-reader focus to a form's error summary, when there is one.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
