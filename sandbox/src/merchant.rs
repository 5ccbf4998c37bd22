//! The reference merchant backend: what a merchant's server does with the SDK, natively.
//!
//! - `POST /api/checkouts` with `{provider, coin, network, amount, currency, mode?}`: creates
//!   the payment at the (simulated) gateway with a signed request ([`sign_request`]), reads the
//!   answer into a checkout document ([`normalize_payment`]) and stores it. `amount` is in
//!   `currency` (USD).
//! - `GET /api/checkouts/{id}`: the checkout document, with an `ETag`; `304` when
//!   `If-None-Match` names it. `GET /api/checkouts`: every checkout, newest first.
//! - `POST /webhooks/{provider}`: verifies the webhook ([`verify_webhook`]; `401` and nothing
//!   stored when it is not valid; iqpay, which signs nothing, is confirmed by reading the
//!   transaction back from the gateway, and HAYVN and CryptoPayment.center, which sign only
//!   ids, by reading the payment back), reads it into an event ([`normalize_webhook`], or
//!   [`normalize_confirmed_webhook`] with what was read back) and
//!   applies it to its checkout ([`Checkout::apply`]) in one transaction, deduplicated by the
//!   event key: a webhook delivered any number of times, even at once, changes the checkout
//!   once. A webhook for a payment not (yet) stored is `404`, so the gateway retries it.

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use crypto_checkout::asset::{Coin, Network};
use crypto_checkout::error::PaymentError;
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::{
    normalize_confirmed_webhook, normalize_payment, normalize_webhook, Checkout, Direction,
    Gateway, Mode, Options, PaymentEvent,
};
use crypto_checkout::signature::{
    sign_request, verify_webhook, Method, Provider, SignRequest, Verdict, WebhookInput,
};

use crate::app::{LogEntry, Shared};
use crate::credentials::{self, HAYVN_PROFILE};
use crate::gateways::{self, json, now_ms, object, random_hex, read_body, string};
use crate::http;
use crate::store::{tx, StoreError, StoredCheckout};

/// The largest webhook body accepted; a larger one is `413` before anything reads it.
pub const MAX_WEBHOOK_BYTES: usize = 64 * 1024;

/// The routes.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/api/checkouts",
            post(create)
                .get(list)
                .route_layer(axum::middleware::from_fn(crate::app::json_posts_only)),
        )
        .route("/api/checkouts/{id}", get(document))
        .route(
            "/webhooks/{provider}",
            post(webhook).layer(DefaultBodyLimit::max(MAX_WEBHOOK_BYTES)),
        )
}

/// A JSON error `{"error": code, "message": ...}`.
fn error(status: StatusCode, code: &str, message: &str) -> Response {
    json(
        status,
        &object(vec![("error", string(code)), ("message", string(message))]),
    )
}

fn store_error(failure: &StoreError) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "store",
        &failure.to_string(),
    )
}

fn options(mode: Mode) -> Options {
    Options {
        direction: Some(Direction::Deposit),
        mode,
        ..Options::default()
    }
}

fn mode_of(name: &str) -> Mode {
    if name == "topup" {
        Mode::Topup
    } else {
        Mode::Purchase
    }
}

/// What `POST /api/checkouts` asks for.
struct Order {
    gateway: Gateway,
    coin: Coin,
    network: Network,
    amount: String,
    mode: Mode,
}

fn order(body: &[u8]) -> Result<Order, String> {
    let body = read_body(body)?;
    let text = |name: &str| gateways::required_text(&body, name);
    let gateway = Gateway::parse(&text("provider")?).map_err(|_| {
        "`provider` must be heropayments, hayvn, cryptopayment, iqpay or calypso".to_owned()
    })?;
    let coin = Coin::parse(&text("coin")?).ok_or("`coin` is not a coin of the vocabulary")?;
    let network =
        Network::parse(&text("network")?).ok_or("`network` is not a network of the vocabulary")?;
    let amount = gateways::required_amount(&body, "amount")?.to_string();
    if text("currency")? != "USD" {
        return Err("`currency`: the sandbox prices in USD only".to_owned());
    }
    let mode = match body.get("mode").and_then(Value::as_str) {
        None | Some("purchase") => Mode::Purchase,
        Some("topup") => Mode::Topup,
        Some(_) => return Err("`mode` must be purchase or topup".to_owned()),
    };
    // An iqpay wallet has no amount: whatever arrives is credited.
    let mode = if gateway == Gateway::Iqpay {
        Mode::Topup
    } else {
        mode
    };
    Ok(Order {
        gateway,
        coin,
        network,
        amount,
        mode,
    })
}

