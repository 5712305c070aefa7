#!/usr/bin/env bash
# `make sqlmap`: sqlmap (Debian's package) against Portico's forms, pages and server functions, as a
# visitor and as each kind of signed-in user, on a fresh seeded SQLite database served by the
# release build. Prints, per target, how many requests sqlmap sent and its verdict; exits non-zero
# if sqlmap reports any parameter injectable. Takes a few minutes (3 on the 2-core machine of docs/performance.md).
#
# Every request comes from a random address (sqlmap's `xforwardedfor` tamper, with the server
# trusting X-Forwarded-For from this machine), so the per-address limits do not stop the probe
# before it has tried its payloads; the per-account and per-email limits still apply, as they would
# to an attacker.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v sqlmap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap; }
command -v oathtool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq oathtool; }
[ -x target/release/portico ] || { echo "build the release site first (make build)" >&2; exit 1; }

dir=$(mktemp -d /tmp/portico-sqlmap.XXXXXX)
port=${PORTICO_SQLMAP_PORT:-3119}
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$dir/portico.db?mode=rwc" PORTICO_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site
export PORTICO_OUTBOX_DIR="$dir/outbox" PORTICO_TEXTS_OUTBOX_DIR="$dir/texts" PORTICO_PAPER_OUTBOX_DIR="$dir/paper"
export PORTICO_FILES_DIR="$dir/files" PORTICO_CLIENT_IP=x-forwarded-for RUST_LOG=error
target/release/portico migrate >/dev/null
target/release/portico seed >/dev/null
target/release/portico serve >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.5; done

code() { oathtool --totp -b JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP; }
post() { curl -fsS -o /dev/null -b "$1" -c "$1" -H "Origin: $base" -H "X-Forwarded-For: 10.9.$RANDOM.1" "$base/api/$2" "${@:3}"; }
session_of() { awk '$6 == "portico_session" { print "portico_session=" $7 }' "$1"; }

# The signed-in users of the README's demo table (one authenticator code serves each account once).
post "$dir/applicant.jar" sign_in --data-urlencode email=demo@portico.test --data-urlencode password=Harbor-Lantern-Portico-26
post "$dir/applicant.jar" verify_sign_in --data-urlencode method=authenticator --data-urlencode "code=$(code)"
for who in officer agent admin; do
  post "$dir/$who.jar" staff_sign_in --data-urlencode "email=$who@portico.test" \
    --data-urlencode password=Quay-Beacon-Console-26 --data-urlencode "code=$(code)"
done

failed=0
probe() { # name, cookie jar ("" for a visitor), then sqlmap's own arguments
  local name=$1 jar=$2
  shift 2
  local cookie=()
  # The session cookie is what signs the probe in, not a parameter under test (level 2 would
  # tamper with it, and a broken token is simply a signed-out visitor).
  [ -n "$jar" ] && cookie=(--cookie "$(session_of "$dir/$jar.jar")" --skip portico_session)
  sqlmap --batch --level 2 --risk 1 --tamper xforwardedfor --flush-session --disable-coloring \
    --output-dir "$dir/sqlmap" -t "$dir/$name.traffic" "${cookie[@]}" \
    --headers "Origin: $base
Accept: application/json" "$@" >"$dir/$name.log" 2>&1 || true
  local requests verdict
  requests=$(grep -c '^HTTP request \[#' "$dir/$name.traffic" 2>/dev/null || echo 0)
  if grep -qE 'identified the following injection point|is vulnerable|might be injectable' "$dir/$name.log"; then
    verdict="INJECTABLE (see $dir/$name.log)"
    failed=1
  elif grep -q 'do not appear to be injectable' "$dir/$name.log"; then
    verdict="no parameter injectable"
  else
    verdict="no verdict: $(grep -E '\[(CRITICAL|ERROR)\]' "$dir/$name.log" | tail -1)"
    failed=1
  fi
  local errors
  errors=$(grep -A1 'HTTP error codes detected during run' "$dir/$name.log" | tail -1 || true)
  if grep -q '500 (Internal Server Error)' <<<"$errors"; then failed=1; fi
  printf '  %-20s %6s requests  %s%s\n' "$name" "$requests" "$verdict" "${errors:+; error answers: $errors}"
}

echo "sqlmap $(sqlmap --version 2>/dev/null | grep -oE '^[0-9][0-9.]*[^ ]*' | head -1) against $base (level 2, risk 1)"
probe sign-in "" -u "$base/api/sign_in" --data "email=someone%40example.com&password=Harbor-Lantern-Portico-26"
probe sign-up "" -u "$base/api/sign_up" --data "email=new%40example.com&password=Harbor-Lantern-Portico-26"
probe password-reset "" -u "$base/api/request_password_reset" --data "email=demo%40portico.test"
probe case-detail applicant -u "$base/api/case_detail" --data "receipt_number=IOE0912345601"
probe case-page applicant -u "$base/cases/IOE0912345601*"
probe staff-search officer -u "$base/api/staff_search" --data "q=Garcia&form=I-485&status=case_was_received&office=NYC&page=1"
probe staff-search-page officer -u "$base/staff?q=Garcia&form=&status=&office=&page=1"
probe caller-check agent -u "$base/api/staff_verify_caller" \
  --data "identifier=A123456789&full_name=Ahmed+Hassan+Ali&dob_month=11&dob_day=2&dob_year=1979"
probe audit-log admin -u "$base/api/staff_audit_log" --data "actor=officer%40portico.test&action=search_cases"
if grep -qE 'panicked|ERROR' "$dir/server.log"; then
  echo "  the server logged errors:"; grep -E 'panicked|ERROR' "$dir/server.log" | head -5
  failed=1
fi
[ "$failed" = 0 ] && rm -rf "$dir"
exit "$failed"
