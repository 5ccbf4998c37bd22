//! The crypto-checkout sandbox: the reference merchant backend ([`merchant`]), simulators of
//! the five gateways ([`gateways`]), their webhook deliveries ([`outbox`]) and the simulation
//! controls ([`simulation`]), on one port of 127.0.0.1 ([`app`]) with an SQLite file
//! ([`store`]). The binary `crypto-checkout-sandbox` runs it; the tests drive it over HTTP.

// Handlers and their helpers return the error response itself (`Result<_, Response>`), as
// axum handlers do; it is built once per failed request.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod app;
pub mod credentials;
pub mod gateways;
pub mod http;
pub mod merchant;
pub mod money;
pub mod outbox;
pub mod simulation;
pub mod store;
