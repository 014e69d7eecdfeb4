"""A loopback stand-in for the Hugging Face Hub's file metadata (HEAD .../resolve/...)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeHub:
    """Answers HEAD for `repos`: public ones to anyone, `private` ones to `token` only."""

    def __init__(
        self, public: set[str], private: set[str], gated: set[str], token: str = "hf_test"
    ) -> None:
        self.authorizations: list[str | None] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:
                authorization = self.headers.get("Authorization")
                hub.authorizations.append(authorization)
                repo = self.path.lstrip("/").split("/resolve/")[0]
                allowed = repo in public or (
                    repo in private | gated and authorization == f"Bearer {token}"
                )
                if allowed:
                    self.send_response(200)
                    self.send_header("ETag", '"abc"')
                    self.send_header("X-Repo-Commit", "0" * 40)
                    self.send_header("Content-Length", "2")
                elif repo in gated:
                    self.send_response(401)
                    self.send_header("X-Error-Code", "GatedRepo")
                else:  # unknown and private repos look the same without the token
                    self.send_response(401)
                    self.send_header("X-Error-Code", "RepoNotFound")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self._httpd.server_address[:2]
        assert isinstance(host, str)
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
