//! HAYVN Pay, under `/gateways/hayvn`:
//!
//! - `POST /v1/payments/`: create a payment (`profile_uuid`, `requested_currency`,
//!   `requested_amount`, `payment_currency`, `passthrough`, `notes`); answers `{"result": ...}`.
//! - `GET /v1/payments/{id}/`: get a payment.
//!
//! Requests carry `X-HAYVNPAY-KEY`, `X-HAYVNPAY-NONCE` (strictly increasing per key, checked
//! against the last one stored) and `X-HAYVNPAY-SIGNATURE`, the hex HMAC-SHA256 of the base64
//! `{"path","nonce","payload"}` (the path as the docs sign it: `/v1/payments/`). Errors are the
//! documented `{"result": "error", "reason", "message"}`. Callbacks go to the profile's URL (the
//! sandbox merchant's `/webhooks/hayvn`): the payment in `result`, with `callback_id`,
//! `callback_status` and `signature`, the HMAC-SHA256 of `callback_id` keyed with the callback
//! token. The sandbox takes BTC and ETH: a HAYVN payment document names no network, which a
//! token would need. Tolerance is zero: less than the amount is `incomplete`, more is
//! `overpay`. Both are called back as `payment_incomplete` (the docs: the amount "doesn't
//! match profile 'Allowed Difference' range"), and the payment's status tells which.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use crypto_checkout::asset::{Coin, Network};
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::money::Amount;
use crypto_checkout::payment::Gateway;
use crypto_checkout::signature::{sign_request, Provider, SignRequest};

use super::{
    find, header, json, object, optional_string, random_uuid, read_body, required_amount,
    required_text, rfc3339, string, Change, Notification, Phase, Record, Standing, Transfer,
};
use crate::app::Shared;
use crate::credentials;
use crate::store::tx;

/// The routes, under `/gateways/hayvn`.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1/payments/", post(create))
        .route("/v1/payments/{id}/", get(status))
}

/// HAYVN's payment status.
fn status_name(record: &Record) -> &'static str {
    match (record.phase, record.standing()) {
        (Phase::Waiting, _) => "new",
        (Phase::Confirming, _) => "pending",
        (Phase::Completed, Standing::Exact) => "completed",
        (Phase::Completed, Standing::Under) => "incomplete",
        (Phase::Completed, Standing::Over) => "overpay",
        (Phase::Failed, _) => "conversion_failed",
        (Phase::Expired, _) => "canceled_",
    }
}

/// `{"crypto": {...}, "fiat": {...}}` of a crypto amount.
fn money(record: &Record, amount: &Amount) -> Value {
    let fiat = record.fiat_value(amount);
    object(vec![
        (
            "crypto",
            object(vec![
                ("currency", string(&record.coin)),
                ("amount", string(amount.to_string())),
            ]),
        ),
        (
            "fiat",
            object(vec![
                (
                    "currency",
                    string(
                        fiat.as_ref()
                            .map_or("USD", |(currency, _)| currency.as_str()),
                    ),
                ),
                (
                    "amount",
                    string(fiat.map_or_else(String::new, |(_, amount)| amount.to_string())),
                ),
            ]),
        ),
    ])
}

fn transaction(record: &Record, transfer: &Transfer) -> Value {
    let confirmed = transfer.confirmations >= record.required_confirmations;
    object(vec![
        ("id", string(transaction_uuid(&transfer.id))),
        ("txid", string(&transfer.txid)),
        ("amount", money(record, &super::decimal(&transfer.amount))),
        ("currency", string(&record.coin)),
        ("created_at", string(rfc3339(transfer.at, "+00:00"))),
        (
            "confirmed_at",
            if confirmed {
                string(rfc3339(transfer.at, "+00:00"))
            } else {
                Value::Null
            },
        ),
        (
            "url",
            string(format!(
                "https://explorer.sandbox.invalid/tx/{}",
                transfer.txid
            )),
        ),
    ])
}

