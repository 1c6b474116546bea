from tests.peers import smtp  # noqa: F401  (the real SMTP server, for every test here)
