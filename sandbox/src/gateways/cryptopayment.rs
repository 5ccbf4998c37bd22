//! CryptoPayment.center, under `/gateways/cryptopayment`:
//!
//! - `POST /api/v1/invoices`: create an invoice (`network`: btc, ltc, eth, trc20 or bep20;
//!   `amount_usd`; `order_id`; `metadata`); answers `{"success": true, "invoice", "checkout_url"}`.
//! - `GET /api/v1/invoices/{id}`: get an invoice. `GET /api/v1/invoices?page=N`: list them, 20
//!   a page.
//!
//! Requests carry `Authorization: Bearer {api_key}:{api_secret}`; anything else is HTTP 401
//! `{"success": false, "error": "Unauthorized"}` (the docs print no error body). Webhooks go to
//! the API key's URL (the sandbox merchant's `/webhooks/cryptopayment`): `payment.detected`
//! when a transfer is seen, `payment.confirmed` when the invoice is paid, each with
//! `signature` = HMAC-SHA256 of `invoice_id.event` keyed with the base64-decoded APP_KEY. An
//! invoice names one `txid` and one `paid_amount`, so it takes one payment; an expired one
//! sends no webhook (the docs list none), and none fails.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use crypto_checkout::asset::{Coin, Network};
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::Gateway;
use std::collections::HashMap;

use super::{
    header, integer, json, now_secs, number, object, optional_number, optional_string, read_body,
    required_amount, required_text, rfc3339, string, Change, Notification, Phase, Record, Standing,
};
use crate::app::Shared;
use crate::credentials;

/// The routes, under `/gateways/cryptopayment`.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/v1/invoices", get(list).post(create))
        .route("/api/v1/invoices/{id}", get(status))
}

/// The networks CryptoPayment.center takes, with their coins and labels.
pub const NETWORKS: [(&str, Coin, Network, &str); 5] = [
    ("btc", Coin::Btc, Network::Bitcoin, "Bitcoin"),
    ("ltc", Coin::Ltc, Network::Litecoin, "Litecoin"),
    ("eth", Coin::Eth, Network::Ethereum, "Ethereum"),
    ("trc20", Coin::Usdt, Network::Tron, "USDT (TRC20)"),
    ("bep20", Coin::Usdt, Network::Bsc, "USDT (BEP20)"),
];

fn network_of(record: &Record) -> (&'static str, &'static str) {
    NETWORKS
        .iter()
        .find(|(_, coin, network, _)| *coin == record.coin() && *network == record.network())
        .map_or(("", ""), |(name, _, _, label)| (name, label))
}

/// The invoice status.
fn status_name(record: &Record) -> &'static str {
    match (record.phase, record.standing()) {
        (Phase::Waiting, _) => "pending",
        (Phase::Completed, Standing::Exact | Standing::Over) => "confirmed",
        (Phase::Confirming | Phase::Completed, _) => "confirming",
        (Phase::Expired | Phase::Failed, _) => "expired",
    }
}

/// The last transfer's txid and confirmations.
fn last_transfer(record: &Record) -> (Option<&str>, i64) {
    record.transfers.last().map_or((None, 0), |transfer| {
        (
            Some(transfer.txid.as_str()),
            i64::from(transfer.confirmations),
        )
    })
}

/// The `invoice` object.
fn invoice(record: &Record) -> Value {
    let (network, label) = network_of(record);
    let (txid, confirmations) = last_transfer(record);
    let usd = record
        .fiat
        .as_ref()
        .map(|(_, amount)| super::decimal(amount));
    object(vec![
        ("id", string(&record.id)),
        ("order_id", string(&record.order_id)),
        ("status", string(status_name(record))),
        ("network", string(network)),
        ("network_label", string(label)),
        ("coin", string(&record.coin)),
        ("amount_usd", optional_number(usd.as_ref())),
        ("amount_crypto", optional_number(record.amount().as_ref())),
        ("address", string(&record.address)),
        ("paid_amount", number(&record.received())),
        ("txid", optional_string(txid)),
        (
            "confirmations",
            object(vec![
                ("received", integer(confirmations)),
                (
                    "required",
                    integer(i64::from(record.required_confirmations)),
                ),
            ]),
        ),
        (
            "expires_at",
            optional_string(record.expires_at.map(|at| rfc3339(at, "+00:00")).as_deref()),
        ),
        ("created_at", string(rfc3339(record.created_at, "+00:00"))),
    ])
}