/// A transfer's id in HAYVN's UUID form (derived from the transfer's own id, so stable).
fn transaction_uuid(id: &str) -> String {
    format!("00000000-0000-4000-a000-{id:0>12}")
}

/// The payment document, with `status` (or the payment's own).
fn payment(record: &Record, status: Option<&str>) -> Value {
    let confirmed_at = (record.phase == Phase::Completed)
        .then(|| {
            record
                .transfers
                .last()
                .map(|transfer| rfc3339(transfer.at, "+00:00"))
        })
        .flatten();
    let (requested_currency, requested_amount) = record.fiat.clone().unwrap_or_default();
    object(vec![
        ("id", string(&record.id)),
        ("created_at", string(rfc3339(record.created_at, "+00:00"))),
        ("confirmed_at", optional_string(confirmed_at.as_deref())),
        (
            "completed_at",
            optional_string(
                confirmed_at
                    .as_deref()
                    .filter(|_| record.standing() == Standing::Exact),
            ),
        ),
        ("profile_id", string(credentials::HAYVN_PROFILE)),
        ("payment_currency", string(&record.coin)),
        (
            "payment_amount",
            string(record.amount.clone().unwrap_or_default()),
        ),
        ("requested_currency", string(requested_currency)),
        ("requested_amount", string(requested_amount)),
        ("address", string(&record.address)),
        (
            "addresses",
            object(vec![(&record.coin, string(&record.address))]),
        ),
        (
            "status",
            string(status.unwrap_or_else(|| status_name(record))),
        ),
        ("paid_amount", money(record, &record.received())),
        ("conversion_fee", string("0")),
        ("notes", Value::Null),
        ("passthrough", string(&record.order_id)),
        (
            "transactions",
            Value::Array(
                record
                    .transfers
                    .iter()
                    .map(|transfer| transaction(record, transfer))
                    .collect(),
            ),
        ),
    ])
}

/// A callback: the payment in `result`, a new `callback_id`, its status, and the signature.
fn callback(record: &Record, callback_status: &str, status: Option<&str>) -> Notification {
    let body = object(vec![
        ("result", payment(record, status)),
        ("callback_id", string(random_uuid())),
        ("callback_status", string(callback_status)),
    ]);
    Notification::signed(Gateway::Hayvn, body)
}

/// Callbacks: `payment_pending` for a transfer seen, then `payment_converting` and
/// `payment_complete`, or `payment_incomplete` (under or over the amount), or
/// `payment_conversion_failed`.
pub fn notifications(record: &mut Record, change: Change) -> Vec<Notification> {
    match change {
        Change::Detected(_) => vec![callback(record, "payment_pending", None)],
        Change::Completed => match record.standing() {
            Standing::Exact => vec![
                callback(record, "payment_converting", Some("converting")),
                callback(record, "payment_complete", None),
            ],
            Standing::Under => vec![callback(record, "payment_incomplete", None)],
            Standing::Over => vec![callback(record, "payment_incomplete", None)],
        },
        Change::Failed => vec![callback(record, "payment_conversion_failed", None)],
        Change::Created | Change::Confirmed(_) | Change::Expired => Vec::new(),
    }
}

/// A documented HAYVN error.
fn error(status: StatusCode, reason: &str, message: &str) -> Response {
    json(
        status,
        &object(vec![
            ("result", string("error")),
            ("reason", string(reason)),
            ("message", string(message)),
        ]),
    )
}

