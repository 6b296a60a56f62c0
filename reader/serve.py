"""`reader serve`: the same app in a web browser, through textual-serve.

textual-serve runs one `python -m reader` process per browser session with Textual's web driver
and relays it over a websocket to xterm.js in the page. Only the standard library is imported
at the top, so the command line can validate its arguments before textual-serve loads.
"""

from __future__ import annotations

import ipaddress
import socket

#: Hosts that mean "every interface": browsers cannot connect to them by that name.
_WILDCARD = ("0.0.0.0", "::", "")


def url_for(host: str, port: int) -> str:
    """The address a browser opens to reach a server bound to host and port."""
    if host in _WILDCARD:
        host = socket.gethostname()  # the name other machines know this one by
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    return f"http://{host}:{port}"


def is_loopback(host: str) -> bool:
    """True when every address the host names is on this machine only."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def check_bind(host: str, port: int) -> None:
    """Raise OSError when the server could not listen on host and port (taken, unknown host...)."""
    family = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)[0][0]
    # create_server sets SO_REUSEADDR as aiohttp does, so a port in TIME_WAIT is not refused here
    socket.create_server((host, port), family=family).close()


def serve(command: str, host: str, port: int, public_url: str, title: str) -> None:
    """Serve `command` to browsers on host:port until Ctrl+C; say the address first."""
    from textual_serve.server import Server

    class ReaderServer(Server):
        """textual-serve's server with reader's own start-up line instead of its banner."""

        async def on_startup(self, app: object) -> None:
            """Say where the reader is served."""
            print(f"Serving reader at {self.public_url} (press Ctrl+C to stop)", flush=True)

    ReaderServer(command, host=host, port=port, title=title, public_url=public_url).serve()
