//! The gateway simulators, mounted under `/gateways/{provider}/`.
//!
//! Each one speaks its gateway's documented API: the same paths after the mount point, the
//! same field names and statuses. It checks the merchant's request authentication as the
//! gateway does (and answers a wrong one in the gateway's own error shape), and it sends
//! webhooks in the gateway's format, signed as the gateway signs them
//! ([`crypto_checkout::signature::sign_webhook`]), to the merchant's callback URL, retried
//! until they are answered with HTTP 200 ([`crate::outbox`]).
//!
//! The five share one model of a payment, [`Record`]: an address, the amount asked, the
//! transfers received with their confirmations, and a [`Phase`]. Each module writes that model
//! in its gateway's words, and decides which webhooks a change sends.

pub mod calypso;
pub mod cryptopayment;
pub mod hayvn;
pub mod heropayments;
pub mod iqpay;

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use crypto_checkout::asset::{Coin, Network};
use crypto_checkout::json::value::{self, Value};
use crypto_checkout::payment::money::Amount;
use crypto_checkout::payment::Gateway;
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use crate::app::Shared;
use crate::store::{tx, Store, StoreError};

/// Confirmations a transfer needs in the sandbox (few, so a demo completes in seconds).
pub const REQUIRED_CONFIRMATIONS: u32 = 3;
/// How long a payment waits for its first transfer.
pub const TTL_SECS: i64 = 15 * 60;

/// Where a simulated payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Nothing received.
    Waiting,
    /// Transfers seen, not all confirmed.
    Confirming,
    /// Every transfer confirmed (the amount may still be short: see [`Standing`]).
    Completed,
    /// The payment window closed.
    Expired,
    /// The gateway gave up on the payment.
    Failed,
}

/// A transfer the simulated chain received.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Transfer {
    /// The gateway's id of the transfer.
    pub id: String,
    /// The transaction hash.
    pub txid: String,
    /// The sender's address.
    pub from: String,
    /// The amount, exact decimal text.
    pub amount: String,
    /// Confirmations so far.
    pub confirmations: u32,
    /// `original` for the first transfer, a new id for each further one (Heropayments'
    /// multiple deposits).
    pub sequence: String,
    /// When it was seen (Unix seconds).
    pub at: i64,
}

/// A simulated gateway's record of one payment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// The gateway's id.
    pub id: String,
    /// A second id of the payment, where the gateway gives one (Calypso's `idempotencyKey`).
    pub reference: String,
    /// The merchant's reference (the checkout id).
    pub order_id: String,
    /// The coin's ticker.
    pub coin: String,
    /// The network, in the package's vocabulary.
    pub network: String,
    /// The deposit address.
    pub address: String,
    /// The destination tag, memo or comment, on networks that need one.
    pub tag: Option<String>,
    /// The crypto amount asked; none for a wallet that takes any amount (iqpay).
    pub amount: Option<String>,
    /// The smallest transfer processed.
    pub minimum: Option<String>,
    /// The fiat currency and amount of the order.
    pub fiat: Option<(String, String)>,
    /// Where it stands.
    pub phase: Phase,
    /// The transfers received.
    pub transfers: Vec<Transfer>,
    /// Confirmations each transfer needs.
    pub required_confirmations: u32,
    /// Created (Unix seconds).
    pub created_at: i64,
    /// The end of the payment window (Unix seconds), if the gateway has one.
    pub expires_at: Option<i64>,
    /// Where its webhooks go.
    pub callback_url: String,
    /// Webhooks sent so far (numbers their ids).
    pub events: u32,
}

/// How the money received compares with the amount asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Less than the amount.
    Under,
    /// The amount exactly (or any amount, when none was asked).
    Exact,
    /// More than the amount.
    Over,
}

/// What happened to a payment, for its gateway's webhooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The payment was created.
    Created,
    /// Transfer `n` was seen (no confirmation yet).
    Detected(usize),
    /// Transfer `n` reached its confirmations.
    Confirmed(usize),
    /// Every transfer is confirmed.
    Completed,
    /// The window closed.
    Expired,
    /// The gateway gave up.
    Failed,
}

