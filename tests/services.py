"""Local services some tests need, and a mark that skips those tests where one is missing."""

import socket

import pytest


def redis_is_running():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


# Database 5 of the local Redis is the tests' to write to.
needs_redis = pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379")
