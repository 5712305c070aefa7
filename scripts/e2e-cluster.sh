#!/usr/bin/env bash
# Two Portico instances (release build) on one PostgreSQL database, behind nginx configured from
# the shipped deploy/nginx.conf (scripts/nginx-for-tests.py), for end2end/cluster.config.ts.
# Needs TEST_DATABASE_URL (a PostgreSQL server where a database may be created). Playwright ends
# the whole process group (instances, mail sink, nginx) afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TEST_DATABASE_URL:?the cluster journey needs PostgreSQL (TEST_DATABASE_URL)}"
port=${PORTICO_CLUSTER_PORT:-3120}
first=127.0.0.1:$((port + 1))
second=127.0.0.1:$((port + 2))
sink=127.0.0.1:$((port + 3))
dir="$PWD/data/e2e-cluster"
rm -rf "$dir" && mkdir -p "$dir"

database=portico_e2e_cluster
psql -q "$TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
export DATABASE_URL="${TEST_DATABASE_URL%/*}/$database"
export PORTICO_CLIENT_IP=x-forwarded-for
export PORTICO_TRUSTED_PROXIES=127.0.0.1
export PORTICO_PUBLIC_URL="http://127.0.0.1:$port"
export PORTICO_TEXTS_OUTBOX_DIR="$dir/texts" PORTICO_PAPER_OUTBOX_DIR="$dir/paper"
export LEPTOS_SITE_ROOT=target/site
export PORTICO_SMTP_URL="smtp://$sink"

target/release/portico smtp-sink --addr "$sink" --dir "$dir/outbox" &
target/release/portico migrate >/dev/null
target/release/portico seed >/dev/null
PORTICO_ADDR=$first target/release/portico serve >"$dir/first.log" 2>&1 &
echo $! >"$dir/first.pid"
PORTICO_ADDR=$second target/release/portico serve >"$dir/second.log" 2>&1 &
echo $! >"$dir/second.pid"
python3 scripts/nginx-for-tests.py "$dir/nginx" "$port" "$first" "$second"
exec nginx -c "$dir/nginx/nginx.conf"