/// What the simulation controls can do to a payment.
#[derive(Debug, Clone)]
pub enum Action {
    /// A customer transfer of this amount.
    Pay(Amount),
    /// Every transfer reaches its confirmations.
    Confirm,
    /// One more confirmation for every transfer (time-driven progress).
    Tick,
    /// The window closes.
    Expire,
    /// The gateway gives up.
    Fail,
}

/// A webhook to send: its headers and its body, exactly as signed.
pub struct Notification {
    /// Headers besides `Content-Type`.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Notification {
    /// `body` signed as `gateway` signs its webhooks (with the sandbox account's secret): into
    /// a header (Heropayments' `x-api-sign`, Calypso's `Sign`), or into a `signature` member
    /// added last (HAYVN, CryptoPayment.center); iqpay signs nothing.
    pub fn signed(gateway: Gateway, body: Value) -> Notification {
        let provider = crypto_checkout::signature::Provider::from(gateway);
        let text = body.to_string();
        let secret = crate::credentials::of(gateway).webhook_secret();
        let signed = match gateway {
            Gateway::Iqpay => None,
            _ => Some(
                crypto_checkout::signature::sign_webhook(provider, &secret, text.as_bytes())
                    .expect("the sandbox's webhooks hold the fields their signatures cover"),
            ),
        };
        match (signed, body) {
            (Some(signed), Value::Object(mut members)) if signed.signature_field.is_some() => {
                let signature = signed.signature_field.unwrap_or_default();
                members.push(("signature".to_owned(), Value::String(signature)));
                Notification {
                    headers: Vec::new(),
                    body: Value::Object(members).to_string().into_bytes(),
                }
            }
            (signed, _) => Notification {
                headers: signed.map(|signed| signed.headers).unwrap_or_default(),
                body: text.into_bytes(),
            },
        }
    }
}

/// Why an action cannot be taken.
#[derive(Debug)]
pub enum ActionError {
    /// No such payment.
    NotFound,
    /// Not in this phase, or not at this gateway; the message says why.
    Conflict(String),
    /// The database failed.
    Store(StoreError),
}

impl From<StoreError> for ActionError {
    fn from(error: StoreError) -> Self {
        ActionError::Store(error)
    }
}

impl Record {
    /// A new waiting payment at `gateway` for the merchant's `order_id`, with a fresh address.
    pub fn new(
        gateway: Gateway,
        order_id: &str,
        coin: Coin,
        network: Network,
        amount: Option<Amount>,
        fiat: Option<(String, Amount)>,
        callback_url: &str,
    ) -> Record {
        let (address, tag) = address(network);
        let now = now_secs();
        Record {
            id: payment_id(gateway),
            reference: random_uuid(),
            order_id: order_id.to_owned(),
            coin: coin.ticker().to_owned(),
            network: network.as_str().to_owned(),
            address,
            tag,
            minimum: amount.as_ref().map(|_| minimum(coin)),
            amount: amount.map(|amount| amount.to_string()),
            fiat: fiat.map(|(currency, amount)| (currency, amount.to_string())),
            phase: Phase::Waiting,
            transfers: Vec::new(),
            required_confirmations: REQUIRED_CONFIRMATIONS,
            created_at: now,
            expires_at: Some(now + TTL_SECS),
            callback_url: callback_url.to_owned(),
            events: 0,
        }
    }

    /// The coin.
    pub fn coin(&self) -> Coin {
        Coin::parse(&self.coin).expect("records hold tickers of the vocabulary")
    }

    /// The network.
    pub fn network(&self) -> Network {
        Network::parse(&self.network).expect("records hold networks of the vocabulary")
    }

    /// The amount asked.
    pub fn amount(&self) -> Option<Amount> {
        self.amount.as_deref().map(decimal)
    }

    /// Everything received (confirmed or not).
    pub fn received(&self) -> Amount {
        self.transfers.iter().fold(Amount::zero(), |sum, transfer| {
            sum.add(&decimal(&transfer.amount))
        })
    }

    /// How the money received compares with the amount asked.
    pub fn standing(&self) -> Standing {
        match self.amount() {
            None => Standing::Exact,
            Some(amount) => match self.received().cmp(&amount) {
                std::cmp::Ordering::Less => Standing::Under,
                std::cmp::Ordering::Equal => Standing::Exact,
                std::cmp::Ordering::Greater => Standing::Over,
            },
        }
    }

