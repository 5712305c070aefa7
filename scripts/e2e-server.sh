#!/usr/bin/env bash
# Starts the release build for the browser tests on a fresh, seeded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
rm -rf data/e2e-outbox
export DATABASE_URL="sqlite://data/e2e.db?mode=rwc"
export PORTICO_OUTBOX_DIR=data/e2e-outbox
export LEPTOS_SITE_ROOT=target/site
target/release/portico seed >/dev/null
exec target/release/portico serve
