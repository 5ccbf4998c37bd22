#!/usr/bin/env bash
# Installs what the build and the tests need, each only when it is missing; silent otherwise.
#   scripts/setup.sh rust       rustfmt and clippy
#   scripts/setup.sh wasm       the wasm32 target and the wasm-bindgen CLI pinned in Cargo.lock
#   scripts/setup.sh node       the npm dev dependencies, as package-lock.json pins them
#   scripts/setup.sh chromium   Debian's chromium and chromium-driver (headless browser tests)
#   scripts/setup.sh python     Python 3 (the independent oracle of the payment vectors)
#   scripts/setup.sh php        Debian's php-cli (runs the validator's PHP snippets in its tests)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "setup: $*" >&2; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    log "need root (or sudo) to run: $*"
    exit 1
  fi
}

setup_rust() {
  local installed
  installed=$(rustup component list --installed)
  for component in rustfmt clippy; do
    if ! grep -q "^$component" <<<"$installed"; then
      log "adding the $component component"
      rustup component add "$component"
    fi
  done
}

setup_wasm() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local version
  version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  if [ -z "$version" ]; then
    log "no wasm-bindgen in Cargo.lock"
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $version" ]; then
    log "installing wasm-bindgen-cli $version (a few minutes)"
    # --locked pins the CLI's own dependencies, but fails when one of them has since been
    # yanked; the CLI then builds against the newest compatible versions instead.
    cargo install --quiet wasm-bindgen-cli --version "$version" --locked ||
      cargo install --quiet wasm-bindgen-cli --version "$version"
  fi
}

setup_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    log "Node.js 20 or later is required (found: $(node --version 2>/dev/null || echo none))"
    exit 1
  fi
  # A copy of the lock file that was installed is kept in node_modules; reinstall when the
  # lock file differs. `npm install --no-save` installs exactly what the lock file pins, like
  # `npm ci`, but also accepts a lock file without the optional platform packages of rollup
  # that the registry did not serve when it was written (`npm ci` refuses those).
  if ! cmp -s package-lock.json node_modules/.installed-package-lock.json; then
    log "installing npm dev dependencies"
    rm -rf node_modules
    npm install --no-save --no-audit --no-fund --loglevel=error >/dev/null
    cp package-lock.json node_modules/.installed-package-lock.json
  fi
}

setup_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing chromium and chromium-driver"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

setup_python() {
  if ! command -v python3 >/dev/null; then
    log "installing python3"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
  fi
}

setup_php() {
  if ! command -v php >/dev/null; then
    log "installing php-cli"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php-cli >/dev/null
  fi
}

for what in "$@"; do
  case "$what" in
    rust) setup_rust ;;
    wasm) setup_wasm ;;
    node) setup_node ;;
    chromium) setup_chromium ;;
    python) setup_python ;;
    php) setup_php ;;
    *)
      log "unknown: $what (expected rust, wasm, node, chromium, python or php)"
      exit 2
      ;;
  esac
done
