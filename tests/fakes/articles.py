"""A local article server on loopback: tests never reach the internet."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LoopbackServer(ThreadingHTTPServer):
    """A thread per request, and a listen queue that holds a burst: with socketserver's
    default of 5, 16 fetchers connecting at once overflow it, the kernel drops a SYN and
    the client resends it only after 1 s, past the tests' 1 s connect timeout."""

    daemon_threads = True
    request_queue_size = 128


@dataclass
class Page:
    """One canned response."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    drip_s: float = 0.0  # send the body a byte at a time, this far apart (a slowloris)


class ArticleServer:
    """Serves `pages[path]`; unknown paths are 404. Use as a context manager."""

    def __init__(self, pages: dict[str, Page] | None = None, host: str = "127.0.0.1") -> None:
        self.pages: dict[str, Page] = dict(pages or {})
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopped = threading.Event()
        self.host = host
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                page = server.pages.get(self.path, Page(b"not found", "text/plain", 404))
                if page.delay_s:
                    time.sleep(page.delay_s)
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                if "Content-Length" not in page.headers:
                    self.send_header("Content-Length", str(len(page.body)))
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                # the client gave up (size limit, timeout): that's the point
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if not page.drip_s:
                        self.wfile.write(page.body)
                    for i in range(len(page.body) if page.drip_s else 0):
                        self.wfile.write(page.body[i : i + 1])
                        self.wfile.flush()
                        if server.stopped.wait(page.drip_s):
                            break

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = LoopbackServer((host, 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def __enter__(self) -> ArticleServer:
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self._httpd.shutdown()
        self._httpd.server_close()