/// The gateway's name of a coin on a network, from a gateway's table of spellings.
fn spelled<T>(
    table: &[T],
    coin: Coin,
    network: Network,
    fields: impl Fn(&T) -> (&'static str, Coin, Network),
) -> Result<&'static str, String> {
    table
        .iter()
        .map(fields)
        .find(|(_, c, n)| *c == coin && *n == network)
        .map(|(name, ..)| name)
        .ok_or_else(|| format!("this gateway does not take {coin} on {network}"))
}

/// A signed POST to a gateway.
struct GatewayRequest {
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The signed request that creates the payment of checkout `id` at the gateway.
fn creation_request(app: &Shared, id: &str, order: &Order) -> Result<GatewayRequest, String> {
    let gateway = order.gateway;
    let account = credentials::of(gateway);
    let base = format!("{}/gateways/{}", app.base_url, gateway.as_str());
    let callback = format!("{}/webhooks/{}", app.base_url, gateway.as_str());
    let (coin, amount) = (order.coin.ticker(), order.amount.as_str());
    let (path, body) = match gateway {
        Gateway::Heropayments => (
            "/v2/payments".to_owned(),
            object(vec![
                ("currency", string(coin)),
                ("network", string(order.network.as_str())),
                ("amount", string(amount)),
                ("fiatCurrency", string("USD")),
                ("externalOrderId", string(id)),
                ("customerId", string("sandbox-customer")),
                ("callbackUrl", string(callback)),
            ]),
        ),
        Gateway::Hayvn => (
            "/v1/payments/".to_owned(),
            object(vec![
                ("requested_currency", string("USD")),
                ("requested_amount", string(amount)),
                ("payment_currency", string(coin)),
                ("profile_uuid", string(HAYVN_PROFILE)),
                ("passthrough", string(id)),
                ("notes", string(format!("Checkout {id}"))),
            ]),
        ),
        Gateway::CryptoPayment => {
            let network = spelled(
                &gateways::cryptopayment::NETWORKS,
                order.coin,
                order.network,
                |&(name, coin, network, _)| (name, coin, network),
            )?;
            (
                "/api/v1/invoices".to_owned(),
                object(vec![
                    ("network", string(network)),
                    ("amount_usd", Value::Number(amount.to_owned())),
                    ("order_id", string(id)),
                    (
                        "metadata",
                        object(vec![("customer_id", string("sandbox-customer"))]),
                    ),
                ]),
            )
        }
        Gateway::Iqpay => (
            format!("/wallet/create/{coin}"),
            object(vec![("extId", string(id))]),
        ),
        Gateway::Calypso => {
            let currency = spelled(
                &gateways::calypso::CURRENCIES,
                order.coin,
                order.network,
                |&(name, coin, network)| (name, coin, network),
            )?;
            (
                "/invoices".to_owned(),
                object(vec![
                    ("currency", string(currency)),
                    ("fiatCurrency", string("USD")),
                    ("fiatAmount", string(amount)),
                    ("externalId", string(id)),
                    ("message", string(format!("Checkout {id}"))),
                ]),
            )
        }
    };
    let body = body.to_string();
    let provider = Provider::from(gateway);
    let (headers, body) = match gateway {
        // Calypso documents no request signing: its sandbox API takes the key as it is.
        Gateway::Calypso => (
            vec![("X-Api-Key".to_owned(), account.api_key.to_owned())],
            body,
        ),
        _ => {
            let secret = account.api_secret();
            let signed = sign_request(
                &SignRequest::new(provider)
                    .method(Method::Post)
                    .path(&path)
                    .body(&body)
                    .api_key(account.api_key)
                    .secret(&secret),
            )
            .map_err(|failure| format!("signing the request: {failure}"))?;
            (signed.headers, signed.body)
        }
    };
    Ok(GatewayRequest {
        url: format!("{base}{path}"),
        headers,
        body: body.into_bytes(),
    })
}

async fn create(State(app): State<Shared>, body: axum::body::Bytes) -> Response {
    let order = match order(&body) {
        Ok(order) => order,
        Err(message) => return error(StatusCode::BAD_REQUEST, "invalid_request", &message),
    };
    let id = format!("chk_{}", random_hex(16));
    let _in_nonce_order = hayvn_order(&app, order.gateway).await;
    let request = match creation_request(&app, &id, &order) {
        Ok(request) => request,
        Err(message) => return error(StatusCode::BAD_REQUEST, "unsupported", &message),
    };
    let answer = match http::send(
        &app.client,
        "POST",
        &request.url,
        &request.headers,
        request.body,
    )
    .await
    {
        Ok(answer) => answer,
        Err(message) => return error(StatusCode::BAD_GATEWAY, "gateway_unreachable", &message),
    };
    if answer.status != 200 {
        let said = String::from_utf8_lossy(&answer.body);
        return error(
            StatusCode::BAD_GATEWAY,
            "gateway_refused",
            &format!(
                "{} answered HTTP {}: {said}",
                order.gateway.as_str(),
                answer.status
            ),
        );
    }
    let mut checkout =
        match normalize_payment(order.gateway, answer.body.as_slice(), &options(order.mode)) {
            Ok(checkout) => checkout,
            Err(failure) => return payment_error(StatusCode::BAD_GATEWAY, &failure),
        };
    checkout.revision = Some(1);
    let stored = StoredCheckout {
        id: id.clone(),
        provider: order.gateway.as_str().to_owned(),
        payment_id: checkout.id.clone(),
        mode: if order.mode == Mode::Topup {
            "topup"
        } else {
            "purchase"
        }
        .to_owned(),
        document: checkout.to_json(),
        version: 1,
    };
    if let Err(failure) = app
        .store
        .transaction(|transaction| tx::insert_checkout(transaction, &stored, now_ms()))
    {
        return store_error(&failure);
    }
    let document = crypto_checkout::json::value::parse(stored.document.as_str())
        .expect("the model writes json");
    json(
        StatusCode::CREATED,
        &object(vec![
            ("id", string(&id)),
            ("status_url", string(format!("/api/checkouts/{id}"))),
            ("mode", string(&stored.mode)),
            ("checkout", document),
        ]),
    )
}

fn payment_error(status: StatusCode, failure: &PaymentError) -> Response {
    error(status, failure.code(), &failure.to_string())
}

/// The `ETag` of a stored checkout: its id and version.
fn etag(stored: &StoredCheckout) -> String {
    format!("\"{}.{}\"", stored.id, stored.version)
}

async fn document(
    State(app): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let stored = match app.store.checkout(&id) {
        Ok(Some(stored)) => stored,
        Ok(None) => {
            return error(
                StatusCode::NOT_FOUND,
                "not_found",
                "no checkout with this id",
            )
        }
        Err(failure) => return store_error(&failure),
    };
    let tag = etag(&stored);
    let matches = gateways::header(&headers, "if-none-match").is_some_and(|listed| {
        listed.split(',').any(|candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.trim_start_matches("W/") == tag
        })
    });
    let cache = [("etag", tag.as_str()), ("cache-control", "no-cache")];
    if matches {
        (StatusCode::NOT_MODIFIED, cache).into_response()
    } else {
        (
            StatusCode::OK,
            [("content-type", "application/json"), cache[0], cache[1]],
            stored.document,
        )
            .into_response()
    }
}

