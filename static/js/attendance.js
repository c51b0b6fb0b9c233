/* The attendance page: each tap saves at once (fetch, with the form's CSRF token) and the
   result is read out through the page's aria-live status region. The search box hides the
   teachers who do not match as you type. Without JavaScript each button posts its own small
   form and the page comes back with a message, so nothing here is needed to take attendance. */
(function () {
  "use strict";

  function start() {
    var list = document.querySelector("[data-attendance]");
    if (!list) { return; }
    var status = document.getElementById("attendance-status");
    var count = document.getElementById("present-count");

    function announce(text) {
      // Emptied first, so the same words twice (two quick taps) are announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function show(form, present) {
      var button = form.querySelector("button");
      button.setAttribute("aria-pressed", present ? "true" : "false");
      button.classList.toggle("is-present", present);
      button.querySelector("[data-state]").textContent =
        present ? list.dataset.wordPresent : list.dataset.wordAbsent;
      form.querySelector("input[name=present]").value = present ? "0" : "1";
    }

    list.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-mark]");
      if (!form) { return; }
      event.preventDefault();
      var button = form.querySelector("button");
      if (button.dataset.busy) { return; }
      button.dataset.busy = "1";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (!result.ok) { announce(result.data.error || list.dataset.wordFailed); return; }
        show(form, result.data.present);
        count.textContent = result.data.count_text;
        announce(result.data.message + ". " + result.data.count_text);
      }).catch(function () {
        announce(list.dataset.wordFailed);
      }).finally(function () {
        delete button.dataset.busy;
      });
    });

    var search = document.querySelector("[data-attendance-search]");
    var none = document.querySelector("[data-no-match]");
    if (search) {
      search.addEventListener("input", function () {
        var words = search.value.trim().toLowerCase();
        var shown = 0;
        list.querySelectorAll("li[data-name]").forEach(function (item) {
          var match = !words || item.dataset.name.indexOf(words) !== -1;
          item.hidden = !match;
          if (match) { shown += 1; }
        });
        none.hidden = shown !== 0;
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
