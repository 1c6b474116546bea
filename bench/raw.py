"""A raw WSGI application: two bytes, no Django. Served by portal/server.py with the portal's own
settings, it is the ceiling every scenario of `make bench` is measured against."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
