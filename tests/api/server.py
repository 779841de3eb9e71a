"""A real server process for tests over HTTP: gunicorn with the app on a free local port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, *, workers: int = 2, threads: int = 10, instance: Path):
    port = free_port()
    env = {
        **os.environ,
        "FLASK_SQLALCHEMY_DATABASE_URI": database_url,
        "FLASK_SECRET_KEY": "test-secret-key-not-for-production",
        "FLASK_MAIL_BACKEND": "none",
        "FLASK_MAIL_DELIVER_AFTER_REQUEST": "false",
        "FLASK_RATELIMIT_ENABLED": "false",
        "FLASK_SQLALCHEMY_ENGINE_OPTIONS": json.dumps({"pool_size": threads + 2}),
    }
    command = [
        sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--threads", str(threads), "--chdir", str(instance), "booking:create_app()",
    ]
    env["PYTHONPATH"] = str(ROOT)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/api/v1/", timeout=10).read()  # noqa: S310  (our own http URL)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start: " + process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def post_json(url: str, body: dict, headers: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310  (our own http URL)
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
