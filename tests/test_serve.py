"""`reader serve`: the command line, and the reader driven in headless Chromium end to end.

The browser test drives Debian's chromium through its chromedriver with Selenium. The page of
textual-serve draws the terminal with xterm.js on a canvas and keeps the xterm instance in a
closure, so a script added before the page loads keeps a reference to it (the one object
assigned to a `terminal` property that looks like an xterm Terminal); the test reads the
screen from its buffer and types into xterm's own textarea, as a keyboard would.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from reader import serve
from reader.cli import main

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
#: how long the server, the browser and the app may take at each step, at most
TIMEOUT = 30.0

# Keeps the page's xterm Terminal as window.__readerTerminal when textual.js stores it.
_KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (!window.__readerTerminal && value && value.buffer && typeof value.loadAddon === "function") {
      window.__readerTerminal = value;
    }
  },
});
"""

# The rows of the terminal as shown, one line each; null until the terminal exists.
_READ_SCREEN = """
const term = window.__readerTerminal;
if (!term) return null;
const buffer = term.buffer.active, rows = [];
for (let y = 0; y < term.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y);
  rows.push(line ? line.translateToString(true) : "");
}
return rows.join("\\n");
"""

_CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1280,900",
    # only loopback, ever: no proxy, and every other name (the page asks for a web font) unresolved
    "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


