// reCAPTCHA v3: fetch a token when the action form is sent, then send it.
// The site key and action come from the widget's data attributes (no inline script: see the CSP).
document.querySelectorAll("input.g-recaptcha[data-sitekey]").forEach(function (input) {
  input.form.addEventListener("submit", function (event) {
    if (input.value) {
      return;
    }
    event.preventDefault();
    grecaptcha.ready(function () {
      grecaptcha
        .execute(input.dataset.sitekey, { action: input.dataset.action || "sign" })
        .then(function (token) {
          input.value = token;
          input.form.submit();
        });
    });
  });
});