/// Checks the key, the signature over the path, nonce and payload, and that the nonce is above
/// the last one seen for the key (recorded when it is).
fn authenticate(app: &Shared, headers: &HeaderMap, uri: &Uri, body: &[u8]) -> Result<(), Response> {
    let account = credentials::of(Gateway::Hayvn);
    let unauthorized = |reason, message| Err(error(StatusCode::UNAUTHORIZED, reason, message));
    if header(headers, "x-hayvnpay-key") != Some(account.api_key) {
        return unauthorized("InvalidApiKey", "unknown X-HAYVNPAY-KEY");
    }
    let Some(nonce) =
        header(headers, "x-hayvnpay-nonce").and_then(|nonce| nonce.parse::<u64>().ok())
    else {
        return unauthorized("InvalidNonce", "X-HAYVNPAY-NONCE must be a number");
    };
    let path = uri
        .path()
        .strip_prefix("/gateways/hayvn")
        .unwrap_or(uri.path());
    let secret = account.api_secret();
    let expected = sign_request(
        &SignRequest::new(Provider::Hayvn)
            .path(path)
            .nonce(nonce)
            .body(body)
            .api_key(account.api_key)
            .secret(&secret),
    )
    .map_err(|failure| error(StatusCode::BAD_REQUEST, "BadRequest", &failure.to_string()))?;
    let expected = &expected.headers.last().expect("X-HAYVNPAY-SIGNATURE").1;
    if header(headers, "x-hayvnpay-signature")
        .is_none_or(|signature| !signature.eq_ignore_ascii_case(expected))
    {
        return unauthorized(
            "InvalidSignature",
            "X-HAYVNPAY-SIGNATURE does not match the request",
        );
    }
    let nonce = i64::try_from(nonce).unwrap_or(i64::MAX);
    match app
        .store
        .transaction(|transaction| tx::advance_nonce(transaction, account.api_key, nonce))
    {
        Ok(true) => Ok(()),
        Ok(false) => unauthorized("InvalidNonce", "the nonce must increase with every request"),
        Err(failure) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            &failure.to_string(),
        )),
    }
}

async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    body: axum::body::Bytes,
) -> Response {
    if let Err(response) = authenticate(&app, &headers, &uri, &body) {
        return response;
    }
    let fields = read_body(&body).and_then(|body| {
        let profile = required_text(&body, "profile_uuid")?;
        let currency = required_text(&body, "requested_currency")?;
        let amount = required_amount(&body, "requested_amount")?;
        let coin = required_text(&body, "payment_currency")?;
        let passthrough = body
            .get("passthrough")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Ok((profile, currency, amount, coin, passthrough))
    });
    let (profile, currency, amount, coin, passthrough) = match fields {
        Ok(fields) => fields,
        Err(message) => return error(StatusCode::BAD_REQUEST, "ValidationError", &message),
    };
    if profile != credentials::HAYVN_PROFILE {
        return error(
            StatusCode::NOT_FOUND,
            "ObjectNotFound",
            "no profile with this profile_uuid",
        );
    }
    if currency != "USD" {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            "the sandbox prices in USD only",
        );
    }
    let coin = match Coin::parse(&coin) {
        Some(coin @ (Coin::Btc | Coin::Eth)) => coin,
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "ValidationError",
                "payment_currency: the sandbox takes BTC or ETH",
            )
        }
    };
    let network = coin.native_network().unwrap_or(Network::Bitcoin);
    let callback_url = format!("{}/webhooks/hayvn", app.base_url);
    let record = Record::new(
        Gateway::Hayvn,
        &passthrough,
        coin,
        network,
        Some(crate::money::crypto_for(coin, &amount)),
        Some((currency, amount)),
        &callback_url,
    );
    match app
        .store
        .transaction(|transaction| super::create(transaction, Gateway::Hayvn, record))
    {
        Ok((record, _)) => json(
            StatusCode::OK,
            &object(vec![("result", payment(&record, None))]),
        ),
        Err(failure) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            &failure.to_string(),
        ),
    }
}

async fn status(
    State(app): State<Shared>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Response {
    if let Err(response) = authenticate(&app, &headers, &uri, b"") {
        return response;
    }
    match find(&app, Gateway::Hayvn, &id) {
        Ok(Some(record)) => json(
            StatusCode::OK,
            &object(vec![("result", payment(&record, None))]),
        ),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "ObjectNotFound",
            "Object by specified ID not found",
        ),
        Err(failure) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            &failure.to_string(),
        ),
    }
}
