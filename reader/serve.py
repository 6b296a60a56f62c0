"""`reader serve`: the same app in a web browser, through textual-serve.

textual-serve runs one `python -m reader` process per browser session with Textual's web driver
and relays it over a websocket to xterm.js in the page. Only the standard library is imported
at the top, so the command line can validate its arguments before textual-serve loads.
"""

from __future__ import annotations

import ipaddress
import re
import socket

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from aiohttp import web

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


#: Readers served at once by default: each is a process of about 35 MB.
DEFAULT_MAX_SESSIONS = 8


def allowed_origins(host: str, port: int, public_url: str) -> frozenset[str]:
    """The origins whose pages may open a reader: the server's own address and --public-url's.

    On loopback, localhost and 127.0.0.1 name the same server, so both are accepted. Any other
    page (a site the visitor has open in another tab) is refused: it could otherwise read the
    article over the websocket and type into the reader.
    """
    origins = {_origin(public_url), _origin(url_for(host, port))}
    if is_loopback(host):
        origins |= {f"http://{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}
    return frozenset(o for o in origins if o)


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower case, the way a browser sends it in Origin."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        return ""
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    netloc = host if port in (None, default) else f"{host}:{port}"
    return f"{parts.scheme.lower()}://{netloc.lower()}"


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    """True when a websocket's Origin header names an allowed page (a browser always sends one)."""
    return origin is not None and _origin(origin) in allowed


def serve(
    command: str, host: str, port: int, public_url: str, title: str, max_sessions: int = DEFAULT_MAX_SESSIONS,
) -> None:
    """Serve `command` to browsers on host:port until Ctrl+C; say the address first."""
    make_server(command, host, port, public_url, title, max_sessions).serve()


def make_server(
    command: str, host: str, port: int, public_url: str, title: str, max_sessions: int = DEFAULT_MAX_SESSIONS,
) -> Any:
    """The textual-serve server of `reader serve`, not yet started."""
    from aiohttp import web
    from textual_serve.server import Server

    origins = allowed_origins(host, port, public_url)

    class ReaderServer(Server):
        """textual-serve's server with reader's start-up line, an Origin check, a cap on sessions and a local page."""

        sessions = 0

        async def _make_app(self) -> web.Application:
            """textual-serve's web app, its page template read through the loader that keeps it local."""
            import aiohttp_jinja2

            app = await super()._make_app()
            aiohttp_jinja2.setup(app, loader=local_page_loader(self.templates_path))
            return app

        async def on_startup(self, app: web.Application) -> None:
            """Say where the reader is served."""
            print(f"Serving reader at {self.public_url} (press Ctrl+C to stop)", flush=True)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """Refuse other sites' pages and sessions beyond the cap; else run a reader."""
            if not origin_allowed(request.headers.get("Origin"), origins):
                raise web.HTTPForbidden(text="reader serve: pages from other sites may not open a reader\n")
            if ReaderServer.sessions >= max_sessions:
                return await _refuse_busy(request, max_sessions)
            ReaderServer.sessions += 1
            try:
                return await super().handle_websocket(request)
            finally:
                ReaderServer.sessions -= 1

    return ReaderServer(command, host=host, port=port, title=title, public_url=public_url)


#: A stylesheet or script the page would fetch from another host (textual-serve's page asks a
#: public font service for Roboto Mono): a reader's page requests nothing beyond its own server.
_EXTERNAL = re.compile(r"""<(link|script)\b[^>]*\b(?:href|src)\s*=\s*["']?(?:https?:)?//[^>]*>(?:\s*</script>)?""", re.IGNORECASE)

#: The same font, from the copy textual-serve ships in its static folder.
_LOCAL_FONT = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>
  </head>"""


def local_page(template: str) -> str:
    """textual-serve's page template without requests to other hosts, its font served by us."""
    return _EXTERNAL.sub("", template).replace("</head>", _LOCAL_FONT, 1)


def local_page_loader(templates: Any) -> Any:
    """A Jinja loader of textual-serve's templates that passes each through local_page."""
    import jinja2

    class LocalPageLoader(jinja2.FileSystemLoader):
        """Reads the templates as textual-serve ships them, minus what other hosts would serve."""

        def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
            """The template's text, kept local."""
            source, filename, uptodate = super().get_source(environment, template)
            return local_page(source), filename, uptodate

    return LocalPageLoader(templates)


async def _refuse_busy(request: web.Request, max_sessions: int) -> web.WebSocketResponse:
    """Tell the visitor, in the page's terminal, that every reader is taken; then close."""
    from aiohttp import web  # noqa: F811 - at run time, not only for the types

    websocket = web.WebSocketResponse()
    await websocket.prepare(request)
    message = busy_message(max_sessions)
    print(message, flush=True)
    await websocket.send_bytes(f"\r\n {message}\r\n".encode())
    await websocket.close()
    return websocket


def busy_message(max_sessions: int) -> str:
    """What a visitor beyond the cap reads."""
    return (
        f"reader serve: {max_sessions} readers are open, the most this server runs at once "
        "(--max-sessions); close one and reload this page"
    )