async fn list(State(app): State<Shared>) -> Response {
    match app.store.checkouts() {
        Ok(checkouts) => {
            let items = checkouts
                .iter()
                .map(|stored| {
                    object(vec![
                        ("id", string(&stored.id)),
                        ("provider", string(&stored.provider)),
                        ("mode", string(&stored.mode)),
                        (
                            "checkout",
                            crypto_checkout::json::value::parse(stored.document.as_str())
                                .expect("the model writes json"),
                        ),
                    ])
                })
                .collect();
            json(StatusCode::OK, &Value::Array(items))
        }
        Err(failure) => store_error(&failure),
    }
}

/// What became of a verified webhook.
enum Fate {
    /// Its checkout changed (or not: an event that adds nothing).
    Applied { checkout: String, changed: bool },
    /// Its event key was processed before: nothing changed.
    Duplicate { checkout: String },
    /// No stored checkout is about its payment.
    Unmatched,
}

/// Why applying a webhook failed: the store, or a stored document the model cannot read.
enum ApplyError {
    Store(StoreError),
    Payment(PaymentError),
}

impl From<StoreError> for ApplyError {
    fn from(failure: StoreError) -> Self {
        ApplyError::Store(failure)
    }
}

impl From<PaymentError> for ApplyError {
    fn from(failure: PaymentError) -> Self {
        ApplyError::Payment(failure)
    }
}

