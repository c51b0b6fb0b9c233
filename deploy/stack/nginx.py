"""The recipe's nginx site (deploy/nginx/pdsite.conf) made runnable on loopback: the lines marked
CHANGE get this machine's ports, certificate and folders, and a small main config wraps it.
Used by `make stack` and by the `nginx -t` test, so both run the recipe itself."""

from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "nginx" / "pdsite.conf"


def _replace(text, old, new, count=1):
    """Replace ``old`` exactly ``count`` times: a recipe edit that breaks the match fails loudly
    instead of leaving the production value in the loopback config."""
    found = text.count(old)
    if found != count:
        raise ValueError(f"deploy/nginx/pdsite.conf: expected {count} of {old!r}, found {found}")
    return text.replace(old, new)


def site_config(*, http_port, https_port, cert, key, upstreams, static_root, log_dir):
    text = SITE.read_text()
    servers = "".join(
        f"    server {address} max_fails=2 fail_timeout=10s;\n" for address in upstreams
    )
    text = _replace(
        text,
        "    server 10.0.0.11:8000 max_fails=2 fail_timeout=10s;\n"
        "    server 10.0.0.12:8000 max_fails=2 fail_timeout=10s;\n",
        servers,
    )
    text = _replace(
        text, "    listen 80;\n    listen [::]:80;\n", f"    listen 127.0.0.1:{http_port};\n"
    )
    text = _replace(
        text,
        "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
        f"    listen 127.0.0.1:{https_port} ssl http2;\n",
    )
    text = _replace(text, "/etc/ssl/pdsite/fullchain.pem", str(cert))
    text = _replace(text, "/etc/ssl/pdsite/privkey.pem", str(key))
    text = _replace(text, "/srv/pdsite/staticfiles/", f"{static_root}/")
    text = _replace(text, "/var/log/nginx/pdsite.access.log", f"{log_dir}/access.log")
    # Only here, not in the recipe: which app server answered, so the checks can tell.
    text = _replace(
        text,
        "        proxy_pass http://pdsite_app;\n",
        "        proxy_pass http://pdsite_app;\n"
        "        add_header X-Upstream $upstream_addr always;\n",
    )
    return text


def main_config(*, prefix, site_path):
    """A whole nginx.conf for ``nginx -p prefix -c ...``: everything it writes stays in prefix."""
    return f"""
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {site_path};
}}
"""


def write(prefix, **site):
    """Write the main config and the site into ``prefix``; returns the main config's path."""
    prefix = Path(prefix)
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    # Workers run as nobody when nginx is started by root: they write request bodies here.
    (prefix / "tmp").chmod(0o777)
    site_path = prefix / "pdsite.conf"
    site_path.write_text(site_config(log_dir=prefix, **site))
    main = prefix / "nginx.conf"
    main.write_text(main_config(prefix=prefix, site_path=site_path))
    return main


def make_certificate(folder):
    """A self-signed certificate for 127.0.0.1 (valid two days); returns (cert, key) paths."""
    import subprocess

    cert, key = Path(folder) / "cert.pem", Path(folder) / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
