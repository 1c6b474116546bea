"""English dates as in Britain and Hong Kong: 27 January 2027, 24-hour times. Only how dates
are shown: what forms accept stays Django's "en" (ISO dates among them), so the admin's pickers
and anything typed keep working."""

DATE_FORMAT = "j F Y"  # 27 January 2027
TIME_FORMAT = "H:i"  # 18:30
DATETIME_FORMAT = "j F Y, H:i"  # 27 January 2027, 18:30
YEAR_MONTH_FORMAT = "F Y"  # January 2027
MONTH_DAY_FORMAT = "j F"  # 27 January
SHORT_DATE_FORMAT = "d/m/Y"  # 27/01/2027
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 27/01/2027 18:30
FIRST_DAY_OF_WEEK = 1  # Monday
