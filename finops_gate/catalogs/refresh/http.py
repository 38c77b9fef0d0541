"""HTTP for the refresh clients: retries on 5xx / 429 (Retry-After, backoff), bounded sizes,
truncation detected, ETag / Last-Modified remembered so an unchanged file is not fetched again.
An endpoint that cannot be reached at all (connection refused, a name that does not resolve, no
answer to connect within ``CONNECT_TIMEOUT``) is tried once more, then the refresh stops naming
it: waiting out the backoff would only delay the same answer.

A large file cut off mid-stream is resumed where it stopped (``Range`` with ``If-Range`` on its
ETag, up to ``RETRIES`` times); a server that ignores the range sends the whole file again and
the bytes already read are skipped. Progress is reported as bytes read and records parsed."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from finops_gate.errors import RefreshError

RETRIES = 5
TIMEOUT = 60.0  # between bytes of an answer
CONNECT_TIMEOUT = 10.0
UNREACHABLE_RETRIES = 1
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_STREAM_BYTES = 4 * 1024 * 1024 * 1024  # an EC2 regional CSV is a few hundred MB
CHUNK = 1024 * 1024


class NotModified(Exception):
    """The server answered 304: the file has not changed since the ETag we sent."""


@dataclass
class Client:
    """One session for a refresh. ``progress(bytes, records)`` is called while streaming;
    ``sleep`` is replaceable so tests of the backoff do not wait."""

    user_agent: str = "finops-gate pricing refresh"
    progress: Callable[[int, int], None] | None = None
    sleep: Callable[[float], None] = field(default=lambda seconds: time.sleep(seconds))
    etags: dict[str, str] = field(default_factory=dict)  # url -> ETag of the last version read
    counter: list[int] = field(default_factory=lambda: [0])  # records parsed, by the readers
    bytes_read: int = 0
    resumed: int = 0  # downloads continued after a cut
    _session: Any = None

    def _get(
        self,
        url: str,
        *,
        stream: bool,
        params: dict[str, str] | None = None,
        conditional: bool = False,
        start: int = 0,
        etag: str | None = None,
    ) -> Any:
        import requests

        if self._session is None:
            self._session = requests.Session()
            self._session.headers["User-Agent"] = self.user_agent
        headers = {}
        if conditional and url in self.etags and not start:
            headers["If-None-Match"] = self.etags[url]
        if start:
            headers["Range"] = f"bytes={start}-"
            if etag:
                headers["If-Range"] = etag
        delay = 1.0
        unreachable = 0
        for attempt in range(RETRIES + 1):
            try:
                response = self._session.get(
                    url,
                    params=params,
                    headers=headers,
                    stream=stream,
                    timeout=(CONNECT_TIMEOUT, TIMEOUT),
                )
            except requests.RequestException as exc:
                why = _unreachable(exc)
                if why is not None:
                    unreachable += 1
                    if unreachable > UNREACHABLE_RETRIES:
                        raise RefreshError(
                            f"{_endpoint(url)}: cannot connect ({why}); check the --endpoint URL "
                            "and the network (proxy: HTTPS_PROXY); nothing written"
                        ) from None
                    self.sleep(1.0)
                    continue
                if attempt == RETRIES:
                    raise RefreshError(
                        f"{_short(url)}: {type(exc).__name__}; nothing written, the previous "
                        "catalog is kept; try again later"
                    ) from None
                self.sleep(delay)
                delay *= 2
                continue
            if response.status_code == 304:
                raise NotModified(url)
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == RETRIES:
                    raise RefreshError(
                        f"{_short(url)}: HTTP {response.status_code} after {RETRIES} retries; "
                        "nothing written, the previous catalog is kept; try again later"
                    )
                self.sleep(_retry_after(response.headers.get("Retry-After"), delay))
                delay *= 2
                continue
            if response.status_code == 404:
                raise RefreshError(
                    f"{_short(url)}: not found (HTTP 404); check the region, --service and "
                    "--endpoint; nothing written"
                )
            if response.status_code >= 400:
                raise RefreshError(f"{_short(url)}: HTTP {response.status_code} {_error(response)}")
            if response.headers.get("ETag"):
                self.etags[url] = response.headers["ETag"]
            return response
        raise AssertionError("unreachable")

    def json(self, url: str, *, params: dict[str, str] | None = None) -> Any:
        """A JSON document, read whole (indexes and API pages are small)."""
        body = b"".join(self._chunks(url, params=params, limit=MAX_JSON_BYTES))
        try:
            return json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RefreshError(f"{_short(url)}: not valid JSON ({exc}); nothing written") from None

    def lines(self, url: str, *, conditional: bool = False) -> Iterator[str]:
        """A large text file line by line, never held whole in memory. ``conditional``: send
        the ETag last seen for it (NotModified when the server says it has not changed)."""
        pending = b""
        for chunk in self._chunks(url, limit=MAX_STREAM_BYTES, conditional=conditional):
            pending += chunk
            *done, pending = pending.split(b"\n")
            for line in done:
                yield line.decode("utf-8")
        if pending:
            yield pending.decode("utf-8")

    def _chunks(
        self,
        url: str,
        *,
        params: dict[str, str] | None = None,
        limit: int,
        conditional: bool = False,
    ) -> Iterator[bytes]:
        """The body of ``url``, resumed after a cut when the server gave its length."""
        import requests

        response = self._get(url, stream=True, params=params, conditional=conditional)
        etag = response.headers.get("ETag")
        length = response.headers.get("Content-Length")
        total = _header_int(length)
        received = 0
        for attempt in range(RETRIES + 1):
            skip = 0  # bytes a server that ignored the range sends again
            if attempt:
                if response.status_code != 206 and response.headers.get("ETag") != etag:
                    response.close()
                    raise RefreshError(
                        f"{_short(url)}: the file changed while it was read; nothing written, "
                        "the previous catalog is kept; run the command again"
                    )
                if response.status_code != 206:
                    skip = received
                elif not response.headers.get("Content-Range", "").startswith(f"bytes {received}-"):
                    response.close()
                    raise RefreshError(
                        f"{_short(url)}: the server resumed at another offset; nothing written, "
                        "the previous catalog is kept; run the command again"
                    )
            failure = ""
            try:
                for chunk in response.iter_content(CHUNK):
                    if skip:
                        chunk, skip = chunk[skip:], max(0, skip - len(chunk))
                        if not chunk:
                            continue
                    received += len(chunk)
                    self.bytes_read += len(chunk)
                    if received > limit:
                        raise RefreshError(
                            f"{_short(url)}: larger than {limit // 2**20} MB; refused"
                        )
                    if self.progress is not None:
                        self.progress(self.bytes_read, self.counter[0])
                    yield chunk
            except (requests.RequestException, OSError) as exc:
                failure = type(exc).__name__
            finally:
                response.close()
            if total is None or received == total:
                if failure:
                    raise RefreshError(
                        f"{_short(url)}: download cut off after {received} bytes ({failure}); "
                        "nothing written, the previous catalog is kept; run the command again"
                    )
                return
            if received > total or attempt == RETRIES:
                break
            self.resumed += 1
            self.sleep(min(2.0**attempt, 30.0))
            response = self._get(url, stream=True, params=params, start=received, etag=etag)
        raise RefreshError(
            f"{_short(url)}: truncated download ({received} of {total} bytes, "
            f"{self.resumed} resumption(s)); nothing written, the previous catalog is kept; "
            "run the command again"
        )


def _header_int(header: str | None) -> int | None:
    """A header's whole number in ASCII digits (what HTTP allows), else None: ``"1²2"`` is
    digits to ``str.isdigit`` but no number to ``int``, and a server's header is not ours."""
    text = header.strip() if header is not None else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 20 else None


def _retry_after(header: str | None, default: float) -> float:
    seconds = _header_int(header)
    return default if seconds is None else min(float(seconds), 120.0)


def _error(response: Any) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            return str(err.get("message") or err.get("status") or "")[:200]
        if isinstance(err, str):
            return err[:200]
    return ""


def _unreachable(exc: Exception) -> str | None:
    """Why no connection could be made (refused, name not resolved, connect timeout, proxy),
    or None for a failure after connecting (a reset, a read timeout: worth the backoff)."""
    import socket

    import requests

    if isinstance(exc, requests.exceptions.ProxyError):
        return "the proxy refused or could not be reached"
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"no answer within {CONNECT_TIMEOUT:.0f} s"
    if not isinstance(exc, requests.ConnectionError):
        return None
    seen: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and cause not in seen and len(seen) < 16:
        seen.append(cause)
        if isinstance(cause, socket.gaierror):
            return "the host name does not resolve"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    return None


def _endpoint(url: str) -> str:
    """The scheme and host of ``url`` (what --endpoint names)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else _short(url)


def _short(url: str) -> str:
    """A URL for a message, without its query (which may hold an API key)."""
    return url.split("?", 1)[0]
