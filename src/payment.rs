//! The payment model: every gateway's status documents and webhooks in one shape.
//!
//! - [`normalize_payment`] reads a gateway's status or creation response (or a webhook body)
//!   into a [`Checkout`]: the `crypto-checkout/v1` document the widget polls.
//! - [`normalize_webhook`] reads a webhook into a [`PaymentEvent`] with a stable
//!   [`PaymentEvent::event_key`] for deduplication.
//!
//! States and outcomes follow each gateway's own status tables, per direction; the gateway's
//! raw status is always kept in `provider_status`, and a status the tables do not name is
//! [`State::Unknown`] with [`Outcome::Pending`], never a success. Amounts are exact decimals
//! read from the document's text ([`money::Amount`]), never through a double.

mod calypso;
mod cryptopayment;
mod document;
mod hayvn;
mod heropayments;
mod iqpay;
pub mod money;
mod read;

use crate::asset::{Coin, Network};
use crate::error::{PaymentError, PaymentErrorKind, PaymentInput};
use crate::json::value::{self, Value};
use crate::json::Text;
use money::Amount;
use read::Node;
pub use read::{rfc3339, unix_millis};

/// A gateway with payment documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gateway {
    /// Heropayments (V2 conversion and custody flows).
    Heropayments,
    /// HAYVN Pay (payments, payouts, withdrawals).
    Hayvn,
    /// CryptoPayment.center (invoices).
    CryptoPayment,
    /// iqpay (deposit wallets).
    Iqpay,
    /// Calypso Pay (invoice, purse and payout events).
    Calypso,
}

impl Gateway {
    /// Every gateway.
    pub const ALL: [Gateway; 5] = [
        Gateway::Heropayments,
        Gateway::Hayvn,
        Gateway::CryptoPayment,
        Gateway::Iqpay,
        Gateway::Calypso,
    ];

    /// The name used in documents and in the JavaScript API.
    pub fn as_str(self) -> &'static str {
        match self {
            Gateway::Heropayments => "heropayments",
            Gateway::Hayvn => "hayvn",
            Gateway::CryptoPayment => "cryptopayment",
            Gateway::Iqpay => "iqpay",
            Gateway::Calypso => "calypso",
        }
    }

    /// The gateway named `name` (as [`Gateway::as_str`] writes it).
    pub fn parse(name: &str) -> Result<Gateway, PaymentError> {
        Gateway::ALL
            .into_iter()
            .find(|gateway| gateway.as_str() == name)
            .ok_or_else(|| {
                let name = money::excerpt(name);
                PaymentError::new("", PaymentErrorKind::UnknownProvider(name))
            })
    }
}

/// Which way the money moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// A payer sends crypto to the merchant.
    Deposit,
    /// The merchant sends money out (withdrawal, payout).
    Withdrawal,
}

impl Direction {
    /// Both directions.
    pub const ALL: [Direction; 2] = [Direction::Deposit, Direction::Withdrawal];

    /// `deposit` or `withdrawal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Deposit => "deposit",
            Direction::Withdrawal => "withdrawal",
        }
    }

    /// The direction named `name`.
    pub fn parse(name: &str) -> Option<Direction> {
        match name.trim().to_ascii_lowercase().as_str() {
            "deposit" | "payment" | "invoice" | "in" => Some(Direction::Deposit),
            "withdrawal" | "withdraw" | "payout" | "out" => Some(Direction::Withdrawal),
            _ => None,
        }
    }
}

/// Where a payment stands, in one vocabulary for every gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Created; nothing received (or, for a withdrawal, not yet sent).
    AwaitingPayment,
    /// A transfer is seen and waits for confirmations (or a withdrawal is being sent).
    Confirming,
    /// Received; the gateway converts it (crypto to fiat or to the balance currency).
    Converting,
    /// Complete.
    Paid,
    /// Less than the amount arrived; `remaining_amount` says how much more is due.
    Underpaid,
    /// More than the amount arrived; `excess_amount` says how much.
    Overpaid,
    /// The payment window closed.
    Expired,
    /// The gateway reports a failure.
    Failed,
    /// The funds went back to the payer.
    Refunded,
    /// Waiting for a person: manual review, compliance check, confirmation in a console.
    OnHold,
    /// Funds arrived at an address that already served a completed payment.
    AddressReused,
    /// Cancelled by the merchant.
    Cancelled,
    /// A status the gateway's tables do not name.
    Unknown,
}

