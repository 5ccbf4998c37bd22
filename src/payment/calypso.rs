//! Calypso Pay: webhook events (`{requestId, id, createdDate, level, service, eventType,
//! data}`) for invoices, customer purses (static addresses), top-ups, fiat orders and payouts.
//!
//! Calypso publishes no status API in these docs, so a checkout is read from the latest
//! event. Each event type has one meaning (table below); `PAYOUT_CHANGE_STATUS` carries a
//! `payoutStatus` whose values are not documented, so it is always `unknown`.

use super::read::Node;
use super::{Direction, Fiat, Options, Outcome, Reading, State, Transfer, Warning};
use crate::error::PaymentError;
use crate::json::value::Value;

/// The direction, state and outcome of an event type; no direction for a type no table lists.
pub(super) fn event(event_type: &str) -> (Option<Direction>, State, Outcome) {
    use Direction::{Deposit, Withdrawal};
    use Outcome::{Failure, Pending, Success};
    match event_type {
        "INVOICE_CREATE_INVOICE" | "INVOICE_CREATE_UNLIMITED_INVOICE" => {
            (Some(Deposit), State::AwaitingPayment, Pending)
        }
        "INVOICE_MEMPOOL_FOUND"
        | "INVOICE_FUNDS_RECEIVED_FOR_INVOICE"
        | "CUSTOMER_PURSE_MEM_POOL_FOUND" => (Some(Deposit), State::Confirming, Pending),
        "INVOICE_PENDING_INTERVENTION"
        | "INVOICE_COMPLIANCE_CHECK"
        | "TOP_UP_COMPLIANCE_CHECK"
        | "CUSTOMER_PURSE_PENDING_COMPLIANCE"
        | "FIAT_APPLIER_ADJUSTMENT" => (Some(Deposit), State::OnHold, Pending),
        "INVOICE_COMPLIANCE_DECLINED"
        | "TOP_UP_COMPLIANCE_DECLINED"
        | "CUSTOMER_PURSE_COMPLIANCE_DECLINED"
        | "FIAT_APPLIER_PAYMENT_FAILED" => (Some(Deposit), State::Failed, Failure),
        "INVOICE_PAID"
        | "INVOICE_TRANSLATION_TO_ACCOUNT_COMPLETED"
        | "WALLET_FUNDS_DELIVERED_ACCOUNT"
        | "CUSTOMER_PURSE_FUNDS_RECEIVED_FOR_PURSE"
        | "FIAT_APPLIER_FIAT_FUNDS_RECEIVED" => (Some(Deposit), State::Paid, Success),
        "INVOICE_EXPIRED" | "CUSTOMER_PURSE_EXPIRED" | "FIAT_APPLIER_ORDER_UNPAID" => {
            (Some(Deposit), State::Expired, Failure)
        }
        "FIAT_APPLIER_WITHDRAWAL_SUCCESS" => (Some(Withdrawal), State::Paid, Success),
        "FIAT_APPLIER_WITHDRAWAL_FAILED" | "PAYOUT_VALIDATION_ERROR" => {
            (Some(Withdrawal), State::Failed, Failure)
        }
        "PAYOUT_CONFIRMED" => (Some(Withdrawal), State::Confirming, Pending),
        "PAYOUT_CHANGE_STATUS" => (Some(Withdrawal), State::Unknown, Pending),
        _ => (None, State::Unknown, Pending),
    }
}

/// Events whose `amount` is money received rather than the invoice's amount.
fn amount_is_received(event_type: &str) -> bool {
    matches!(
        event_type,
        "INVOICE_FUNDS_RECEIVED_FOR_INVOICE"
            | "INVOICE_COMPLIANCE_CHECK"
            | "INVOICE_COMPLIANCE_DECLINED"
            | "TOP_UP_COMPLIANCE_CHECK"
            | "TOP_UP_COMPLIANCE_DECLINED"
            | "WALLET_FUNDS_DELIVERED_ACCOUNT"
    ) || event_type.starts_with("CUSTOMER_PURSE_")
}