    /// The fiat value of `amount` of the coin, in the order's currency (the sandbox's price).
    pub fn fiat_value(&self, amount: &Amount) -> Option<(String, Amount)> {
        let (currency, _) = self.fiat.as_ref()?;
        Some((currency.clone(), crate::money::usd_for(self.coin(), amount)))
    }

    /// The next webhook's number (1, 2, ...).
    pub fn next_event(&mut self) -> u32 {
        self.events += 1;
        self.events
    }

    /// Takes `action`, returning what changed.
    fn take(&mut self, action: &Action) -> Result<Vec<Change>, ActionError> {
        let closed = matches!(self.phase, Phase::Expired | Phase::Failed);
        match action {
            Action::Pay(_) | Action::Confirm | Action::Tick if closed => Err(
                ActionError::Conflict(format!("the payment is {}", phase_name(self.phase))),
            ),
            Action::Pay(amount) => {
                if amount.is_zero() || amount.is_negative() {
                    return Err(ActionError::Conflict(
                        "a transfer moves more than zero".to_owned(),
                    ));
                }
                let sequence = if self.transfers.is_empty() {
                    "original".to_owned()
                } else {
                    random_hex(32)
                };
                self.transfers.push(Transfer {
                    id: random_digits(9),
                    txid: random_hex(64),
                    from: address(self.network()).0,
                    amount: amount.to_string(),
                    confirmations: 0,
                    sequence,
                    at: now_secs(),
                });
                self.phase = Phase::Confirming;
                Ok(vec![Change::Detected(self.transfers.len() - 1)])
            }
            Action::Confirm | Action::Tick => {
                let required = self.required_confirmations;
                let mut changes = Vec::new();
                for (index, transfer) in self.transfers.iter_mut().enumerate() {
                    if transfer.confirmations >= required {
                        continue;
                    }
                    transfer.confirmations = match action {
                        Action::Tick => transfer.confirmations + 1,
                        _ => required,
                    };
                    if transfer.confirmations >= required {
                        changes.push(Change::Confirmed(index));
                    }
                }
                let all_confirmed = !self.transfers.is_empty()
                    && self
                        .transfers
                        .iter()
                        .all(|transfer| transfer.confirmations >= required);
                if all_confirmed && self.phase == Phase::Confirming {
                    self.phase = Phase::Completed;
                    changes.push(Change::Completed);
                }
                Ok(changes)
            }
            Action::Expire => match (self.phase, self.standing()) {
                (Phase::Waiting, _) | (Phase::Completed, Standing::Under) => {
                    self.phase = Phase::Expired;
                    Ok(vec![Change::Expired])
                }
                (phase, _) => Err(ActionError::Conflict(format!(
                    "a payment that is {} does not expire",
                    phase_name(phase)
                ))),
            },
            Action::Fail => {
                if closed || (self.phase == Phase::Completed && self.standing() != Standing::Under)
                {
                    return Err(ActionError::Conflict(format!(
                        "a payment that is {} cannot fail",
                        phase_name(self.phase)
                    )));
                }
                self.phase = Phase::Failed;
                Ok(vec![Change::Failed])
            }
        }
    }
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Waiting => "waiting",
        Phase::Confirming => "confirming",
        Phase::Completed => "completed",
        Phase::Expired => "expired",
        Phase::Failed => "failed",
    }
}

/// Every gateway's routes, under their names.
pub fn routes() -> Router<Shared> {
    Router::new()
        .nest("/heropayments", heropayments::routes())
        .nest("/hayvn", hayvn::routes())
        .nest("/cryptopayment", cryptopayment::routes())
        .nest("/iqpay", iqpay::routes())
        .nest("/calypso", calypso::routes())
}

/// The webhooks `gateway` sends for `change` (the record is already changed).
fn notifications(gateway: Gateway, record: &mut Record, change: Change) -> Vec<Notification> {
    match gateway {
        Gateway::Heropayments => heropayments::notifications(record, change),
        Gateway::Hayvn => hayvn::notifications(record, change),
        Gateway::CryptoPayment => cryptopayment::notifications(record, change),
        Gateway::Iqpay => iqpay::notifications(record, change),
        Gateway::Calypso => calypso::notifications(record, change),
    }
}

