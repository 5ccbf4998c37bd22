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
//! - after failures the delay doubles up to [`MAX_BACKOFF_MS`] (never below the interval),
//!   with jitter so that many payers' browsers do not retry in step; a hidden tab polls at
//!   most every [`HIDDEN_INTERVAL_MS`].

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
    /// How far the backend's clock (its replies' `Date` header) is ahead of this device's, in
    /// whole seconds: the countdown to `expires_at` runs on the backend's time, so a phone set
    /// twenty minutes fast does not call a fresh checkout expired.
    pub clock_offset_s: i64,
}

/// A change of the backend's clock offset smaller than this is the `Date` header's one-second
/// resolution and the request's latency, not a new offset.
const CLOCK_OFFSET_STEP_S: i64 = 2;

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
                clock_offset_s: 0,
            },
        }
    }

    /// Goes on from `shown`, what an earlier poller of the same checkout showed: its document
    /// stays shown (and guards against older ones) until a reply changes it.
    pub fn resume(&mut self, shown: Status) {
        self.status = shown;
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

    /// Takes one reply (as [`Poll::receive`]) with the backend's clock when it was sent and
    /// this device's when it came (`(server_ms, local_ms)`, see [`Poll::observe_clock`]). The
    /// clock counts only when the reply is taken: a document about the checkout shown, or a
    /// 304 while one is shown. An error page, a proxy's 503, a stale or another checkout's
    /// document may come from any clock, and must not move the countdown or the expiry.
    /// Returns whether [`Poll::status`] changed.
    pub fn receive_at(&mut self, reply: Reply, clock: Option<(f64, f64)>) -> bool {
        let changed = self.receive(reply);
        let taken = !matches!(self.status.connection, Connection::Reconnecting { .. });
        let clock_changed =
            taken && clock.is_some_and(|(server, local)| self.observe_clock(server, local));
        changed || clock_changed
    }

    /// Takes the backend's clock of a reply (`server_ms`, ms since the epoch) received at
    /// `local_ms` on this device's clock. Returns whether [`Poll::status`] changed.
    pub fn observe_clock(&mut self, server_ms: f64, local_ms: f64) -> bool {
        let offset = ((server_ms - local_ms) / 1000.0).round();
        if !offset.is_finite() {
            return false;
        }
        // Well inside i64: a `Date` is within ±8.64e15 ms of the epoch.
        let offset = offset as i64;
        if (offset - self.status.clock_offset_s).abs() < CLOCK_OFFSET_STEP_S {
            return false;
        }
        self.status.clock_offset_s = offset;
        true
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
            // Where both documents have a revision, it tells: a lower one is an older
            // document (a lagging cache or replica); a higher one is taken even where it shows
            // less paid (a payment the gateway reported returned).
            Some(shown) if shown.revision.is_some() && checkout.revision.is_some() => {
                if checkout.revision < shown.revision {
                    Err(format!(
                        "the status URL answered with an older document (revision {}, where {} was shown)",
                        checkout.revision.unwrap_or_default(),
                        shown.revision.unwrap_or_default()
                    ))
                } else {
                    Ok(checkout)
                }
            }
            // Without revisions, money seen is never unseen while the payment is open: a
            // pending document with less paid, or fewer transfers, than the one shown is taken
            // for an older one, since showing it would ask the payer to pay again.
            Some(shown)
                if checkout.outcome == Outcome::Pending
                    && (checkout.paid_amount < shown.paid_amount
                        || checkout.payments.len() < shown.payments.len()) =>
            {
                Err(format!(
                    "the status URL answered with an older document ({} paid, where {} was shown)",
                    checkout.paid_amount, shown.paid_amount
                ))
            }
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
                // Failures never make it ask more often than its regular cadence (an interval
                // above the 30 s cap, a hidden tab).
                Some((delay as u32).max(regular))
            }
            Connection::Connecting | Connection::Live => Some(regular),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payment::{normalize_payment, Options, State};
    use crate::widget::document::read;
    use crate::widget::fixtures::{checkout_json, Fields};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// The fields of the backend's `SCENARIOS.confirming`.
    const CONFIRMING: Fields = &[
        ("state", r#""confirming""#),
        ("provider_status", r#""waiting_confirmations""#),
        ("paid_amount", r#""50.00""#),
        ("remaining_amount", r#""0.00""#),
        ("confirmations", r#"{"received":3,"required":19}"#),
    ];

    /// The fields of the backend's `SCENARIOS.paid`.
    const PAID: Fields = &[
        ("state", r#""paid""#),
        ("outcome", r#""success""#),
        ("provider_status", r#""finished""#),
        ("paid_amount", r#""50.00""#),
        ("remaining_amount", r#""0.00""#),
    ];

    /// The fields of the backend's `SCENARIOS.expired`.
    const EXPIRED: Fields = &[
        ("state", r#""expired""#),
        ("outcome", r#""failure""#),
        ("provider_status", r#""expired""#),
    ];

    /// The body of the backend's `wrong-schema` fault: JSON, and it even says "paid", but it is
    /// no checkout document (no id, no amounts).
    const WRONG_SCHEMA: &str =
        r#"{"schema":"crypto-checkout/v1","state":"paid","outcome":"success"}"#;

    /// The body of the backend's `garbage` fault.
    const GARBAGE: &str = "<html>502 Bad Gateway</html>";

    /// The reply the poller makes of a 2xx response with `body`: read by the widget's own
    /// reader (`JSON.parse`, then the strict checkout reader).
    async fn served(body: &str, etag: Option<&str>) -> Reply {
        Reply::Document {
            checkout: read(body, None, Mode::Purchase).await,
            etag: etag.map(str::to_owned),
        }
    }

    /// The reply for a gateway's own status document under `source`. The widget hands the body
    /// to the SDK's `normalizePayment` (loaded as `../../crypto_checkout.js`, which the test
    /// bundle does not have), which is `payment::normalize_payment` with the mode, written as
    /// a checkout document; that document then goes through the widget's reader.
    async fn served_by_gateway(body: &str, source: Source, etag: Option<&str>) -> Reply {
        let gateway = source.provider.expect("a gateway source");
        let options = Options {
            mode: source.mode,
            ..Options::default()
        };
        let checkout = match normalize_payment(gateway, body, &options) {
            Ok(checkout) => read(&checkout.to_json(), None, source.mode).await,
            Err(error) => Err(error.to_string()),
        };
        Reply::Document {
            checkout,
            etag: etag.map(str::to_owned),
        }
    }

    /// The checkout shown.
    fn shown(poll: &Poll) -> &Checkout {
        poll.status()
            .checkout
            .as_deref()
            .expect("a checkout is shown")
    }

    /// The reason and failure count of a reconnecting connection.
    fn reconnecting(poll: &Poll) -> (&str, u32) {
        match &poll.status().connection {
            Connection::Reconnecting { reason, failures } => (reason, *failures),
            other => panic!("expected Reconnecting, got {other:?}"),
        }
    }

    /// The backoff rule: the window after `failures` failures is
    /// `min(interval · 2^failures, MAX_BACKOFF_MS)`, and the wait is
    /// `window/2 + window/2 · jitter`, in whole milliseconds.
    fn backoff(interval_ms: u32, failures: u32, jitter_per_mille: u64) -> u32 {
        let window = (u64::from(interval_ms) << failures.min(40)).min(u64::from(MAX_BACKOFF_MS));
        let half = window / 2;
        (half + half * jitter_per_mille / 1000) as u32
    }

    /// A poller that has shown the default document (ETag `"v1"`).
    async fn live_poll(interval_ms: u32) -> Poll {
        let mut poll = Poll::new(interval_ms);
        assert!(poll.receive(served(&checkout_json(&[]), Some("\"v1\"")).await));
        assert_eq!(poll.status().connection, Connection::Live);
        poll
    }

    /// A new poller shows nothing, is connecting, sends no ETag and asks again after the
    /// interval.
    #[wasm_bindgen_test]
    fn new_poll_is_connecting_without_checkout_or_etag() {
        let poll = Poll::new(3000);
        assert_eq!(poll.status().checkout, None);
        assert_eq!(poll.status().connection, Connection::Connecting);
        assert_eq!(poll.etag(), None);
        assert!(!poll.is_finished());
        assert_eq!(poll.next_delay(false, 0.999), Some(3000));
    }

    /// The first document is shown as read, the connection goes Live, and its ETag is the one
    /// sent next.
    #[wasm_bindgen_test]
    async fn first_document_shows_its_checkout_goes_live_and_keeps_its_etag() {
        let body = checkout_json(&[]);
        let mut poll = Poll::new(3000);
        assert!(poll.receive(served(&body, Some("\"chk-v1\"")).await));
        assert_eq!(poll.status().connection, Connection::Live);
        assert_eq!(poll.etag(), Some("\"chk-v1\""));
        let expected = Checkout::from_json(body.as_str()).expect("the default document reads");
        assert_eq!(shown(&poll), &expected);
        assert_eq!(shown(&poll).id, "chk_demo_1");
        assert_eq!(shown(&poll).state, State::AwaitingPayment);
        assert_eq!(shown(&poll).outcome, Outcome::Pending);
    }

    /// A pending document showing less money than the one shown is stale: the payer keeps
    /// seeing the confirming payment (and no QR code asking for the whole amount again), and
    /// the connection reconnects; a final document is taken whatever it says was paid.
    #[wasm_bindgen_test]
    async fn an_older_document_never_takes_back_money_seen() {
        let confirming = checkout_json(&[
            ("state", r#""confirming""#),
            ("paid_amount", r#""50.00""#),
            ("remaining_amount", r#""0""#),
        ]);
        let mut poll = Poll::new(3000);
        assert!(poll.receive(served(&confirming, Some("\"v2\"")).await));
        assert!(poll.receive(served(&checkout_json(&[]), Some("\"v1\"")).await));
        assert_eq!(shown(&poll).state, State::Confirming);
        assert_eq!(shown(&poll).paid_amount.to_string(), "50.00");
        assert!(
            reconnecting(&poll).0.contains("older document"),
            "{:?}",
            reconnecting(&poll)
        );
        assert_eq!(poll.etag(), Some("\"v2\""));
        let refunded = checkout_json(&[("state", r#""refunded""#), ("outcome", r#""failure""#)]);
        assert!(poll.receive(served(&refunded, None).await));
        assert_eq!(shown(&poll).state, State::Refunded);
        assert!(poll.is_finished());
    }

    /// With revisions, the revision decides: a higher one is taken though it shows less paid
    /// (a payment returned), a lower one is refused though it shows more.
    #[wasm_bindgen_test]
    async fn revisions_tell_an_older_document_from_a_correction() {
        let document = |revision: &str, paid: &str, payments: &str| {
            checkout_json(&[
                ("state", r#""underpaid""#),
                ("paid_amount", paid),
                ("payments", payments),
                ("revision", revision),
            ])
        };
        let one = r#"[{"id":null,"txid":"t1","amount":"20.5","sequence":null,"confirmed":true,"created_at":null}]"#;
        let mut poll = Poll::new(3000);
        assert!(poll.receive(served(&document("2", r#""20.5""#, one), Some("\"v2\"")).await));
        assert!(poll.receive(served(&document("3", r#""0""#, "[]"), Some("\"v3\"")).await));
        assert_eq!(shown(&poll).paid_amount.to_string(), "0");
        assert_eq!(poll.status().connection, Connection::Live);
        assert_eq!(poll.etag(), Some("\"v3\""));
        assert!(poll.receive(served(&document("2", r#""20.5""#, one), Some("\"v2\"")).await));
        assert_eq!(shown(&poll).paid_amount.to_string(), "0");
        assert!(
            reconnecting(&poll)
                .0
                .contains("revision 2, where 3 was shown"),
            "{:?}",
            reconnecting(&poll)
        );
    }

    /// The backend's clock offset, in whole seconds, changes only by a step of two seconds or
    /// more: the `Date` header's resolution and the latency are no change.
    #[wasm_bindgen_test]
    fn the_clock_offset_follows_the_date_header_in_steps() {
        let mut poll = Poll::new(3000);
        let local = 1_700_000_000_000.0;
        assert!(
            !poll.observe_clock(local + 1_400.0, local),
            "under two seconds: no offset"
        );
        assert_eq!(poll.status().clock_offset_s, 0);
        assert!(
            poll.observe_clock(local - 1_200_400.0, local),
            "a device twenty minutes fast"
        );
        assert_eq!(poll.status().clock_offset_s, -1_200);
        assert!(!poll.observe_clock(local - 1_199_000.0, local));
        assert_eq!(poll.status().clock_offset_s, -1_200);
        assert!(poll.observe_clock(local + 3_000.0, local));
        assert_eq!(poll.status().clock_offset_s, 3);
        assert!(
            !poll.observe_clock(f64::NAN, local),
            "an unreadable Date header"
        );
        assert_eq!(poll.status().clock_offset_s, 3);
    }

    /// Only a reply the poll takes sets the backend's clock: an error, a page that is no
    /// checkout document, a stale or another checkout's document, whatever its `Date`, leaves
    /// the countdown alone.
    #[wasm_bindgen_test]
    async fn only_replies_taken_set_the_clock() {
        let local = 1_700_000_000_000.0;
        let hour_fast = Some((local + 3_600_000.0, local));
        let mut poll = live_poll(3000).await;
        let before = poll.status().clone();
        assert!(poll.receive_at(Reply::HttpError(503), hour_fast));
        assert_eq!(poll.status().clock_offset_s, 0, "a 503");
        poll.receive_at(served("<html>portal</html>", None).await, hour_fast);
        assert_eq!(poll.status().clock_offset_s, 0, "not a document");
        let other = checkout_json(&[]).replace("chk_demo_1", "chk_other");
        poll.receive_at(served(&other, None).await, hour_fast);
        assert_eq!(poll.status().clock_offset_s, 0, "another checkout");
        assert_eq!(poll.status().checkout, before.checkout);
        // Taken: the 304 after those failures, then a document.
        assert!(poll.receive_at(Reply::NotModified, hour_fast));
        assert_eq!(poll.status().clock_offset_s, 3_600);
        let slow = Some((local - 60_000.0, local));
        assert!(poll.receive_at(served(&checkout_json(&[]), None).await, slow));
        assert_eq!(poll.status().clock_offset_s, -60);
    }

    /// A 304 after a document keeps the checkout, the connection and the ETag, and reports no
    /// change.
    #[wasm_bindgen_test]
    async fn not_modified_after_a_document_changes_nothing() {
        let mut poll = live_poll(3000).await;
        let before = poll.status().clone();
        assert!(!poll.receive(Reply::NotModified));
        assert_eq!(poll.status(), &before);
        assert_eq!(poll.etag(), Some("\"v1\""));
    }

    /// A 304 while reconnecting (with a checkout shown) means the status URL answers again:
    /// Live.
    #[wasm_bindgen_test]
    async fn not_modified_after_a_failure_is_live_again() {
        let mut poll = live_poll(3000).await;
        assert!(poll.receive(Reply::HttpError(503)));
        assert!(poll.receive(Reply::NotModified));
        assert_eq!(poll.status().connection, Connection::Live);
        assert_eq!(shown(&poll).id, "chk_demo_1");
    }

    /// A 304 before any document has nothing to keep: it is a failure, and nothing is shown.
    #[wasm_bindgen_test]
    fn not_modified_before_any_document_is_a_failure() {
        let mut poll = Poll::new(3000);
        assert!(poll.receive(Reply::NotModified));
        let (reason, failures) = reconnecting(&poll);
        assert!(reason.contains("304"), "{reason}");
        assert_eq!(failures, 1);
        assert_eq!(poll.status().checkout, None);
        assert!(poll.receive(Reply::NotModified));
        assert_eq!(reconnecting(&poll).1, 2);
    }

    /// Every kind of failure (HTTP error, timeout, network error, a body that is not JSON,
    /// JSON that is no checkout document even though it says "paid", a document about another
    /// checkout) leaves the shown checkout and the ETag alone, marks the connection
    /// Reconnecting with one more failure, and names its cause.
    #[wasm_bindgen_test]
    async fn failures_keep_the_checkout_and_reconnect_naming_the_cause() {
        let other = checkout_json(&[("id", r#""chk_other_2""#)]);
        let script: Vec<(Reply, &[&str])> = vec![
            (Reply::HttpError(500), &["HTTP 500"]),
            (Reply::Timeout, &["no answer within 10 seconds"]),
            (
                Reply::NetworkError("TypeError: Failed to fetch".to_owned()),
                &["Failed to fetch"],
            ),
            (served(GARBAGE, Some("\"garbage\"")).await, &["not JSON"]),
            (
                served(WRONG_SCHEMA, Some("\"wrong\"")).await,
                &["missing field"],
            ),
            (
                served(
                    &checkout_json(&[("schema", r#""crypto-checkout/v2""#)]),
                    None,
                )
                .await,
                &["schema", "crypto-checkout/v1"],
            ),
            (
                served(&other, Some("\"other\"")).await,
                &["chk_other_2", "instead of chk_demo_1"],
            ),
            // Paid, yet the merchant is told to wait: a contradiction, never a success shown.
            (
                served(
                    &checkout_json(&[("state", r#""paid""#), ("outcome", r#""pending""#)]),
                    Some("\"contradiction\""),
                )
                .await,
                &["outcome", "contradicts state `paid`"],
            ),
            (Reply::HttpError(404), &["HTTP 404"]),
        ];
        let mut poll = live_poll(3000).await;
        let checkout = poll.status().checkout.clone().expect("a checkout is shown");
        for (count, (reply, causes)) in (1..).zip(script) {
            let described = format!("{reply:?}");
            assert!(poll.receive(reply), "{described} changed nothing");
            let (reason, failures) = reconnecting(&poll);
            assert_eq!(failures, count, "{described}");
            for cause in causes {
                assert!(
                    reason.contains(cause),
                    "{described}: reason {reason:?} lacks {cause:?}"
                );
            }
            let now = poll.status().checkout.as_ref().expect("still shown");
            assert!(
                Rc::ptr_eq(now, &checkout),
                "{described} replaced the checkout"
            );
            assert_eq!(poll.etag(), Some("\"v1\""), "{described} changed the ETag");
            assert!(!poll.is_finished(), "{described} finished the payment");
        }
    }

    /// After failures, a good document is shown and the connection is Live again; the next
    /// failure counts from one.
    #[wasm_bindgen_test]
    async fn a_good_document_after_failures_is_live_again() {
        let mut poll = live_poll(3000).await;
        assert!(poll.receive(Reply::HttpError(500)));
        assert!(poll.receive(Reply::Timeout));
        assert!(poll.receive(served(GARBAGE, None).await));
        assert_eq!(reconnecting(&poll).1, 3);
        assert!(poll.receive(served(&checkout_json(CONFIRMING), Some("\"v2\"")).await));
        assert_eq!(poll.status().connection, Connection::Live);
        assert_eq!(shown(&poll).state, State::Confirming);
        assert_eq!(poll.etag(), Some("\"v2\""));
        assert!(poll.receive(Reply::HttpError(502)));
        assert_eq!(reconnecting(&poll).1, 1);
    }

    /// The same document again (a server without 304s) changes nothing but takes the new
    /// ETag; a document without ETag clears the old one, which belongs to an older body.
    #[wasm_bindgen_test]
    async fn document_etags_follow_the_latest_good_document() {
        let mut poll = live_poll(3000).await;
        assert!(!poll.receive(served(&checkout_json(&[]), Some("\"v1b\"")).await));
        assert_eq!(poll.etag(), Some("\"v1b\""));
        assert!(poll.receive(served(&checkout_json(CONFIRMING), None).await));
        assert_eq!(poll.etag(), None);
    }

    /// Backoff with interval 1000 ms: after n failures the wait lies in [window/2, window],
    /// window = min(1000 · 2^n, 30000); jitter 0 gives window/2, jitter 0.999 gives
    /// window/2 + 0.999 · window/2; never more than 30 s, even after 40 failures.
    #[wasm_bindgen_test]
    async fn backoff_doubles_with_equal_jitter_up_to_thirty_seconds() {
        let mut poll = live_poll(1000).await;
        for failures in 1..=40u32 {
            assert!(poll.receive(Reply::Timeout));
            assert_eq!(reconnecting(&poll).1, failures);
            let window = (1000u64 << failures.min(40)).min(30_000) as u32;
            let low = poll.next_delay(false, 0.0).expect("polling goes on");
            let middle = poll.next_delay(false, 0.5).expect("polling goes on");
            let high = poll.next_delay(false, 0.999).expect("polling goes on");
            assert_eq!(low, window / 2, "after {failures} failures");
            assert_eq!(
                high,
                backoff(1000, failures, 999),
                "after {failures} failures"
            );
            assert_eq!(
                middle,
                backoff(1000, failures, 500),
                "after {failures} failures"
            );
            for delay in [low, middle, high] {
                assert!(
                    (window / 2..=window).contains(&delay),
                    "after {failures} failures: {delay} outside [{}, {window}]",
                    window / 2
                );
                assert!(delay <= MAX_BACKOFF_MS);
            }
            assert!(poll.next_delay(false, 1.0).unwrap() <= MAX_BACKOFF_MS);
            assert!(poll.next_delay(false, 7.0).unwrap() <= MAX_BACKOFF_MS);
            assert_eq!(poll.next_delay(false, -3.0), Some(window / 2));
        }
    }

    /// The first backoff steps, written out: 1000–1999, 2000–3998, 4000–7996, 8000–15992,
    /// then the 30 s cap: 15000–29985.
    #[wasm_bindgen_test]
    async fn backoff_first_steps_are_the_obvious_values() {
        let mut poll = live_poll(1000).await;
        let mut seen = Vec::new();
        for _ in 0..6 {
            poll.receive(Reply::HttpError(500));
            seen.push((
                poll.next_delay(false, 0.0).unwrap(),
                poll.next_delay(false, 0.999).unwrap(),
            ));
        }
        assert_eq!(
            seen,
            [
                (1000, 1999),
                (2000, 3998),
                (4000, 7996),
                (8000, 15992),
                (15000, 29985),
                (15000, 29985),
            ]
        );
    }

    /// A hidden tab polls every max(interval, 30 s) while Live (and while still connecting);
    /// jitter does not matter then, and a visible tab polls at the interval.
    #[wasm_bindgen_test]
    async fn hidden_tab_polls_at_the_hidden_interval_when_live() {
        let connecting = Poll::new(3000);
        assert_eq!(connecting.next_delay(true, 0.5), Some(HIDDEN_INTERVAL_MS));
        let poll = live_poll(3000).await;
        for jitter in [0.0, 0.5, 0.999] {
            assert_eq!(poll.next_delay(true, jitter), Some(30_000));
            assert_eq!(poll.next_delay(false, jitter), Some(3000));
        }
        let slow = live_poll(45_000).await;
        assert_eq!(slow.next_delay(true, 0.0), Some(45_000));
        assert_eq!(slow.next_delay(false, 0.0), Some(45_000));
    }

    /// A hidden tab that is reconnecting polls no more often than a hidden tab that is Live
    /// (the module doc: "a hidden tab polls at most every HIDDEN_INTERVAL_MS").
    #[wasm_bindgen_test]
    async fn hidden_tab_waits_at_least_the_hidden_interval_when_reconnecting() {
        let mut poll = live_poll(3000).await;
        assert!(poll.receive(Reply::HttpError(500)));
        for jitter in [0.0, 0.5, 0.999] {
            let delay = poll.next_delay(true, jitter).expect("polling goes on");
            assert!(
                delay >= HIDDEN_INTERVAL_MS,
                "hidden, reconnecting: {delay} ms"
            );
        }
    }

    /// With an interval beyond the backoff's 30 s cap, failures do not make it poll faster.
    #[wasm_bindgen_test]
    async fn failures_never_poll_faster_than_the_interval() {
        let mut poll = live_poll(60_000).await;
        for _ in 0..5 {
            assert!(poll.receive(Reply::HttpError(503)));
            for jitter in [0.0, 0.5, 0.999] {
                assert_eq!(poll.next_delay(false, jitter), Some(60_000));
            }
        }
    }

    /// An interval below 500 ms is raised to 500 ms, for the regular wait and as the base of
    /// the backoff.
    #[wasm_bindgen_test]
    fn interval_below_the_minimum_is_raised_to_500_ms() {
        for asked in [0, 1, 100, 499] {
            let mut poll = Poll::new(asked);
            assert_eq!(
                poll.next_delay(false, 0.0),
                Some(MIN_INTERVAL_MS),
                "{asked}"
            );
            assert_eq!(
                poll.next_delay(true, 0.0),
                Some(HIDDEN_INTERVAL_MS),
                "{asked}"
            );
            poll.receive(Reply::Timeout);
            assert_eq!(poll.next_delay(false, 0.0), Some(500), "{asked}");
            assert_eq!(poll.next_delay(false, 0.999), Some(999), "{asked}");
        }
        assert_eq!(Poll::new(500).next_delay(false, 0.0), Some(500));
        assert_eq!(Poll::new(501).next_delay(false, 0.0), Some(501));
    }

    /// A paid document (outcome `success`) finishes polling; nothing afterwards (a stale
    /// pending document, an error, a 304, another checkout, garbage) changes what is shown:
    /// a success is never taken back.
    #[wasm_bindgen_test]
    async fn success_finishes_and_is_never_taken_back() {
        let mut poll = live_poll(3000).await;
        assert!(poll.receive(served(&checkout_json(PAID), Some("\"v3\"")).await));
        assert_eq!(poll.status().connection, Connection::Finished);
        assert!(poll.is_finished());
        assert_eq!(shown(&poll).state, State::Paid);
        assert_eq!(shown(&poll).outcome, Outcome::Success);
        assert_eq!(poll.next_delay(false, 0.0), None);
        assert_eq!(poll.next_delay(true, 0.999), None);
        let finished = poll.status().clone();
        let late = vec![
            served(&checkout_json(&[]), Some("\"v1\"")).await,
            served(&checkout_json(CONFIRMING), Some("\"v2\"")).await,
            served(&checkout_json(EXPIRED), Some("\"v4\"")).await,
            served(&checkout_json(&[("id", r#""chk_other_2""#)]), None).await,
            served(GARBAGE, None).await,
            Reply::HttpError(500),
            Reply::Timeout,
            Reply::NetworkError("offline".to_owned()),
            Reply::NotModified,
        ];
        for reply in late {
            let described = format!("{reply:?}");
            assert!(!poll.receive(reply), "{described} reported a change");
            assert_eq!(poll.status(), &finished, "{described}");
            assert_eq!(poll.etag(), Some("\"v3\""), "{described}");
            assert_eq!(poll.next_delay(false, 0.5), None, "{described}");
        }
    }

    /// A paid document as the very first reply, or right after failures, finishes too.
    #[wasm_bindgen_test]
    async fn success_finishes_from_connecting_and_from_reconnecting() {
        let mut first = Poll::new(3000);
        assert!(first.receive(served(&checkout_json(PAID), None).await));
        assert!(first.is_finished());
        let mut after_failures = live_poll(3000).await;
        after_failures.receive(Reply::Timeout);
        after_failures.receive(Reply::HttpError(500));
        assert!(after_failures.receive(served(&checkout_json(PAID), None).await));
        assert!(after_failures.is_finished());
        assert_eq!(shown(&after_failures).state, State::Paid);
    }

    /// An expired document (outcome `failure`) finishes as well, and a later pending
    /// document does not reopen it.
    #[wasm_bindgen_test]
    async fn failure_outcome_finishes_and_stays() {
        let mut poll = live_poll(3000).await;
        assert!(poll.receive(served(&checkout_json(EXPIRED), Some("\"v2\"")).await));
        assert_eq!(poll.status().connection, Connection::Finished);
        assert_eq!(shown(&poll).state, State::Expired);
        assert_eq!(shown(&poll).outcome, Outcome::Failure);
        assert_eq!(poll.next_delay(false, 0.0), None);
        assert!(!poll.receive(served(&checkout_json(&[]), Some("\"v1\"")).await));
        assert_eq!(shown(&poll).state, State::Expired);
        assert!(poll.is_finished());
    }

    /// Each scenario of the scripted backend finishes polling exactly when its outcome is
    /// `success` or `failure`; the others stay Live.
    #[wasm_bindgen_test]
    async fn backend_scenarios_finish_exactly_when_the_outcome_is_final() {
        let scenarios: [(&str, Fields, bool); 13] = [
            ("awaiting_payment", &[], false),
            ("confirming", CONFIRMING, false),
            (
                "converting",
                &[
                    ("state", r#""converting""#),
                    ("provider_status", r#""converting""#),
                    ("paid_amount", r#""50.00""#),
                    ("remaining_amount", r#""0.00""#),
                ],
                false,
            ),
            ("paid", PAID, true),
            (
                "underpaid",
                &[
                    ("state", r#""underpaid""#),
                    ("provider_status", r#""partially_paid""#),
                    ("paid_amount", r#""20.00""#),
                    ("remaining_amount", r#""30.00""#),
                ],
                false,
            ),
            (
                "overpaid",
                &[
                    ("state", r#""overpaid""#),
                    ("outcome", r#""success""#),
                    ("provider_status", r#""finished""#),
                    ("paid_amount", r#""55.00""#),
                    ("remaining_amount", r#""0.00""#),
                    ("excess_amount", r#""5.00""#),
                ],
                true,
            ),
            (
                "on_hold",
                &[
                    ("state", r#""on_hold""#),
                    ("provider_status", r#""hold""#),
                    ("paid_amount", r#""50.00""#),
                    ("remaining_amount", r#""0.00""#),
                ],
                false,
            ),
            (
                "failed",
                &[
                    ("state", r#""failed""#),
                    ("outcome", r#""failure""#),
                    ("provider_status", r#""failed""#),
                ],
                true,
            ),
            (
                "refunded",
                &[
                    ("state", r#""refunded""#),
                    ("outcome", r#""failure""#),
                    ("provider_status", r#""refunded""#),
                    ("paid_amount", r#""50.00""#),
                    ("remaining_amount", r#""0.00""#),
                ],
                true,
            ),
            (
                "address_reused",
                &[
                    ("state", r#""address_reused""#),
                    ("provider_status", r#""address_reused""#),
                ],
                false,
            ),
            (
                "cancelled",
                &[
                    ("state", r#""cancelled""#),
                    ("outcome", r#""failure""#),
                    ("provider_status", r#""cancelled""#),
                ],
                true,
            ),
            ("expired", EXPIRED, true),
            (
                "unknown",
                &[
                    ("provider_status", r#""mystery""#),
                    ("state", r#""unknown""#),
                ],
                false,
            ),
        ];
        for (name, fields, finishes) in scenarios {
            let mut poll = Poll::new(3000);
            assert!(
                poll.receive(served(&checkout_json(fields), None).await),
                "{name}"
            );
            assert_eq!(shown(&poll).state.as_str(), name);
            assert_eq!(poll.is_finished(), finishes, "{name}");
            assert_eq!(poll.next_delay(false, 0.0).is_none(), finishes, "{name}");
        }
    }

    /// A short name of a connection state, for comparing sequences.
    fn label(connection: &Connection) -> String {
        match connection {
            Connection::Connecting => "connecting".to_owned(),
            Connection::Live => "live".to_owned(),
            Connection::Reconnecting { failures, .. } => format!("reconnecting {failures}"),
            Connection::Finished => "finished".to_owned(),
        }
    }

    /// A fake clock over a scripted backend (interval 3 s): a timeout first, a document,
    /// a 304 in a hidden tab, four failures in a row, a confirming document, a 304, and the
    /// paid document. Each wait is what `next_delay` says; the requests go out at the
    /// expected times, the connection runs through the expected states, and polling stops
    /// 92,988 ms after the first request.
    #[wasm_bindgen_test]
    async fn fake_clock_replays_a_mixed_script() {
        // (reply, tab hidden while waiting, jitter)
        let script = vec![
            (Reply::Timeout, false, 0.0),
            (
                served(&checkout_json(&[]), Some("\"v1\"")).await,
                false,
                0.5,
            ),
            (Reply::NotModified, true, 0.999),
            (Reply::HttpError(500), false, 0.0),
            (
                Reply::NetworkError("Failed to fetch".to_owned()),
                false,
                0.5,
            ),
            (served(GARBAGE, None).await, false, 0.999),
            (Reply::Timeout, false, 0.0),
            (
                served(&checkout_json(CONFIRMING), Some("\"v2\"")).await,
                false,
                0.5,
            ),
            (Reply::NotModified, false, 0.999),
            (
                served(&checkout_json(PAID), Some("\"v3\"")).await,
                false,
                0.0,
            ),
        ];
        let mut poll = Poll::new(3000);
        let mut now = 0u32;
        let mut requests = Vec::new();
        let mut changes = Vec::new();
        let mut states = Vec::new();
        let mut shown_states = Vec::new();
        for (reply, hidden, jitter) in script {
            requests.push(now);
            changes.push(poll.receive(reply));
            states.push(label(&poll.status().connection));
            shown_states.push(poll.status().checkout.as_ref().map(|c| c.state));
            match poll.next_delay(hidden, jitter) {
                Some(delay) => now += delay,
                None => break,
            }
        }
        assert_eq!(
            requests,
            [0, 3000, 6000, 36_000, 39_000, 48_000, 71_988, 86_988, 89_988, 92_988]
        );
        assert_eq!(
            states,
            [
                "reconnecting 1",
                "live",
                "live",
                "reconnecting 1",
                "reconnecting 2",
                "reconnecting 3",
                "reconnecting 4",
                "live",
                "live",
                "finished",
            ]
        );
        assert_eq!(
            changes,
            [true, true, false, true, true, true, true, true, false, true]
        );
        let awaiting = Some(State::AwaitingPayment);
        assert_eq!(
            shown_states,
            [
                None,
                awaiting,
                awaiting,
                awaiting,
                awaiting,
                awaiting,
                awaiting,
                Some(State::Confirming),
                Some(State::Confirming),
                Some(State::Paid),
            ]
        );
        assert_eq!(now, 92_988);
        assert_eq!(poll.etag(), Some("\"v3\""));
    }

    /// A Heropayments status document (`tables/heropayments/v2-deposit-finished.json`), read
    /// for `Source { provider: Some(Heropayments), mode: Purchase }`, shows exactly the
    /// checkout of its `.expected.json` (paid, success) and finishes polling.
    #[wasm_bindgen_test]
    async fn heropayments_document_shows_the_expected_finished_checkout() {
        let body = include_str!(
            "../../tests/vectors/payments/tables/heropayments/v2-deposit-finished.json"
        );
        let expected = Checkout::from_json(include_str!(
            "../../tests/vectors/payments/tables/heropayments/v2-deposit-finished.expected.json"
        ))
        .expect("the expected file is a checkout document");
        let source = Source {
            provider: Some(Gateway::Heropayments),
            mode: Mode::Purchase,
        };
        let mut poll = Poll::new(3000);
        assert!(poll.receive(served_by_gateway(body, source, Some("\"h1\"")).await));
        assert_eq!(shown(&poll), &expected);
        assert_eq!(shown(&poll).state, State::Paid);
        assert_eq!(shown(&poll).outcome, Outcome::Success);
        assert_eq!(poll.status().connection, Connection::Finished);
        assert_eq!(poll.next_delay(false, 0.0), None);
    }

    /// A Heropayments status document still waiting
    /// (`tables/heropayments/v2-deposit-waiting-in-data.json`) shows its `.expected.json`
    /// checkout (awaiting payment) and stays Live; a document of another Heropayments payment
    /// afterwards is refused as another checkout.
    #[wasm_bindgen_test]
    async fn heropayments_waiting_document_stays_live_and_refuses_another_payment() {
        let waiting = include_str!(
            "../../tests/vectors/payments/tables/heropayments/v2-deposit-waiting-in-data.json"
        );
        let expected = Checkout::from_json(include_str!(
            "../../tests/vectors/payments/tables/heropayments/v2-deposit-waiting-in-data.expected.json"
        ))
        .expect("the expected file is a checkout document");
        let other = include_str!(
            "../../tests/vectors/payments/tables/heropayments/v2-deposit-finished.json"
        );
        let source = Source {
            provider: Some(Gateway::Heropayments),
            mode: Mode::Purchase,
        };
        let mut poll = Poll::new(3000);
        assert!(poll.receive(served_by_gateway(waiting, source, None).await));
        assert_eq!(shown(&poll), &expected);
        assert_eq!(shown(&poll).state, State::AwaitingPayment);
        assert_eq!(poll.status().connection, Connection::Live);
        assert!(poll.receive(served_by_gateway(other, source, None).await));
        let (reason, failures) = reconnecting(&poll);
        assert!(reason.contains("instead of e1d2c3b4"), "{reason}");
        assert_eq!(failures, 1);
        assert_eq!(shown(&poll), &expected);
        assert!(!poll.is_finished());
    }
}
