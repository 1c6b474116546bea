// The campaign page, its thanks and its confirmation links, improved where JavaScript runs.
// Everything here works without it: the hero's button is a plain link to the form, the form
// posts to the page's own address, the answer after signing is the first thing on the page.
(function () {
  "use strict";

  // After signing, and on a confirmation link: the answer (an h1 with tabindex="-1") takes the
  // focus, so that a screen reader starts there rather than at the top of the page. It is at the
  // top already: nothing to scroll.
  var answer = document.querySelector("[data-answer]");
  if (answer) {
    answer.focus({ preventScroll: true });
  }

  // The form has no action: it posts to the page's address, query string (source, utm_*)
  // included. A link on the page (#take-action, an error's #id_email, the skip link) puts a
  // fragment in that address, which the browser would carry through the redirect to the
  // thanks. Named here without it.
  document.querySelectorAll("form.action-form").forEach(function (form) {
    form.setAttribute("action", window.location.pathname + window.location.search);
  });

  // The hero's "Sign now": the form at the top of the screen and its first field focused, in one
  // tap, without a fragment in the address.
  var FIRST_FIELD = ".field:not(.field--hp) input:not([type=hidden]), .field select, .field textarea";
  document.querySelectorAll("[data-sign-link]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.hash.slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      target.scrollIntoView({ block: "start" });
      var field = target.querySelector(FIRST_FIELD);
      (field || target).focus({ preventScroll: true });
    });
  });

  // From 1024 px the form's column stays in view beside the story (position: sticky, portal.css).
  // Stuck by its top, a form taller than the screen would keep its button out of sight until the
  // story ends: such a form scrolls with the page until its end is in view, and stays there.
  // Without JavaScript the column scrolls with the page: nothing is ever out of reach.
  var sticky = document.querySelector("[data-sticky]");
  if (sticky) {
    var MARGIN = 16;
    var place = function () {
      var room = window.innerHeight - sticky.offsetHeight - MARGIN;
      sticky.style.setProperty("--sticky-top", Math.min(MARGIN, room) + "px");
    };
    place();
    sticky.classList.add("is-sticky");
    window.addEventListener("resize", place);
    // The form grows with an error summary, a letter made longer, a resized text box.
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(place).observe(sticky);
    }
  }
})();
