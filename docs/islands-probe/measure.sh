#!/usr/bin/env bash
# Builds the islands probe for the browser as `make build` builds Portico's (the wasm-release
# profile, wasm-bindgen, wasm-opt -Oz) and prints its download brotli-compressed at quality 11.
# ONLY=1 builds the first island alone (the framework's floor). Uses a target folder of its own
# (/tmp/islands-probe-target): never the project's.
set -euo pipefail
cd "$(dirname "$0")"
root=../..
cp "$root/Cargo.lock" Cargo.lock
target=/tmp/islands-probe-target
src=src/lib.rs
if [ -n "${ONLY:-}" ]; then
  cp "$src" /tmp/islands-probe-lib.rs
  trap 'cp /tmp/islands-probe-lib.rs '"$src" EXIT
  python3 -c "import sys; s=open('$src').read(); open('$src','w').write(s[:s.index('/// The header')])"
fi
CARGO_TARGET_DIR=$target cargo build --lib --target wasm32-unknown-unknown --profile wasm-release
out=$target/out
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "$target/wasm32-unknown-unknown/wasm-release/islands_probe.wasm"
"$root/end2end/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals "$out/islands_probe_bg.wasm" -o "$out/islands_probe_bg.wasm"
node -e '
const zlib = require("zlib"), fs = require("fs");
let total = 0;
for (const f of process.argv.slice(1)) {
  const raw = fs.readFileSync(f);
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += br;
  console.log(`${f.split("/").pop()}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(br / 1024).toFixed(1)} KB brotli`);
}
console.log(`first load (WASM + JS): ${(total / 1024).toFixed(1)} KB brotli`);
' "$out/islands_probe_bg.wasm" "$out/islands_probe.js"