impl State {
    /// Every state.
    pub const ALL: [State; 13] = [
        State::AwaitingPayment,
        State::Confirming,
        State::Converting,
        State::Paid,
        State::Underpaid,
        State::Overpaid,
        State::Expired,
        State::Failed,
        State::Refunded,
        State::OnHold,
        State::AddressReused,
        State::Cancelled,
        State::Unknown,
    ];

    /// The state's name in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            State::AwaitingPayment => "awaiting_payment",
            State::Confirming => "confirming",
            State::Converting => "converting",
            State::Paid => "paid",
            State::Underpaid => "underpaid",
            State::Overpaid => "overpaid",
            State::Expired => "expired",
            State::Failed => "failed",
            State::Refunded => "refunded",
            State::OnHold => "on_hold",
            State::AddressReused => "address_reused",
            State::Cancelled => "cancelled",
            State::Unknown => "unknown",
        }
    }

    /// The outcomes a payment in this state and direction can have, by the gateways' status
    /// tables and the tolerance band: paid is always a success; underpaid and overpaid are
    /// pending, a success the gateway completed outside the band, or a failure it closed that
    /// way; an expired deposit is a failure, an expired withdrawal a failure or still under way
    /// (pending); failed, refunded and cancelled are failures; every other state is pending. A
    /// document pairing a state with another outcome contradicts itself.
    pub fn outcomes(self, direction: Direction) -> &'static [Outcome] {
        use Outcome::{Failure, Pending, Success};
        match self {
            State::Paid => &[Success],
            State::Underpaid | State::Overpaid => &[Pending, Success, Failure],
            State::Expired => match direction {
                Direction::Deposit => &[Failure],
                Direction::Withdrawal => &[Failure, Pending],
            },
            State::Failed | State::Refunded | State::Cancelled => &[Failure],
            State::AwaitingPayment
            | State::Confirming
            | State::Converting
            | State::OnHold
            | State::AddressReused
            | State::Unknown => &[Pending],
        }
    }
}

/// What the merchant does with the payment, as the gateway's own tables say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Still in progress: wait.
    Pending,
    /// Complete it (credit the deposit, close the withdrawal).
    Success,
    /// Suspend it.
    Failure,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 3] = [Outcome::Pending, Outcome::Success, Outcome::Failure];

    /// `pending`, `success` or `failure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Success => "success",
            Outcome::Failure => "failure",
        }
    }
}

/// How the merchant takes deposits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A fixed price: less than the amount (beyond the tolerance) is underpaid, more is
    /// overpaid.
    #[default]
    Purchase,
    /// Account top-ups: any amount is credited at market price, and every further transfer
    /// to the same address is its own deposit.
    Topup,
}

/// The band around the amount that still counts as paid, in percent of the amount (HAYVN's
/// profile tolerances: `-1% / +5%` is `below: 1, above: 5`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tolerance {
    /// How far below the amount still counts as paid, in percent.
    pub below: Amount,
    /// How far above the amount still counts as paid, in percent.
    pub above: Amount,
}

/// Options of [`normalize_payment`] and [`normalize_webhook`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The direction, for documents that do not say (Heropayments' status documents).
    pub direction: Option<Direction>,
    /// Purchase (default) or top-up.
    pub mode: Mode,
    /// For purchases: the band that counts as paid. It refines a payment whose funds are
    /// confirming or converting, and a completed one on gateways that do not apply
    /// tolerances themselves (all but HAYVN). Without it, only the gateway's status decides.
    pub tolerance: Option<Tolerance>,
    /// The payment to pick from a document that lists several.
    pub id: Option<String>,
}

/// An amount in fiat money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fiat {
    /// ISO 4217 code (`USD`).
    pub currency: String,
    /// The amount, when the gateway gives it.
    pub amount: Option<Amount>,
}

/// Blockchain confirmations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirmations {
    /// Received so far.
    pub received: u64,
    /// Required before the gateway credits the payment, when it says.
    pub required: Option<u64>,
}

/// One transfer that paid (part of) a checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// The gateway's id of the transfer.
    pub id: Option<String>,
    /// The blockchain transaction id.
    pub txid: Option<String>,
    /// The amount received.
    pub amount: Amount,
    /// Heropayments' `sequence`: `original` for the first payment to an address, a new id
    /// for each further one.
    pub sequence: Option<String>,
    /// Whether the gateway counts it as confirmed.
    pub confirmed: bool,
    /// When the gateway saw it.
    pub created_at: Option<String>,
}

