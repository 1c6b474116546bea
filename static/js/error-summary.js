// The GOV.UK error summary (campaigns/templates/campaigns/includes/action_form.html): moved to
// as the page loads, so that screen readers read it and everyone sees it first, as
// govuk-frontend's ErrorSummary does. A link in it focuses its field, scrolled so that the
// field's label (or its group's legend) is in view too.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (!summary) {
    return;
  }
  // The form posts to its own "#take-action": the browser scrolls there as the page loads,
  // smoothly, and a scroll of ours would race with it. The summary is at the top of that
  // section, so the browser's scroll brings it into view; without the fragment (a form posted
  // from elsewhere), focusing scrolls to it. Chromium drops the focus as it scrolls to the
  // fragment, so it is moved again once the page has loaded.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  var options = { preventScroll: Boolean(target && target.contains(summary)) };
  summary.focus(options);
  window.addEventListener("load", function () {
    if (document.activeElement === document.body || document.activeElement === summary) {
      summary.focus(options);
    }
  });
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var input = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!input) {
      return;
    }
    event.preventDefault();
    var heading = input.closest("fieldset");
    heading = heading ? heading.querySelector("legend") : document.querySelector("label[for='" + input.id + "']");
    (heading || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