/// Why `gateway` cannot take `action` on `record`, where its documents have no word for the
/// result: HAYVN payments and iqpay wallets do not expire, and CryptoPayment.center invoices
/// do not fail, nor take a second transfer (an invoice names one `txid` and one
/// `paid_amount`).
fn unsupported(gateway: Gateway, record: &Record, action: &Action) -> Option<String> {
    match (gateway, action) {
        (Gateway::CryptoPayment, Action::Pay(_)) if !record.transfers.is_empty() => Some(
            "a cryptopayment invoice takes one transfer: it names one txid and one paid_amount"
                .to_owned(),
        ),
        (Gateway::Hayvn | Gateway::Iqpay, Action::Expire) => Some(format!(
            "{} documents no expiry of a payment",
            gateway.as_str()
        )),
        (Gateway::CryptoPayment, Action::Fail) => {
            Some("cryptopayment documents no failed invoice".to_owned())
        }
        _ => None,
    }
}

/// Points the callbacks the gateways hold for the sandbox's own merchant (payments'
/// `callback_url`, webhooks still to deliver) at `origin` (`http://127.0.0.1:PORT`), where the
/// sandbox listens now: after a restart on another port they would otherwise go on calling
/// the old one. Callbacks to other servers stay as they are.
pub fn move_callbacks(store: &Store, origin: &str) -> Result<(), StoreError> {
    store.transaction(|transaction| {
        let previous = tx::setting(transaction, ORIGIN_SETTING)?;
        if let Some(old) = previous.filter(|old| old != origin) {
            tx::move_outbox(transaction, &old, origin)?;
            for (provider, text) in tx::gateway_payments(transaction)? {
                let mut record = parse_record(&text);
                let Some(path) = record.callback_url.strip_prefix(old.as_str()) else {
                    continue;
                };
                if !path.starts_with('/') {
                    continue;
                }
                record.callback_url = format!("{origin}{path}");
                let text = serde_json::to_string(&record).expect("records serialize");
                tx::put_gateway_payment(transaction, &provider, &record.id, &text)?;
            }
        }
        tx::set_setting(transaction, ORIGIN_SETTING, origin)
    })
}

/// The setting that holds where the sandbox last listened.
const ORIGIN_SETTING: &str = "origin";

/// Stores a new payment and queues the webhooks its creation sends (returned too).
pub fn create(
    transaction: &Transaction<'_>,
    gateway: Gateway,
    mut record: Record,
) -> Result<(Record, Vec<Notification>), StoreError> {
    let notifications = notifications(gateway, &mut record, Change::Created);
    save(transaction, gateway, &record, &notifications)?;
    Ok((record, notifications))
}

/// Takes `action` on payment `id` at `gateway` in one transaction: the record changes and its
/// webhooks are queued together, or nothing happens.
pub fn act(
    app: &Shared,
    gateway: Gateway,
    id: &str,
    action: &Action,
) -> Result<Record, ActionError> {
    app.store.transaction(|transaction| {
        let mut record = load(transaction, gateway, id)?.ok_or(ActionError::NotFound)?;
        if let Some(why) = unsupported(gateway, &record, action) {
            return Err(ActionError::Conflict(why));
        }
        let changes = record.take(action)?;
        let mut queued = Vec::new();
        for change in changes {
            queued.extend(notifications(gateway, &mut record, change));
        }
        save(transaction, gateway, &record, &queued)?;
        Ok(record)
    })
}

/// The record of payment `id`.
pub fn load(
    transaction: &Transaction<'_>,
    gateway: Gateway,
    id: &str,
) -> Result<Option<Record>, StoreError> {
    Ok(tx::gateway_payment(transaction, gateway.as_str(), id)?.map(|text| parse_record(&text)))
}

/// The record of payment `id`, outside a transaction.
pub fn find(app: &Shared, gateway: Gateway, id: &str) -> Result<Option<Record>, StoreError> {
    Ok(app
        .store
        .gateway_payment(gateway.as_str(), id)?
        .map(|text| parse_record(&text)))
}

/// Reads a stored record (written by [`save`], so always readable).
pub fn parse_record(text: &str) -> Record {
    serde_json::from_str(text).expect("records are written by this program")
}

