//! HAYVN Pay: payments, withdrawals and payouts (`{"result": ...}` responses, lists) and
//! their callbacks (the same object plus `callback_id`, `callback_status`, `signature`).
//!
//! HAYVN applies the profile's tolerances itself (`incomplete`, `overpay`), so its status
//! decides underpaid and overpaid. The docs print the statuses `canceled_` and `complete_`
//! (set by hand in the console) with a trailing underscore; both spellings are read.

use super::read::Node;
use super::{Direction, Fiat, Options, Outcome, Reading, State, Transfer};
use crate::error::PaymentError;
use crate::json::value::Value;

/// What a HAYVN document describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A crypto payment from a customer.
    Payment,
    /// A fiat-funded crypto withdrawal to an external wallet.
    Withdrawal,
    /// A fiat payout to a bank account.
    Payout,
}

/// The state and outcome of a status (or callback status) of `kind`.
pub(super) fn status(kind: Kind, status: &str) -> (State, Outcome) {
    use Outcome::{Failure, Pending, Success};
    match (kind, status) {
        (Kind::Payment, "new") => (State::AwaitingPayment, Pending),
        (Kind::Payment, "pending" | "payment_pending") => (State::Confirming, Pending),
        (Kind::Payment, "converting" | "payment_converting") => (State::Converting, Pending),
        (Kind::Payment, "completed" | "complete_" | "complete" | "payment_complete") => {
            (State::Paid, Success)
        }
        (Kind::Payment, "incomplete" | "payment_incomplete") => (State::Underpaid, Pending),
        (Kind::Payment, "overpay") => (State::Overpaid, Pending),
        (Kind::Payment, "address_reuse" | "payment_address_reuse") => {
            (State::AddressReused, Pending)
        }
        (Kind::Payment, "conversion_failed" | "payment_conversion_failed") => {
            (State::Failed, Failure)
        }
        (Kind::Payment, "canceled_" | "canceled" | "cancelled") => (State::Cancelled, Failure),
        (Kind::Withdrawal, "draft") => (State::AwaitingPayment, Pending),
        (Kind::Withdrawal, "converting" | "withdrawal_converting") => (State::Converting, Pending),
        (Kind::Withdrawal, "pending" | "withdrawal_pending") => (State::Confirming, Pending),
        (Kind::Withdrawal, "complete" | "withdrawal_complete") => (State::Paid, Success),
        (Kind::Withdrawal, "requires_confirmation" | "withdrawal_requires_confirmation") => {
            (State::OnHold, Pending)
        }
        (Kind::Withdrawal, "failed" | "withdrawal_failed") => (State::Failed, Failure),
        (Kind::Payout, "pending") => (State::Confirming, Pending),
        (Kind::Payout, "completed") => (State::Paid, Success),
        _ => (State::Unknown, Pending),
    }
}

/// The object a document is about: `result` (or its only or chosen entry), or the top level.
fn subject<'a>(root: &Node<'a>, options: &Options) -> Result<Node<'a>, PaymentError> {
    let Some(result) = root.get("result") else {
        return Ok(root.clone());
    };
    match result.value {
        Value::Array(_) => result.pick(options.id.as_deref(), "id")?.object(),
        Value::String(_) => {
            let reason = root.text_of(&["reason"])?.unwrap_or_default();
            let message = root.text_of(&["message"])?.unwrap_or_default();
            Err(result.invalid(format!(
                "is a gateway error, not a payment: {reason}: {message}"
            )))
        }
        _ => result.object(),
    }
}

fn kind(subject: &Node<'_>, callback_status: Option<&str>) -> Kind {
    match callback_status {
        Some(status) if status.starts_with("payment_") => Kind::Payment,
        Some(status) if status.starts_with("withdrawal_") => Kind::Withdrawal,
        _ if subject
            .first(&["payment_amount", "payment_currency"])
            .is_some() =>
        {
            Kind::Payment
        }
        _ if subject
            .first(&["fiat_amount", "address", "network"])
            .is_some() =>
        {
            Kind::Withdrawal
        }
        _ => Kind::Payout,
    }
}

/// The members [`event_key`] reads, at the top level or under `result`.
pub(super) const EVENT_KEY_MEMBERS: &[&str] = &["callback_id", "result"];

