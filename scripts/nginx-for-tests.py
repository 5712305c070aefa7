#!/usr/bin/env python3
"""Writes a runnable nginx configuration for the tests from the shipped deploy/nginx.conf, so the
tests exercise the very proxy settings operators install: the site is kept as it is, except that
it listens on plain HTTP on a local port (no certificate in a test) and the upstream servers are
the test's instances.

    scripts/nginx-for-tests.py OUT_DIR LISTEN_PORT INSTANCE_ADDR [INSTANCE_ADDR ...]
"""
import pathlib
import re
import sys

out, port, instances = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
site = (pathlib.Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf").read_text()

# The http → https redirect server is not needed without TLS.
site = re.sub(r"server \{\n    listen 80;.*?\n\}\n", "", site, flags=re.S)
site = re.sub(r"\n    listen \[::\]:443[^\n]*", "", site)
site = re.sub(r"listen 443 ssl[^;]*;", f"listen 127.0.0.1:{port};", site)
site = re.sub(r"\n    ssl_[^\n]*", "", site)
servers = "".join(f"    server {addr} max_fails=1 fail_timeout=5s;\n" for addr in instances)
site = re.sub(r"(upstream portico \{\n(?:    #[^\n]*\n)*)(?:    server [^\n]*\n)+", lambda m: m.group(1) + servers, site)
assert f"listen 127.0.0.1:{port};" in site and "ssl_certificate" not in site, site

out.mkdir(parents=True, exist_ok=True)
(out / "nginx.conf").write_text(f"""daemon off;
worker_processes 1;
pid {out}/nginx.pid;
error_log {out}/error.log warn;
events {{ worker_connections 256; }}
http {{
    # Which instance served each request, for the tests to read.
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {out}/access.log upstream;
    client_body_temp_path {out}/body;
    proxy_temp_path {out}/proxy;
    fastcgi_temp_path {out}/fastcgi;
    uwsgi_temp_path {out}/uwsgi;
    scgi_temp_path {out}/scgi;
{site}
}}
""")
