"""The agent's loopback endpoint where the browser extension reports the active tab."""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from dayglass.agent.browser_focus import FocusBlock
from dayglass.agent.browser_report import TabReport, parse_report
from dayglass.agent.browser_tabs import BrowserTabs
from dayglass.core.errors import InvalidInput

log = logging.getLogger(__name__)
PATH = "/browser/tab"  # a report; the answer says whether its page is blocked
CHECK_PATH = "/browser/check"  # whether a page is blocked now (the blocked page asks)
ALLOW_PATH = "/browser/allow"  # open this page's site for the rest of the focus session
SECRET_HEADER = "X-Dayglass-Secret"
MAX_BODY = 16 * 1024
# Only an extension may call from a browser: a web page's origin is refused, so no site can
# make the browser talk to the agent (the secret guards against everything else).
_EXTENSION_ORIGIN = re.compile(r"(chrome|moz|safari-web)-extension://[A-Za-z0-9._-]+")


class BrowserEndpoint:
    """An HTTP server on 127.0.0.1 that takes tab reports with the installation's secret."""

    def __init__(self, tabs: BrowserTabs, focus: FocusBlock, port: int, secret: str) -> None:
        if not secret:
            raise InvalidInput("the browser endpoint needs a secret: run `dayglass agent setup`")
        handler = _handler(tabs, focus, secret)
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
        )

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()
        log.info("browser extension endpoint on 127.0.0.1:%d", self.port)

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler(tabs: BrowserTabs, focus: FocusBlock, secret: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 5  # a request that stops arriving must not hold a thread
        server_version = "dayglass-agent"

        def do_OPTIONS(self) -> None:
            """CORS preflight: answered for extension origins only."""
            if self._refused():
                return
            self._answer(204, extra={"Access-Control-Max-Age": "600"})

        def do_POST(self) -> None:
            """A tab report, a check or an allowance."""
            if self._refused():
                return
            if not hmac.compare_digest(
                self.headers.get(SECRET_HEADER, "").encode(), secret.encode()
            ):
                self._answer(401, "wrong secret: paste what `dayglass agent browser` prints")
                return
            length = self.headers.get("Content-Length", "")
            if not length.isdigit() or int(length) > MAX_BODY:
                self._answer(413, f"a report is at most {MAX_BODY} bytes")
                return
            try:
                report = parse_report(json.loads(self.rfile.read(int(length))))
            except (ValueError, InvalidInput) as failure:
                self._answer(400, str(failure))
                return
            self._act(report)

        def _act(self, report: TabReport) -> None:
            if self.path == ALLOW_PATH and report.url:
                focus.allow(report.url)
                self._answer(204)
                return
            if self.path == PATH:
                tabs.receive(report)
            self._answer(200, body={"block": focus.verdict(report.url)})

        def do_GET(self) -> None:
            """Nothing to read here."""
            if not self._refused():
                self._answer(405, "POST a report")

        def _refused(self) -> bool:
            """Refuse what is not loopback, not addressed to us, or from a web page."""
            origin = self.headers.get("Origin")
            port = self.server.server_port  # type: ignore[attr-defined]  # an HTTPServer
            if not ipaddress.ip_address(self.client_address[0]).is_loopback:
                self._answer(403, "loopback only")
            elif self.headers.get("Host") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
                self._answer(403, "unexpected Host")  # DNS rebinding
            elif origin is not None and not _EXTENSION_ORIGIN.fullmatch(origin):
                self._answer(403, "only the Dayglass extension may call")
            elif self.path not in (PATH, CHECK_PATH, ALLOW_PATH):
                self._answer(404, "not found")
            else:
                return False
            return True

        def _answer(
            self,
            status: int,
            message: str = "",
            extra: dict[str, str] | None = None,
            body: object = None,
        ) -> None:
            payload = {"error": message} if message else body
            data = json.dumps(payload).encode() if payload is not None else b""
            self.send_response(status)
            origin = self.headers.get("Origin")
            if origin is not None and _EXTENSION_ORIGIN.fullmatch(origin):
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", f"Content-Type, {SECRET_HEADER}")
            self.send_header("Vary", "Origin")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status >= 400:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: a report a second would flood the agent's log."""

    return Handler


def start_endpoint(
    tabs: BrowserTabs, focus: FocusBlock, port: int, secret: str
) -> BrowserEndpoint | None:
    """The running endpoint, or None (logged) when there is no secret or the port is taken."""
    if not secret:
        log.info("no browser secret in the settings: `dayglass agent browser` makes one")
        return None
    try:
        endpoint = BrowserEndpoint(tabs, focus, port, secret)
    except OSError as failure:
        # Windows are still recorded; only the sites are missing until the port is free.
        log.warning("cannot listen for the browser extension on port %d: %s", port, failure)
        return None
    endpoint.start()
    return endpoint
