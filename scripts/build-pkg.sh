#!/usr/bin/env bash
# Builds the npm package in pkg/: two WebAssembly modules from the one crate, each a cdylib only
# (an rlib next to it makes the module larger), with the size-optimized profiles of Cargo.toml:
#   crypto_checkout         the SDK (feature `wasm`): JSON, signing, the payment model, behind
#                           its entry js/sdk.js
#   crypto_checkout_widget  the checkout widget (feature `widget`): yew, QR, polling
# then the wasm-bindgen glue for --target web, wasm-opt, the widget's glue minified, the Node
# entries, the element loader, the signature validator page (pkg/validator/) and package.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# module NAME FEATURES PROFILE OPTIMIZE [short-names]: builds one module into pkg/NAME.js and
# pkg/NAME_bg.wasm, optimized by wasm-opt OPTIMIZE; with short-names, its imports and exports
# get binaryen's one- or two-letter names and the glue follows them.
module() {
  local name=$1 features=$2 profile=$3 optimize=$4 names=${5:-}
  cargo rustc --quiet --lib --profile "$profile" --target wasm32-unknown-unknown \
    --features "$features" --crate-type cdylib
  # wasm-bindgen names its output after its input.
  local built="target/wasm32-unknown-unknown/$profile/crypto_checkout.wasm"
  if [[ $name != crypto_checkout ]]; then
    cp "$built" "target/wasm32-unknown-unknown/$profile/$name.wasm"
    built="target/wasm32-unknown-unknown/$profile/$name.wasm"
  fi
  wasm-bindgen --target web --out-dir pkg "$built"
  # --converge repeats the passes while they still shrink the module; the producers and
  # target_features sections only describe the toolchain.
  local wasm="pkg/${name}_bg.wasm"
  if [[ -z $names ]]; then
    wasm-opt "$optimize" --converge --strip-producers --strip-target-features "$wasm" -o "$wasm"
    return
  fi
  # Renaming is its own run (under --converge it would rename again on every round), which
  # reads the features from the target_features section the first run keeps.
  wasm-opt "$optimize" --converge --strip-producers "$wasm" -o "$wasm"
  wasm-opt --minify-imports-and-exports-and-modules --strip-target-features "$wasm" -o "$wasm" \
    > "target/$name.names.json"
  node scripts/minify-names.mjs "pkg/$name.js" "target/$name.names.json" "$wasm"
  # It would declare the long export names.
  rm "pkg/${name}_bg.wasm.d.ts"
}

# Panic messages name their source files: as paths in the crate or in its dependency's package
# (`src/json.rs`, `yew-0.23.0/src/...`), not as paths on the machine that built the module.
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
for index in "$registry"/*/; do
  remap+=("--remap-path-prefix=$index=")
done
remap+=("--remap-path-prefix=$PWD/=")
CARGO_ENCODED_RUSTFLAGS=$(IFS=$'\x1f'; echo "${remap[*]}")
export CARGO_ENCODED_RUSTFLAGS

rm -rf pkg
module crypto_checkout wasm wasm -O3
# The SDK's entry is js/sdk.js, in front of its glue (which still loads crypto_checkout_bg.wasm).
mv pkg/crypto_checkout.js pkg/crypto_checkout_glue.js
mv pkg/crypto_checkout.d.ts pkg/crypto_checkout_glue.d.ts
cp js/sdk.js pkg/crypto_checkout.js
cp js/sdk.d.ts pkg/crypto_checkout.d.ts
module crypto_checkout_widget widget widget -Oz short-names
# The widget's glue is what every payer's browser loads: minified (its exports, and the
# `import.meta.url` that finds the .wasm file, stay as they are). The SDK's stays readable.
esbuild --minify --format=esm --log-level=warning --allow-overwrite \
  pkg/crypto_checkout_widget.js --outfile=pkg/crypto_checkout_widget.js
cp js/node.js pkg/crypto_checkout_node.js
cp js/widget-node.js pkg/crypto_checkout_widget_node.js
cp js/element.js pkg/crypto_checkout_element.js
cp README.md LICENSE-MIT LICENSE-APACHE pkg/
node scripts/validator.mjs
node scripts/package-json.mjs
