//! Heropayments (V2 conversion flow), under `/gateways/heropayments`:
//!
//! - `POST /v2/payments`: create a deposit (`currency`, `network`, `amount` in `fiatCurrency`,
//!   `externalOrderId`, `customerId`, `callbackUrl`); the answer is the status document.
//! - `GET /v2/payments?id=...`: status check by id.
//! - `GET /v2/payments/min-amount?currency=...&network=...`: the minimum payment amount.
//! - `GET /v2/estimate?currency=...&network=...&amount=...&fiatCurrency=USD`: the estimated
//!   price.
//!
//! Every request carries `x-api-key` and `x-api-sign`, the HMAC-SHA512 of the normalized body
//! (of the query string without `?` for a GET), checked as Heropayments checks it. Callbacks
//! are the status document, signed the same way; each transfer to the address is a payment of
//! its own, told apart by `sequence` (`original` for the first). The docs print no bodies: the
//! field names are those the payment model reads (README, "The payment model"), and errors are
//! `{"success": false, "error": {"code", "message"}}`.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use crypto_checkout::asset::{Coin, Network};
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::money::Amount;
use crypto_checkout::payment::Gateway;
use crypto_checkout::signature::{
    sign_request, verify_webhook, Method, Provider, SignRequest, WebhookInput,
};
use std::collections::HashMap;

use super::{
    find, header, integer, json, now_secs, number, object, optional_number, optional_string,
    read_body, required_amount, required_text, rfc3339, string, Change, Notification, Phase,
    Record, Transfer,
};
use crate::app::Shared;
use crate::credentials;

/// The routes, under `/gateways/heropayments`.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v2/payments", get(status).post(create))
        .route("/v2/payments/min-amount", get(minimum))
        .route("/v2/estimate", get(estimate))
}

/// Heropayments' status of a payment (the V2 deposit table).
fn status_name(record: &Record, transfer: Option<&Transfer>) -> &'static str {
    match (record.phase, transfer) {
        (Phase::Expired, _) => "expired",
        (Phase::Failed, _) => "failed",
        (_, None) => "waiting",
        (_, Some(transfer)) if transfer.confirmations >= record.required_confirmations => {
            "finished"
        }
        (_, Some(_)) => "confirming",
    }
}

/// The network as Heropayments spells it.
fn network_name(network: Network) -> &'static str {
    match network {
        Network::Tron => "TRC20",
        Network::Ethereum => "ERC20",
        Network::Bsc => "BEP20",
        Network::Polygon => "POLYGON",
        Network::Bitcoin => "BTC",
        Network::Litecoin => "LTC",
        Network::Dogecoin => "DOGE",
        Network::Ripple => "XRP",
        Network::Stellar => "XLM",
        Network::Ton => "TON",
    }
}

/// The status document of the payment made by `transfer` (the first one, or none yet: the
/// payment itself; a further one: its own payment, with its own id and `sequence`).
fn document(record: &Record, transfer: Option<&Transfer>) -> Value {
    let original = transfer.is_none_or(|transfer| transfer.sequence == "original");
    let id = match transfer {
        Some(transfer) if !original => transfer.id.clone(),
        _ => record.id.clone(),
    };
    let paid = transfer.map(|transfer| super::decimal(&transfer.amount));
    let (fiat_currency, fiat_amount) = match &record.fiat {
        Some((currency, amount)) if original => {
            (Some(currency.as_str()), Some(super::decimal(amount)))
        }
        _ => (None, None),
    };
    object(vec![
        ("id", string(id)),
        ("type", string("deposit")),
        ("externalOrderId", string(&record.order_id)),
        (
            "sequence",
            string(transfer.map_or("original", |transfer| transfer.sequence.as_str())),
        ),
        ("status", string(status_name(record, transfer))),
        ("currency", string(&record.coin)),
        ("network", string(network_name(record.network()))),
        ("payAddress", string(&record.address)),
        ("tag", optional_string(record.tag.as_deref())),
        (
            "amount",
            optional_number(record.amount().filter(|_| original).as_ref()),
        ),
        (
            "minAmount",
            optional_number(record.minimum.as_deref().map(super::decimal).as_ref()),
        ),
        ("paidAmount", number(&paid.unwrap_or_else(Amount::zero))),
        ("fiatCurrency", optional_string(fiat_currency)),
        ("fiatAmount", optional_number(fiat_amount.as_ref())),
        (
            "confirmations",
            integer(transfer.map_or(0, |transfer| i64::from(transfer.confirmations))),
        ),
        (
            "requiredConfirmations",
            integer(i64::from(record.required_confirmations)),
        ),
        (
            "txid",
            optional_string(transfer.map(|transfer| transfer.txid.as_str())),
        ),
        (
            "expiresAt",
            optional_string(record.expires_at.map(|at| rfc3339(at, "Z")).as_deref()),
        ),
        ("createdAt", string(rfc3339(record.created_at, "Z"))),
    ])
}

