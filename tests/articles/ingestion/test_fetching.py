"""The real fetching code against a real HTTP server on 127.0.0.1 (allowed only in tests)."""

import ipaddress
import socket
import time

import pytest

from articles.errors import IngestError
from articles.ingestion import fetch_url
from articles.ingestion.fetching import is_public_address
from tests.articles.conftest import ARTICLE_PAGE, Route, trickle

CAP = 64 * 1024


def fetch(url: str, *, allow_loopback: bool = True, timeout: float = 5.0, max_bytes: int = CAP):
    return fetch_url(url, max_bytes=max_bytes, timeout=timeout, allow_loopback=allow_loopback)


def resolving(monkeypatch, table: dict[str, list[str]]) -> None:
    """Make chosen host names resolve to chosen addresses; everything else resolves for real."""
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in table:
            return [
                (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
                for ip in table[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.2.1", "::1", "::", "fe80::1", "fc00::1",
        "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::", "64:ff9b::7f00:1",
    ],
)  # fmt: skip
def test_private_loopback_link_local_multicast_and_reserved_addresses_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808"])
def test_routable_addresses_are_public(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1/", "127.0.0.1"),
        ("http://localhost:8000/admin/", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://0x7f000001/", "127.0.0.1"),
        ("http://2130706433/", "127.0.0.1"),
        ("http://0177.0.0.1/", "127.0.0.1"),
        ("https://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
        ("http://10.0.0.1/", "10.0.0.1"),
        ("http://0.0.0.0:5432/", "0.0.0.0"),
    ],
)
def test_urls_that_reach_the_server_itself_or_its_network_are_refused(url, address):
    with pytest.raises(IngestError, match=rf"resolves to {address}, a private or reserved address; refusing"):
        fetch(url, allow_loopback=False)


def test_a_host_name_resolving_to_a_private_address_is_refused(monkeypatch):
    resolving(monkeypatch, {"intranet.example": ["93.184.216.34", "10.1.2.3"]})
    with pytest.raises(
        IngestError, match=r"^intranet.example resolves to 10.1.2.3, a private or reserved address"
    ):
        fetch("https://intranet.example/report", allow_loopback=False)


def test_allowing_loopback_for_tests_still_refuses_private_networks():
    with pytest.raises(IngestError, match=r"resolves to 192.168.0.1"):
        fetch("http://192.168.0.1/")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", r"^Only http:// and https:// URLs can be fetched"),
        ("ftp://example.com/story.txt", r"^Only http:// and https:// URLs can be fetched"),
        ("gopher://example.com/", r"^Only http:// and https:// URLs can be fetched"),
        ("http://user:secret@example.com/", r"^URLs with a user name or password are not accepted\.$"),
        ("http:///path-only", r"has no host name\.$"),
        ("http://example.com:99999/", r"has an invalid host or port\.$"),
        ("http://example.com/a b", r"^The URL contains spaces or control characters\.$"),
    ],
)
def test_malformed_and_non_web_urls_are_refused(url, message):
    with pytest.raises(IngestError, match=message):
        fetch(url, allow_loopback=False)


def test_an_unresolvable_host_is_reported(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(IngestError, match=r"^The host name no-such-host.example could not be resolved\.$"):
        fetch("http://no-such-host.example/")


def test_a_page_is_fetched_from_a_real_server(local_server):
    local_server.routes["/story.html"] = Route(body=ARTICLE_PAGE.encode())
    page = fetch(local_server.url("/story.html"))
    assert page.data == ARTICLE_PAGE.encode()
    assert page.content_type == "text/html; charset=utf-8"
    assert page.url == local_server.url("/story.html")


def test_redirects_are_followed_and_the_final_url_is_kept(local_server):
    local_server.routes["/old"] = Route(status=301, headers={"Location": "/middle"})
    local_server.routes["/middle"] = Route(status=302, headers={"Location": local_server.url("/new")})
    local_server.routes["/new"] = Route(body=b"<html><body><p>Moved here.</p></body></html>")
    page = fetch(local_server.url("/old"))
    assert page.url == local_server.url("/new")
    assert page.data == b"<html><body><p>Moved here.</p></body></html>"


@pytest.mark.parametrize(
    "target", ["http://10.0.0.5/", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"]
)
def test_every_redirect_hop_is_checked_again(local_server, target):
    local_server.routes["/hop"] = Route(status=302, headers={"Location": target})
    with pytest.raises(IngestError):
        fetch(local_server.url("/hop"))
    assert len(local_server.host_headers) == 1  # the private target was never contacted


def test_redirect_chains_are_cut_short(local_server):
    for hop in range(6):
        local_server.routes[f"/r{hop}"] = Route(status=302, headers={"Location": f"/r{hop + 1}"})
    with pytest.raises(IngestError, match=r"^Too many redirects \(more than 3\) from "):
        fetch(local_server.url("/r0"))
    assert len(local_server.host_headers) == 4


def test_the_connection_goes_to_the_checked_address_not_a_fresh_lookup(local_server, monkeypatch):
    # DNS rebinding: the name resolves to an allowed address when checked, then elsewhere. A
    # second lookup would fail here; pinning the checked address means none happens.
    answers = iter([["127.0.0.1"]])
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "news.example":
            ips = next(answers, None)
            if ips is None:
                raise socket.gaierror(socket.EAI_NONAME, "rebound")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in ips]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    local_server.routes["/story.html"] = Route(body=ARTICLE_PAGE.encode())
    page = fetch(local_server.url("/story.html", host="news.example"))
    assert page.url == local_server.url("/story.html", host="news.example")
    assert local_server.host_headers == [f"news.example:{local_server.port}"]


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "image/png", "application/json", "application/zip"]
)
def test_content_that_is_not_a_page_or_text_is_refused(local_server, content_type):
    local_server.routes["/file"] = Route(body=b"x", headers={"Content-Type": content_type})
    with pytest.raises(IngestError, match=rf"serves {content_type}, not an HTML page or text\.$"):
        fetch(local_server.url("/file"))


