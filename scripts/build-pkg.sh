#!/usr/bin/env bash
# Builds the npm package in pkg/: the wasm module (cdylib only: an rlib next to it makes the
# module larger) with the size-optimized `wasm` profile of Cargo.toml, the wasm-bindgen glue for
# --target web, wasm-opt, the Node entry, package.json.
#   FEATURES   cargo features of the build (default: wasm)
set -euo pipefail
cd "$(dirname "$0")/.."

features=${FEATURES:-wasm}
cargo rustc --quiet --lib --profile wasm --target wasm32-unknown-unknown \
  --features "$features" --crate-type cdylib

rm -rf pkg
wasm-bindgen --target web --out-dir pkg \
  target/wasm32-unknown-unknown/wasm/crypto_checkout.wasm
# --converge repeats -O3 while it still shrinks the module; the producers and target_features
# sections only describe the toolchain.
wasm-opt -O3 --converge --strip-producers --strip-target-features \
  pkg/crypto_checkout_bg.wasm -o pkg/crypto_checkout_bg.wasm
cp js/node.js pkg/crypto_checkout_node.js
cp README.md LICENSE-MIT LICENSE-APACHE pkg/
node scripts/package-json.mjs
