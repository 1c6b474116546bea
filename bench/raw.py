"""Raw applications: two bytes, no Django. Served by portal/server.py with the portal's own
settings, they are the ceilings every scenario of `make bench` is measured against: the server
through its WSGI interface (`application`, with Granian's own threads) and through its ASGI
interface on uvloop (`asgi_application`), which the portal's front (portal/asgi.py) uses."""

HEADERS = [("Content-Type", "text/plain"), ("Content-Length", "2")]
ASGI_START = {
    "type": "http.response.start",
    "status": 200,
    "headers": [(name.lower().encode(), value.encode()) for name, value in HEADERS],
}
ASGI_BODY = {"type": "http.response.body", "body": b"ok"}


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [b"ok"]


async def asgi_application(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            await send({"type": f"{message['type']}.complete"})
            if message["type"] == "lifespan.shutdown":
                return
    await send(ASGI_START)
    await send(ASGI_BODY)