/// The event's type: `eventType`, or `data.type`.
fn event_type(root: &Node<'_>, data: &Node<'_>) -> Result<String, PaymentError> {
    match root.text_of(&["eventType"])? {
        Some(event_type) => Ok(event_type),
        None => data.require("type")?.text(),
    }
}

/// The members [`event_key`] reads, at the top level or under `data`.
pub(super) const EVENT_KEY_MEMBERS: &[&str] = &[
    "data",
    "eventType",
    "type",
    "idempotencyKey",
    "purseId",
    "parentExternalId",
    "requestId",
    "transactionHash",
    "transactionId",
    "transactionIds",
    "payoutStatus",
    "id",
];

/// `{scope}:{event type}:{discriminator}`. The scope is the payment (`idempotencyKey`,
/// `purseId` or `parentExternalId`; else the subscription's `requestId`); the
/// discriminator tells apart two events of one type for one payment: the transaction
/// (`transactionHash`, `transactionId`), a payout's new `payoutStatus` (each status change
/// of one payout, whose `hash` stays the same, is its own event), else the event's own
/// `id`. So a second deposit to a purse is a new event, and a redelivery of the same event
/// is not.
pub(super) fn event_key(root: &Node<'_>) -> Result<Option<String>, PaymentError> {
    let Some(data) = root.get("data") else {
        return Ok(None);
    };
    let data = data.object()?;
    let event_type = event_type(root, &data)?;
    let Some(scope) = data
        .text_of(&["idempotencyKey", "purseId", "parentExternalId"])?
        .or(root.text_of(&["requestId"])?)
    else {
        return Ok(None);
    };
    let discriminator = match data.text_of(&["transactionHash"])? {
        Some(txid) => Some(txid),
        None => match transaction_ids(&data)? {
            Some(ids) => Some(ids),
            None if event_type == "PAYOUT_CHANGE_STATUS" => data.text_of(&["payoutStatus"])?,
            None => root.text_of(&["id"])?,
        },
    };
    Ok(discriminator.map(|discriminator| format!("{scope}:{event_type}:{discriminator}")))
}

pub(super) fn read(root: Node<'_>, options: &Options) -> Result<Reading, PaymentError> {
    let data = root.require("data")?.object()?;
    let event_type = event_type(&root, &data)?;
    let (direction, state, outcome) = event(&event_type);
    let provider_status = match event_type.as_str() {
        "PAYOUT_CHANGE_STATUS" => data.require("payoutStatus")?.text()?,
        _ => event_type.clone(),
    };
    // One subscription delivers every event type: the type's own direction wins, and the
    // option only names that of a type no table lists (a deposit when it is not given).
    let mut reading = Reading::new(
        direction
            .or(options.direction)
            .unwrap_or(Direction::Deposit),
        provider_status,
        (state, outcome),
    );
    // A top-up or a wallet delivery belongs to no invoice: its transaction is the payment.
    reading.id = data.text_of(&["parentExternalId", "purseId", "orderId", "transactionHash"])?;
    reading.order_id = data.text_of(&["externalId"])?;
    match data.get("currency") {
        Some(currency) if matches!(currency.value, Value::Number(_)) => {
            reading.warnings.push(Warning {
                code: "currency_unreadable".to_owned(),
                message: "`data.currency` is a number, which names no coin: take the coin from the merchant's own records".to_owned(),
            });
        }
        // A fiat order's adjustment names its currency in `currency`, which may be fiat.
        Some(currency)
            if event_type == "FIAT_APPLIER_ADJUSTMENT" && currency.currency().is_err() => {}
        currency => reading.set_asset(currency, None)?,
    }
    reading.address = data.text_of(&["invoiceAddress"])?;
    let amount = data.amount_of(&["amount"])?;
    reading.fiat = fiat(&data)?;
    let received = if amount_is_received(&event_type) {
        amount
    } else if event_type == "FIAT_APPLIER_ADJUSTMENT" {
        adjustment(&data, &mut reading)?
    } else {
        reading.amount = amount;
        data.amount_of(&["realAmount"])?
    };
    // A purse event's `createdDate` dates its transaction; elsewhere it dates the invoice,
    // order or payout.
    let purse = event_type.starts_with("CUSTOMER_PURSE_");
    let transfer_date = data.time_of(&[if purse { "createdDate" } else { "paymentDate" }])?;
    if !purse {
        reading.created_at = data.time_of(&["createdDate"])?;
    }
    reading.expires_at = data.time_of(&["expirationDate"])?;
    let txid = data.text_of(&["transactionHash", "hash"])?;
    let transfer_id = transaction_ids(&data)?;
    // A figure that names no transaction (INVOICE_PAID's `realAmount`) is what was paid in
    // all, not a transfer: listed as one, it would count the invoice's transfers twice.
    let named = txid.is_some() || transfer_id.is_some();
    if let (Some(received), true) = (&received, named) {
        reading.payments.push(Transfer {
            id: transfer_id.clone(),
            txid: txid.clone(),
            amount: received.clone(),
            sequence: None,
            confirmed: outcome == Outcome::Success,
            created_at: transfer_date,
        });
    } else {
        reading.txids.extend(txid.clone());
    }
    reading.paid_amount = received;
    reading.event_key = event_key(&root)?;
    reading.event_type = Some(event_type);
    Ok(reading)
}

