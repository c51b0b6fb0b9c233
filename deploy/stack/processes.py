"""The stack's own processes, all on 127.0.0.1 and all under one temporary folder: a PostgreSQL
cluster (initdb), redis-server, nginx and gunicorn app servers. Nothing here touches the
machine's own PostgreSQL or Redis. Each class can stop what it started, and `Stack` stops all
of them (see __main__.py), even when a check fails."""

import contextlib
import glob
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(test, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Postgres:
    """A throwaway cluster. PostgreSQL refuses to run as root, so as root it runs as the
    `postgres` user (runuser)."""

    def __init__(self, folder):
        self.folder = Path(folder) / "pg"
        self.data = self.folder / "data"
        self.port = free_port()
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise RuntimeError("PostgreSQL's server binaries are not installed (apt postgresql)")
        self.bin = Path(found[-1]).parent
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/pdsite"

    def _run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, capture_output=True)

    def start(self):
        if not self.data.exists():
            self.folder.mkdir(parents=True)
            if self.as_user:
                subprocess.run(["chown", "postgres:", str(self.folder)], check=True)
            self._run(
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )

    def create_database(self):
        self._run(
            str(self.bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "pdsite",
        )

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def pg_tool(self, name):
        return [*self.as_user, str(self.bin / name)]


class Redis:
    def __init__(self, folder):
        self.port = free_port()
        self.folder = Path(folder)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), "redis-server")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


class Nginx:
    def __init__(self, prefix, config):
        self.prefix, self.config = Path(prefix), Path(config)
        self.process = None

    def start(self, https_port):
        with open(self.prefix / "stderr.log", "ab") as log:
            self.process = subprocess.Popen(
                [
                    "/usr/sbin/nginx",
                    "-p",
                    str(self.prefix),
                    "-c",
                    str(self.config),
                    "-g",
                    "daemon off;",
                ],
                stderr=log,
            )
        wait_for(lambda: port_open(https_port), "nginx")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish the open requests
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class AppServer:
    """One "machine": gunicorn with the recipe's deploy/gunicorn.conf.py on its own port."""

    def __init__(self, name, folder, env, workers):
        self.name, self.folder = name, Path(folder)
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.env = {**env, "GUNICORN_BIND": self.address, "GUNICORN_WORKERS": str(workers)}
        self.process = None

    def start(self):
        with open(self.folder / f"gunicorn-{self.name}.log", "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config",
                    "deploy/gunicorn.conf.py",
                    "pdsite.wsgi",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        wait_for(self.healthy, f"app server {self.name}", timeout=60)

    def healthy(self):
        request = urllib.request.Request(
            f"http://{self.address}/healthz", headers={"X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def kill(self):
        """The machine dies: SIGKILL to gunicorn's master and every worker at once. Returns
        when nothing accepts connections on its port any more."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        wait_for(lambda: not port_open(self.port), f"app server {self.name} to die", timeout=10)

    def reload(self):
        """A deploy: HUP makes gunicorn start new workers and let the old ones finish their
        requests. Returns when the new workers answer, as a deployer waits before the next
        server (the old workers stop accepting at once, so an answer is a new worker's)."""
        os.kill(self.process.pid, signal.SIGHUP)
        time.sleep(0.5)
        wait_for(self.healthy, f"app server {self.name} after its reload", timeout=90)

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=40)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # any worker left behind
        self.process.wait()
