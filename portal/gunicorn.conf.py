"""Gunicorn's settings: `gunicorn -c portal/gunicorn.conf.py portal.wsgi` (what `make serve` runs).

Read from the environment: PORT or BIND (where to listen), WEB_CONCURRENCY (worker processes).
Anything else can be overridden without editing this file through GUNICORN_CMD_ARGS, e.g.
GUNICORN_CMD_ARGS="--threads 8", which takes precedence over this file.
"""

import os
import signal

# A container or platform gives a PORT; BIND names a full address (or a unix:/path socket).
bind = os.environ.get("BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"

# Rendering is CPU-bound, so processes, not threads, add throughput: the usual 2 x cores + 1,
# capped because each worker holds its own memory (~100 MB) and database connections.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 8))

# Threaded workers: a slow client or an idle keep-alive connection does not hold a whole
# process, and the heartbeat runs beside the requests, so a long CSV export is not killed
# at `timeout` as a sync worker would be. Each thread keeps its own database connection.
worker_class = "gthread"
threads = 4

# A worker whose main loop stops answering for this long (hung, not merely busy) is restarted.
timeout = 30
graceful_timeout = 30
keepalive = 5

# The application is loaded once, before forking: faster boots, shared memory, and an import
# error stops the server at once instead of every worker failing in turn. (Django opens no
# database connection at import, so none is shared between workers.)
preload_app = True

# Gunicorn 27's control socket lives at one path per user ($HOME/.gunicorn/gunicorn.ctl), which
# every gunicorn on the machine would share; nothing here uses it.
control_socket_disable = True

# Logs go to stdout/stderr for the platform (journald, Docker, a PaaS) to collect.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def post_worker_init(worker):
    """Act on the first Ctrl-C only. The terminal sends SIGINT to every process and the master
    sends SIGQUIT on top, so each worker gets two; gunicorn's threaded worker deadlocks shutting
    down its thread pool again inside the first handler and is killed graceful_timeout later.
    (A flag, not signal.signal(): that runs the pending handler before it returns.)"""
    quit_now = worker.handle_quit
    quitting = []

    def quit_once(sig, frame):
        if not quitting:
            quitting.append(sig)
            quit_now(sig, frame)

    signal.signal(signal.SIGINT, quit_once)
    signal.signal(signal.SIGQUIT, quit_once)
