// A cached page carries one form token for all its readers (campaigns/signing/tokens.py): this
// fetches one for this reader, so that their signature counts at once rather than being held for
// review. Without JavaScript, or if the fetch fails, the page's token stays and the signature is
// still stored, held for the team to approve.
(function () {
  "use strict";
  document.querySelectorAll("input[data-form-token-url]").forEach(function (input) {
    fetch(input.dataset.formTokenUrl, {
      credentials: "omit",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && data.token) {
          input.value = data.token;
        }
      })
      .catch(function () {});
  });
})();
