#!/usr/bin/env bash
# Starts the release build for the browser tests on a fresh, seeded SQLite database. Mail goes
# over SMTP to a local sink process (`portico smtp-sink`) that keeps each message in
# data/e2e-outbox, where the tests read it as the applicant's inbox; texts go to the log-only
# sender's outbox in data/e2e-texts, letters (Account Access Notices) in data/e2e-paper. Playwright ends the whole process group afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm
rm -rf data/e2e-outbox data/e2e-texts data/e2e-paper
export DATABASE_URL="sqlite://data/e2e.db?mode=rwc"
export PORTICO_TEXTS_OUTBOX_DIR=data/e2e-texts
export PORTICO_PAPER_OUTBOX_DIR=data/e2e-paper
export LEPTOS_SITE_ROOT=target/site
sink_addr="127.0.0.1:${PORTICO_E2E_SMTP_PORT:-2526}"
target/release/portico smtp-sink --addr "$sink_addr" --dir data/e2e-outbox &
export PORTICO_SMTP_URL="smtp://$sink_addr"
target/release/portico seed >/dev/null
exec target/release/portico serve