/// Something the reader noticed that the merchant should know (not an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// A stable code (`unknown_status`, `network_unknown`, ...).
    pub code: String,
    /// A sentence for people.
    pub message: String,
}

impl Warning {
    /// `unknown_status`: `why` the status cannot be trusted, and what to do.
    fn unknown_status(why: String) -> Warning {
        Warning {
            code: "unknown_status".to_owned(),
            message: format!("{why}: treat the payment as pending and check it with the gateway"),
        }
    }
}

/// What one gateway document says, before it becomes a [`Checkout`] or a [`PaymentEvent`].
#[derive(Debug, Clone)]
struct Reading {
    id: Option<String>,
    order_id: Option<String>,
    direction: Direction,
    provider_status: String,
    state: State,
    outcome: Outcome,
    event_type: Option<String>,
    event_key: Option<String>,
    coin: Option<Coin>,
    network: Option<Network>,
    address: Option<String>,
    tag: Option<String>,
    amount: Option<Amount>,
    minimum_amount: Option<Amount>,
    paid_amount: Option<Amount>,
    fiat: Option<Fiat>,
    confirmations: Option<Confirmations>,
    expires_at: Option<String>,
    created_at: Option<String>,
    sequence: Option<String>,
    payments: Vec<Transfer>,
    /// Transaction ids without a known amount (a withdrawal's `txid`).
    txids: Vec<String>,
    warnings: Vec<Warning>,
}

impl Reading {
    /// A reading with the status mapped and everything else empty.
    fn new(
        direction: Direction,
        provider_status: String,
        (state, outcome): (State, Outcome),
    ) -> Self {
        let mut warnings = Vec::new();
        if state == State::Unknown {
            warnings.push(Warning::unknown_status(format!(
                "status `{provider_status}` is not in the gateway's documented statuses"
            )));
        }
        Reading {
            id: None,
            order_id: None,
            direction,
            provider_status,
            state,
            outcome,
            event_type: None,
            event_key: None,
            coin: None,
            network: None,
            address: None,
            tag: None,
            amount: None,
            minimum_amount: None,
            paid_amount: None,
            fiat: None,
            confirmations: None,
            expires_at: None,
            created_at: None,
            sequence: None,
            payments: Vec::new(),
            txids: Vec::new(),
            warnings,
        }
    }

    /// Sets coin and network from a currency field and an optional network field; a
    /// network named by both must agree.
    fn set_asset(
        &mut self,
        currency: Option<Node<'_>>,
        network: Option<Node<'_>>,
    ) -> Result<(), PaymentError> {
        let (coin, implied) = match currency {
            Some(node) => {
                let (coin, implied) = node.currency()?;
                (Some(coin), implied)
            }
            None => (None, None),
        };
        let named = network.as_ref().map(Node::network).transpose()?;
        if let (Some(named), Some(implied), Some(node)) = (named, implied, network.as_ref()) {
            if named != implied {
                return Err(node.invalid(format!(
                    "names {} but the currency is on {}",
                    named.as_str(),
                    implied.as_str()
                )));
            }
        }
        self.coin = coin;
        self.network = named.or(implied);
        if self.coin.is_some() && self.network.is_none() {
            self.warnings.push(Warning {
                code: "network_unknown".to_owned(),
                message: "the document names the coin but not its network: show the network from the merchant's own records".to_owned(),
            });
        }
        Ok(())
    }
}

