"""A loopback fake of the three public price APIs, serving the real-shaped samples in
``tests/fixtures/price-apis/`` (see its README.txt), with the faults a refresh must survive:
5xx / 429 answers before success, a truncated body, 404 regions, ETag / 304, and paging
(Azure NextPageLink or $skip, GCP nextPageToken)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "price-apis"
GCP_KEY = "test-key"
_AWS_VERSIONED = re.compile(r"^(/offers/v1\.0/aws/[A-Za-z0-9]+)/\d{14}/")
_FILTER = re.compile(r"^(\w+) eq '([^']*)'$")


@dataclass
class Faults:
    """Per-path faults: answers to give before the real one, bodies to cut short."""

    statuses: dict[str, list[int]] = field(default_factory=dict)  # path -> [503, 429, ...]
    truncate: set[str] = field(default_factory=set)  # every answer cut to half (and ranges)
    truncate_once: set[str] = field(default_factory=set)  # the first answer only
    no_ranges: bool = False  # the server ignores Range and sends the whole file again
    bodies: dict[str, bytes] = field(default_factory=dict)  # path -> body served instead
    azure_page_size: int = 2
    azure_skip_mode: bool = False  # pages carry no NextPageLink field: the client uses $skip
    requests: list[str] = field(default_factory=list)
    conditional_hits: int = 0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        faults = self.server.faults
        faults.requests.append(self.path)
        pending = faults.statuses.get(url.path)
        if pending:
            status = pending.pop(0)
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path.startswith("/offers/"):
            self._file(DATA / "aws" / _AWS_VERSIONED.sub(r"\1/current/", url.path).lstrip("/"))
        elif url.path == "/api/retail/prices":
            self._azure(query)
        elif url.path.startswith("/v1/services"):
            self._gcp(url.path, query)
        else:
            self._json(404, {"error": "not found"})

    def _file(self, path: Path) -> None:
        faults = self.server.faults
        rel = urlsplit(self.path).path
        if rel in faults.bodies:
            body = faults.bodies[rel]
        elif path.is_file():
            body = path.read_bytes()
        else:
            self._json(404, {"message": "Not Found"})
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            faults.conditional_hits += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        wanted = self.headers.get("Range", "")
        start = 0
        ranged = wanted.startswith("bytes=") and wanted.endswith("-") and not faults.no_ranges
        if ranged and self.headers.get("If-Range") in (None, etag):
            start = int(wanted[6:-1])
        if start:
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        sent = body[start:]
        if rel in faults.truncate_once:
            faults.truncate_once.discard(rel)
            sent = sent[: len(sent) // 2]
        elif rel in faults.truncate:
            sent = sent[: len(sent) // 2]
        self.wfile.write(sent)

    def _json(self, status: int, doc: Any) -> None:
        body = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _azure(self, query: dict[str, str]) -> None:
        faults = self.server.faults
        wanted: dict[str, str] = {}
        for part in query.get("$filter", "").split(" and "):
            found = _FILTER.match(part.strip())
            if not found:
                self._json(400, {"error": {"code": "BadRequest", "message": "Invalid OData"}})
                return
            wanted[found[1]] = found[2]
        items = [
            item
            for name in ("prices-page1.json", "prices-page2.json", "prices-services.json")
            for item in json.loads((DATA / "azure" / name).read_text())["Items"]
            if all(str(item.get(k)) == v for k, v in wanted.items() if k != "priceType")
            and ("priceType" not in wanted or item.get("type") == wanted["priceType"])
        ]
        skip = int(query.get("$skip", "0"))
        size = faults.azure_page_size
        page = items[skip : skip + size]
        doc: dict[str, Any] = {"BillingCurrency": "USD", "Items": page, "Count": len(page)}
        if not faults.azure_skip_mode:
            more = skip + size < len(items)
            port = self.server.server_address[1]
            nxt = dict(query, **{"$skip": str(skip + size)})
            from urllib.parse import urlencode

            doc["NextPageLink"] = (
                f"http://127.0.0.1:{port}/api/retail/prices?{urlencode(nxt)}" if more else None
            )
        self._json(200, doc)

    def _gcp(self, path: str, query: dict[str, str]) -> None:
        if query.get("key") != GCP_KEY:
            self._json(
                403,
                {
                    "error": {
                        "code": 403,
                        "status": "PERMISSION_DENIED",
                        "message": "The request is missing a valid API key.",
                    }
                },
            )
            return
        if path == "/v1/services":
            self._json(200, json.loads((DATA / "gcp" / "services.json").read_text()))
            return
        others = {
            "9662-B51E-5089": "cloudsql-skus-page1.json",
            "CCD8-9BF1-090E": "gke-skus-page1.json",
            "5AF5-2C11-D467": "redis-skus-page1.json",
            "95FF-2EF5-5EA1": "storage-skus-page1.json",
            "E505-1604-58F8": "networking-skus-page1.json",
        }
        service = path.removeprefix("/v1/services/").removesuffix("/skus")
        if service in others:
            self._json(200, json.loads((DATA / "gcp" / others[service]).read_text()))
            return
        if path == "/v1/services/6F81-5844-456A/skus":
            token = query.get("pageToken", "")
            name = (
                "compute-skus-page2.json"
                if token == "TESTTOKEN-PAGE2"
                else "compute-skus-page1.json"
            )
            self._json(200, json.loads((DATA / "gcp" / name).read_text()))
            return
        self._json(404, {"error": {"code": 404, "message": "not found"}})


class _Server(ThreadingHTTPServer):
    faults: Faults


@dataclass
class FakePriceApi:
    server: _Server
    faults: Faults

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def serve(faults: Faults | None = None) -> Iterator[FakePriceApi]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.faults = faults or Faults()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakePriceApi(server, server.faults)
    finally:
        server.shutdown()
        server.server_close()