/// Callbacks on every status change of each payment.
pub fn notifications(record: &mut Record, change: Change) -> Vec<Notification> {
    let transfer = |index: usize| record.transfers.get(index);
    let document = match change {
        Change::Created | Change::Completed => return Vec::new(),
        Change::Detected(index) | Change::Confirmed(index) => document(record, transfer(index)),
        Change::Expired | Change::Failed => document(record, record.transfers.first()),
    };
    vec![Notification::signed(Gateway::Heropayments, document)]
}

/// An error in the sandbox's Heropayments error shape.
fn error(status: StatusCode, code: &str, message: &str) -> Response {
    json(
        status,
        &object(vec![
            ("success", Value::Bool(false)),
            (
                "error",
                object(vec![("code", string(code)), ("message", string(message))]),
            ),
        ]),
    )
}

/// Checks `x-api-key` and the `x-api-sign` of a request (its normalized body, or the query).
fn authenticate(headers: &HeaderMap, query: &str, body: Option<&[u8]>) -> Result<(), Response> {
    let account = credentials::of(Gateway::Heropayments);
    if header(headers, "x-api-key") != Some(account.api_key) {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "INVALID_API_KEY",
            "unknown x-api-key",
        ));
    }
    let secret = account.api_secret();
    let valid = match body {
        Some(body) => {
            let pairs: Vec<(String, String)> = header(headers, "x-api-sign")
                .map(|sign| vec![("x-api-sign".to_owned(), sign.to_owned())])
                .unwrap_or_default();
            verify_webhook(
                &WebhookInput::new(Provider::Heropayments, body)
                    .secret(&secret)
                    .headers(&pairs),
            )
            .is_valid()
        }
        None => {
            let expected = sign_request(
                &SignRequest::new(Provider::Heropayments)
                    .method(Method::Get)
                    .query(query)
                    .secret(&secret),
            )
            .expect("a query can always be signed");
            let expected = &expected.headers.last().expect("x-api-sign").1;
            header(headers, "x-api-sign").is_some_and(|sign| sign.eq_ignore_ascii_case(expected))
        }
    };
    if valid {
        Ok(())
    } else {
        Err(error(
            StatusCode::UNAUTHORIZED,
            "INVALID_SIGNATURE",
            "x-api-sign does not match the request",
        ))
    }
}

/// The coin and network of a request (`currency`, `network` in Heropayments' spellings).
fn asset(currency: &str, network_name: &str) -> Result<(Coin, Network), Response> {
    let coin = Coin::parse(currency);
    let network = Network::parse(network_name);
    match (coin, network) {
        (Some(coin), Some(network))
            if crypto_checkout::asset::Asset::new(coin, network).is_ok() =>
        {
            Ok((coin, network))
        }
        _ => Err(error(
            StatusCode::BAD_REQUEST,
            "UNSUPPORTED_CURRENCY",
            &format!("{currency} on {network_name} is not supported"),
        )),
    }
}

