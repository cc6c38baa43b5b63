"""Fixtures for browser tests: a fresh build of the site, nginx serving it, and Chromium.

The site is built once per session into a temporary folder and served by nginx under a sub-path
(``/intranet/panduan/``) with the strict Content-Security-Policy of the hosting guide, as an IT
administrator would. A second nginx server serves the same files with ``.wasm`` as
``application/octet-stream`` (a common misconfiguration) for the watchdog test. Every page gets a
route guard: a request that leaves the local origin is aborted and fails the test.

Under ``CI=true`` a missing Chromium or nginx fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

from sitebuild import ROOT, build_site  # noqa: F401 - build_site is used by tests
from sitegen.serve import CSP

SUB_PATH = "/intranet/panduan/"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]
IN_CI = os.environ.get("CI") == "true"


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is required for the browser tests under CI", pytrace=False)
    pytest.skip(f"{what} not available")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
"""Debian's libnginx-mod-http-brotli-static (installed by .ci/run), enabled in modules-enabled/."""


def nginx_conf(tmp: Path, servers: str, mime_fix: bool = True) -> str:
    """A whole nginx.conf for a test: pid, logs and temp files under ``tmp``, then ``servers``.

    ``mime_fix`` adds the MIME types Debian's mime.types lacks; a test of the hosting guide's
    own snippet leaves it out, since the snippet must bring them itself.
    """
    user = "user root;" if os.geteuid() == 0 else ""
    types = "types { text/javascript mjs; application/wasm wasm; }" if mime_fix else ""
    # Debian's nginx.conf loads installed modules from modules-enabled/ (paths relative to its
    # prefix, which a test changes): the Brotli module, by its full path.
    modules = f"load_module {BROTLI_MODULE};" if BROTLI_MODULE.exists() else ""
    return f"""
{modules}
worker_processes 1;
daemon off;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  {types}
  default_type application/octet-stream;
  access_log {tmp}/access.log;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
{servers}
}}
"""


SERVERS = """
  server {{
    listen 127.0.0.1:{port};
    add_header Content-Security-Policy "{csp}" always;
    gzip_static on;  # the build's .gz copies, as the hosting guide sets up
    location = / {{ return 404; }}
    location {sub} {{ alias {site}/; }}
  }}
  # The same site, misconfigured: .wasm served as application/octet-stream.
  server {{
    listen 127.0.0.1:{bad_port};
    add_header Content-Security-Policy "{csp}" always;
    location ~ \\.wasm$ {{ root {tmp}/bad; types {{ }} default_type application/octet-stream; }}
    location {sub} {{ alias {site}/; }}
  }}
"""


@dataclass
class Server:
    base: str  # e.g. http://127.0.0.1:PORT/intranet/panduan/
    bad_base: str  # the misconfigured twin
    site: Path
    log: Path
    extra: dict[str, Any] = field(default_factory=dict)


