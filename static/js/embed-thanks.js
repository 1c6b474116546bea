// The thank-you in a partner's frame (campaigns/templates/campaigns/embed/thank_you.html): the
// supporter scrolled the partner's page down to the button, and the answer is at the top of the
// frame. Focus moves to it, which brings it into view and tells screen readers.
document.getElementById("thank-you-heading").focus();