async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if let Err(response) = authenticate(&headers, "", Some(&body)) {
        return response;
    }
    let fields = read_body(&body).and_then(|body| {
        let currency = required_text(&body, "currency")?;
        let network = required_text(&body, "network")?;
        let amount = required_amount(&body, "amount")?;
        let fiat_currency = body
            .get("fiatCurrency")
            .and_then(Value::as_str)
            .unwrap_or("USD")
            .to_owned();
        let order = required_text(&body, "externalOrderId")?;
        let callback_url = required_text(&body, "callbackUrl")?;
        Ok((
            currency,
            network,
            amount,
            fiat_currency,
            order,
            callback_url,
        ))
    });
    let (currency, network, fiat_amount, fiat_currency, order, callback_url) = match fields {
        Ok(fields) => fields,
        Err(message) => return error(StatusCode::BAD_REQUEST, "INVALID_REQUEST", &message),
    };
    if fiat_currency != "USD" {
        return error(
            StatusCode::BAD_REQUEST,
            "UNSUPPORTED_CURRENCY",
            "the sandbox prices in USD only",
        );
    }
    let (coin, network) = match asset(&currency, &network) {
        Ok(asset) => asset,
        Err(response) => return response,
    };
    let record = Record::new(
        Gateway::Heropayments,
        &order,
        coin,
        network,
        Some(crate::money::crypto_for(coin, &fiat_amount)),
        Some((fiat_currency, fiat_amount)),
        &callback_url,
    );
    match app
        .store
        .transaction(|transaction| super::create(transaction, Gateway::Heropayments, record))
    {
        Ok((record, _)) => json(StatusCode::OK, &document(&record, None)),
        Err(failure) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL",
            &failure.to_string(),
        ),
    }
}

async fn status(State(app): State<Shared>, headers: HeaderMap, uri: Uri) -> Response {
    let query = uri.query().unwrap_or("");
    if let Err(response) = authenticate(&headers, query, None) {
        return response;
    }
    let id = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("id="))
        .unwrap_or_default();
    match find(&app, Gateway::Heropayments, id) {
        Ok(Some(record)) => json(StatusCode::OK, &document(&record, record.transfers.first())),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "no payment with this id",
        ),
        Err(failure) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL",
            &failure.to_string(),
        ),
    }
}

/// A signed GET about one coin: its query (`currency`, `network`, ...), the coin and network.
fn asset_query(
    headers: &HeaderMap,
    uri: &Uri,
    query: &HashMap<String, String>,
) -> Result<(Coin, Network), Response> {
    authenticate(headers, uri.query().unwrap_or(""), None)?;
    let text = |name: &str| query.get(name).map_or("", String::as_str);
    asset(text("currency"), text("network"))
}

async fn minimum(
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    match asset_query(&headers, &uri, &query) {
        Ok((coin, network)) => json(
            StatusCode::OK,
            &object(vec![
                ("currency", string(coin.ticker())),
                ("network", string(network_name(network))),
                ("minAmount", number(&super::decimal(&super::minimum(coin)))),
            ]),
        ),
        Err(response) => response,
    }
}

async fn estimate(
    headers: HeaderMap,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (coin, network) = match asset_query(&headers, &uri, &query) {
        Ok(asset) => asset,
        Err(response) => return response,
    };
    let text = |name: &str| query.get(name).map_or("", String::as_str);
    let usd = match crate::money::parse("amount", text("amount")) {
        Ok(amount) if text("fiatCurrency").is_empty() || text("fiatCurrency") == "USD" => amount,
        Ok(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "UNSUPPORTED_CURRENCY",
                "the sandbox prices in USD only",
            )
        }
        Err(message) => return error(StatusCode::BAD_REQUEST, "INVALID_REQUEST", &message),
    };
    json(
        StatusCode::OK,
        &object(vec![
            ("currency", string(coin.ticker())),
            ("network", string(network_name(network))),
            ("fiatCurrency", string("USD")),
            ("fiatAmount", number(&usd)),
            ("amount", number(&crate::money::crypto_for(coin, &usd))),
            ("estimatedAt", string(rfc3339(now_secs(), "Z"))),
        ]),
    )
}
