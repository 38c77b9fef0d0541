"""A JSON API on 127.0.0.1 for tests that talk HTTP (stdlib only, nothing leaves the machine).

``LocalJsonApi`` owns what every fake platform repeats: a threaded server on a free port, its
thread, start/stop (or ``with``), one lock around the fake's state, reading a request's body
and writing a JSON answer. A fake subclasses it and says only what its platform does:
``answer`` (called under the lock) and, where the platform differs, ``parse_body``,
``content_type``, ``extra_headers`` and ``methods``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

# status, JSON payload (None: no body), extra response headers
Answer = tuple[int, Any, Mapping[str, str]]


class LocalJsonApi:
    """Start with ``start()`` (or ``with``); ``root`` is ``http://127.0.0.1:<port>``."""

    content_type: ClassVar[str] = "application/json"
    extra_headers: ClassVar[Mapping[str, str]] = {}  # on every answer
    methods: ClassVar[frozenset[str]] = frozenset({"GET", "POST", "PATCH", "PUT", "DELETE"})
    body_methods: ClassVar[frozenset[str]] = frozenset({"POST", "PATCH", "PUT"})

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> Self:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # what a platform says -----------------------------------------------------------------

    def parse_body(self, raw: bytes, headers: Message) -> Any:
        """The request body as the handler sees it (``raw`` is empty for a GET or DELETE)."""
        return json.loads(raw or b"null")

    def answer(self, method: str, path: str, query: str, body: Any, headers: Message) -> Answer:
        raise NotImplementedError

    # the HTTP side --------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, payload: Any, headers: Mapping[str, str]) -> None:
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", fake.content_type)
                self.send_header("Content-Length", str(len(data)))
                for k, v in {**fake.extra_headers, **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _dispatch(self) -> None:
                method = self.command
                if method not in fake.methods:
                    self.send_error(501, f"Unsupported method ({method!r})")
                    return
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                wanted = method in fake.body_methods and length
                raw = self.rfile.read(length) if wanted else b""
                body = fake.parse_body(raw, self.headers)
                with fake.lock:
                    status, payload, headers = fake.answer(
                        method, split.path, split.query, body, self.headers
                    )
                self._send(status, payload, headers)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _dispatch

        return Handler
