#!/usr/bin/env bash
# Installs what building and testing Portico needs, skipping whatever is already present.
#   scripts/setup.sh          toolchain for building and serving (make run)
#   scripts/setup.sh --test   also Chromium and PostgreSQL client tools for the tests (make test)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

CARGO_LEPTOS_VERSION=0.3.10
# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding the $component component (the lint gate of make test needs it)"
    rustup component add "$component"
  fi
done

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes 12-20 minutes, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (to match Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
installed=$(wasm-bindgen --version | awk '{print $2}')
if [ "$installed" != "$WASM_BINDGEN_VERSION" ]; then
  echo "wasm-bindgen CLI is $installed but Cargo.lock has $WASM_BINDGEN_VERSION" >&2
  exit 1
fi

if ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
   || [ end2end/package.json -nt end2end/node_modules/.installed ]; then
  say "installing npm packages (Playwright, axe-core, binaryen's wasm-opt)"
  (cd end2end && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi

# The U.S. Web Design System (style/package.json): its CSS, fonts and icons go into public/uswds/,
# which the build ships with the site.
if [ ! -d style/node_modules/@uswds/uswds ] || [ style/package.json -nt style/node_modules/.installed ]; then
  say "installing the U.S. Web Design System (npm @uswds/uswds)"
  (cd style && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi
uswds_version=$(node -p "require('./style/node_modules/@uswds/uswds/package.json').version")
if [ ! -f "public/uswds/$uswds_version/files.txt" ] || [ scripts/vendor-uswds.mjs -nt "public/uswds/$uswds_version/files.txt" ]; then
  node scripts/vendor-uswds.mjs
fi

# Notices with names outside Latin-1 are set in Noto (app/src/server/cases/notice_pdf/any_script.rs).
fonts=()
[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || fonts+=(fonts-noto-core)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || fonts+=(fonts-noto-cjk)
if ((${#fonts[@]})); then
  say "installing ${fonts[*]} (the fonts notices in any script are set in)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${fonts[@]}"
fi

if [ "${1:-}" = "--test" ]; then
  if ! cargo audit --version >/dev/null 2>&1; then
    say "installing cargo-audit (checks Cargo.lock against the RustSec snapshot; ~5 minutes, once)"
    cargo install cargo-audit --locked
  fi
  # The fuzz targets' short run (app/fuzz): libFuzzer builds need nightly and cargo-fuzz.
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain (cargo fuzz builds with it)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (~3 minutes, once)"
    cargo install cargo-fuzz --locked
  fi
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v oathtool >/dev/null || missing+=(oathtool)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi
