//! Calypso Pay, under `/gateways/calypso`. Calypso's docs describe its webhooks only, so the
//! invoice API here is the sandbox's own:
//!
//! - `POST /invoices` with `{"currency", "fiatCurrency", "fiatAmount", "externalId",
//!   "message"}` and the header `X-Api-Key`: answers the `INVOICE_CREATE_INVOICE` event of the
//!   new invoice (the documented envelope and fields, plus `invoiceAddress` and
//!   `expirationDate`, which a checkout needs and the later events carry).
//!
//! Webhooks are the documented envelope (`requestId`, `id`, `createdDate`, `level`, `service`,
//! `eventType`, `data`), signed in the `Sign` header (HMAC-SHA512 of the raw body):
//! `INVOICE_CREATE_INVOICE`, `INVOICE_MEMPOOL_FOUND` when a transfer is seen,
//! `INVOICE_FUNDS_RECEIVED_FOR_INVOICE` when it is confirmed, `INVOICE_PAID` once the amount is
//! reached, `INVOICE_EXPIRED`, and `INVOICE_COMPLIANCE_DECLINED` for a failure.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use crypto_checkout::asset::{Coin, Network};
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::money::Amount;
use crypto_checkout::payment::Gateway;

use super::{
    header, json, now_secs, number, object, optional_number, read_body, required_amount,
    required_text, rfc3339, string, Change, Notification, Record, Standing, Transfer,
};
use crate::app::Shared;
use crate::credentials;

/// The webhook subscription of the sandbox merchant (`requestId` of every event).
const SUBSCRIPTION: &str = "bf9348b7-2c14-46d7-868c-b597852da319";

/// The currencies Calypso names, with their coins and networks.
pub const CURRENCIES: [(&str, Coin, Network); 14] = [
    ("BTC", Coin::Btc, Network::Bitcoin),
    ("ETH", Coin::Eth, Network::Ethereum),
    ("BNB", Coin::Bnb, Network::Bsc),
    ("TRX", Coin::Trx, Network::Tron),
    ("MATIC", Coin::Matic, Network::Polygon),
    ("XDG", Coin::Doge, Network::Dogecoin),
    ("USDT", Coin::Usdt, Network::Ethereum),
    ("USDT_TRX", Coin::Usdt, Network::Tron),
    ("USDT_BSC", Coin::Usdt, Network::Bsc),
    ("USDT_MATIC", Coin::Usdt, Network::Polygon),
    ("USDC", Coin::Usdc, Network::Ethereum),
    ("USDC_TRX", Coin::Usdc, Network::Tron),
    ("DAI", Coin::Dai, Network::Ethereum),
    ("FRAX", Coin::Frax, Network::Ethereum),
];

/// The routes, under `/gateways/calypso`.
pub fn routes() -> Router<Shared> {
    Router::new().route("/invoices", post(create))
}

fn currency_of(record: &Record) -> &'static str {
    CURRENCIES
        .iter()
        .find(|(_, coin, network)| *coin == record.coin() && *network == record.network())
        .map_or("", |(name, ..)| name)
}

/// Calypso's date-times: local, no zone, microseconds (`2022-03-15T12:13:05.909616`).
fn date(secs: i64) -> String {
    format!("{}.000000", rfc3339(secs, ""))
}

/// `{"USD": ...}` of `amount`.
fn fiat_amount(record: &Record, amount: &Amount) -> Value {
    match record.fiat_value(amount) {
        Some((currency, value)) => object(vec![(&currency, number(&value))]),
        None => Value::Null,
    }
}

/// The fields every invoice event has.
fn invoice_fields(record: &Record, event_type: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("type", string(event_type)),
        ("parentExternalId", Value::Number(record.id.clone())),
        ("idempotencyKey", string(&record.reference)),
        ("externalId", string(&record.order_id)),
        ("currency", string(currency_of(record))),
        ("amount", optional_number(record.amount().as_ref())),
        ("message", string(format!("Order {}", record.order_id))),
        ("createdDate", string(date(record.created_at))),
    ]
}

/// The fields of an event about `transfer`.
fn transfer_fields(record: &Record, transfer: &Transfer) -> Vec<(&'static str, Value)> {
    vec![
        ("transactionHash", string(&transfer.txid)),
        ("senderAddress", string(&transfer.from)),
        ("invoiceAddress", string(&record.address)),
        ("paymentDate", string(date(transfer.at))),
    ]
}

/// The signed event `event_type` with `data`.
fn event(record: &mut Record, event_type: &str, data: Vec<(&str, Value)>) -> Notification {
    let level = if event_type == "INVOICE_COMPLIANCE_DECLINED" {
        "WARNING"
    } else {
        "SUCCESS"
    };
    let document = object(vec![
        ("requestId", string(SUBSCRIPTION)),
        ("id", Value::Number(record.next_event().to_string())),
        ("createdDate", string(date(now_secs()))),
        ("level", string(level)),
        ("service", string("INVOICE")),
        ("eventType", string(event_type)),
        ("data", object(data)),
    ]);
    Notification::signed(Gateway::Calypso, document)
}

