/* After a search, focus goes to the results' heading (marked data-focus-on-load), not back to
   the top of the page: keyboard and screen-reader users start where the answer is. */
(function () {
  "use strict";

  function start() {
    var heading = document.querySelector("[data-focus-on-load]");
    if (heading && !window.location.hash) heading.focus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
