//! CryptoPayment.center: invoices (`POST/GET /invoices`, list responses) and webhooks.
//!
//! Invoice statuses: `pending` (waiting for payment), `confirming` (seen on chain),
//! `confirmed` (credited: success), `expired` (failure). Webhook events:
//! `payment.detected` and `payment.confirmed`. Amounts are JSON numbers (`50.00`), read from
//! their text.

use super::read::Node;
use super::{Confirmations, Direction, Fiat, Options, Outcome, Reading, State, Transfer, Warning};
use crate::error::PaymentError;

/// The state and outcome of an invoice status or a webhook event.
pub(super) fn status(status: &str) -> (State, Outcome) {
    match status {
        "pending" => (State::AwaitingPayment, Outcome::Pending),
        "confirming" | "payment.detected" => (State::Confirming, Outcome::Pending),
        "confirmed" | "payment.confirmed" => (State::Paid, Outcome::Success),
        "expired" => (State::Expired, Outcome::Failure),
        _ => (State::Unknown, Outcome::Pending),
    }
}

/// The members [`event_key`] reads.
pub(super) const EVENT_KEY_MEMBERS: &[&str] = &["invoice_id", "event"];

/// `invoice_id:event`, for webhooks.
pub(super) fn event_key(root: &Node<'_>) -> Result<Option<String>, PaymentError> {
    let id = root.text_of(&["invoice_id"])?;
    let event = root.text_of(&["event"])?;
    Ok(id.zip(event).map(|(id, event)| format!("{id}:{event}")))
}

pub(super) fn read(root: Node<'_>, options: &Options) -> Result<Reading, PaymentError> {
    let event_key = event_key(&root)?;
    let invoice = if let Some(invoice) = root.get("invoice") {
        invoice.object()?
    } else if let Some(list) = root.first(&["invoices", "data"]) {
        list.pick(options.id.as_deref(), "id")?.object()?
    } else {
        root
    };
    let event = invoice.text_of(&["event"])?;
    let raw_status = match (invoice.get("status"), &event) {
        (Some(node), _) => node.text()?,
        (None, Some(event)) => event.clone(),
        (None, None) => invoice.require("status")?.text()?,
    };
    let mut reading = Reading::new(Direction::Deposit, raw_status.clone(), status(&raw_status));
    // A webhook's signature covers its `event`, not its `status`: the docs' handler credits
    // only when both say so, and a pair that disagrees is no state at all.
    if let Some(event) = event
        .as_deref()
        .filter(|event| reading.state != State::Unknown && status(event) != status(&raw_status))
    {
        reading.state = State::Unknown;
        reading.outcome = Outcome::Pending;
        reading.warnings.push(Warning::unknown_status(format!(
            "event `{event}` and status `{raw_status}` disagree"
        )));
    }
    reading.id = invoice.text_of(&["invoice_id", "id"])?;
    reading.order_id = invoice.text_of(&["order_id"])?;
    reading.set_asset(invoice.get("coin"), invoice.get("network"))?;
    reading.address = Some(invoice.require("address")?.text()?);
    reading.amount = invoice.amount_of(&["amount_crypto"])?;
    let paid = invoice.amount_of(&["paid_amount"])?;
    reading.fiat = invoice.amount_of(&["amount_usd"])?.map(|amount| Fiat {
        currency: "USD".to_owned(),
        amount: Some(amount),
    });
    reading.confirmations = match invoice.get("confirmations") {
        Some(node) if node.value.get("received").is_some() => Some(Confirmations {
            received: node.require("received")?.count()?,
            required: node.get("required").map(|node| node.count()).transpose()?,
        }),
        Some(node) => Some(Confirmations {
            received: node.count()?,
            required: None,
        }),
        None => None,
    };
    reading.expires_at = invoice.text_of(&["expires_at"])?;
    reading.created_at = invoice.text_of(&["created_at"])?;
    let txid = invoice.text_of(&["txid"])?;
    if let Some(paid) = &paid {
        if txid.is_some() || !paid.is_zero() {
            reading.payments.push(Transfer {
                id: None,
                txid,
                amount: paid.clone(),
                sequence: None,
                confirmed: reading.outcome == Outcome::Success,
                created_at: None,
            });
        }
    }
    reading.paid_amount = paid;
    reading.event_key = event_key;
    reading.event_type = event;
    Ok(reading)
}