/// The creation event, with the address and the end of the payment window.
fn created(record: &mut Record) -> Notification {
    let mut data = invoice_fields(record, "INVOICE_CREATE_INVOICE");
    data.push((
        "fiatCurrency",
        string(
            record
                .fiat
                .as_ref()
                .map_or("USD", |(currency, _)| currency.as_str()),
        ),
    ));
    data.push(("invoiceAddress", string(&record.address)));
    data.push((
        "expirationDate",
        string(record.expires_at.map(date).unwrap_or_default()),
    ));
    event(record, "INVOICE_CREATE_INVOICE", data)
}

/// Every webhook of a change: see the module documentation.
pub fn notifications(record: &mut Record, change: Change) -> Vec<Notification> {
    match change {
        Change::Created => vec![created(record)],
        Change::Detected(index) => {
            let transfer = record.transfers[index].clone();
            let mut data = invoice_fields(record, "INVOICE_MEMPOOL_FOUND");
            data.push(("realAmount", number(&super::decimal(&transfer.amount))));
            data.push(("transactionHash", string(&transfer.txid)));
            vec![event(record, "INVOICE_MEMPOOL_FOUND", data)]
        }
        Change::Confirmed(index) => {
            let transfer = record.transfers[index].clone();
            let received = super::decimal(&transfer.amount);
            let mut data = invoice_fields(record, "INVOICE_FUNDS_RECEIVED_FOR_INVOICE");
            data.retain(|(name, _)| *name != "amount");
            data.push(("amount", number(&received)));
            data.push((
                "transactionId",
                Value::Array(vec![Value::Number(transfer.id.clone())]),
            ));
            data.extend(transfer_fields(record, &transfer));
            data.push(("fiatAmount", fiat_amount(record, &received)));
            vec![event(record, "INVOICE_FUNDS_RECEIVED_FOR_INVOICE", data)]
        }
        Change::Completed if record.standing() != Standing::Under => {
            let mut data = invoice_fields(record, "INVOICE_PAID");
            data.push(("realAmount", number(&record.received())));
            vec![event(record, "INVOICE_PAID", data)]
        }
        Change::Completed => Vec::new(),
        Change::Expired => {
            let mut data = invoice_fields(record, "INVOICE_EXPIRED");
            data.push((
                "expirationDate",
                string(record.expires_at.map(date).unwrap_or_default()),
            ));
            vec![event(record, "INVOICE_EXPIRED", data)]
        }
        Change::Failed => {
            let transfer = record.transfers.last().cloned();
            let mut data = invoice_fields(record, "INVOICE_COMPLIANCE_DECLINED");
            if let Some(transfer) = transfer {
                data.retain(|(name, _)| *name != "amount");
                data.push(("amount", number(&super::decimal(&transfer.amount))));
                data.push((
                    "transactionId",
                    Value::Array(vec![Value::Number(transfer.id.clone())]),
                ));
                data.extend(transfer_fields(record, &transfer));
            }
            vec![event(record, "INVOICE_COMPLIANCE_DECLINED", data)]
        }
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    json(status, &object(vec![("error", string(message))]))
}

async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if header(&headers, "x-api-key") != Some(credentials::of(Gateway::Calypso).api_key) {
        return error(StatusCode::UNAUTHORIZED, "unknown X-Api-Key");
    }
    let fields = read_body(&body).and_then(|body| {
        let currency = required_text(&body, "currency")?;
        let fiat_currency = required_text(&body, "fiatCurrency")?;
        let fiat = required_amount(&body, "fiatAmount")?;
        let external = required_text(&body, "externalId")?;
        Ok((currency, fiat_currency, fiat, external))
    });
    let (currency, fiat_currency, fiat, external) = match fields {
        Ok(fields) => fields,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    let Some(&(_, coin, network)) = CURRENCIES.iter().find(|(name, ..)| *name == currency) else {
        return error(StatusCode::BAD_REQUEST, "currency: not one Calypso takes");
    };
    if fiat_currency != "USD" {
        return error(StatusCode::BAD_REQUEST, "the sandbox prices in USD only");
    }
    let callback_url = format!("{}/webhooks/calypso", app.base_url);
    let record = Record::new(
        Gateway::Calypso,
        &external,
        coin,
        network,
        Some(crate::money::crypto_for(coin, &fiat)),
        Some((fiat_currency, fiat)),
        &callback_url,
    );
    // The answer is the creation event itself, as its webhook carries it.
    match app
        .store
        .transaction(|transaction| super::create(transaction, Gateway::Calypso, record))
    {
        Ok((_, mut notifications)) => (
            StatusCode::OK,
            [("content-type", "application/json")],
            notifications.remove(0).body,
        )
            .into_response(),
        Err(failure) => error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string()),
    }
}