/// The checkout document (`crypto-checkout/v1`): what the widget polls and renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    /// The gateway's id of the payment, invoice or wallet.
    pub id: String,
    /// The gateway.
    pub provider: Gateway,
    /// Deposit or withdrawal.
    pub direction: Direction,
    /// Where the payment stands.
    pub state: State,
    /// What the gateway's tables say to do.
    pub outcome: Outcome,
    /// The gateway's raw status.
    pub provider_status: String,
    /// The merchant's own reference.
    pub order_id: Option<String>,
    /// The coin.
    pub coin: Option<Coin>,
    /// The network.
    pub network: Option<Network>,
    /// The deposit (or withdrawal) address.
    pub address: Option<String>,
    /// The destination tag or memo, where the chain needs one.
    pub tag: Option<String>,
    /// The crypto amount requested.
    pub amount: Option<Amount>,
    /// The least the gateway processes.
    pub minimum_amount: Option<Amount>,
    /// The crypto amount received so far.
    pub paid_amount: Amount,
    /// What is still due (`amount - paid_amount`, at least zero), when the amount is known.
    pub remaining_amount: Option<Amount>,
    /// What arrived beyond the amount, when more did.
    pub excess_amount: Option<Amount>,
    /// The amount in fiat.
    pub fiat: Option<Fiat>,
    /// Confirmations, where known.
    pub confirmations: Option<Confirmations>,
    /// When the payment window closes.
    pub expires_at: Option<String>,
    /// When the payment was created.
    pub created_at: Option<String>,
    /// A number the merchant's backend raises with every change of the document (`None`:
    /// not given). The widget tells an older document from a correction by it.
    pub revision: Option<u64>,
    /// Every transfer, each once.
    pub payments: Vec<Transfer>,
    /// What the merchant should know.
    pub warnings: Vec<Warning>,
}

/// A normalized webhook (`crypto-checkout/event/v1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentEvent {
    /// The gateway.
    pub provider: Gateway,
    /// A stable key for deduplication: a webhook delivered again has the same key.
    pub event_key: String,
    /// The gateway's event or callback name.
    pub event_type: Option<String>,
    /// The gateway's id of the payment concerned.
    pub payment_id: Option<String>,
    /// The merchant's own reference.
    pub order_id: Option<String>,
    /// Deposit or withdrawal.
    pub direction: Direction,
    /// The payment's new state.
    pub state: State,
    /// What the gateway's tables say to do.
    pub outcome: Outcome,
    /// The gateway's raw status.
    pub provider_status: String,
    /// The coin.
    pub coin: Option<Coin>,
    /// The network.
    pub network: Option<Network>,
    /// The address concerned.
    pub address: Option<String>,
    /// The destination tag or memo.
    pub tag: Option<String>,
    /// The amount requested.
    pub amount: Option<Amount>,
    /// The amount received.
    pub paid_amount: Option<Amount>,
    /// Transaction ids.
    pub txids: Vec<String>,
    /// The transfers the event reports, with their amounts.
    pub payments: Vec<Transfer>,
    /// Heropayments' `sequence`.
    pub sequence: Option<String>,
    /// Confirmations, where known.
    pub confirmations: Option<Confirmations>,
    /// The amount in fiat.
    pub fiat: Option<Fiat>,
    /// What the merchant should know.
    pub warnings: Vec<Warning>,
}

/// Parses `document` as JSON, keeping number text.
fn parse_document<'a>(
    gateway: Gateway,
    document: impl Into<Text<'a>>,
) -> Result<Value, PaymentError> {
    value::parse(document)
        .map_err(|error| PaymentError::new(gateway.as_str(), PaymentErrorKind::InvalidJson(error)))
}

fn read(gateway: Gateway, document: &Value, options: &Options) -> Result<Reading, PaymentError> {
    let root = Node::root(gateway.as_str(), document).object()?;
    match gateway {
        Gateway::Heropayments => heropayments::read(root, options),
        Gateway::Hayvn => hayvn::read(root, options),
        Gateway::CryptoPayment => cryptopayment::read(root, options),
        Gateway::Iqpay => iqpay::read(root, options),
        Gateway::Calypso => calypso::read(root, options),
    }
}

/// The event key of a webhook body, as [`normalize_webhook`] gives it, when the body is JSON
/// and has the fields the key is made of (whether or not the rest of it is readable).
/// [`crate::signature::verify_webhook`] reports this key.
///
/// Only the members the key is made of are kept from the body (each gateway lists them
/// beside its key), so a large webhook costs a scan, not a tree.
pub fn webhook_event_key(gateway: Gateway, body: &[u8]) -> Option<String> {
    let value = value::parse_members(body, event_key_members(gateway)).ok()?;
    event_key_of(gateway, &value)
}

/// [`webhook_event_key`] from the members of `body` that [`crate::json::normalize_keeping`]
/// read while normalizing it (named by [`event_key_members`]), or from `body` itself where it
/// read none.
pub(crate) fn event_key_of_kept(
    gateway: Gateway,
    kept: Option<&Value>,
    body: &[u8],
) -> Option<String> {
    match kept {
        Some(value) => event_key_of(gateway, value),
        None => webhook_event_key(gateway, body),
    }
}

/// The members of a webhook body that the event key of `gateway` is made of.
pub(crate) fn event_key_members(gateway: Gateway) -> &'static [&'static str] {
    match gateway {
        Gateway::Heropayments => heropayments::EVENT_KEY_MEMBERS,
        Gateway::Hayvn => hayvn::EVENT_KEY_MEMBERS,
        Gateway::CryptoPayment => cryptopayment::EVENT_KEY_MEMBERS,
        Gateway::Iqpay => iqpay::EVENT_KEY_MEMBERS,
        Gateway::Calypso => calypso::EVENT_KEY_MEMBERS,
    }
}

/// The event key of `gateway` in a webhook body read into `value`.
fn event_key_of(gateway: Gateway, value: &Value) -> Option<String> {
    let root = Node::root(gateway.as_str(), value);
    let key = match gateway {
        Gateway::Heropayments => heropayments::event_key(&root),
        Gateway::Hayvn => hayvn::event_key(&root),
        Gateway::CryptoPayment => cryptopayment::event_key(&root),
        Gateway::Iqpay => iqpay::event_key(&root),
        Gateway::Calypso => calypso::event_key(&root),
    };
    key.ok().flatten()
}

/// Reads a gateway's status document, creation response or webhook body into the checkout
/// document.
pub fn normalize_payment<'a>(
    gateway: Gateway,
    document: impl Into<Text<'a>>,
    options: &Options,
) -> Result<Checkout, PaymentError> {
    let value = parse_document(gateway, document)?;
    let reading = read(gateway, &value, options)?;
    Checkout::from_reading(gateway, reading, options)
}

/// Reads a webhook body into a payment event.
///
/// This does not verify the webhook: call [`crate::signature::verify_webhook`] first and
/// act only on a valid (or, for iqpay, independently confirmed) one.
pub fn normalize_webhook<'a>(
    gateway: Gateway,
    body: impl Into<Text<'a>>,
    options: &Options,
) -> Result<PaymentEvent, PaymentError> {
    let value = parse_document(gateway, body)?;
    let reading = read(gateway, &value, options)?;
    PaymentEvent::from_reading(gateway, reading)
}

/// Reads a verified webhook together with the payment as the gateway's API reports it, read
/// back after the webhook came: the event keeps the webhook's key and type, and takes
/// everything else (status, amounts, transfers) from `document`.
///
/// For gateways whose signature covers only ids (HAYVN signs `callback_id`,
/// CryptoPayment.center `invoice_id` and `event`), the rest of a webhook body is not
/// authenticated: act on this event, not on [`normalize_webhook`]'s. `document` must be about
/// the payment the webhook names (an `id` error otherwise).
pub fn normalize_confirmed_webhook<'a, 'b>(
    gateway: Gateway,
    body: impl Into<Text<'a>>,
    document: impl Into<Text<'b>>,
    options: &Options,
) -> Result<PaymentEvent, PaymentError> {
    let webhook = normalize_webhook(gateway, body, options)
        .map_err(|error| error.in_input(PaymentInput::Body))?;
    let mut reading = parse_document(gateway, document)
        .and_then(|value| read(gateway, &value, options))
        .map_err(|error| error.in_input(PaymentInput::Document))?;
    if let Some(named) = &webhook.payment_id {
        let kind = match &reading.id {
            None => Some(PaymentErrorKind::MissingField("id".to_owned())),
            Some(read) if read != named => Some(PaymentErrorKind::InvalidField {
                field: "id".to_owned(),
                problem: format!("is `{read}`, but the webhook is about `{named}`"),
            }),
            Some(_) => None,
        };
        if let Some(kind) = kind {
            return Err(PaymentError::new(gateway.as_str(), kind).in_input(PaymentInput::Document));
        }
    }
    reading.event_key = Some(webhook.event_key);
    reading.event_type = webhook.event_type;
    PaymentEvent::from_reading(gateway, reading)
        .map_err(|error| error.in_input(PaymentInput::Document))
}

impl Checkout {
    fn from_reading(
        provider: Gateway,
        mut reading: Reading,
        options: &Options,
    ) -> Result<Checkout, PaymentError> {
        let id = reading.id.take().ok_or_else(|| {
            PaymentError::new(
                provider.as_str(),
                PaymentErrorKind::MissingField("id".to_owned()),
            )
        })?;
        drop_repeated_transfers(&mut reading.payments, &mut reading.warnings);
        let paid_amount = match reading.paid_amount.take() {
            Some(paid) => paid,
            None => total(&reading.payments),
        };
        let mut checkout = Checkout {
            id,
            provider,
            direction: reading.direction,
            state: reading.state,
            outcome: reading.outcome,
            provider_status: reading.provider_status,
            order_id: reading.order_id,
            coin: reading.coin,
            network: reading.network,
            address: reading.address,
            tag: reading.tag,
            amount: reading.amount,
            minimum_amount: reading.minimum_amount,
            paid_amount,
            remaining_amount: None,
            excess_amount: None,
            fiat: reading.fiat,
            confirmations: reading.confirmations,
            expires_at: reading.expires_at,
            created_at: reading.created_at,
            revision: None,
            payments: reading.payments,
            warnings: reading.warnings,
        };
        checkout.settle(reading.state, options);
        Ok(checkout)
    }

    /// Sets what follows from the amounts: `remaining_amount` and `excess_amount`, and the
    /// state from the gateway's `state` refined by the tolerance band.
    fn settle(&mut self, state: State, options: &Options) {
        (self.remaining_amount, self.excess_amount) = match &self.amount {
            Some(amount) if options.mode == Mode::Purchase => {
                let due = amount.sub(&self.paid_amount);
                if due.is_negative() {
                    (
                        Some(Amount::zero_with_scale(amount.scale())),
                        Some(self.paid_amount.sub(amount)),
                    )
                } else {
                    (Some(due), None)
                }
            }
            _ => (None, None),
        };
        // A completed payment whose received amount the gateway does not report owes
        // nothing that can be stated.
        if state == State::Paid && self.paid_amount.is_zero() && self.payments.is_empty() {
            self.remaining_amount = None;
        }
        self.state = state;
        // A gateway that applies its own tolerances (HAYVN) has the last word on a completed
        // payment; while funds are still confirming, the band tells the payer what is due.
        let final_word = self.provider == Gateway::Hayvn && state == State::Paid;
        if let (Some(tolerance), Some(amount), false) =
            (&options.tolerance, &self.amount, final_word)
        {
            self.state = judge(
                state,
                self.outcome,
                amount,
                &self.paid_amount,
                tolerance,
                options.mode,
            );
        }
    }

