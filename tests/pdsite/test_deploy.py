"""The production recipe in deploy/: the nginx site passes `nginx -t`, the systemd units pass
`systemd-analyze verify`, each timer runs a real management command, gunicorn reads its config,
and the environment template and settings.py agree both ways. `make stack` runs the recipe."""

import ast
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from deploy.stack import envfile, nginx

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"


# nginx ------------------------------------------------------------------------------------------
def test_the_nginx_site_passes_nginx_t(tmp_path):
    cert, key = nginx.make_certificate(tmp_path)
    config = nginx.write(
        tmp_path,
        http_port=8080,
        https_port=8443,
        cert=cert,
        key=key,
        upstreams=["127.0.0.1:8001", "127.0.0.1:8002"],
        static_root=tmp_path / "static",
    )
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"configuration file {config} test is successful" in result.stderr


def test_nginx_t_fails_on_a_broken_site(tmp_path):
    """The check above can fail: a typo in the site is caught."""
    cert, key = nginx.make_certificate(tmp_path)
    config = nginx.write(tmp_path, http_port=8080, https_port=8443, cert=cert, key=key,
                         upstreams=["127.0.0.1:8001"], static_root=tmp_path)  # fmt: skip
    site = tmp_path / "pdsite.conf"
    site.write_text(site.read_text().replace("client_max_body_size 1m;", "client_max_body 1m;"))
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert 'unknown directive "client_max_body"' in result.stderr


def test_the_nginx_body_limit_is_the_sites_own():
    text = nginx.SITE.read_text()
    [megabytes] = re.findall(r"^\s*client_max_body_size (\d+)m;", text, re.MULTILINE)
    assert int(megabytes) * 1024 * 1024 == settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_nginx_sends_the_headers_the_site_trusts():
    text = nginx.SITE.read_text()
    for line in [
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header X-Request-ID $pdsite_request_id;",
        # POSTs that reached an app server are never sent to another (no non_idempotent).
        "proxy_next_upstream error timeout http_502 http_504;",
    ]:
        assert line in text
    assert "non_idempotent" not in text.replace("(non_idempotent is not listed)", "")


def test_a_recipe_edit_that_breaks_the_loopback_rewrite_fails_loudly(monkeypatch, tmp_path):
    edited = tmp_path / "pdsite.conf"
    edited.write_text(nginx.SITE.read_text().replace("listen 443 ssl http2;", "listen 443 ssl;"))
    monkeypatch.setattr(nginx, "SITE", edited)
    with pytest.raises(ValueError, match="expected 1 of"):
        nginx.site_config(http_port=1, https_port=2, cert="c", key="k", upstreams=["a:1"],
                          static_root="s", log_dir="l")  # fmt: skip


# systemd ----------------------------------------------------------------------------------------
def _verify(tmp_path, units):
    """`systemd-analyze verify` in a throwaway root: the units under /etc/systemd/system, the
    system's own units beside them, and stand-ins for the programs they start (verify checks
    that each ExecStart program exists)."""
    root = tmp_path / "root"
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    unit_dir = root / "etc/systemd/system"
    unit_dir.mkdir(parents=True)
    for unit in units:
        shutil.copy(unit, unit_dir)
    for program in ["srv/pdsite/app/.venv/bin/gunicorn", "srv/pdsite/app/.venv/bin/python",
                    "bin/kill", "bin/sh", "usr/bin/find"]:  # fmt: skip
        path = root / program
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    names = [u.name for u in units if not u.name.endswith("@.service")]
    names += [f"pdsite-job@{command}.service" for command in _timer_commands()]
    return subprocess.run(
        [SYSTEMD_ANALYZE, f"--root={root}", "verify", *names],
        cwd=unit_dir,
        capture_output=True,
        text=True,
    )


