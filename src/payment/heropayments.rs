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

pub(super) fn read(root: Node<'_>, options: &Options) -> Result<Reading, PaymentError> {
    let payment = match root.get("data") {
        Some(data) => data.object()?,
        None => root,
    };
    let direction = match (options.direction, payment.get("type")) {
        (Some(direction), _) => direction,
        (None, Some(kind)) => {
            let text = kind.text()?;
            Direction::parse(&text)
                .ok_or_else(|| kind.invalid(format!("is `{text}`, not deposit or withdrawal")))?
        }
        (None, None) => {
            return Err(payment.error(PaymentErrorKind::MissingField(
                "type (or pass the `direction` option)".to_owned(),
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
    reading.id = payment
        .text_of(&["id", "paymentId"])?
        .or(reading.order_id.clone());
    reading.set_asset(
        payment.first(&["currency", "payCurrency"]),
        payment.first(&["network", "chain"]),
    )?;
    reading.address = payment.text_of(&["payAddress", "address"])?;
    reading.tag = payment.text_of(&["tag", "memo", "destinationTag"])?;
    reading.amount = payment.amount_of(&["amount", "payAmount"])?;
    reading.minimum_amount = payment.amount_of(&["minAmount", "minimumAmount"])?;
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
    reading.expires_at = payment.time_of(&["expiresAt", "expiredAt"])?;
    reading.created_at = payment.time_of(&["createdAt"])?;
    reading.sequence = payment.text_of(&["sequence"])?;
    let txid = payment.text_of(&["txid", "hash", "txHash"])?;
    let paid = payment.amount_of(&["paidAmount", "actuallyPaid", "receivedAmount"])?;
    match &paid {
        Some(paid) if txid.is_some() || !paid.is_zero() => reading.payments.push(Transfer {
            id: payment.text_of(&["id", "paymentId"])?,
            txid,
            amount: paid.clone(),
            sequence: reading.sequence.clone(),
            confirmed: reading.outcome == Outcome::Success,
            created_at: reading.created_at.clone(),
        }),
        _ => reading.txids.extend(txid),
    }
    reading.paid_amount = paid;
    if let Some(order) = &reading.order_id {
        let mut key = order.clone();
        for part in [&reading.sequence, &Some(raw_status)].into_iter().flatten() {
            key.push(':');
            key.push_str(part);
        }
        reading.event_key = Some(key);
    }
    Ok(reading)
}
