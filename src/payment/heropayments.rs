//! Heropayments: status documents and callbacks of the V2 conversion flow and the custody
//! flow, deposits and withdrawals.
//!
//! The status tables (V2: `waiting confirming exchanging hold sending finished failed
//! refunded expired`; custody: `new pending processing hold finished failed expired
//! refunded`) differ by direction: `expired` fails a deposit but leaves a withdrawal in
//! progress, and `sending` completes a deposit but not a withdrawal. Documents do not always
//! say their direction: a `type` field is read when present, else the `direction` option is
//! required.
//!
//! The docs name `externalOrderId`, `sequence`, `payAddress`, `customerId` and `status` but
//! print no response body; the other fields are read under the names listed in the README
//! ("Decisions worth knowing"), and a missing one is reported by name.

use super::read::Node;
use super::{Confirmations, Direction, Fiat, Options, Outcome, Reading, State, Transfer};
use crate::error::{PaymentError, PaymentErrorKind};

/// The state and outcome of a status in `direction`, from the V2 and custody tables.
pub(super) fn status(direction: Direction, status: &str) -> (State, Outcome) {
    use Direction::{Deposit, Withdrawal};
    use Outcome::{Failure, Pending, Success};
    match (direction, status) {
        (_, "waiting" | "new") => (State::AwaitingPayment, Pending),
        (_, "confirming" | "pending" | "processing") => (State::Confirming, Pending),
        (_, "exchanging") => (State::Converting, Pending),
        (_, "hold") => (State::OnHold, Pending),
        (_, "finished") => (State::Paid, Success),
        (_, "failed") => (State::Failed, Failure),
        (_, "refunded") => (State::Refunded, Failure),
        (Deposit, "sending") => (State::Paid, Success),
        (Withdrawal, "sending") => (State::Confirming, Pending),
        (Deposit, "expired") => (State::Expired, Failure),
        (Withdrawal, "expired") => (State::Expired, Pending),
        _ => (State::Unknown, Pending),
    }
}

/// The payment object: `data` when the document wraps it, else the document.
fn subject<'a>(root: &Node<'a>) -> Result<Node<'a>, PaymentError> {
    match root.get("data") {
        Some(data) => data.object(),
        None => Ok(root.clone()),
    }
}

/// The `sequence` of the first payment to an address.
const FIRST_SEQUENCE: &str = "original";

/// The members [`event_key`] reads, at the top level or under `data`.
pub(super) const EVENT_KEY_MEMBERS: &[&str] = &[
    "data",
    "type",
    "externalOrderId",
    "externalOrderID",
    "sequence",
    "status",
];

/// `externalOrderId:sequence:status`, each part always in its place: a deposit paid more than
/// once keeps its `externalOrderId` and tells the payments apart by `sequence` (`original`
/// for the first, which is also what a callback without one is), and each status change is
/// its own callback (an absent status leaves its part empty). A callback whose `type` says
/// withdrawal has `withdrawal:` in front: a merchant may number its deposits and its
/// withdrawals apart, and a withdrawal's `finished` must not pass for a deposit's.
pub(super) fn event_key(root: &Node<'_>) -> Result<Option<String>, PaymentError> {
    let payment = subject(root)?;
    let Some(order) = payment.text_of(&["externalOrderId", "externalOrderID"])? else {
        return Ok(None);
    };
    let withdrawal = payment
        .get("type")
        .and_then(|kind| kind.string().ok().and_then(Direction::parse))
        == Some(Direction::Withdrawal);
    let mut key = if withdrawal {
        format!("withdrawal:{order}")
    } else {
        order
    };
    let sequence = payment.text_of(&["sequence"])?;
    let status = payment.text_of(&["status"])?;
    for part in [
        sequence.as_deref().unwrap_or(FIRST_SEQUENCE),
        status.as_deref().unwrap_or_default(),
    ] {
        key.push(':');
        key.push_str(part);
    }
    Ok(Some(key))
}

