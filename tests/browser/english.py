"""Finding English on a screen that should be in Chinese.

`english_on(page, user_content)` reads every text a person may meet on a Playwright page (text,
and the placeholder, title, aria-label, alt and tooltip attributes, hidden menus and dialogs
included, since they open later) and returns the pieces that hold English words; `english_words`
does the same for one string. What people typed into the portal (page titles, names, labels:
`user_content`) is left out, and so are a few words that are the same in every language:
brand names and formats.
"""

import re

# Names and formats Chinese admin screens write in Latin letters too, and key names.
ALLOWED = {
    *("wagtail", "django", "excel", "csv", "xlsx", "pdf", "po", "url", "urls", "id", "utm"),
    *("html", "svg", "json", "api", "recaptcha", "google", "youtube", "vimeo", "facebook"),
    *("instagram", "twitter", "whatsapp", "telegram", "signal", "deepl", "gmt", "wi-fi"),
    *("ctrl", "alt", "shift", "esc", "javascript"),
    "english",  # the language's own name, in the language menus
    *("osdi", "hal", "http", "https", "get", "post", "gdpr", "webhook", "webhooks"),
}
# Names of several words, or with hyphens, that stay as they are in every language: a service
# organisations sync with, and the HTTP headers a help text tells an admin to use.
NAMES = (
    *("Action Network", "Standard Webhooks", "410 Gone", "2xx"),
    *("OSDI-API-Token", "List-Unsubscribe", "webhook-signature"),
)

# Tokens that are addresses or code rather than words: email addresses, URLs, paths, file names,
# markup, dotted names (campaigns.campaignpage) and snake_case.
CODE = re.compile(r"@|://|^[/#<]|^\{\w+\}|^www\.|^\S+\.[a-z]{2,4}$|\w\.\w|^[a-z]+(?:_[a-z]+)+$")
WORD = re.compile(r"[A-Za-z]{2,}")
# An address inside a sentence (a help text that shows the page's URL): taken out before
# anything else, since what people typed (the slug) may be part of it.
URL = re.compile(r"https?://[^\s，。、；）」]+")
# English quoted in a Chinese sentence on purpose: 「New signature: <title>」 names the subject
# line the team receives in English.
QUOTED = re.compile(r"「[^」]*」|“[^”]*”")
# Text that hard-codes English where no catalog reaches: the date-time picker's range button
# (jquery.datetimepicker, hidden unless a range is picked); a side panel's hidden counter, which
# Wagtail renders as "None" when there is nothing to count.
NOT_TRANSLATABLE = ".xdsoft_save_selected, .w-side-panel-toggle__counter[hidden]"
# Attributes Wagtail 8.0.1 writes in English in its templates, not through gettext:
# shared/headers/_actions.html (aria-label="Actions"), shared/header.html and home.html (the
# search form's hidden submit button).
HARD_CODED = [
    ["#w-slim-header-buttons", "aria-label"],
    [".submit.w-sr-only input", "value"],
]

TEXTS_JS = """
([ignore, hardCoded]) => {
    const skip = "SCRIPT, STYLE, TEMPLATE, NOSCRIPT, TEXTAREA, CODE, PRE, " + ignore;
    // Where a text is, for the report: the element, its id or first classes, and its parent's.
    const where = (element) => [element.parentElement, element].filter(Boolean).map((e) =>
        e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
        [...e.classList].slice(0, 2).map((c) => "." + c).join("")
    ).join(" > ");
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest(skip)) continue;
        const text = node.textContent.trim();
        if (text) texts.push([text, where(node.parentElement)]);
    }
    const attributes = [
        "placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value",
    ];
    for (const element of document.body.querySelectorAll("*")) {
        if (element.closest(skip)) continue;
        for (const name of attributes) {
            if (hardCoded.some(([s, a]) => a === name && element.matches(s))) continue;
            const value = element.getAttribute(name);
            if (value && value.trim()) texts.push([value.trim(), where(element) + "@" + name]);
        }
        const button = "input[type=submit], input[type=button]";
        if (element.matches(button) && element.value && !hardCoded.some(([s, a]) =>
            a === "value" && element.matches(s))) {
            texts.push([element.value, where(element) + "@value"]);
        }
    }
    return texts;
}
"""


def english_words(text, user_content=(), allow=None):
    """The English words in `text`, once what people typed (`user_content`) and what the
    regular expression `allow` matches are taken out."""
    text = URL.sub(" ", text)
    for content in sorted({*user_content, *NAMES}, key=len, reverse=True):
        if content:
            text = text.replace(content, " ")
    text = QUOTED.sub(" ", text)
    if allow:
        text = re.sub(allow, " ", text)
    words = []
    for token in text.split():
        if CODE.search(token) or token.strip(".,:;()（）").lower() in ALLOWED:
            continue
        words += [word for word in WORD.findall(token) if word.lower() not in ALLOWED]
    return words


def english_on(page, user_content=(), ignore="", allow=None):
    """{text: ([English words], where it is)} for every text on `page` that holds some,
    outside the elements the CSS selector `ignore` matches."""
    found = {}
    ignore = ", ".join(filter(None, (NOT_TRANSLATABLE, ignore)))
    for text, where in page.evaluate(TEXTS_JS, [ignore, HARD_CODED]):
        words = english_words(text, user_content, allow)
        if words:
            found[text[:200]] = (words, where)
    return found
