"""A signature's answers read as OSDI names them (given and family name, email address,
country, comments), from the page's form fields, and the other way for the record signature
helper: which field an OSDI person's value goes into.

Forms are built by editors, so fields are found by type (email, country, the first multi-line
field for the letter) and by the names the reference petition uses (first_name, last_name);
a form with one name field ("name", "full_name") gets the whole name.
"""

from django_countries import countries

GIVEN = ("first_name", "given_name", "forename")
FAMILY = ("last_name", "family_name", "surname")
WHOLE = ("full_name", "name", "your_name")
COUNTRY = ("country",)


class FormShape:
    """Which of a page's fields holds which OSDI value (clean names, or None)."""

    def __init__(self, fields):
        fields = list(fields)
        by_name = {field.clean_name: field for field in fields}
        self.email = next((f.clean_name for f in fields if f.field_type == "email"), None)
        self.given = next((name for name in GIVEN if name in by_name), None)
        self.family = next((name for name in FAMILY if name in by_name), None)
        self.whole = next((name for name in WHOLE if name in by_name), None)
        self.country = next(
            (f.clean_name for f in fields if f.field_type == "country"),
            next((name for name in COUNTRY if name in by_name), None),
        )
        self.comments = next((f.clean_name for f in fields if f.field_type == "multiline"), None)

    def person(self, data):
        """{given_name, family_name, email, country (ISO code or None), comments} of a
        stored signature's answers."""
        given = text(data.get(self.given)) if self.given else ""
        family = text(data.get(self.family)) if self.family else ""
        if not (given or family) and self.whole:
            given = text(data.get(self.whole))
        return {
            "given_name": given,
            "family_name": family,
            "email": text(data.get(self.email)) if self.email else "",
            "country": country_code(data.get(self.country)) if self.country else None,
            "comments": text(data.get(self.comments)) if self.comments else "",
        }


def text(value):
    return value.strip() if isinstance(value, str) else ""


def country_code(value):
    """ISO 3166-1 alpha-2 for a stored country: a Country field stores the code, a text field
    what the supporter typed (a name in English, or a code)."""
    value = text(value)
    if not value:
        return None
    if len(value) == 2 and value.upper() in dict(countries):
        return value.upper()
    return countries.by_name(value) or None
