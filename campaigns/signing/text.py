"""Text as supporters typed it, less what only hides, reorders or breaks it.

Removed from every answer: control characters (tabs and line breaks stay), format characters
(Unicode category Cf: bidi overrides that make a name read backwards, zero-width spaces that make
one address look like another), line and paragraph separators, surrogates and noncharacters
(U+FFFE, U+FFFF and the like, which no XML file may hold). Kept: the zero-width joiner and
non-joiner, which join emoji (👩‍👩‍👧) and letters in Persian and Indic scripts, and private-use
characters, where older Hong Kong systems put HKSCS characters.

An email address loses every format character, joiners included: no address needs one.
"""

import re
import unicodedata

JOINERS = frozenset("\u200c\u200d")
# The ASCII answers (most of them) need only this.
ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value, *, keep=JOINERS):
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.isascii():
        return ASCII_CONTROLS.sub("", value)
    return "".join(character for character in value if kept(character, keep))


def without_format_characters(value):
    """For addresses and keys: every format character goes, joiners too."""
    return clean_text(value, keep=frozenset())


def kept(character, keep):
    if character in "\t\n":
        return True
    category = unicodedata.category(character)
    if category in ("Cc", "Cs", "Zl", "Zp"):
        return False
    if category == "Cf":
        return character in keep
    return not is_noncharacter(character)


def is_noncharacter(character):
    code = ord(character)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
