//! crypto-checkout: the signing SDK and payment model behind the crypto-checkout npm package.
//!
//! The core is plain Rust with no browser dependency, so it runs natively in merchant
//! backends and, compiled to WebAssembly, in the browser and in Node:
//!
//! - [`json`]: JSON normalization byte-identical to `JSON.stringify(JSON.parse(text))`,
//!   inspection of what that normalization changes, and RFC 8785 canonicalization.
//! - [`signature`]: request signing and webhook verification for every supported gateway.
//! - [`payment`], [`asset`], [`uri`], [`qr`]: one payment model for every gateway, the coins
//!   and networks, payment URIs and their QR codes.
//! - `widget` (feature `widget`, WebAssembly only): the checkout widget, yew components.
//! - `wasm` (features `wasm` and `widget`): the JavaScript binding layer; every
//!   `#[wasm_bindgen]` item lives there.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod asset;
pub mod error;
pub mod json;
pub mod payment;
pub mod qr;
pub mod signature;
pub mod uri;

#[cfg(any(feature = "wasm", all(feature = "widget", target_arch = "wasm32")))]
mod wasm;
#[cfg(all(feature = "widget", target_arch = "wasm32"))]
mod widget;