/// Applies `event` to its checkout in one transaction, once per event key.
fn apply(app: &Shared, gateway: Gateway, event: &PaymentEvent) -> Result<Fate, ApplyError> {
    app.store.transaction(|transaction| {
        let Some(stored) = tx::checkout_of(
            transaction,
            gateway.as_str(),
            event.payment_id.as_deref(),
            event.order_id.as_deref(),
        )?
        else {
            return Ok(Fate::Unmatched);
        };
        if !tx::claim_event(
            transaction,
            gateway.as_str(),
            &event.event_key,
            &stored.id,
            now_ms(),
        )? {
            return Ok(Fate::Duplicate {
                checkout: stored.id,
            });
        }
        let mut checkout = Checkout::from_json(stored.document.as_str())?;
        let changed = checkout.apply(event, &options(mode_of(&stored.mode)))?;
        if changed {
            // The revision is the stored version the update makes: the widget tells an older
            // document (a lagging cache) from a correction (a payment returned) by it.
            checkout.revision = u64::try_from(stored.version + 1).ok();
            tx::update_document(transaction, &stored.id, &checkout.to_json())?;
        }
        Ok(Fate::Applied {
            checkout: stored.id,
            changed,
        })
    })
}

/// Why an iqpay webhook was not confirmed.
enum NotConfirmed {
    /// iqpay knows no such deposit, or the webhook does not name one: it may be forged.
    Unknown(String),
    /// iqpay could not be asked (no answer, or an error of its own): ask again later.
    Unavailable(String),
}

/// iqpay signs nothing: the webhook's deposit (its transaction to its wallet in its currency,
/// since one transaction can pay several wallets or carry several currencies) is read back
/// from iqpay, and what iqpay says (not what the webhook says) is the event.
async fn confirmed_by_iqpay(app: &Shared, body: &[u8]) -> Result<Vec<u8>, NotConfirmed> {
    let body = read_body(body).ok();
    let field = |name: &str| {
        body.as_ref()
            .and_then(|body| body.get(name).and_then(Value::as_str).map(str::to_owned))
            .filter(|value| !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric()))
            .ok_or_else(|| NotConfirmed::Unknown(format!("the webhook names no usable `{name}`")))
    };
    let (txid, address, currency) = (field("txid")?, field("address")?, field("currency")?);
    let url = format!(
        "{}/gateways/iqpay/sandbox/transactions/{txid}?address={address}&currency={currency}",
        app.base_url
    );
    let headers = sign_request(
        &SignRequest::new(Provider::Iqpay).api_key(credentials::of(Gateway::Iqpay).api_key),
    )
    .map_err(|failure| NotConfirmed::Unavailable(failure.to_string()))?
    .headers;
    let answer = http::send(&app.client, "GET", &url, &headers, Vec::new())
        .await
        .map_err(NotConfirmed::Unavailable)?;
    match answer.status {
        200 => Ok(answer.body),
        404 => Err(NotConfirmed::Unknown(
            "iqpay knows no such deposit".to_owned(),
        )),
        status => Err(NotConfirmed::Unavailable(format!(
            "iqpay answered HTTP {status}"
        ))),
    }
}

/// For HAYVN, the lock that keeps requests in the order of their nonces, held until the
/// answer comes.
async fn hayvn_order(app: &Shared, gateway: Gateway) -> Option<tokio::sync::MutexGuard<'_, ()>> {
    match gateway {
        Gateway::Hayvn => Some(app.hayvn_requests.lock().await),
        _ => None,
    }
}

/// The payment a valid webhook names, as its gateway's API reports it now, for the gateways
/// whose signature covers only ids (HAYVN: `callback_id`; CryptoPayment.center: `invoice_id`
/// and `event`); `None` for the others, whose signature covers the whole body.
async fn read_back(app: &Shared, gateway: Gateway, body: &[u8]) -> Option<Result<Vec<u8>, String>> {
    let path_of: fn(&str) -> String = match gateway {
        Gateway::Hayvn => |id| format!("/v1/payments/{id}/"),
        Gateway::CryptoPayment => |id| format!("/api/v1/invoices/{id}"),
        _ => return None,
    };
    let read = async {
        let id = normalize_webhook(gateway, body, &options(Mode::Purchase))
            .map_err(|failure| failure.to_string())?
            .payment_id
            .ok_or("the webhook names no payment")?;
        if !id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        {
            return Err("the payment id is not one the gateway issues".to_owned());
        }
        let path = path_of(&id);
        let account = credentials::of(gateway);
        let secret = account.api_secret();
        let _in_nonce_order = hayvn_order(app, gateway).await;
        let headers = sign_request(
            &SignRequest::new(Provider::from(gateway))
                .method(Method::Get)
                .path(&path)
                .api_key(account.api_key)
                .secret(&secret),
        )
        .map_err(|failure| failure.to_string())?
        .headers;
        let url = format!("{}/gateways/{}{path}", app.base_url, gateway.as_str());
        let answer = http::send(&app.client, "GET", &url, &headers, Vec::new()).await?;
        if answer.status != 200 {
            return Err(format!(
                "{} answered HTTP {} for payment {id}",
                gateway.as_str(),
                answer.status
            ));
        }
        Ok(answer.body)
    };
    Some(read.await)
}

