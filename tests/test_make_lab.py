"""`make lab` serves JupyterLab on localhost with token authentication on."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    """Return the HTTP status of a GET, following no redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_listening(port, deadline):
    """Return once something accepts connections on the port, or fail at the deadline."""
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nothing listens on port {port}")


@pytest.fixture()
def lab_server():
    """Run `make lab` on a free port; yield (port, token, log); stop it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_OPTS=--port={port} --no-browser"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    log, token = [], None
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and token is None:
            line = process.stdout.readline()
            if not line:
                break
            log.append(line)
            found = re.search(rf"http://127\.0\.0\.1:{port}/lab\S*\?token=([0-9a-f]+)", line)
            if found:
                token = found.group(1)
        assert token, "JupyterLab did not print a tokened URL:\n" + "".join(log)
        wait_until_listening(port, deadline)
        yield port, token, "".join(log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        process.stdout.close()


def test_make_lab_serves_jupyterlab_with_token_on_localhost(lab_server):
    port, token, log = lab_server
    base = f"http://127.0.0.1:{port}"
    assert len(token) >= 32
    assert get(f"{base}/lab?token={token}") == 200
    assert get(f"{base}/api/contents/00_start_here.ipynb?token={token}") == 200
    # without the token the page is refused (sent to the login page) and the API is closed
    assert get(f"{base}/lab") in (302, 401, 403)
    assert get(f"{base}/api/contents") in (401, 403)
    assert "0.0.0.0" not in log