/// A callback's `callback_id` (at the top level, or inside `result`): HAYVN retries a
/// callback with the same id.
pub(super) fn event_key(root: &Node<'_>) -> Result<Option<String>, PaymentError> {
    match (root.text_of(&["callback_id"])?, root.get("result")) {
        (Some(id), _) => Ok(Some(id)),
        (None, Some(result)) if matches!(result.value, Value::Object(_)) => {
            result.text_of(&["callback_id"])
        }
        _ => Ok(None),
    }
}

pub(super) fn read(root: Node<'_>, options: &Options) -> Result<Reading, PaymentError> {
    let subject = subject(&root, options)?;
    let callback_id = event_key(&root)?;
    let callback_status = root
        .text_of(&["callback_status"])?
        .or(subject.text_of(&["callback_status"])?);
    let kind = kind(&subject, callback_status.as_deref());
    // A callback's status names its event, and decides: one the tables do not list is
    // `unknown`, whatever the object's own status says.
    let raw_status = match &callback_status {
        Some(callback) => callback.clone(),
        None => subject.require("status")?.text()?,
    };
    // `payment_incomplete` is any amount outside the profile's range ("doesn't match"): the
    // payment's own `overpay` tells an overpayment.
    let overpay = raw_status == "payment_incomplete"
        && subject.text_of(&["status"])?.as_deref() == Some("overpay");
    let mapped = status(kind, if overpay { "overpay" } else { &raw_status });
    let direction = match kind {
        Kind::Payment => Direction::Deposit,
        Kind::Withdrawal | Kind::Payout => Direction::Withdrawal,
    };
    let mut reading = Reading::new(direction, raw_status, mapped);
    reading.id = subject.text_of(&["id"])?;
    reading.created_at = subject.text_of(&["created_at"])?;
    reading.event_key = callback_id;
    reading.event_type = callback_status;
    match kind {
        Kind::Payment => read_payment(&subject, &mut reading)?,
        Kind::Withdrawal => {
            reading.set_asset(subject.get("currency"), subject.get("network"))?;
            reading.address = subject.text_of(&["address"])?;
            reading.fiat = fiat(&subject, "fiat_currency", "fiat_amount")?;
            reading.txids.extend(subject.text_of(&["txid"])?);
        }
        Kind::Payout => reading.fiat = fiat(&subject, "currency", "amount")?,
    }
    Ok(reading)
}

fn fiat(subject: &Node<'_>, currency: &str, amount: &str) -> Result<Option<Fiat>, PaymentError> {
    Ok(match subject.text_of(&[currency])? {
        Some(currency) => Some(Fiat {
            currency,
            amount: subject.amount_of(&[amount])?,
        }),
        None => None,
    })
}

fn read_payment(payment: &Node<'_>, reading: &mut Reading) -> Result<(), PaymentError> {
    let currency = payment.get("payment_currency");
    reading.set_asset(currency.clone(), None)?;
    reading.address = payment.text_of(&["address"])?;
    if reading.address.is_none() {
        if let (Some(addresses), Some(coin)) = (payment.get("addresses"), reading.coin) {
            reading.address = addresses.text_of(&[coin.ticker()])?;
        }
    }
    if reading.address.is_none() {
        payment.require("address")?;
    }
    reading.amount = payment.amount_of(&["payment_amount"])?;
    reading.fiat = fiat(payment, "requested_currency", "requested_amount")?;
    reading.order_id = payment.text_of(&["passthrough"])?;
    if let Some(paid) = payment.get("paid_amount") {
        reading.paid_amount = paid.require("crypto")?.amount_of(&["amount"])?;
    }
    if let Some(transactions) = payment.get("transactions") {
        for transaction in transactions.items()? {
            let amount = transaction
                .require("amount")?
                .require("crypto")?
                .require("amount")?
                .amount()?;
            reading.payments.push(Transfer {
                id: transaction.text_of(&["id"])?,
                txid: transaction.text_of(&["txid"])?,
                amount,
                sequence: None,
                confirmed: transaction.get("confirmed_at").is_some(),
                created_at: transaction.text_of(&["created_at"])?,
            });
        }
    }
    Ok(())
}
