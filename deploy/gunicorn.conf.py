"""gunicorn for pdsite: ``gunicorn -c deploy/gunicorn.conf.py pdsite.wsgi`` (pdsite.service).

GUNICORN_BIND and GUNICORN_WORKERS (in the environment file) override the address and the
worker count; everything else the site reads is in settings.py."""

import multiprocessing
import os

# Behind nginx on another machine: the app server's private address (firewalled to nginx).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers wait on the database: two per core plus one, gunicorn's own rule of thumb.
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# Sync workers: one request at a time each, and a new connection from nginx for every request.
worker_class = "sync"

# A request still running after 30 s is stuck: the worker is killed and replaced. nginx waits a
# little longer (proxy_read_timeout 35s), so the visitor sees its 504, not a cut connection.
timeout = 30
# On HUP (a deploy) or TERM, workers finish the requests they have for up to 30 s.
graceful_timeout = 30
# No max_requests: a recycled worker imports the whole site again before it serves, a stall of
# seconds on a busy machine (make stack saw it), and the site has no leak to recycle away.
# systemd and signals manage gunicorn (HUP, TERM); no control socket in the service's home.
control_socket_disable = True

# One line per request on stderr (the journal), with the request id the site logs and echoes
# back in X-Request-ID, so an access line, the app's log lines and nginx's line can be joined.
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
errorlog = "-"
loglevel = "info"