/// A webhook for `event`, signed into its `signature` field.
fn webhook(record: &Record, event: &str) -> Notification {
    let (network, _) = network_of(record);
    let (txid, confirmations) = last_transfer(record);
    let usd = record
        .fiat
        .as_ref()
        .map(|(_, amount)| super::decimal(amount));
    let members = vec![
        ("event".to_owned(), string(event)),
        ("invoice_id".to_owned(), string(&record.id)),
        ("order_id".to_owned(), string(&record.order_id)),
        ("status".to_owned(), string(status_name(record))),
        ("network".to_owned(), string(network)),
        ("coin".to_owned(), string(&record.coin)),
        ("amount_usd".to_owned(), optional_number(usd.as_ref())),
        (
            "amount_crypto".to_owned(),
            optional_number(record.amount().as_ref()),
        ),
        ("paid_amount".to_owned(), number(&record.received())),
        ("txid".to_owned(), optional_string(txid)),
        ("confirmations".to_owned(), integer(confirmations)),
        ("address".to_owned(), string(&record.address)),
        (
            "timestamp".to_owned(),
            string(rfc3339(now_secs(), "+00:00")),
        ),
    ];
    Notification::signed(Gateway::CryptoPayment, Value::Object(members))
}

/// `payment.detected` for a transfer seen, `payment.confirmed` once the invoice is paid.
pub fn notifications(record: &mut Record, change: Change) -> Vec<Notification> {
    match change {
        Change::Detected(_) => vec![webhook(record, "payment.detected")],
        Change::Completed if record.standing() != Standing::Under => {
            vec![webhook(record, "payment.confirmed")]
        }
        _ => Vec::new(),
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    json(
        status,
        &object(vec![
            ("success", Value::Bool(false)),
            ("error", string(message)),
        ]),
    )
}

fn authenticate(headers: &HeaderMap) -> Result<(), Response> {
    let account = credentials::of(Gateway::CryptoPayment);
    let expected = format!("Bearer {}:{}", account.api_key, account.api_secret);
    if header(headers, "authorization") == Some(expected.as_str()) {
        Ok(())
    } else {
        Err(error(StatusCode::UNAUTHORIZED, "Unauthorized"))
    }
}

async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if let Err(response) = authenticate(&headers) {
        return response;
    }
    let fields = read_body(&body).and_then(|body| {
        let network = required_text(&body, "network")?;
        let amount = required_amount(&body, "amount_usd")?;
        let order = body
            .get("order_id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Ok((network, amount, order))
    });
    let (network, usd, order) = match fields {
        Ok(fields) => fields,
        Err(message) => return error(StatusCode::UNPROCESSABLE_ENTITY, &message),
    };
    let Some(&(_, coin, network, _)) = NETWORKS.iter().find(|(name, ..)| *name == network) else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "network must be btc, ltc, eth, trc20 or bep20",
        );
    };
    if usd < super::decimal("1.00") {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "amount_usd must be at least 1.00",
        );
    }
    let callback_url = format!("{}/webhooks/cryptopayment", app.base_url);
    let record = Record::new(
        Gateway::CryptoPayment,
        &order,
        coin,
        network,
        Some(crate::money::crypto_for(coin, &usd)),
        Some(("USD".to_owned(), usd)),
        &callback_url,
    );
    match app
        .store
        .transaction(|transaction| super::create(transaction, Gateway::CryptoPayment, record))
    {
        Ok((record, _)) => json(
            StatusCode::OK,
            &object(vec![
                ("success", Value::Bool(true)),
                ("invoice", invoice(&record)),
                (
                    "checkout_url",
                    string(format!("{}/pay/{}", app.base_url, record.id)),
                ),
            ]),
        ),
        Err(failure) => error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string()),
    }
}

async fn status(State(app): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(response) = authenticate(&headers) {
        return response;
    }
    match super::find(&app, Gateway::CryptoPayment, &id) {
        Ok(Some(record)) => json(
            StatusCode::OK,
            &object(vec![
                ("success", Value::Bool(true)),
                ("invoice", invoice(&record)),
            ]),
        ),
        Ok(None) => error(StatusCode::NOT_FOUND, "Invoice not found"),
        Err(failure) => error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string()),
    }
}

async fn list(
    State(app): State<Shared>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(response) = authenticate(&headers) {
        return response;
    }
    let page: usize = query
        .get("page")
        .and_then(|page| page.parse().ok())
        .unwrap_or(1)
        .max(1);
    let records = match app.store.gateway_payments() {
        Ok(records) => records,
        Err(failure) => return error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string()),
    };
    let mut invoices: Vec<Record> = records
        .iter()
        .filter(|(provider, _)| provider == Gateway::CryptoPayment.as_str())
        .map(|(_, text)| super::parse_record(text))
        .collect();
    invoices.reverse();
    let total = invoices.len();
    let shown: Vec<Value> = invoices
        .iter()
        .skip((page - 1) * 20)
        .take(20)
        .map(invoice)
        .collect();
    json(
        StatusCode::OK,
        &object(vec![
            ("success", Value::Bool(true)),
            ("invoices", Value::Array(shown)),
            ("page", integer(page as i64)),
            ("total", integer(total as i64)),
        ]),
    )
}
