// Offers the device's own share sheet where the browser has one (navigator.share); the plain
// share links beside it work everywhere, with or without JavaScript.
(function () {
  "use strict";
  if (typeof navigator.share !== "function") {
    return;
  }
  document.querySelectorAll(".share__native").forEach(function (button) {
    var data = {
      title: button.dataset.shareTitle,
      text: button.dataset.shareText,
      url: button.dataset.shareUrl,
    };
    if (typeof navigator.canShare === "function" && !navigator.canShare(data)) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      // A supporter who closes the share sheet is not an error worth showing.
      navigator.share(data).catch(function () {});
    });
  });
})();