fn save(
    transaction: &Transaction<'_>,
    gateway: Gateway,
    record: &Record,
    notifications: &[Notification],
) -> Result<(), StoreError> {
    let text = serde_json::to_string(record).expect("records serialize");
    tx::put_gateway_payment(transaction, gateway.as_str(), &record.id, &text)?;
    let now = now_ms();
    for notification in notifications {
        let headers = serde_json::to_string(&notification.headers).expect("headers serialize");
        tx::enqueue(
            transaction,
            gateway.as_str(),
            &record.callback_url,
            &headers,
            &notification.body,
            now,
        )?;
    }
    Ok(())
}

/// The decimal text `text` of a record (written from an [`Amount`], so always readable).
pub fn decimal(text: &str) -> Amount {
    Amount::parse(text).expect("records hold decimal text")
}

/// The smallest transfer the sandbox processes: a tenth of a dollar's worth.
fn minimum(coin: Coin) -> String {
    crate::money::crypto_for(coin, &decimal("0.10")).to_string()
}

// --- Building documents -----------------------------------------------------------------

/// A JSON object of `members`, in order.
pub fn object(members: Vec<(&str, Value)>) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    )
}

/// A JSON string.
pub fn string(text: impl Into<String>) -> Value {
    Value::String(text.into())
}

/// A JSON string, or `null`.
pub fn optional_string(text: Option<&str>) -> Value {
    text.map_or(Value::Null, string)
}

/// A JSON number with exactly the digits of `amount`.
pub fn number(amount: &Amount) -> Value {
    Value::Number(amount.to_string())
}

/// A JSON number, or `null`.
pub fn optional_number(amount: Option<&Amount>) -> Value {
    amount.map_or(Value::Null, number)
}

/// A JSON integer.
pub fn integer(value: i64) -> Value {
    Value::Number(value.to_string())
}

/// A `application/json` response.
pub fn json(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A request body as JSON, or why it is not.
pub fn read_body(body: &[u8]) -> Result<Value, String> {
    value::parse(body).map_err(|error| format!("the body is not json: {error}"))
}

/// The string member `name` of `body`, or why it is missing.
pub fn required_text(body: &Value, name: &str) -> Result<String, String> {
    match body.get(name) {
        Some(Value::String(text)) if !text.is_empty() => Ok(text.clone()),
        Some(Value::Number(text)) => Ok(text.clone()),
        Some(_) => Err(format!("`{name}` must be a string")),
        None => Err(format!("`{name}` is required")),
    }
}

/// The decimal member `name` of `body` (a JSON number or a string of digits).
pub fn required_amount(body: &Value, name: &str) -> Result<Amount, String> {
    let text = required_text(body, name)?;
    let amount = crate::money::parse(name, &text)?;
    if amount.is_zero() {
        return Err(format!("`{name}` must be more than zero"));
    }
    Ok(amount)
}

/// The header `name` of a request, if it is readable text.
pub fn header<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

// --- Clocks, ids and addresses ----------------------------------------------------------

/// Now, in Unix seconds.
pub fn now_secs() -> i64 {
    now_ms() / 1000
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
        })
}

/// `secs` as RFC 3339 in UTC, ending in `suffix` (`Z` or `+00:00`, as each gateway writes it).
pub fn rfc3339(secs: i64, suffix: &str) -> String {
    let utc = crypto_checkout::payment::rfc3339(secs);
    format!("{}{suffix}", utc.trim_end_matches('Z'))
}

/// A random number (ids and addresses only: nothing here is secret).
pub fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_i64(now_ms());
    hasher.finish()
}

/// `length` random characters of `alphabet`.
pub fn random_from(alphabet: &[u8], length: usize) -> String {
    let mut out = String::with_capacity(length);
    let mut bits = random_u64();
    for index in 0..length {
        if index % 8 == 7 {
            bits = random_u64();
        }
        out.push(char::from(
            alphabet[(bits % alphabet.len() as u64) as usize],
        ));
        bits /= alphabet.len() as u64;
    }
    out
}

/// `length` random lowercase hex digits.
pub fn random_hex(length: usize) -> String {
    random_from(b"0123456789abcdef", length)
}

/// `length` random decimal digits, the first not zero.
pub fn random_digits(length: usize) -> String {
    random_from(b"123456789", 1) + &random_from(b"0123456789", length - 1)
}