    /// Folds a verified webhook's event into this checkout, as a merchant backend keeps the
    /// document it serves current (apply each `event_key` once; applying one twice changes
    /// nothing anyway):
    ///
    /// - Each transfer the event reports is added once. A transfer already listed (same
    ///   `txid` and `sequence`, or where either has no txid the same `id`) only gains its
    ///   confirmation and txid, so a redelivered or late webhook never counts money twice
    ///   (a Calypso purse reports a transfer's hash in some events only), and a further
    ///   deposit to the address is a payment of its own in `payments`. A further payment
    ///   the gateway reports failed or refunded leaves `payments`: it brings no money.
    /// - `paid_amount` is the sum of `payments` (or, with none, the event's own figure).
    /// - The state, outcome and raw status become the event's when it concerns this
    ///   checkout's payment (same id, or no id); an event about another payment to the same
    ///   address (a Heropayments `sequence`, a reused address) only adds its transfers, and
    ///   an in-progress event arriving after the payment completed or failed does not reopen it.
    /// - A deposit wallet's events (an iqpay wallet, a Calypso purse) are each about one of
    ///   its transfers: one that failed leaves `payments`, and while any remain the wallet is
    ///   confirming until every one of them is confirmed, then paid. One failed transfer never
    ///   fails a wallet that holds others, and a success never stands for money unconfirmed.
    ///
    /// Returns whether anything changed. An event of another gateway is an error.
    pub fn apply(&mut self, event: &PaymentEvent, options: &Options) -> Result<bool, PaymentError> {
        if event.provider != self.provider {
            return Err(PaymentError::new(
                event.provider.as_str(),
                PaymentErrorKind::InvalidField {
                    field: "provider".to_owned(),
                    problem: format!("is not the checkout's gateway ({})", self.provider.as_str()),
                },
            ));
        }
        let before = self.clone();
        let own = event.payment_id.as_deref().is_none_or(|id| id == self.id);
        let transfer_event = reports_one_transfer(event);
        // Another payment to the address that the gateway reports failed or refunded brings
        // no money to this checkout: its transfers leave `payments` (and `paid_amount`). So
        // does a wallet's transfer that failed.
        let returned = (!own || transfer_event) && event.outcome == Outcome::Failure;
        let listed = self.payments.len();
        for transfer in &event.payments {
            let known =
                self.payments
                    .iter()
                    .position(|known| match (&known.txid, &transfer.txid) {
                        (Some(known_txid), Some(txid)) => {
                            known_txid == txid && known.sequence == transfer.sequence
                        }
                        _ => transfer.id.is_some() && known.id == transfer.id,
                    });
            match (known, returned) {
                (Some(index), true) => drop(self.payments.remove(index)),
                (None, true) => {}
                (Some(index), false) => {
                    let known = &mut self.payments[index];
                    known.confirmed |= transfer.confirmed;
                    if known.txid.is_none() {
                        known.txid.clone_from(&transfer.txid);
                    }
                }
                (None, false) => self.payments.push(transfer.clone()),
            }
        }
        // Webhooks arrive out of order: a late in-progress event never reopens a payment the
        // gateway already completed or failed (a completed one may still fail: a refund).
        let reopens = self.outcome != Outcome::Pending && event.outcome == Outcome::Pending;
        if !self.payments.is_empty() || self.payments.len() < listed {
            self.paid_amount = total(&self.payments);
        } else if let (true, Some(paid)) = (own, &event.paid_amount) {
            self.paid_amount = paid.clone();
        }
        // The state the stored raw status gives, for the tolerance band to judge afresh; where
        // it does not describe the checkout (a CryptoPayment invoice whose status and event
        // disagree is unknown, an iqpay wallet's `200` is awaiting payment), the state kept.
        let mut state = match status_of(self.provider, self.direction, &self.provider_status) {
            (stored, outcome) if outcome == self.outcome && stored != State::Unknown => stored,
            _ => self.state,
        };
        if own && transfer_event && !self.payments.is_empty() {
            let confirmed = self.payments.iter().all(|transfer| transfer.confirmed);
            (state, self.outcome) = if confirmed {
                (State::Paid, Outcome::Success)
            } else {
                (State::Confirming, Outcome::Pending)
            };
            self.provider_status.clone_from(&event.provider_status);
        } else if own && !reopens {
            state = event.state;
            self.outcome = event.outcome;
            self.provider_status.clone_from(&event.provider_status);
            if event.confirmations.is_some() {
                self.confirmations = event.confirmations;
            }
        }
        self.settle(state, options);
        Ok(*self != before || self.paid_amount.to_string() != before.paid_amount.to_string())
    }

    /// The document as JSON text (keys in the order of the published schema).
    pub fn to_json(&self) -> String {
        document::checkout(self)
    }

    /// Reads a checkout document (`crypto-checkout/v1`, as [`Checkout::to_json`] writes it
    /// and a merchant backend serves it), strictly: a wrong `schema`, a missing, mistyped or
    /// unknown field, an amount that is not exact decimal text, a state, coin or network
    /// outside the vocabulary are errors naming the field.
    pub fn from_json<'a>(text: impl Into<Text<'a>>) -> Result<Checkout, PaymentError> {
        document::read_checkout(text)
    }

    /// Reads a checkout document already parsed into a [`Value`] (by
    /// [`crate::json::value::parse`], or converted from a JavaScript object whose amounts,
    /// being strings, are exact), as strictly as [`Checkout::from_json`].
    pub fn from_value(value: &Value) -> Result<Checkout, PaymentError> {
        document::read_checkout_value(value)
    }
}

/// Whether `event` is a deposit wallet's news of one of its transfers (an iqpay deposit
/// webhook; a Calypso purse's transfer detected, received or declined), as opposed to news of
/// a payment as a whole.
fn reports_one_transfer(event: &PaymentEvent) -> bool {
    let lifecycle = matches!(event.state, State::Confirming | State::Paid | State::Failed);
    let wallet = match event.provider {
        Gateway::Iqpay => event.direction == Direction::Deposit,
        Gateway::Calypso => event
            .event_type
            .as_deref()
            .is_some_and(|kind| kind.starts_with("CUSTOMER_PURSE_")),
        _ => false,
    };
    wallet && lifecycle && event.payments.len() == 1
}

