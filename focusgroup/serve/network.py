"""Addresses for the servers phones and browsers reach: which port, which names are ours.

Shared by the note-taker's browser seat (`serve`) and the phones' card page (`collect`): both
refuse a request whose Host header is not this machine (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import secrets
import socket


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (tiny race before we bind it; fine for a room)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def lan_address() -> str:
    """This machine's address on the room's network (the route to the internet, no traffic)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def is_wildcard(host: str) -> bool:
    return host in ("", "0.0.0.0", "::")


def url_host(host: str) -> str:
    """IPv6 literals need brackets in URLs and Host headers."""
    try:
        return f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        return host


def local_names(bind_host: str, public_host: str) -> set[str]:
    names = {public_host, "localhost", "127.0.0.1", "::1"}
    if not is_wildcard(bind_host):
        names.add(bind_host)
        return names
    hostname = socket.gethostname()
    names |= {hostname, f"{hostname}.local", lan_address()}
    try:
        names |= {str(info[4][0]) for info in socket.getaddrinfo(hostname, None)}
    except OSError:
        pass
    return names


def allowed_hosts(bind_host: str, public_host: str, port: int) -> set[str]:
    """Host header values that name this server (with the port; bare names on port 80)."""
    names = local_names(bind_host, public_host)
    hosts = {f"{url_host(name)}:{port}" for name in names}
    if port == 80:
        hosts |= {url_host(name) for name in names}
    return hosts


def token_matches(offered: str, token: str) -> bool:
    """The secret from the link or its cookie, compared in constant time."""
    return secrets.compare_digest(offered.encode(), token.encode())


def same_origin(origin: str, hosts: set[str]) -> bool:
    """A browser's Origin header names this server (plain http on the room's network)."""
    return origin.startswith("http://") and origin[len("http://") :] in hosts