/// A UUID-shaped random id.
pub fn random_uuid() -> String {
    let hex = random_hex(32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..]
    )
}

/// The gateway's id of a new payment, shaped as the gateway writes its ids.
fn payment_id(gateway: Gateway) -> String {
    match gateway {
        Gateway::Heropayments | Gateway::Hayvn | Gateway::CryptoPayment => random_uuid(),
        Gateway::Iqpay => random_digits(8),
        Gateway::Calypso => random_digits(7),
    }
}

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A fresh address on `network`, shaped like a real one (not a valid key), and the destination
/// tag, memo or comment the network needs to tell deposits to a shared address apart.
fn address(network: Network) -> (String, Option<String>) {
    match network {
        Network::Bitcoin => (format!("bc1q{}", random_from(BECH32, 38)), None),
        Network::Litecoin => (format!("ltc1q{}", random_from(BECH32, 38)), None),
        Network::Dogecoin => (format!("D{}", random_from(BASE58, 33)), None),
        Network::Ethereum | Network::Bsc | Network::Polygon => {
            (format!("0x{}", random_hex(40)), None)
        }
        Network::Tron => (format!("T{}", random_from(BASE58, 33)), None),
        Network::Ripple => (
            format!("r{}", random_from(BASE58, 33)),
            Some(random_digits(9)),
        ),
        Network::Stellar => (
            format!("G{}", random_from(BASE32, 55)),
            Some(random_digits(10)),
        ),
        Network::Ton => (
            format!("UQ{}", random_from(BASE64URL, 46)),
            Some(random_hex(12)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_writes_civil_dates() {
        assert_eq!(rfc3339(0, "Z"), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(1_705_314_600, "+00:00"),
            "2024-01-15T10:30:00+00:00"
        );
        assert_eq!(rfc3339(951_825_600, "Z"), "2000-02-29T12:00:00Z");
        assert_eq!(rfc3339(4_107_542_400, "Z"), "2100-03-01T00:00:00Z");
    }

    fn record() -> Record {
        Record::new(
            Gateway::Heropayments,
            "chk_1",
            Coin::Usdt,
            Network::Tron,
            Some(decimal("50.00")),
            Some(("USD".to_owned(), decimal("50.00"))),
            "http://127.0.0.1:1/webhooks/heropayments",
        )
    }

    #[test]
    fn a_payment_moves_through_its_phases() {
        let mut record = record();
        assert_eq!(record.phase, Phase::Waiting);
        assert!(record.address.starts_with('T') && record.address.len() == 34);
        assert_eq!(
            record.take(&Action::Pay(decimal("20"))).unwrap(),
            [Change::Detected(0)]
        );
        assert_eq!(record.phase, Phase::Confirming);
        assert_eq!(record.take(&Action::Tick).unwrap(), []);
        assert_eq!(record.take(&Action::Tick).unwrap(), []);
        assert_eq!(
            record.take(&Action::Tick).unwrap(),
            [Change::Confirmed(0), Change::Completed]
        );
        assert_eq!(record.standing(), Standing::Under);
        // The rest: a second transfer, its own sequence.
        assert_eq!(
            record.take(&Action::Pay(decimal("30.00"))).unwrap(),
            [Change::Detected(1)]
        );
        assert_ne!(record.transfers[1].sequence, "original");
        assert_eq!(
            record.take(&Action::Confirm).unwrap(),
            [Change::Confirmed(1), Change::Completed]
        );
        assert_eq!(record.standing(), Standing::Exact);
        assert!(matches!(
            record.take(&Action::Expire),
            Err(ActionError::Conflict(_))
        ));
        assert!(matches!(
            record.take(&Action::Fail),
            Err(ActionError::Conflict(_))
        ));
    }

    #[test]
    fn closed_payments_take_no_transfer() {
        let mut record = record();
        assert_eq!(record.take(&Action::Expire).unwrap(), [Change::Expired]);
        assert!(matches!(
            record.take(&Action::Pay(decimal("1"))),
            Err(ActionError::Conflict(_))
        ));
        assert!(matches!(
            record.take(&Action::Pay(decimal("0"))),
            Err(ActionError::Conflict(_))
        ));
        assert!(matches!(
            record.take(&Action::Fail),
            Err(ActionError::Conflict(_))
        ));
    }
}
