"""Slow clients for `make bench`: `python -m bench.slow_clients PORT PATH SECONDS [COUNT]`.

Holds COUNT (1,000) connections that send a POST's body a byte a second, and COUNT that send
their request line and headers a byte a second, to 127.0.0.1:PORT for SECONDS, opening a new one
whenever the server closes one (408 after the front's body deadline, Granian's header read
timeout). Loopback only, bounded in count and time: it stops by itself, and prints what it saw
as one JSON line.
"""

import asyncio
import contextlib
import json
import resource
import sys
import time

BODY_BYTES = 100_000
HEADERS = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: {}\r\n\r\n"
OPEN_AT_ONCE = 100  # connections opened together, so a reopening wave does not look like a flood


class Counts:
    def __init__(self):
        self.opened = self.refused = self.answered = self.closed = self.peak = 0
        self.open = 0
        self.statuses = {}


async def slow_connection(port, path, kind, until, counts, opening):
    """One slot: a slow connection, reopened when the server closes it, until `until`."""
    while time.monotonic() < until:
        async with opening:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                counts.refused += 1
                await asyncio.sleep(1)
                continue
        counts.opened += 1
        counts.open += 1
        counts.peak = max(counts.peak, counts.open)
        try:
            if kind == "body":
                writer.write(
                    f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {BODY_BYTES}\r\n\r\n".encode()
                )
                data = b"a" * BODY_BYTES
            else:
                data = HEADERS.format("x" * 50).encode()
            for index in range(len(data)):
                if time.monotonic() >= until:
                    return
                writer.write(data[index : index + 1])
                await writer.drain()
                with contextlib.suppress(TimeoutError):
                    answer = await asyncio.wait_for(reader.read(1024), 1)
                    if not answer:
                        counts.closed += 1
                        break
                    status = answer[9:12].decode(errors="replace")
                    counts.statuses[status] = counts.statuses.get(status, 0) + 1
                    counts.answered += 1
                    break
        except OSError:
            counts.closed += 1
        finally:
            counts.open -= 1
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def main(port, path, seconds, count):
    counts = Counts()
    until = time.monotonic() + seconds
    opening = asyncio.Semaphore(OPEN_AT_ONCE)
    await asyncio.gather(
        *(
            slow_connection(port, path, kind, until, counts, opening)
            for kind in ("body", "headers")
            for _ in range(count)
        )
    )
    return counts


def allow_open_files(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


if __name__ == "__main__":
    port, path, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    count = min(int(sys.argv[4]) if len(sys.argv) > 4 else 1000, 5000)  # bounded
    allow_open_files(2 * count + 256)
    counts = asyncio.run(main(port, path, min(seconds, 600), count))
    print(json.dumps({name: value for name, value in vars(counts).items() if name != "open"}))