async fn webhook(
    State(app): State<Shared>,
    Path(provider): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Ok(gateway) = Gateway::parse(&provider) else {
        return error(StatusCode::NOT_FOUND, "unknown_provider", "no such gateway");
    };
    if app.merchant_down() {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "down",
            "the merchant backend is down (sandbox control)",
        );
    }
    let mut entry = LogEntry::new(gateway);
    let response = receive(&app, gateway, &headers, &body, &mut entry).await;
    entry.status = response.status().as_u16();
    app.record(entry);
    response
}

async fn receive(
    app: &Shared,
    gateway: Gateway,
    headers: &HeaderMap,
    body: &[u8],
    entry: &mut LogEntry,
) -> Response {
    let provider = Provider::from(gateway);
    let received: Vec<(String, String)> = provider
        .webhook_headers()
        .iter()
        .filter_map(|name| {
            Some((
                (*name).to_owned(),
                gateways::header(headers, name)?.to_owned(),
            ))
        })
        .collect();
    let secret = credentials::of(gateway).webhook_secret();
    let verification = verify_webhook(
        &WebhookInput::new(provider, body)
            .secret(&secret)
            .headers(&received),
    );
    entry.verdict = verification.verdict.as_str().to_owned();
    entry.event_key.clone_from(&verification.event_key);
    let options = options(Mode::Purchase);
    let read = match verification.verdict {
        Verdict::Valid => match read_back(app, gateway, body).await {
            None => normalize_webhook(gateway, body, &options),
            Some(Ok(document)) => {
                entry.reason = Some(format!(
                    "valid; the payment read back from {}, since the signature covers only ids",
                    gateway.as_str()
                ));
                normalize_confirmed_webhook(gateway, body, document.as_slice(), &options)
            }
            Some(Err(why)) => {
                entry.reason = Some(format!("valid, but not read back: {why}"));
                return error(StatusCode::BAD_GATEWAY, "not_read_back", &why);
            }
        },
        Verdict::Unsigned => match confirmed_by_iqpay(app, body).await {
            Ok(confirmed) => {
                entry.reason = Some(
                    "unsigned: confirmed by reading the transaction back from iqpay".to_owned(),
                );
                normalize_webhook(gateway, confirmed.as_slice(), &options)
            }
            // A forged or unknown deposit is refused; an outage is answered so that iqpay
            // delivers the webhook again.
            Err(NotConfirmed::Unknown(why)) => {
                entry.reason = Some(format!("unsigned and not confirmed: {why}"));
                return error(StatusCode::UNAUTHORIZED, "not_confirmed", &why);
            }
            Err(NotConfirmed::Unavailable(why)) => {
                entry.reason = Some(format!("unsigned, and iqpay could not confirm it: {why}"));
                return error(StatusCode::BAD_GATEWAY, "not_confirmed_yet", &why);
            }
        },
        _ => {
            let reason = verification
                .reason
                .expect("an invalid verdict has a reason");
            entry.reason = Some(format!("{}: {}", reason.code.as_str(), reason.message));
            return error(
                StatusCode::UNAUTHORIZED,
                reason.code.as_str(),
                &reason.message,
            );
        }
    };
    let event = match read {
        Ok(event) => event,
        Err(failure) => {
            entry.reason = Some(failure.to_string());
            return payment_error(StatusCode::BAD_REQUEST, &failure);
        }
    };
    entry.event_key = Some(event.event_key.clone());
    match apply(app, gateway, &event) {
        Ok(Fate::Applied { checkout, changed }) => {
            entry.outcome = if changed {
                "applied"
            } else {
                "applied (no change)"
            }
            .to_owned();
            entry.checkout = Some(checkout);
            json(StatusCode::OK, &object(vec![("status", string("applied"))]))
        }
        Ok(Fate::Duplicate { checkout }) => {
            entry.outcome = "duplicate".to_owned();
            entry.checkout = Some(checkout);
            json(
                StatusCode::OK,
                &object(vec![("status", string("duplicate"))]),
            )
        }
        Ok(Fate::Unmatched) => {
            entry.outcome = "unmatched".to_owned();
            error(
                StatusCode::NOT_FOUND,
                "unknown_payment",
                "no checkout is about this payment (yet)",
            )
        }
        Err(ApplyError::Store(failure)) => store_error(&failure),
        Err(ApplyError::Payment(failure)) => {
            payment_error(StatusCode::UNPROCESSABLE_ENTITY, &failure)
        }
    }
}
