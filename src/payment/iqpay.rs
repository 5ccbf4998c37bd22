//! iqpay: deposit wallets (`POST /wallet/create/:currency`) and the deposit and withdrawal
//! webhooks (`status` 0: added to the blockchain, 1: confirmed, 2: error).
//!
//! A wallet is bound to one customer (`extId`) and every transfer to it is a deposit, so a
//! wallet's checkout has no amount; each webhook is one transfer, keyed by `txid:address:currency:status`.
//! iqpay signs nothing: confirm a webhook by reading the deposit back before crediting it.

use super::read::Node;
use super::{Direction, Options, Outcome, Reading, State, Transfer};
use crate::error::PaymentError;

/// The state and outcome of a webhook `status`, the same for deposits and withdrawals.
pub(super) fn status(status: &str) -> (State, Outcome) {
    match status {
        "0" => (State::Confirming, Outcome::Pending),
        "1" => (State::Paid, Outcome::Success),
        "2" => (State::Failed, Outcome::Failure),
        _ => (State::Unknown, Outcome::Pending),
    }
}

/// The members [`event_key`] reads.
pub(super) const EVENT_KEY_MEMBERS: &[&str] = &["txid", "address", "currency", "status"];

/// `txid:address:currency:status`: each status change of a transfer is its own webhook, and
/// one transaction can pay several wallets (a batch payout) or carry several currencies (ether
/// and a token), each its own transfer.
pub(super) fn event_key(root: &Node<'_>) -> Result<Option<String>, PaymentError> {
    let mut parts = Vec::with_capacity(EVENT_KEY_MEMBERS.len());
    for member in EVENT_KEY_MEMBERS {
        match root.text_of(&[member])? {
            Some(part) => parts.push(part),
            None => return Ok(None),
        }
    }
    Ok(Some(parts.join(":")))
}

pub(super) fn read(root: Node<'_>, options: &Options) -> Result<Reading, PaymentError> {
    if let Some(wallet) = root.get("data") {
        return read_wallet(&root, &wallet.object()?);
    }
    let direction =
        options
            .direction
            .unwrap_or(if root.first(&["wallet_ext_id", "fromAddress"]).is_some() {
                Direction::Deposit
            } else {
                Direction::Withdrawal
            });
    // The deposit example sends `"status": 200` and later `"status": 1`; as in `JSON.parse`,
    // the last one counts.
    let raw_status = root.require("status")?.text()?;
    let mut reading = Reading::new(direction, raw_status.clone(), status(&raw_status));
    reading.set_asset(Some(root.require("currency")?), None)?;
    reading.address = root.text_of(&["address"])?;
    reading.tag = root.text_of(&["tag"])?;
    reading.order_id = root.text_of(&["wallet_ext_id"])?;
    reading.id = match direction {
        Direction::Deposit => reading.order_id.clone().or(reading.address.clone()),
        Direction::Withdrawal => root.text_of(&["id"])?,
    };
    let txid = root.require("txid")?.text()?;
    let amount = root.require("amount")?.amount()?;
    reading.event_key = event_key(&root)?;
    reading.paid_amount = Some(amount.clone());
    reading.payments.push(Transfer {
        id: None,
        txid: Some(txid),
        amount,
        sequence: None,
        confirmed: reading.outcome == Outcome::Success,
        created_at: root.time_of(&["timeCreated"])?,
    });
    Ok(reading)
}

/// A wallet creation response: `{"status": 200, "data": {"publicKey", "tag", "currency",
/// "extId"}}`.
fn read_wallet(root: &Node<'_>, wallet: &Node<'_>) -> Result<Reading, PaymentError> {
    let raw_status = root
        .text_of(&["status"])?
        .unwrap_or_else(|| "200".to_owned());
    if raw_status != "200" {
        return Err(root
            .require("status")?
            .invalid(format!("is {raw_status}: the wallet was not created")));
    }
    let mut reading = Reading::new(
        Direction::Deposit,
        raw_status,
        (State::AwaitingPayment, Outcome::Pending),
    );
    reading.set_asset(Some(wallet.require("currency")?), None)?;
    reading.address = Some(wallet.require("publicKey")?.text()?);
    reading.tag = wallet.text_of(&["tag"])?;
    reading.order_id = wallet.text_of(&["extId"])?;
    reading.id = reading.order_id.clone().or(reading.address.clone());
    Ok(reading)
}