@pytest.mark.parametrize(
    "content_type", ["text/plain; charset=utf-8", "text/markdown", "application/xhtml+xml"]
)
def test_text_and_markdown_are_accepted(local_server, content_type):
    local_server.routes["/file"] = Route(body=b"Title\n\nText.", headers={"Content-Type": content_type})
    assert fetch(local_server.url("/file")).data == b"Title\n\nText."


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "Not Found"), (500, "Internal Server Error"), (403, "Forbidden")]
)
def test_http_errors_are_reported(local_server, status, reason):
    local_server.routes["/x"] = Route(status=status, body=b"error page")
    with pytest.raises(IngestError, match=rf"answered HTTP {status} {reason}\.$"):
        fetch(local_server.url("/x"))


def test_a_page_over_the_cap_is_refused_from_its_declared_length(local_server):
    local_server.routes["/big"] = Route(body=b"a" * (CAP + 1))
    with pytest.raises(IngestError, match=r"is 65,537 bytes; the limit is 65,536 bytes\.$"):
        fetch(local_server.url("/big"))


def test_a_page_over_the_cap_is_refused_while_streaming_when_no_length_is_declared(local_server):
    def endless(handler):
        try:
            for _ in range(1000):
                handler.wfile.write(b"a" * 4096)
        except OSError:
            pass

    local_server.routes["/endless"] = Route(stream=endless)
    with pytest.raises(IngestError, match=r"is larger than the limit of 65,536 bytes\.$"):
        fetch(local_server.url("/endless"))


def test_a_refused_connection_is_reported():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(IngestError, match=r"^Could not connect to 127.0.0.1: refused or unreachable\.$"):
        fetch(f"http://127.0.0.1:{port}/")


def test_a_server_that_never_answers_times_out(local_server):
    local_server.routes["/silent"] = Route(stream=lambda handler: time.sleep(3))

    started = time.monotonic()
    with pytest.raises(IngestError, match=r"took longer than 0.5 seconds\.$"):
        fetch(local_server.url("/silent"), timeout=0.5)
    assert time.monotonic() - started < 2


def test_a_server_that_trickles_is_cut_off_at_the_overall_timeout(local_server):
    local_server.routes["/slow"] = Route(stream=trickle)
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"took longer than 0.5 seconds\.$"):
        fetch(local_server.url("/slow"), timeout=0.5)
    assert time.monotonic() - started < 2


def test_https_dials_the_checked_address_and_verifies_the_certificate_for_the_host_name(
    tls_local_server, monkeypatch
):
    server, ca_file = tls_local_server
    resolving(monkeypatch, {"news.example": ["127.0.0.1"], "wrong.example": ["127.0.0.1"]})
    server.routes["/story"] = Route(body=b"<html><body><p>Over TLS.</p></body></html>")
    url = f"https://news.example:{server.port}/story"
    page = fetch_url(url, max_bytes=CAP, timeout=5, allow_loopback=True, ca_bundle=ca_file)
    assert page.data == b"<html><body><p>Over TLS.</p></body></html>"
    assert server.host_headers == [f"news.example:{server.port}"]
    # Connecting by address must not weaken verification: another name fails on the same server.
    with pytest.raises(IngestError, match=r"^The TLS certificate of wrong.example could not be verified\.$"):
        fetch_url(
            f"https://wrong.example:{server.port}/story",
            max_bytes=CAP,
            timeout=5,
            allow_loopback=True,
            ca_bundle=ca_file,
        )
    with pytest.raises(IngestError, match=r"^The TLS certificate of news.example could not be verified\.$"):
        fetch_url(url, max_bytes=CAP, timeout=5, allow_loopback=True)  # default CAs: self-signed is refused
