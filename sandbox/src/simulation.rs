//! The simulation controls, for the demo page and the tests:
//!
//! - `POST /sandbox/checkouts/{id}/pay` with `{"amount": "..."}`: a customer transfer to the
//!   checkout's address (exact, partial or over; another one after payment is a second
//!   deposit).
//! - `POST /sandbox/checkouts/{id}/confirm`: every transfer reaches its confirmations.
//! - `POST /sandbox/checkouts/{id}/expire`, `.../fail`: the payment window closes, the gateway
//!   gives up (where the gateway's statuses have a word for it).
//! - `GET /sandbox/checkouts/{id}`: the gateway's record of the payment.
//! - `GET /sandbox/log`: the webhooks the merchant received, newest first, with their verdicts.
//! - `GET /sandbox/settings`: `{"progress": bool, "merchant_down": bool}`; `POST` with
//!   `{"merchant_down": bool}` takes the merchant backend down (every webhook answered 503, so
//!   the gateways retry) or brings it back.
//!
//! Every POST takes a JSON body (`Content-Type: application/json`; `{}` where there is
//! nothing to say): see [`crate::app::json_posts_only`].
//!
//! Time-driven progress (on unless `--manual`): every second, each transfer gains a
//! confirmation, so a payment goes from detected through confirming to paid in a few seconds.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::Gateway;

use crate::app::Shared;
use crate::gateways::{self, json, object, string, Action, ActionError, Phase, Record};

/// The routes, under `/sandbox`.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/checkouts/{id}", get(record))
        .route("/checkouts/{id}/{action}", post(control))
        .route("/log", get(log))
        .route("/settings", get(settings).post(change_settings))
        .route_layer(axum::middleware::from_fn(crate::app::json_posts_only))
}

fn error(status: StatusCode, message: &str) -> Response {
    json(status, &object(vec![("error", string(message))]))
}

/// The gateway and the gateway's record of checkout `id`.
fn record_of(app: &Shared, id: &str) -> Result<(Gateway, Record), Response> {
    let stored = match app.store.checkout(id) {
        Ok(Some(stored)) => stored,
        Ok(None) => return Err(error(StatusCode::NOT_FOUND, "no checkout with this id")),
        Err(failure) => {
            return Err(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &failure.to_string(),
            ))
        }
    };
    let gateway = Gateway::parse(&stored.provider).expect("stored checkouts name a gateway");
    let records = app
        .store
        .gateway_payments()
        .map_err(|failure| error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string()))?;
    records
        .iter()
        .filter(|(provider, _)| provider == gateway.as_str())
        .map(|(_, text)| gateways::parse_record(text))
        .find(|record| record.order_id == stored.id)
        .map(|record| (gateway, record))
        .ok_or_else(|| {
            error(
                StatusCode::NOT_FOUND,
                "the gateway has no payment for this checkout",
            )
        })
}

fn record_json(gateway: Gateway, record: &Record) -> Response {
    let text = serde_json::to_string(record).expect("records serialize");
    let record = crypto_checkout::json::value::parse(text.as_str()).expect("serde writes json");
    json(
        StatusCode::OK,
        &object(vec![
            ("gateway", string(gateway.as_str())),
            ("record", record),
        ]),
    )
}

async fn record(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    match record_of(&app, &id) {
        Ok((gateway, record)) => record_json(gateway, &record),
        Err(response) => response,
    }
}

async fn control(
    State(app): State<Shared>,
    Path((id, action)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Response {
    let action = match action.as_str() {
        "pay" => {
            let amount = gateways::read_body(&body)
                .and_then(|body| gateways::required_amount(&body, "amount"));
            match amount {
                Ok(amount) => Action::Pay(amount),
                Err(message) => return error(StatusCode::BAD_REQUEST, &message),
            }
        }
        "confirm" => Action::Confirm,
        "expire" => Action::Expire,
        "fail" => Action::Fail,
        _ => {
            return error(
                StatusCode::NOT_FOUND,
                "the actions are pay, confirm, expire and fail",
            )
        }
    };
    let (gateway, record) = match record_of(&app, &id) {
        Ok(found) => found,
        Err(response) => return response,
    };
    match gateways::act(&app, gateway, &record.id, &action) {
        Ok(record) => record_json(gateway, &record),
        Err(ActionError::NotFound) => error(StatusCode::NOT_FOUND, "no such payment"),
        Err(ActionError::Conflict(why)) => error(StatusCode::CONFLICT, &why),
        Err(ActionError::Store(failure)) => {
            error(StatusCode::INTERNAL_SERVER_ERROR, &failure.to_string())
        }
    }
}

async fn settings(State(app): State<Shared>) -> Response {
    json(
        StatusCode::OK,
        &object(vec![
            ("progress", Value::Bool(app.progress)),
            ("merchant_down", Value::Bool(app.merchant_down())),
        ]),
    )
}

async fn change_settings(State(app): State<Shared>, body: axum::body::Bytes) -> Response {
    match gateways::read_body(&body).map(|body| body.get("merchant_down").cloned()) {
        Ok(Some(Value::Bool(down))) => {
            app.set_merchant_down(down);
            settings(State(app)).await
        }
        Ok(_) => error(
            StatusCode::BAD_REQUEST,
            "`merchant_down` must be true or false",
        ),
        Err(message) => error(StatusCode::BAD_REQUEST, &message),
    }
}

async fn log(State(app): State<Shared>) -> Response {
    json(StatusCode::OK, &Value::Array(app.log_entries()))
}

/// Every second, one more confirmation for every payment that is confirming.
pub async fn advance(app: Shared) {
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    loop {
        ticks.tick().await;
        let records = match app.store.gateway_payments() {
            Ok(records) => records,
            Err(failure) => {
                eprintln!("progress: {failure}");
                continue;
            }
        };
        for (provider, text) in records {
            let record = gateways::parse_record(&text);
            if record.phase != Phase::Confirming {
                continue;
            }
            let gateway = Gateway::parse(&provider).expect("records name a gateway");
            if let Err(ActionError::Store(failure)) =
                gateways::act(&app, gateway, &record.id, &Action::Tick)
            {
                eprintln!("progress: {failure}");
            }
        }
    }
}