impl PaymentEvent {
    fn from_reading(provider: Gateway, reading: Reading) -> Result<PaymentEvent, PaymentError> {
        let event_key = reading.event_key.ok_or_else(|| {
            PaymentError::new(
                provider.as_str(),
                PaymentErrorKind::MissingField("(the fields of the event key)".to_owned()),
            )
        })?;
        Ok(PaymentEvent {
            provider,
            event_key,
            event_type: reading.event_type,
            payment_id: reading.id,
            order_id: reading.order_id,
            direction: reading.direction,
            state: reading.state,
            outcome: reading.outcome,
            provider_status: reading.provider_status,
            coin: reading.coin,
            network: reading.network,
            address: reading.address,
            tag: reading.tag,
            amount: reading.amount,
            paid_amount: reading.paid_amount,
            txids: reading
                .payments
                .iter()
                .filter_map(|transfer| transfer.txid.clone())
                .chain(reading.txids)
                .collect(),
            payments: reading.payments,
            sequence: reading.sequence,
            confirmations: reading.confirmations,
            fiat: reading.fiat,
            warnings: reading.warnings,
        })
    }

    /// The event as JSON text (keys in the order of the published schema).
    pub fn to_json(&self) -> String {
        document::event(self)
    }
}

/// The state and outcome a gateway's raw status (or, for Calypso, event type) has in
/// `direction`, by the gateway's own tables: what the checkout document's
/// `provider_status` means. Unknown statuses are `unknown` and `pending`. HAYVN's
/// withdrawals and payouts share a direction; their two tables do not conflict, so a
/// withdrawal status is read in either.
pub fn status_of(gateway: Gateway, direction: Direction, status: &str) -> (State, Outcome) {
    match gateway {
        Gateway::Heropayments => heropayments::status(direction, status),
        Gateway::Hayvn => match direction {
            Direction::Deposit => hayvn::status(hayvn::Kind::Payment, status),
            Direction::Withdrawal => match hayvn::status(hayvn::Kind::Withdrawal, status) {
                (State::Unknown, _) => hayvn::status(hayvn::Kind::Payout, status),
                known => known,
            },
        },
        Gateway::CryptoPayment => cryptopayment::status(status),
        Gateway::Iqpay => iqpay::status(status),
        Gateway::Calypso => {
            let (_, state, outcome) = calypso::event(status);
            (state, outcome)
        }
    }
}

/// The sum of the transfers' amounts.
fn total(payments: &[Transfer]) -> Amount {
    payments
        .iter()
        .fold(Amount::zero(), |sum, transfer| sum.add(&transfer.amount))
}

/// Keeps each transfer once: a document that lists one transaction twice (same `txid` and
/// `sequence`, or without a txid the same `id`) must not count it twice.
fn drop_repeated_transfers(payments: &mut Vec<Transfer>, warnings: &mut Vec<Warning>) {
    let mut seen = std::collections::HashSet::new();
    let before = payments.len();
    payments.retain(|transfer| {
        let identity = match (&transfer.txid, &transfer.id) {
            (Some(txid), _) => (Some(txid.clone()), transfer.sequence.clone(), None),
            (None, Some(id)) => (None, None, Some(id.clone())),
            (None, None) => return true,
        };
        seen.insert(identity)
    });
    if payments.len() < before {
        warnings.push(Warning {
            code: "duplicate_transfer".to_owned(),
            message: format!(
                "the document lists {} transfer(s) more than once; each is counted once",
                before - payments.len()
            ),
        });
    }
}

/// The state a purchase is in by its amounts: paid within `[amount - below%, amount +
/// above%]`, underpaid below, overpaid above. Only a state that says funds arrived
/// (confirming, converting, paid) is refined; the outcome stays the gateway's. Top-ups take
/// any amount.
pub fn judge(
    state: State,
    outcome: Outcome,
    amount: &Amount,
    paid: &Amount,
    tolerance: &Tolerance,
    mode: Mode,
) -> State {
    let received = matches!(state, State::Confirming | State::Converting | State::Paid);
    if mode == Mode::Topup || !received || outcome == Outcome::Failure || paid.is_zero() {
        return state;
    }
    let lowest = amount.sub(&amount.percent(&tolerance.below));
    let highest = amount.add(&amount.percent(&tolerance.above));
    if paid < &lowest {
        State::Underpaid
    } else if paid > &highest {
        State::Overpaid
    } else {
        state
    }
}