def _timer_commands():
    commands = []
    for timer in (DEPLOY / "systemd").glob("pdsite-*.timer"):
        match = re.search(r"^Unit=pdsite-job@(\w+)\.service$", timer.read_text(), re.MULTILINE)
        if match:
            commands.append(match.group(1))
    return sorted(commands)


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    result = _verify(tmp_path, UNITS)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_systemd_analyze_verify_reports_a_broken_unit(tmp_path):
    """The check above can fail: a misspelt key is reported."""
    broken = tmp_path / "pdsite.service"
    broken.write_text(
        (DEPLOY / "systemd/pdsite.service").read_text().replace("KillMode=", "KilMode=")
    )
    result = _verify(tmp_path, [broken])
    assert "Unknown key 'KilMode' in section [Service]" in result.stderr


def test_each_timer_runs_a_management_command_of_the_site():
    assert _timer_commands() == [
        "notify_workshop_alerts",
        "purge_personal_data",
        "send_pending_notifications",
    ]
    assert set(_timer_commands()) <= set(get_commands())


def test_gunicorn_reads_its_config():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "--config",
         "deploy/gunicorn.conf.py", "pdsite.wsgi"],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "GUNICORN_BIND": "127.0.0.1:0", "GUNICORN_WORKERS": "3"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


# The environment template -----------------------------------------------------------------------
RECORD_READS = """
import json, os
seen = set()
environ = type(os.environ)
original = environ.__getitem__
def getitem(self, key):
    seen.add(key)
    return original(self, key)
environ.__getitem__ = getitem
import pdsite.settings
print(json.dumps(sorted(seen)))
"""

# Each branch of settings.py: production with PostgreSQL and Redis, development, the tests.
ENVIRONMENTS = [
    {"DJANGO_ENV": "production", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "pd.example.org",
     "DATABASE_URL": "postgres://pdsite@db/pdsite", "REDIS_URL": "redis://cache:6379/0"},
    {},
    {"DJANGO_ENV": "test"},
]  # fmt: skip


def variables_settings_reads():
    """Every environment variable settings.py reads, recorded as it is imported in each
    environment (this sees reads by libraries too, like dj-database-url's DATABASE_URL), plus
    every name it passes to os.environ.get / env_bool / env_list, in any branch."""
    names = set()
    for extra in ENVIRONMENTS:
        env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), **extra}
        out = subprocess.run([sys.executable, "-c", RECORD_READS], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True)  # fmt: skip
        names |= set(json.loads(out.stdout))
    tree = ast.parse((ROOT / "pdsite/settings.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = ast.unparse(node.func)
            if called in {"os.environ.get", "os.getenv", "env_bool", "env_list"}:
                names.add(node.args[0].value)
    return names


def variables_gunicorn_reads():
    text = (DEPLOY / "gunicorn.conf.py").read_text()
    return set(re.findall(r'os\.environ\.get\("(\w+)"', text))


def test_the_environment_template_lists_every_variable_the_site_reads_and_no_other():
    values, documented = envfile.read()
    template = set(values) | documented
    reads = variables_settings_reads() | variables_gunicorn_reads()
    assert sorted(reads - template) == [], "read by the site but not in the template"
    assert sorted(template - reads) == [], "in the template but read by nothing"
    assert not set(values) & documented


def test_the_template_marks_what_production_needs():
    assert envfile.required() == [
        "DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL", "REDIS_URL",
        "TRUSTED_PROXY_COUNT", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL", "INQUIRY_NOTIFY_EMAILS",
    ]  # fmt: skip
    assert envfile.read()[0]["TRUSTED_PROXY_COUNT"] == "1"  # nginx, one proxy


def _check_deploy(values):
    env = {"PATH": os.environ["PATH"], **values}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_the_filled_in_template_passes_djangos_deployment_checks():
    values = {**envfile.read()[0], "SECRET_KEY": secrets.token_urlsafe(60)}
    result = _check_deploy(values)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_template_as_shipped_refuses_to_start():
    """SECRET_KEY=CHANGE-ME is too short: production stops with the reason."""
    result = _check_deploy(envfile.read()[0])
    assert result.returncode == 1
    assert "Set SECRET_KEY to a random string of at least 50 characters." in result.stderr
