"""Fetch one web page for ingestion, safely: public addresses only, bounded in time and size.

The URL comes from a user, so the server must not become a proxy into the private network
(server-side request forgery). Every hop of a redirect chain is resolved and every address
the name resolves to is checked; the connection then goes to the checked address itself, so
a name that resolves differently a moment later (DNS rebinding) cannot redirect it.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from articles.errors import IngestError

MAX_REDIRECTS = 3
ACCEPTED_CONTENT_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK_BYTES = 64 * 1024
_HEADERS = {
    "User-Agent": "claimtrack/1.0 (article ingestion)",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9",
}

# Translators reach IPv4 through IPv6; the IPv4 address inside is the one that is dialled.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # where the page was found, after redirects
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class _Target:
    url: str
    pinned_url: str  # the same URL with the checked address in place of the host name
    host_header: str
    hostname: str


def fetch_url(
    url: str, *, max_bytes: int, timeout: float, allow_loopback: bool = False, ca_bundle: str | None = None
) -> FetchedPage:
    """Download a page, or raise IngestError with a one-line reason.

    `timeout` bounds the whole fetch, redirects included, not only each socket operation: a
    server that trickles one byte a second must not hold an ingest for hours. `ca_bundle`
    replaces the default certificate authorities (certifi's) with the ones in that file.
    """
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = _resolve_target(current, allow_loopback=allow_loopback)
        with _pinned_session(target.hostname, ca_bundle=ca_bundle) as session:
            try:
                response = session.get(
                    target.pinned_url,
                    headers={**_HEADERS, "Host": target.host_header},
                    stream=True,
                    allow_redirects=False,
                    timeout=_remaining(deadline, target.url, timeout),
                )
            except requests.RequestException as exc:
                raise _request_error(exc, target, timeout) from exc
            with response:
                if response.status_code in _REDIRECT_STATUSES:
                    location = response.headers.get("Location")
                    if not location:
                        raise IngestError(f"{target.url} redirects without saying where to.")
                    current = urljoin(target.url, location.strip())
                    continue
                return _read_page(response, target, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
    raise IngestError(f"Too many redirects (more than {MAX_REDIRECTS}) from {url}.")


def is_public_address(address: IPAddress) -> bool:
    """True only for globally routable unicast addresses, looking inside IPv4 embedded in IPv6."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in _LOCAL_NAT64:
            return False
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _resolve_target(url: str, *, allow_loopback: bool) -> _Target:
    if any(char.isspace() or ord(char) < 0x20 for char in url):
        raise IngestError("The URL contains spaces or control characters.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise IngestError(f"Only http:// and https:// URLs can be fetched, not {url[:80]!r}.")
    if parts.username is not None or parts.password is not None:
        raise IngestError("URLs with a user name or password are not accepted.")
    try:
        hostname = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except (UnicodeError, ValueError):
        raise IngestError(f"The URL {url[:200]} has an invalid host or port.") from None
    if not hostname:
        raise IngestError(f"The URL {url[:200]} has no host name.")
    address = _checked_address(hostname, port, allow_loopback=allow_loopback)
    host_for_url = f"[{address}]" if address.version == 6 else str(address)
    default_port = port == (443 if parts.scheme.lower() == "https" else 80)
    # The Host header names the host as the URL did; an IPv6 literal keeps its brackets.
    shown_host = f"[{hostname}]" if ":" in hostname else hostname
    return _Target(
        url=url,
        pinned_url=urlunsplit((parts.scheme, f"{host_for_url}:{port}", parts.path or "/", parts.query, "")),
        host_header=shown_host if default_port else f"{shown_host}:{port}",
        hostname=hostname,
    )


def _checked_address(hostname: str, port: int, *, allow_loopback: bool) -> IPAddress:
    try:
        # getaddrinfo also normalises the numeric tricks (0x7f000001, 2130706433, 0177.0.0.1)
        # the way the connection would, so what is checked is what would be dialled.
        infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise IngestError(f"The host name {hostname} could not be resolved.") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    if not addresses:
        raise IngestError(f"The host name {hostname} could not be resolved.")
    for address in addresses:
        if allow_loopback and address.is_loopback:
            continue
        if not is_public_address(address):
            raise IngestError(
                f"{hostname} resolves to {address}, a private or reserved address; refusing to fetch it."
            )
    return addresses[0]


class _PinnedHostAdapter(HTTPAdapter):
    """Dials the checked IP address while TLS still sends and verifies the real host name."""

    def __init__(self, hostname: str) -> None:
        self._hostname = hostname
        super().__init__(max_retries=0)

    def init_poolmanager(self, connections, maxsize, block=False, **pool_kwargs) -> None:
        pool_kwargs["server_hostname"] = self._hostname
        pool_kwargs["assert_hostname"] = self._hostname
        super().init_poolmanager(connections, maxsize, block=block, **pool_kwargs)


def _pinned_session(hostname: str, *, ca_bundle: str | None) -> requests.Session:
    session = requests.Session()
    session.verify = ca_bundle or True
    # Proxies or .netrc from the environment would send the request somewhere other than the
    # address that was checked.
    session.trust_env = False
    adapter = _PinnedHostAdapter(hostname)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _read_page(
    response: requests.Response, target: _Target, *, max_bytes: int, deadline: float, timeout: float
) -> FetchedPage:
    if not 200 <= response.status_code < 300:
        reason = " ".join((response.reason or "").split())
        raise IngestError(f"{target.url} answered HTTP {response.status_code} {reason}".rstrip() + ".")
    content_type = response.headers.get("Content-Type", "")
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime and mime not in ACCEPTED_CONTENT_TYPES:
        raise IngestError(f"{target.url} serves {mime[:80]}, not an HTML page or text.")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(f"{target.url} is {int(declared):,} bytes; the limit is {max_bytes:,} bytes.")
    chunks: list[bytes] = []
    received = 0
    try:
        # read1 returns what has arrived instead of waiting for a full chunk, so the deadline is
        # checked even while a server trickles. Sizes count decoded bytes: a gzip bomb stops at
        # the cap too.
        while chunk := response.raw.read1(_CHUNK_BYTES, decode_content=True):
            received += len(chunk)
            if received > max_bytes:
                raise IngestError(f"{target.url} is larger than the limit of {max_bytes:,} bytes.")
            _remaining(deadline, target.url, timeout)
            chunks.append(chunk)
    except urllib3.exceptions.ReadTimeoutError:
        raise IngestError(f"Fetching {target.url} took longer than {timeout:g} seconds.") from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise IngestError(f"The connection to {target.hostname} broke off ({type(exc).__name__}).") from None
    return FetchedPage(url=target.url, content_type=content_type, data=b"".join(chunks))


def _remaining(deadline: float, url: str, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise IngestError(f"Fetching {url} took longer than {timeout:g} seconds.")
    return left


def _request_error(exc: requests.RequestException, target: _Target, timeout: float) -> IngestError:
    if isinstance(exc, requests.Timeout):
        return IngestError(f"Fetching {target.url} took longer than {timeout:g} seconds.")
    if isinstance(exc, requests.exceptions.SSLError):
        return IngestError(f"The TLS certificate of {target.hostname} could not be verified.")
    if isinstance(exc, requests.ConnectionError):
        return IngestError(f"Could not connect to {target.hostname}: refused or unreachable.")
    return IngestError(f"Fetching {target.url} failed ({type(exc).__name__}).")
