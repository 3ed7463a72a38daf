"""Helpers for the ingestion tests: a real HTTP server on 127.0.0.1 and sample pages."""

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE_PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministry rejects troop claims | The Daily Planet</title>
<meta property="og:title" content="Ministry rejects troop claims">
<meta property="og:site_name" content="The Daily Planet">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-12T09:30:00Z">
</head><body>
<div class="cookie-banner">We use cookies to give you the best experience on our website. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Ministry rejects troop claims</h1>
<p class="byline">By Jane Doe</p>
<p>The defence ministry on Tuesday rejected claims that it had moved troops to the border, calling the reports baseless and politically motivated.</p>
<p>“We have never deployed forces there and we have no plans to do so,” a ministry spokesperson said in a statement carried by state media.</p>
<p>Officials in the neighbouring capital said they had satellite images showing the movements, and accused the ministry of lying to its own citizens.</p>
</article>
<div class="sharedaddy"><h3>Share this:</h3><ul>
<li><a href="#">Click to share on Twitter (Opens in new window)</a></li>
<li><a href="#">Click to share on Facebook (Opens in new window)</a></li></ul></div>
<div id="respond"><h3>Leave a Reply</h3>
<p>Your email address will not be published. Required fields are marked *</p>
<form><label>Comment *</label><textarea></textarea><label>Name *</label><input></form></div>
<footer>© 2024 The Daily Planet. All rights reserved.</footer>
</body></html>
"""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    # Called instead of writing `body`, for servers that misbehave on purpose (slow, endless).
    stream: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass
class LocalServer:
    port: int
    routes: dict[str, Route]
    host_headers: list[str]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:
        self.server.host_headers.append(self.headers.get("Host", ""))
        route = self.server.routes.get(self.path)
        if route is None:
            route = Route(status=404, body=b"not found", headers={"Content-Type": "text/plain"})
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.stream is not None:
            self.end_headers()
            route.stream(self)
            return
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    routes: dict[str, Route]
    host_headers: list[str]


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 that the real fetching code talks to."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = {}
    server.host_headers = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield LocalServer(port=server.server_address[1], routes=server.routes, host_headers=server.host_headers)
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_loopback(settings):
    """The test server listens on loopback, which fetching refuses unless this test setting is on."""
    settings.CLAIMTRACK_FETCH_ALLOW_LOOPBACK = True
    return settings


def trickle(handler: BaseHTTPRequestHandler, *, seconds: float = 3.0) -> None:
    """Send one byte at a time, never fast enough to finish within a short timeout."""
    stop = time.monotonic() + seconds
    try:
        while time.monotonic() < stop:
            handler.wfile.write(b"a")
            handler.wfile.flush()
            time.sleep(0.05)
    except OSError:
        pass  # the client gave up, as it should


@pytest.fixture
def tls_local_server(local_server, tmp_path) -> Iterator[tuple[LocalServer, str]]:
    """An HTTPS server on 127.0.0.1 whose certificate names news.example; yields (server, CA file)."""
    import ssl
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=news.example",
         "-addext", "subjectAltName=DNS:news.example", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = local_server.routes
    server.host_headers = local_server.host_headers
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield (
        LocalServer(port=server.server_address[1], routes=server.routes, host_headers=server.host_headers),
        str(cert),
    )
    server.shutdown()
    server.server_close()
