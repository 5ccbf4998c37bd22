//! What the widget does with each reply of the status URL, and when it asks again.
//!
//! This is the poller's logic without a browser: replies go in, the status to show and the
//! delay before the next request come out. [`super::poller`] runs it with `fetch` and timers;
//! the tests run it with scripted replies and a fake clock.
//!
//! The rules that keep what the payer sees truthful:
//! - only a document that reads as a checkout changes what is shown; an HTTP error, a timeout,
//!   a body that is not JSON or not a checkout, or a document about another checkout only
//!   marks the connection as reconnecting (and says why);
//! - once a document says the payment is over (outcome `success` or `failure`), nothing that
//!   arrives later changes it, and polling stops;
//! - after failures the delay doubles up to [`MAX_BACKOFF_MS`], with jitter so that many
//!   payers' browsers do not retry in step; a hidden tab polls at most every
//!   [`HIDDEN_INTERVAL_MS`].

use std::rc::Rc;

use crate::payment::{Checkout, Gateway, Mode, Outcome};

/// The longest wait between two requests after repeated failures.
pub const MAX_BACKOFF_MS: u32 = 30_000;
/// How often a hidden tab polls (unless the interval itself is longer).
pub const HIDDEN_INTERVAL_MS: u32 = 30_000;
/// How long one request may take before it is aborted and counted as a failure.
pub const REQUEST_TIMEOUT_MS: u32 = 10_000;
/// The shortest poll interval accepted.
pub const MIN_INTERVAL_MS: u32 = 500;
/// The poll interval when the options name none.
pub const DEFAULT_INTERVAL_MS: u32 = 3_000;

/// One reply of the status URL, as the poller received it.
// One reply exists at a time: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// HTTP 304: the document has not changed since the ETag sent.
    NotModified,
    /// A 2xx response, read into a checkout (or why it could not be: see
    /// [`super::document::read`]), with its `ETag` header.
    Document {
        /// The checkout the body holds, or why it holds none.
        checkout: Result<Checkout, String>,
        /// The `ETag` header, if any.
        etag: Option<String>,
    },
    /// Any other HTTP status.
    HttpError(u16),
    /// The request failed (offline, DNS, CORS, connection reset) or was aborted.
    NetworkError(String),
    /// No answer within [`REQUEST_TIMEOUT_MS`].
    Timeout,
}

/// The state of the connection to the status URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    /// No reply yet.
    Connecting,
    /// The last reply was good.
    Live,
    /// The last `failures` replies failed; `reason` says how the last one did.
    Reconnecting {
        /// Why the last reply failed, for the `error` event and the console.
        reason: Rc<str>,
        /// How many replies in a row failed.
        failures: u32,
    },
    /// The payment is over: no more requests.
    Finished,
}

/// What the widget shows: the latest good checkout document and the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The latest checkout document that read correctly.
    pub checkout: Option<Rc<Checkout>>,
    /// Whether the status URL answers.
    pub connection: Connection,
}

/// Where the status documents come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// `None`: the merchant backend's checkout document (`crypto-checkout/v1`); a gateway:
    /// that gateway's own status document, normalized here.
    pub provider: Option<Gateway>,
    /// Purchase or top-up (for gateway documents, it decides under- and overpayment).
    pub mode: Mode,
}

/// The poller's state.
#[derive(Debug)]
pub struct Poll {
    interval_ms: u32,
    etag: Option<String>,
    status: Status,
}

impl Poll {
    /// A poller that asks every `interval_ms` (at least [`MIN_INTERVAL_MS`]).
    pub fn new(interval_ms: u32) -> Poll {
        Poll {
            interval_ms: interval_ms.max(MIN_INTERVAL_MS),
            etag: None,
            status: Status {
                checkout: None,
                connection: Connection::Connecting,
            },
        }
    }

    /// The `If-None-Match` value for the next request.
    pub fn etag(&self) -> Option<&str> {
        self.etag.as_deref()
    }

    /// What to show now.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Whether the payment is over and polling has stopped.
    pub fn is_finished(&self) -> bool {
        self.status.connection == Connection::Finished
    }

    /// Takes one reply. Returns whether [`Poll::status`] changed.
    pub fn receive(&mut self, reply: Reply) -> bool {
        if self.is_finished() {
            return false;
        }
        let before = self.status.clone();
        match reply {
            Reply::NotModified if self.status.checkout.is_some() => self.connected(),
            Reply::NotModified => self.failed("HTTP 304 before any document was received".into()),
            Reply::Document { checkout, etag } => match checkout.and_then(|c| self.accept(c)) {
                Ok(checkout) => {
                    self.etag = etag;
                    let over = checkout.outcome != Outcome::Pending;
                    if self.status.checkout.as_deref() != Some(&checkout) {
                        self.status.checkout = Some(Rc::new(checkout));
                    }
                    if over {
                        self.status.connection = Connection::Finished;
                    } else {
                        self.connected();
                    }
                }
                Err(reason) => self.failed(reason),
            },
            Reply::HttpError(code) => self.failed(format!("HTTP {code}")),
            Reply::NetworkError(reason) => self.failed(reason),
            Reply::Timeout => self.failed(format!(
                "no answer within {} seconds",
                REQUEST_TIMEOUT_MS / 1000
            )),
        }
        self.status != before
    }

    /// `checkout`, if it is about the checkout already shown.
    fn accept(&self, checkout: Checkout) -> Result<Checkout, String> {
        match &self.status.checkout {
            Some(shown) if shown.id != checkout.id => Err(format!(
                "the status URL answered about checkout {} instead of {}",
                checkout.id, shown.id
            )),
            _ => Ok(checkout),
        }
    }

    fn connected(&mut self) {
        self.status.connection = Connection::Live;
    }

    fn failed(&mut self, reason: String) {
        let failures = match &self.status.connection {
            Connection::Reconnecting { failures, .. } => failures + 1,
            _ => 1,
        };
        self.status.connection = Connection::Reconnecting {
            reason: reason.into(),
            failures,
        };
    }

    /// Milliseconds to wait before the next request, or `None` once the payment is over.
    /// `jitter` is a random number in `[0, 1)`: after failures the wait is drawn from the upper
    /// half of the backoff window ("equal jitter").
    pub fn next_delay(&self, hidden: bool, jitter: f64) -> Option<u32> {
        let regular = if hidden {
            self.interval_ms.max(HIDDEN_INTERVAL_MS)
        } else {
            self.interval_ms
        };
        match &self.status.connection {
            Connection::Finished => None,
            Connection::Reconnecting { failures, .. } => {
                let window = u64::from(self.interval_ms) << (*failures).min(16);
                let window = window.min(u64::from(MAX_BACKOFF_MS)) as f64;
                let delay = window / 2.0 + window / 2.0 * jitter.clamp(0.0, 1.0);
                Some((delay as u32).max(MIN_INTERVAL_MS))
            }
            Connection::Connecting | Connection::Live => Some(regular),
        }
    }
}
