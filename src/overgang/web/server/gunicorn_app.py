"""Overgang in gunicorn, the production WSGI server, configured from `overgang serve`.

gunicorn forks its worker processes from this one after Django is set up; each
worker serves the WSGI application of overgang.web.wsgi. Static files are served by
WhiteNoise (in the middleware), so no other web server is needed for them.
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import Any

from gunicorn.app.base import BaseApplication


class OvergangServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from django.conf import settings

        from overgang.web.wsgi import application

        # The URL conf imports every view: done here, in the process gunicorn forks from
        # (preload_app), not on each process's first request (0.8 s of it on the demo).
        import_module(settings.ROOT_URLCONF)
        return application


def server_options(host: str, port: int, processes: int, timeout: int) -> dict[str, Any]:
    """gunicorn's settings: the address, the processes, and logs on standard error.

    gunicorn's own access log is off: every request is logged once, as JSON, by
    overgang.web.server.requestlog.
    """
    return {
        "bind": f"{host}:{port}",
        "workers": processes,
        # A report download or a large page may take this long before gunicorn gives up on it.
        "timeout": timeout,
        "graceful_timeout": 30,
        # With threaded processes (`overgang serve --threads` above 1; the default sync
        # processes close each connection after its answer): an idle connection is kept
        # open longer than a client or proxy waits between requests on it (gunicorn's
        # default is 2 s), else the server closes it just as the next request is sent and
        # the client gets "connection reset" (the load test's errors with threads).
        "keepalive": 75,
        "errorlog": "-",
        "accesslog": None,
        "proc_name": "overgang",
        # Django is loaded once, before the processes are forked: they start at once and
        # share its memory (overgang serve has closed its database connections first).
        "preload_app": True,
        # No runtime control socket: `overgang serve` is managed by systemd or the container.
        "control_socket_disable": True,
        # The proxies whose X-Forwarded-Proto gunicorn believes (the TLS-terminating one).
        "forwarded_allow_ips": os.environ.get("OVERGANG_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    }
