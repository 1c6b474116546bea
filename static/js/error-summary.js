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
  summary.focus();
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
