# crypto-checkout: build, test, benchmark and demo. Every target installs what it needs first
# (scripts/setup.sh), and does nothing noisy when it is already there.
#
#   make test    everything: format, lints, Rust tests, the npm package in Node, TypeScript,
#                headless Chromium, and packed as a tarball
#   make demo    build the package and start the sandbox on http://127.0.0.1:8080 (PORT=... to change):
#                the demo checkout, the simulated gateways and the reference merchant backend
#   make bench   print the benchmark table
#   make pkg     build the npm package in pkg/
#   make gallery the checkout widget in every state, scripted, on http://127.0.0.1:8080

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# The npm dev tools (wasm-opt of the binaryen package, vite) come first: never a system binaryen.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: help test lint test-rust pkg test-node test-types test-web test-browser test-pack bench demo gallery sandbox \
	setup-rust setup-wasm setup-node setup-chromium setup-python setup-php clean

help:
	@sed -n 's/^#   //p' Makefile

## Everything, in order of speed: the first failure stops the run.
test: lint test-rust test-node test-types test-web test-browser test-pack

lint: setup-rust setup-wasm
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --features wasm,widget --lib --test web -- -D warnings

test-rust: setup-python
	python3 tests/vectors/payments/make_expected.py --check
	@if cargo nextest --version >/dev/null 2>&1; then \
		cargo nextest run --workspace --no-fail-fast; \
	else \
		cargo test --workspace --no-fail-fast --all-targets; \
	fi
	cargo test --doc

pkg: setup-wasm setup-node
	scripts/build-pkg.sh

test-node: pkg
	node --test tests/node/

test-types: pkg
	tsc -p tests/types

test-web: setup-wasm setup-chromium
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		cargo test --target wasm32-unknown-unknown --features wasm --test web
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		cargo test --target wasm32-unknown-unknown --features widget --lib

test-browser: pkg setup-chromium setup-php sandbox
	node --test tests/browser/

test-pack: pkg setup-chromium
	node --test tests/pack/

bench: pkg setup-chromium
	cargo build --quiet --release -p crypto-checkout-sandbox
	node bench/run.mjs

## The sandbox binary the browser tests start (a debug build: quick to compile).
sandbox: setup-rust
	cargo build --quiet -p crypto-checkout-sandbox --bin crypto-checkout-sandbox

gallery: pkg
	node scripts/serve.mjs

demo: pkg
	cargo run --quiet --release -p crypto-checkout-sandbox --bin crypto-checkout-sandbox -- --root .

setup-rust:
	@scripts/setup.sh rust

setup-wasm:
	@scripts/setup.sh wasm

setup-node:
	@scripts/setup.sh node

setup-chromium:
	@scripts/setup.sh chromium

setup-python:
	@scripts/setup.sh python

setup-php:
	@scripts/setup.sh php

clean:
	rm -rf pkg target/pack-test
