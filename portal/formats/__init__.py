"""Date formats of our own where Django's differ from how our readers write dates
(FORMAT_MODULE_PATH): the site's English is British, and Django's "en" is American."""