def _cli(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(what: str, probe: Callable[[], object], timeout: float = TIMEOUT) -> object:
    """Poll until probe returns something truthy; fail saying what never came."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := probe():
            return result
        time.sleep(0.1)
    pytest.fail(f"gave up after {timeout:.0f}s waiting for {what}")


def _accepts(port: int) -> bool:
    """True when something listens on the loopback port."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


# -- the command line ---------------------------------------------------------------------
def test_serve_help():
    code, out, _ = _cli("serve", "--help")
    assert code == 0 and out.startswith("usage: reader serve")
    flat = " ".join(out.split())  # argparse wraps the help to the terminal
    assert "--host" in flat and "--port" in flat and "exposes the reader to the network" in flat
    code, out, _ = _cli("--help")
    assert code == 0 and "reader serve" in out


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http"])
def test_bad_port_is_a_usage_error(port):
    code, _, err = _cli("serve", "--port", port)
    assert code == 2 and "--port" in err and len(err.strip().splitlines()) == 1


def test_port_in_use_is_a_usage_error():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, out, err = _cli("serve", "--port", str(port))
    assert code == 2 and out == ""
    assert f"cannot serve on 127.0.0.1 port {port}" in err


def test_bad_article_fails_before_serving(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "serve", lambda *a, **k: pytest.fail("served a bad article"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n", encoding="utf-8")
    code, _, err = _cli("serve", str(bad))
    assert code == 1 and "the top level must be a map" in err


def test_beyond_loopback_warns_and_serves_the_same_article(monkeypatch):
    served = {}
    monkeypatch.setattr(serve, "check_bind", lambda host, port: None)
    monkeypatch.setattr(serve, "serve", lambda command, host, port, url, title, *rest: served.update(locals()))
    code, _, err = _cli("serve", "kursk-captures", "--host", "0.0.0.0", "--port", "8123")
    assert code == 0
    assert err.count("\n") == 1 and "warning: serving on 0.0.0.0 exposes the reader to the network" in err
    assert served["host"] == "0.0.0.0" and served["port"] == 8123
    assert served["command"].startswith(sys.executable) and " -m reader " in served["command"]
    assert served["command"].endswith("kursk-captures.yaml")
    assert served["url"] == f"http://{socket.gethostname()}:8123"


def test_loopback_serves_quietly(monkeypatch):
    monkeypatch.setattr(serve, "check_bind", lambda host, port: None)
    monkeypatch.setattr(serve, "serve", lambda *a: None)
    assert _cli("serve", "--port", "8123") == (0, "", "")
    assert _cli("serve", "--host", "localhost", "--port", "8123") == (0, "", "")


@pytest.mark.parametrize(
    "host, loopback", [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.2", False)],
)
def test_is_loopback(host, loopback):
    assert serve.is_loopback(host) is loopback


def test_url_for():
    assert serve.url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert serve.url_for("::1", 8000) == "http://[::1]:8000"


# -- the page asks nothing of other hosts ---------------------------------------------------
class _Requests(HTMLParser):
    """The URLs an HTML page makes a browser fetch: src and href of its elements, url() in its styles."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            # an <a href> is a link a person follows, not a request; everything else's src/href is fetched
            if value and (name in ("src", "srcset", "poster", "data") or (name == "href" and tag != "a")):
                self.urls.append(value)
            if name == "style" and value:
                self.urls += _css_requests(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += _css_requests(data)


def _css_requests(css: str) -> list[str]:
    """The URLs a stylesheet fetches: url(...) and @import, comments left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found = re.findall(r"""url\(\s*["']?([^"')\s]+)""", css)
    return found + re.findall(r"""@import\s+["']([^"']+)""", css)


async def test_the_served_page_requests_nothing_from_other_hosts():
    from aiohttp.test_utils import TestClient, TestServer

    port = _free_port()
    made = serve.make_server("true", "127.0.0.1", port, f"http://127.0.0.1:{port}", "reader")
    async with TestClient(TestServer(await made._make_app(), port=port)) as client:
        page = await client.get("/")
        assert page.status == 200
        html = await page.text()
        parser = _Requests()
        parser.feed(html)
        base = f"http://127.0.0.1:{port}/"
        requested = [urljoin(base, url) for url in parser.urls]
        assert any(url.endswith(".css") for url in requested) and any(url.endswith(".js") for url in requested)
        assert any("Roboto" in url for url in requested)  # the font still comes, from us
        for url in list(requested):
            assert urlsplit(url).netloc == f"127.0.0.1:{port}", f"the page asks another host for {url}"
            served = await client.get(urlsplit(url).path)
            assert served.status == 200, url
            if url.endswith(".css"):
                nested = [urljoin(url, u) for u in _css_requests(await served.text())]
                assert all(urlsplit(u).netloc == f"127.0.0.1:{port}" for u in nested), nested
            elif url.endswith(".js"):
                # a script's own fetches: a literal address of another host would be one
                hosts = re.findall(r"""["'`](?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,})""", await served.text())
                assert hosts == [], f"{url} names other hosts: {sorted(set(hosts))}"
    assert "fonts.googleapis.com" not in html


def test_local_page_strips_links_to_other_hosts_whatever_their_form():
    page = (
        '<head><link rel="stylesheet" href="https://fonts.example/css?family=X" />'
        "<link href='//cdn.example/a.css' rel=stylesheet>"
        '<script src="http://cdn.example/x.js"></script>'
        '<link rel="stylesheet" href="{{ config.static.url }}css/xterm.css" /></head>'
    )
    local = serve.local_page(page)
    assert "example" not in local and "css/xterm.css" in local and "@font-face" in local


# -- end to end, in a browser ---------------------------------------------------------------
@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`reader serve` on a free loopback port; its URL and the file its output goes to."""
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env,
        )
    try:
        _wait_for(f"reader serve to listen on port {port}", lambda: _accepts(port) or proc.poll() is not None)
        assert proc.poll() is None, log.read_text()
        yield f"http://127.0.0.1:{port}", log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def browser(tmp_path: Path):
    """Headless Chromium through chromedriver, with a fresh profile; skipped where missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)):
        if not os.access(path, os.X_OK):
            pytest.skip(f"{name} is not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*_CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    # a path to the driver keeps Selenium Manager from looking for one on the network
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(TIMEOUT)
        driver.set_script_timeout(TIMEOUT)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _KEEP_TERMINAL})
        yield driver
    finally:
        driver.quit()


@pytest.mark.serial  # a server on a port found free a moment before, and a browser's timeouts
def test_the_reader_in_a_browser(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, log = server
    assert f"Serving reader at {url} (press Ctrl+C to stop)" in log.read_text()
    browser.get(url + "/")

    def screen_with(*needles: str) -> Callable[[], str | None]:
        def probe() -> str | None:
            screen = browser.execute_script(_READ_SCREEN)
            return screen if screen and all(n in screen for n in needles) else None
        return probe

    screen = _wait_for("the first beat in the page", screen_with("Beat 1 of 11"))
    assert "Two captures in Kursk" in screen

    keyboard = browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    keyboard.send_keys(Keys.ARROW_RIGHT)
    _wait_for("a key press to step to beat 2", screen_with("Beat 2 of 11"))
    keyboard.send_keys(Keys.ARROW_RIGHT)
    screen = _wait_for("beat 3 with both narratives", screen_with("Beat 3 of 11", "The gray zone mission", "The lone soldier"))
    assert "Two captures in Kursk" in screen
