"""Open a local page in headless Chromium and report what a person's browser would see.

Speaks the DevTools protocol over `--remote-debugging-pipe` (fd 3 commands, fd 4 replies, messages
ended by NUL), so there is no port to race for and no dependency beyond the standard library. The
page's console errors, uncaught exceptions, error log entries, dialogs (alert/confirm) and every
request it makes are collected; probes are JavaScript expressions evaluated once the page loaded.
DNS is disabled for the browser, so a page that tries to reach the network fails, never sends.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--no-default-browser-check",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,900", "--remote-debugging-pipe",
]


def chromium() -> str | None:
    """Path of Chromium (Debian's `chromium`, else another Chromium-based browser), or None."""
    if os.name != "posix":  # the pipe is passed as inherited fds 3 and 4
        return None
    for name in (os.environ.get("QMS_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


@dataclass
class PageVisit:
    url: str
    errors: list[str] = field(default_factory=list)  # console.error/assert, uncaught exceptions, error logs
    requests: list[str] = field(default_factory=list)  # every URL the page asked for, itself included
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt messages (dismissed)
    probes: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes | None = None


# Chromium reads commands from fd 3 and writes replies to fd 4: put the pipe ends there, then exec.
_TRAMPOLINE = (
    "import os, sys\n"
    "commands, replies = int(sys.argv[1]), int(sys.argv[2])\n"
    "os.dup2(commands, 3); os.dup2(replies, 4); os.close(commands); os.close(replies)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


class DevTools:
    """One browser process and one page session, driven over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path, timeout: float) -> None:
        self.timeout = timeout
        cmd_read, self._cmd = os.pipe()
        self._reply, reply_write = os.pipe()
        cmd_read, reply_write = _above_four(cmd_read), _above_four(reply_write)  # dup2 to 3, 4 cannot clash
        self._stderr = (profile / "stderr.log").open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _TRAMPOLINE, str(cmd_read), str(reply_write),
             binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(cmd_read, reply_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=self._stderr,
        )
        os.close(cmd_read)
        os.close(reply_write)
        self._buffer = b""
        self._next_id = 0
        self.session: str | None = None
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, params: dict[str, Any] | None = None, page: bool = True) -> dict[str, Any]:
        """Send a command (to the page session unless page=False) and wait for its reply."""
        self._next_id += 1
        ident = self._next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if page and self.session:
            message["sessionId"] = self.session
        os.write(self._cmd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"DevTools {method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        while True:
            message = self._receive()
            self._event(message)
            if message.get("method") == method:
                return message.get("params", {})

    def _event(self, message: dict[str, Any]) -> None:
        if "method" not in message:
            return
        self.events.append(message)
        if message["method"] == "Page.javascriptDialogOpening":  # a blocked page never finishes loading
            self._next_id += 1
            dismiss = {"id": self._next_id, "method": "Page.handleJavaScriptDialog", "params": {"accept": False},
                       "sessionId": message.get("sessionId")}
            os.write(self._cmd, json.dumps(dismiss).encode() + b"\0")

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._reply], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError(f"Chromium did not answer within {self.timeout} s{self._stderr_tail()}")
            chunk = os.read(self._reply, 1 << 16)
            if not chunk:
                raise RuntimeError(f"Chromium exited ({self.proc.poll()}){self._stderr_tail()}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _stderr_tail(self) -> str:
        self._stderr.flush()
        text = Path(self._stderr.name).read_text(encoding="utf-8", errors="replace")
        return ": " + text[-2000:] if text else ""

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.call("Browser.close", page=False)
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self._cmd)
        os.close(self._reply)
        self._stderr.close()


def _above_four(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


def visit(page: Path, probes: dict[str, str], screenshot: bool = False, timeout: float = 60) -> PageVisit:
    """Load `page` from disk, wait for its load event, evaluate each probe; collect what went wrong."""
    binary = chromium()
    if binary is None:
        raise RuntimeError("Chromium is not installed")
    url = page.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="qms-chromium-") as profile:
        tools = DevTools(binary, Path(profile), timeout)
        try:
            target = tools.call("Target.createTarget", {"url": "about:blank"}, page=False)["targetId"]
            tools.session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                       page=False)["sessionId"]
            for domain in ("Runtime", "Log", "Network", "Page"):
                tools.call(f"{domain}.enable")
            tools.call("Page.navigate", {"url": url})
            tools.wait_for("Page.loadEventFired")
            result = PageVisit(url)
            for name, expression in probes.items():
                value = tools.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
                if "exceptionDetails" in value:
                    raise RuntimeError(f"probe {name} failed: {value['exceptionDetails']}")
                result.probes[name] = value["result"].get("value")
            if screenshot:
                shot = tools.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
                result.screenshot = base64.b64decode(shot["data"])
            tools.call("Runtime.evaluate", {"expression": "1"})  # flush events queued before this point
        finally:
            tools.close()
    _collect(tools.events, result)
    return result


def _collect(events: list[dict[str, Any]], result: PageVisit) -> None:
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            result.errors.append("console: " + " ".join(str(a.get("value", a.get("description")))
                                                        for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            result.errors.append("exception: " + str(details.get("exception", {}).get("description")
                                                     or details.get("text")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            result.errors.append("log: " + params["entry"].get("text", ""))
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            result.errors.append(f"network: {params.get('errorText')}")
        elif method == "Network.requestWillBeSent":
            result.requests.append(params["request"]["url"])
        elif method == "Page.javascriptDialogOpening":
            result.dialogs.append(params.get("message", ""))