/// A fiat order's adjustment: `sumAfterAdjustment` in `currency`, which is fiat when
/// `fiatCurrency` is `true` (then the fiat amount, and no crypto received) and crypto
/// otherwise (the amount received).
fn adjustment(
    data: &Node<'_>,
    reading: &mut Reading,
) -> Result<Option<super::money::Amount>, PaymentError> {
    let sum = data.amount_of(&["sumAfterAdjustment"])?;
    let is_fiat = data.text_of(&["fiatCurrency"])?.as_deref() == Some("true");
    match (is_fiat, data.text_of(&["currency"])?) {
        (true, Some(currency)) => {
            reading.fiat = Some(Fiat {
                currency,
                amount: sum,
            });
            Ok(None)
        }
        _ => Ok(sum),
    }
}

/// `transactionId` or `transactionIds`: one id, or several joined with `,`.
fn transaction_ids(data: &Node<'_>) -> Result<Option<String>, PaymentError> {
    let Some(node) = data.first(&["transactionId", "transactionIds"]) else {
        return Ok(None);
    };
    if matches!(node.value, Value::Array(_)) {
        let ids = node
            .items()?
            .iter()
            .map(Node::text)
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Some(ids.join(",")).filter(|ids| !ids.is_empty()));
    }
    node.non_empty_text()
}

/// `fiatAmount` as `{"EUR": 31.99, "USD": 36.84}` (the currency in `fiatCurrency`, else USD,
/// else the first) or as a number with `fiatCurrency`.
fn fiat(data: &Node<'_>) -> Result<Option<Fiat>, PaymentError> {
    // A currency code; the adjustment event's `fiatCurrency` is a flag instead.
    let currency = data
        .text_of(&["fiatCurrency", "fiatcurrency"])?
        .filter(|code| {
            (3..=5).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase())
        });
    let Some(amount) = data.get("fiatAmount") else {
        return Ok(currency.map(|currency| Fiat {
            currency,
            amount: None,
        }));
    };
    let Value::Object(members) = amount.value else {
        return Ok(Some(Fiat {
            currency: currency.ok_or_else(|| amount.invalid("has no `fiatCurrency` beside it"))?,
            amount: Some(amount.amount()?),
        }));
    };
    let chosen = currency
        .filter(|currency| amount.get(currency).is_some())
        .or_else(|| amount.get("USD").map(|_| "USD".to_owned()))
        .or_else(|| members.first().map(|(name, _)| name.clone()));
    Ok(match chosen {
        Some(currency) => Some(Fiat {
            amount: Some(amount.require(&currency)?.amount()?),
            currency,
        }),
        None => None,
    })
}