def start_nginx(site: Path, tmp: Path, csp: str = CSP) -> tuple[subprocess.Popen[bytes], Server]:
    """Serve ``site`` under the sub-path (and its misconfigured twin), sending ``csp``."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        _missing("nginx")
    tmp.mkdir(parents=True, exist_ok=True)
    # The misconfigured server maps /intranet/panduan/x.wasm to {tmp}/bad/intranet/panduan/x.wasm.
    bad = tmp / "bad" / SUB_PATH.strip("/")
    bad.parent.mkdir(parents=True, exist_ok=True)
    if not bad.exists():
        bad.symlink_to(site)
    port, bad_port = free_port(), free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf(tmp, SERVERS.format(
        tmp=tmp, port=port, bad_port=bad_port, csp=csp, sub=SUB_PATH, site=site)))
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    proc = run_nginx(nginx, conf, tmp, base)
    return proc, Server(base, f"http://127.0.0.1:{bad_port}{SUB_PATH}", site, tmp / "error.log")


def run_nginx(nginx: str, conf: Path, tmp: Path, base: str) -> subprocess.Popen[bytes]:
    """Start nginx with ``conf`` and wait until ``base`` answers."""
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1).read()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("nginx failed: " + proc.stderr.read().decode())  # type: ignore[union-attr]
            time.sleep(0.05)
    return proc


GUIDE = ROOT / "docs" / "referensi" / "hosting.md"
GUIDE_PATH = "/kerja-fleksibel/"


def guide_block(lang: str) -> str:
    """The one ``lang`` code block of the hosting guide."""
    import re

    blocks = re.findall(r"^```%s\n(.*?)^```" % lang, GUIDE.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) == 1, f"the hosting guide should have one {lang} block"
    return blocks[0]


BROTLI_LINE = "    # brotli_static on;"


def start_guide_nginx(site: Path, tmp: Path, brotli: Optional[bool] = None) -> tuple[subprocess.Popen[bytes], Server]:
    """nginx running the hosting guide's own configuration, unchanged but for port and folder,
    and with its Brotli line switched on, as the guide says, where the Brotli module is installed
    (``extra["brotli"]`` tells which); ``brotli=False`` leaves the line off, as on a server
    without the module (or one reached over plain http, where browsers do not ask for Brotli)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        _missing("nginx")
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    snippet = guide_block("nginx")
    assert "listen 80;" in snippet and "/srv/www/kerja-fleksibel/" in snippet
    assert BROTLI_LINE + "\n" in snippet
    brotli = BROTLI_MODULE.exists() if brotli is None else brotli and BROTLI_MODULE.exists()
    if brotli:
        snippet = snippet.replace(BROTLI_LINE, BROTLI_LINE.replace("# ", "", 1))
    snippet = snippet.replace("listen 80;", f"listen 127.0.0.1:{port};")
    snippet = snippet.replace("/srv/www/kerja-fleksibel/", f"{site}/")
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf(tmp, snippet, mime_fix=False))
    test = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True,
                          check=False)
    assert test.returncode == 0, test.stderr
    base = f"http://127.0.0.1:{port}{GUIDE_PATH}"
    proc = run_nginx(nginx, conf, tmp, base)
    return proc, Server(base, base, site, tmp / "error.log",
                        {"conf": conf, "nginx": nginx, "tmp": tmp, "brotli": brotli})


@pytest.fixture(scope="session")
def server(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    proc, srv = start_nginx(built_site, tmp_path_factory.mktemp("nginx"))
    yield srv
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def runtime_script_compiles(events: list[dict[str, Any]]) -> list[int]:
    """Chromium's compiles of the runtime's pyodide.asm.mjs among a trace's events, in order: for
    each, the size of the compiled code it was given from the browser's code cache (0: compiled
    from its text)."""
    compiles = [e for e in events if e.get("name") == "v8.compileModule"
                and str(e.get("args", {}).get("data", {}).get("url", "")).endswith("/pyodide.asm.mjs")]
    return [e["args"]["data"].get("consumedCacheSize", 0) for e in sorted(compiles, key=lambda e: e["ts"])]


class OriginGuard:
    """Aborts and records every request that leaves the allowed origins."""

    def __init__(self, allowed: list[str]) -> None:
        self.allowed = allowed
        self.blocked: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        if any(url.startswith(a) for a in self.allowed):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def new_context(browser: Any, server: Server, **kwargs: Any) -> tuple[Any, OriginGuard]:
    origins = [server.base.split(SUB_PATH)[0] + "/", server.bad_base.split(SUB_PATH)[0] + "/"]
    guard = OriginGuard(origins)
    context = browser.new_context(**kwargs)
    context.route("**/*", guard)
    return context, guard


@pytest.fixture
def context(browser: Any, server: Server) -> Iterator[Any]:
    ctx, guard = new_context(browser, server)
    ctx.guard = guard
    yield ctx
    ctx.close()
    assert not guard.blocked, f"requests left the local origin: {guard.blocked}"


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.errors = errors
    yield p
