//! iqpay, under `/gateways/iqpay`:
//!
//! - `POST /wallet/create/{currency}` with `{"extId": ...}`: the deposit wallet of that extId
//!   (the same extId gets the same wallet); answers `{"status": 200, "data": {"publicKey",
//!   "tag", "currency", "extId"}}`.
//! - `GET /sandbox/transactions/{txid}?address=...&currency=...`: the sandbox's own (the docs
//!   describe no such call), so that a merchant can confirm an unsigned webhook against the
//!   gateway: the deposit of that transaction to that wallet in that currency (one transaction
//!   can pay several wallets, or carry ether and a token), in the deposit webhook's shape,
//!   with its current status.
//!
//! Requests carry the API key in `Authorization`; a wrong one is HTTP 401. Deposit webhooks go
//! to the URL of the admin panel (the sandbox merchant's `/webhooks/iqpay`), unsigned, as the
//! docs describe: `status` 0 when the transaction is added to the chain, 1 when confirmed, 2 on
//! error. A wallet takes any amount, any number of times. The sandbox takes BTC and ETH (an
//! iqpay document names no network, which USDT would need).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use crypto_checkout::asset::{Coin, Network};
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::Gateway;

use super::{
    header, integer, json, number, object, read_body, required_text, string, Change, Notification,
    Phase, Record, Transfer,
};
use crate::app::Shared;
use crate::credentials;

/// The routes, under `/gateways/iqpay`.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/wallet/create/{currency}", post(create))
        .route("/sandbox/transactions/{txid}", get(transaction))
}

/// A transfer's iqpay status: 0 added to the chain, 1 confirmed, 2 error.
fn status_code(record: &Record, transfer: &Transfer) -> i64 {
    if record.phase == Phase::Failed {
        2
    } else if transfer.confirmations >= record.required_confirmations {
        1
    } else {
        0
    }
}

/// The deposit webhook of `transfer`.
fn deposit(record: &Record, transfer: &Transfer) -> Value {
    object(vec![
        ("address", string(&record.address)),
        ("wallet_ext_id", string(&record.order_id)),
        ("fromAddress", string(&transfer.from)),
        ("txid", string(&transfer.txid)),
        ("amount", number(&super::decimal(&transfer.amount))),
        ("currency", string(&record.coin)),
        ("status", integer(status_code(record, transfer))),
        ("convert_currency", string("")),
        ("convert_price", integer(0)),
        ("converted_amount", integer(0)),
    ])
}

/// A webhook when a transaction is added, when it is confirmed, and on error.
pub fn notifications(record: &mut Record, change: Change) -> Vec<Notification> {
    let transfer = match change {
        Change::Detected(index) | Change::Confirmed(index) => record.transfers.get(index),
        Change::Failed => record.transfers.last(),
        Change::Created | Change::Completed | Change::Expired => None,
    };
    transfer
        .map(|transfer| Notification::signed(Gateway::Iqpay, deposit(record, transfer)))
        .into_iter()
        .collect()
}

fn error(status: StatusCode, message: &str) -> Response {
    json(
        status,
        &object(vec![
            ("status", integer(i64::from(status.as_u16()))),
            ("message", string(message)),
        ]),
    )
}

fn authenticate(headers: &HeaderMap) -> Result<(), Response> {
    if header(headers, "authorization") == Some(credentials::of(Gateway::Iqpay).api_key) {
        Ok(())
    } else {
        Err(error(StatusCode::UNAUTHORIZED, "Invalid login data"))
    }
}

/// Every iqpay wallet.
fn wallets(app: &Shared) -> Result<Vec<Record>, Response> {
    let records = app
        .store
        .gateway_payments()
        .map_err(|failure| error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string()))?;
    Ok(records
        .iter()
        .filter(|(provider, _)| provider == Gateway::Iqpay.as_str())
        .map(|(_, text)| super::parse_record(text))
        .collect())
}

fn wallet(record: &Record) -> Value {
    object(vec![
        ("status", integer(200)),
        (
            "data",
            object(vec![
                ("publicKey", string(&record.address)),
                ("tag", string(record.tag.clone().unwrap_or_default())),
                ("currency", string(&record.coin)),
                ("extId", string(&record.order_id)),
            ]),
        ),
    ])
}

async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(currency): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    if let Err(response) = authenticate(&headers) {
        return response;
    }
    let ext_id = match read_body(&body).and_then(|body| required_text(&body, "extId")) {
        Ok(ext_id) => ext_id,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    let coin = match Coin::parse(&currency) {
        Some(coin @ (Coin::Btc | Coin::Eth)) => coin,
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "the sandbox creates BTC and ETH wallets",
            )
        }
    };
    let existing = match wallets(&app) {
        Ok(wallets) => wallets
            .into_iter()
            .find(|record| record.order_id == ext_id && record.coin() == coin),
        Err(response) => return response,
    };
    if let Some(record) = existing {
        return json(StatusCode::OK, &wallet(&record));
    }
    let callback_url = format!("{}/webhooks/iqpay", app.base_url);
    let network = coin.native_network().unwrap_or(Network::Bitcoin);
    let mut record = Record::new(
        Gateway::Iqpay,
        &ext_id,
        coin,
        network,
        None,
        None,
        &callback_url,
    );
    // A wallet is the customer's for good: it takes transfers at any time.
    record.expires_at = None;
    record.id = format!("{ext_id}-{}", coin.ticker());
    match app
        .store
        .transaction(|transaction| super::create(transaction, Gateway::Iqpay, record))
    {
        Ok((record, _)) => json(StatusCode::OK, &wallet(&record)),
        Err(failure) => error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string()),
    }
}

async fn transaction(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(txid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Err(response) = authenticate(&headers) {
        return response;
    }
    let (Some(address), Some(currency)) = (query.get("address"), query.get("currency")) else {
        return error(
            StatusCode::BAD_REQUEST,
            "give the deposit's address and currency",
        );
    };
    let wallets = match wallets(&app) {
        Ok(wallets) => wallets,
        Err(response) => return response,
    };
    let found = wallets
        .iter()
        .filter(|record| &record.address == address && &record.coin == currency)
        .find_map(|record| {
            record
                .transfers
                .iter()
                .find(|transfer| transfer.txid == txid)
                .map(|transfer| deposit(record, transfer))
        });
    match found {
        // The deposit as its webhook states it, so the merchant reads iqpay's word instead.
        Some(deposit) => json(StatusCode::OK, &deposit),
        None => error(StatusCode::NOT_FOUND, "no such transaction"),
    }
}
