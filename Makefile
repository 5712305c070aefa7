# Portico: the two commands a newcomer needs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

RELEASE_BIN := target/release/portico
E2E_DB := data/e2e.db

.PHONY: run dev test setup build lint audit unit-test pg-test fuzz fuzz-short e2e-test e2e-cluster bench bench-scale soak sqlmap tti screenshots fmt clean-data modules

setup:
	@scripts/setup.sh

## Build the release site (server binary + WASM + CSS) with cargo-leptos.
build: setup
	cargo leptos build --release --precompress

## Build, migrate, seed the demo data into SQLite and serve on http://127.0.0.1:3000.
run: build
	@mkdir -p data
	$(RELEASE_BIN) migrate
	$(RELEASE_BIN) seed
	$(RELEASE_BIN) serve

## For those changing the code: cargo-leptos rebuilds and restarts on every change (debug build,
## SQLite in data/), migrating and loading the demo data on each start.
dev: setup
	@mkdir -p data
	cargo leptos watch -- serve --migrate --seed-demo

## Every test: the lint gate, unit and integration (SQLite, and PostgreSQL when TEST_DATABASE_URL
## is set), then Playwright.
test:
	@scripts/setup.sh --test
	$(MAKE) lint
	$(MAKE) audit
	$(MAKE) unit-test
	$(MAKE) pg-test
	$(MAKE) fuzz-short
	cargo leptos build --release --precompress
	$(MAKE) e2e-test
	$(MAKE) e2e-cluster

## The lint gate: formatting, and clippy with every warning an error, for the server half (ssr,
## tests included) and the browser half (hydrate, compiled for wasm32).
lint:
	cargo fmt --all --check
	cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

## Known vulnerabilities in Cargo.lock, offline, against the dated RustSec snapshot beside the
## project (../shared/advisory-db, or PORTICO_ADVISORY_DB). A vulnerable runtime dependency fails
## it; accepted findings are listed with their reasons in .cargo/audit.toml.
audit:
	@db="$${PORTICO_ADVISORY_DB:-../shared/advisory-db}"; \
	if [ ! -d "$$db" ]; then \
	  echo "no RustSec advisory database at $$db (see ../shared/advisory-db.README.md)" >&2; \
	  if [ -n "$${CI:-}" ]; then exit 1; else echo "==> audit skipped (CI fails here)"; exit 0; fi; \
	fi; \
	cargo audit --db "$$db" --no-fetch --stale --deny warnings

unit-test:
	env -u TEST_DATABASE_URL cargo test --workspace --exclude frontend

## Same package selection as unit-test, so cargo reuses that build instead of compiling the
## server a second time under different feature unification.
pg-test:
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	  echo "==> integration tests on PostgreSQL"; \
	  cargo test --workspace --exclude frontend --test integration; \
	else \
	  echo "==> TEST_DATABASE_URL is not set: PostgreSQL suites skipped (CI sets it)"; \
	fi

## The fuzz targets (app/fuzz/fuzz_targets: identifiers, contact details, names, uploaded files,
## API requests) on libFuzzer,
## nightly. `make fuzz` runs each for 10 million executions (optimised build), adding what it
## finds new to the corpora kept in app/fuzz/corpus; `make fuzz-short` (part of `make test`) runs
## each for 10 s from the kept corpus, writing new finds to a scratch folder only. The short run
## uses an unoptimised build (--dev): 2 min to build instead of 7 on two cores, which matters more
## to a 10 s run than the fuzzing speed it costs (it still replays every kept input and mutates
## thousands more, with overflow checks on).
FUZZ_TARGETS := identifiers contact names uploads requests
FUZZ := cd app && cargo +nightly fuzz run --sanitizer none --target-dir ../target/fuzz

fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  echo "==> fuzzing $$t for 10 million executions"; \
	  ($(FUZZ) $$t fuzz/corpus/$$t -- -runs=10000000 -print_final_stats=1) || exit 1; \
	done

fuzz-short:
	@for t in $(FUZZ_TARGETS); do \
	  scratch=$$(mktemp -d); \
	  echo "==> fuzzing $$t for 10 s"; \
	  ($(FUZZ) --dev $$t $$scratch fuzz/corpus/$$t -- -max_total_time=10) || exit 1; \
	  rm -rf $$scratch; \
	done

e2e-test:
	cd end2end && npx playwright test

## One journey through nginx (deploy/nginx.conf) in front of two instances on one PostgreSQL.
e2e-cluster:
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then \
	  echo "==> two instances behind nginx, on PostgreSQL"; \
	  cd end2end && npx playwright test --config cluster.config.ts; \
	else \
	  echo "==> TEST_DATABASE_URL is not set: the two-instance journey is skipped (CI sets it)"; \
	fi

## Sign-in under load, printed as ratios measured in one run (see server/examples/bench.rs).
bench: setup
	cargo run --release -p portico --example bench

## Scale: the demo's pages at 1,000 generated accounts and again at a million accounts with five
## million cases, on a PostgreSQL cluster of the bench's own (filling it takes minutes; several GB).
bench-scale: setup
	cargo run --release -p portico --example bench -- scale

## The soak: 500 applicants and 4 officers on mixed journeys for 5 minutes (sign-in with a code,
## dashboard, case, notice PDF, upload, inquiry, status changes), then the server killed and every
## acknowledged write looked for in the database. `make soak SOAK="50 60"`: 50 people for 60 s.
SOAK ?= 500 300
soak: setup
	cargo run --release -p portico --example bench -- soak $(SOAK)

## The dashboard's time to interactive on Lighthouse's mobile connection (1.6 Mbps, 150 ms RTT),
## printed by a Playwright test against the release build.
tti: build
	cd end2end && PORTICO_MEASURE_TTI=1 npx playwright test tests/client_size.spec.ts --project hydrated

## sqlmap (apt) against the forms, pages and server functions, signed out and as each demo user,
## on the release build (see scripts/sqlmap.sh; a few minutes).
sqlmap: build
	scripts/sqlmap.sh

## The README's dashboard pictures (docs/screenshots/), from the current release build.
screenshots:
	cd end2end && npx playwright test --config screenshots.config.ts

fmt:
	cargo fmt --all

## How the app crate's modules use each other, and any cycle (needs `cargo install cargo-modules
## --version 0.27.0 --locked`; the layering itself is enforced by a unit test in app/src/lib.rs).
modules:
	cargo modules dependencies -p app --lib --features ssr --no-externs --no-sysroot | python3 scripts/module-layers.py