pub(super) fn read(root: Node<'_>, options: &Options) -> Result<Reading, PaymentError> {
    let payment = subject(&root)?;
    // The document's own `type` wins: the option is for documents that do not say, and a
    // handler that passes one direction for every callback must not read a withdrawal's
    // `sending` as a paid deposit.
    let direction = match (payment.get("type"), options.direction) {
        (Some(kind), _) => {
            let text = kind.text()?;
            Direction::parse(&text)
                .ok_or_else(|| kind.invalid(format!("is `{text}`, not deposit or withdrawal")))?
        }
        (None, Some(direction)) => direction,
        (None, None) => {
            return Err(payment.error(PaymentErrorKind::MissingDirection(
                payment.child_path("type"),
            )))
        }
    };
    let raw_status = payment.require("status")?.text()?;
    let mut reading = Reading::new(
        direction,
        raw_status.clone(),
        status(direction, &raw_status),
    );
    reading.order_id = payment.text_of(&["externalOrderId", "externalOrderID"])?;
    reading.sequence = payment.text_of(&["sequence"])?;
    // Without an id of its own, a payment is named by its order and, for a further deposit to
    // the address, its `sequence`: each transfer is a payment of its own, and the original's
    // checkout must not take a further one's status for its own.
    reading.id = match payment.text_of(&["id", "paymentId"])? {
        Some(id) => Some(id),
        None => reading
            .order_id
            .as_ref()
            .map(|order| match reading.sequence.as_deref() {
                Some(sequence) if sequence != FIRST_SEQUENCE => format!("{order}:{sequence}"),
                _ => order.clone(),
            }),
    };
    // `payCurrency` and `payAmount` name what the payer sends; `currency` and `amount` may
    // be the order's own (the docs ask for the amount "in the user's account currency"), so
    // they are read only where the others are absent.
    reading.set_asset(
        payment.first(&["payCurrency", "currency"]),
        payment.first(&["network", "chain"]),
    )?;
    reading.address = payment.text_of(&["payAddress", "address"])?;
    reading.tag = payment.text_of(&["tag", "memo"])?;
    reading.amount = payment.amount_of(&["payAmount", "amount"])?;
    reading.minimum_amount = payment.amount_of(&["minAmount"])?;
    reading.fiat = match payment.text_of(&["fiatCurrency"])? {
        Some(currency) => Some(Fiat {
            currency,
            amount: payment.amount_of(&["fiatAmount"])?,
        }),
        None => None,
    };
    if let Some(received) = payment.get("confirmations") {
        reading.confirmations = Some(Confirmations {
            received: received.count()?,
            required: payment
                .first(&["requiredConfirmations"])
                .map(|node| node.count())
                .transpose()?,
        });
    }
    reading.expires_at = payment.time_of(&["expiresAt"])?;
    reading.created_at = payment.time_of(&["createdAt"])?;
    let txid = payment.text_of(&["txid", "hash"])?;
    let paid = payment.amount_of(&["paidAmount", "actuallyPaid"])?;
    match &paid {
        // The transfer is the payment's own, under its id: a callback without a txid is still
        // the same transfer as the next one about that payment.
        Some(paid) if txid.is_some() || !paid.is_zero() => reading.payments.push(Transfer {
            id: reading.id.clone(),
            txid,
            amount: paid.clone(),
            sequence: reading.sequence.clone(),
            confirmed: reading.outcome == Outcome::Success,
            created_at: None,
        }),
        _ => reading.txids.extend(txid),
    }
    reading.paid_amount = paid;
    reading.event_key = event_key(&root)?;
    Ok(reading)
}

#[cfg(test)]
mod tests {
    use crate::payment::{webhook_event_key, Gateway};

    #[test]
    fn event_key_parts() {
        let key = |body: &str| webhook_event_key(Gateway::Heropayments, body.as_bytes());
        assert_eq!(
            key(r#"{"externalOrderId":"o1","sequence":"original","status":"finished"}"#).as_deref(),
            Some("o1:original:finished")
        );
        assert_eq!(
            key(r#"{"externalOrderID":1254435345456456,"status":"waiting"}"#).as_deref(),
            Some("1254435345456456:original:waiting")
        );
        // A part that is absent keeps its place, so no two callbacks share a key by accident.
        assert_ne!(
            key(r#"{"externalOrderId":"o1","status":"finished"}"#),
            key(r#"{"externalOrderId":"o1","sequence":"finished"}"#)
        );
        // A withdrawal that says so is keyed apart from a deposit with the same order id.
        assert_eq!(
            key(r#"{"type":"withdrawal","externalOrderId":"1001","status":"finished"}"#).as_deref(),
            Some("withdrawal:1001:original:finished")
        );
        assert_eq!(
            key(r#"{"type":"deposit","externalOrderId":"1001","status":"finished"}"#).as_deref(),
            Some("1001:original:finished")
        );
        assert_eq!(key(r#"{"status":"waiting"}"#), None);
        assert_eq!(key("[]"), None);
    }
}
