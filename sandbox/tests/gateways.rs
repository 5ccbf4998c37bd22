//! The simulated gateways check a merchant's request authentication as the real ones do, and
//! refuse a wrong one in their own error shapes.

mod common;

use common::{Sandbox, TempDir};
use crypto_checkout::payment::Gateway;
use crypto_checkout::signature::{sign_request, Method, Provider, Secret, SignRequest};
use crypto_checkout_sandbox::credentials::{self, HAYVN_PROFILE};
use serde_json::json;

fn signed(
    provider: Provider,
    path: &str,
    body: &str,
    secret: &Secret,
    nonce: Option<u64>,
) -> Vec<(String, String)> {
    let gateway = match provider {
        Provider::Heropayments => Gateway::Heropayments,
        Provider::Hayvn => Gateway::Hayvn,
        _ => unreachable!("signed requests only"),
    };
    let mut request = SignRequest::new(provider)
        .method(Method::Post)
        .path(path)
        .body(body)
        .api_key(credentials::of(gateway).api_key)
        .secret(secret);
    if let Some(nonce) = nonce {
        request = request.nonce(nonce);
    }
    sign_request(&request).unwrap().headers
}

fn send(sandbox: &Sandbox, path: &str, headers: &[(String, String)], body: &str) -> common::Reply {
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    sandbox.request("POST", path, &headers, Some(body.as_bytes()))
}

#[test]
fn heropayments_checks_the_signature_of_the_normalized_body() {
    let dir = TempDir::new("hero");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let body = r#"{ "currency": "USDT", "network": "TRC20", "amount": 50.00, "fiatCurrency": "USD",
        "externalOrderId": "o-1", "callbackUrl": "http://127.0.0.1:1/callback" }"#;
    let secret = credentials::of(Gateway::Heropayments).api_secret();
    let good = signed(Provider::Heropayments, "", body, &secret, None);
    // The body as written (pretty, 50.00) verifies: the gateway normalizes it too.
    let reply = send(&sandbox, "/gateways/heropayments/v2/payments", &good, body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["status"], "waiting");
    assert_eq!(reply.json()["externalOrderId"], "o-1");

    let wrong = signed(
        Provider::Heropayments,
        "",
        body,
        &Secret::from("not the secret"),
        None,
    );
    let reply = send(&sandbox, "/gateways/heropayments/v2/payments", &wrong, body);
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.json(),
        json!({ "success": false, "error": { "code": "INVALID_SIGNATURE",
        "message": "x-api-sign does not match the request" } })
    );
    let tampered = body.replace("50.00", "5.00");
    assert_eq!(
        send(
            &sandbox,
            "/gateways/heropayments/v2/payments",
            &good,
            &tampered
        )
        .status,
        401
    );
    let no_key: Vec<(String, String)> = good
        .iter()
        .filter(|(name, _)| name != "x-api-key")
        .cloned()
        .collect();
    assert_eq!(
        send(
            &sandbox,
            "/gateways/heropayments/v2/payments",
            &no_key,
            body
        )
        .json()["error"]["code"],
        "INVALID_API_KEY"
    );
}

#[test]
fn hayvn_checks_the_signature_and_that_nonces_increase() {
    let dir = TempDir::new("hayvn");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let body =
        json!({ "requested_currency": "USD", "requested_amount": "10", "payment_currency": "BTC",
                       "profile_uuid": HAYVN_PROFILE, "passthrough": "o-2" })
        .to_string();
    let secret = credentials::of(Gateway::Hayvn).api_secret();
    let path = "/gateways/hayvn/v1/payments/";
    let first = signed(
        Provider::Hayvn,
        "/v1/payments/",
        &body,
        &secret,
        Some(1_000),
    );
    let reply = send(&sandbox, path, &first, &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["result"]["status"], "new");
    assert_eq!(reply.json()["result"]["payment_amount"], "0.0002");
    // The same request again: its nonce is no longer above the last one.
    let replay = send(&sandbox, path, &first, &body);
    assert_eq!(replay.status, 401);
    assert_eq!(replay.json()["reason"], "InvalidNonce");
    // Signed over another path.
    let elsewhere = signed(Provider::Hayvn, "/v1/payouts/", &body, &secret, Some(2_000));
    assert_eq!(
        send(&sandbox, path, &elsewhere, &body).json(),
        json!({ "result": "error",
        "reason": "InvalidSignature", "message": "X-HAYVNPAY-SIGNATURE does not match the request" })
    );
    let later = signed(
        Provider::Hayvn,
        "/v1/payments/",
        &body,
        &secret,
        Some(3_000),
    );
    assert_eq!(send(&sandbox, path, &later, &body).status, 200);
}

#[test]
fn the_api_key_gateways_refuse_a_wrong_key() {
    let dir = TempDir::new("keys");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let invoice = r#"{"network":"trc20","amount_usd":50.00,"order_id":"o-3"}"#;
    let cases: [(&str, (&str, &str), &str, serde_json::Value); 3] = [
        (
            "/gateways/cryptopayment/api/v1/invoices",
            ("Authorization", "Bearer pk_sandbox:wrong"),
            invoice,
            json!({ "success": false, "error": "Unauthorized" }),
        ),
        (
            "/gateways/iqpay/wallet/create/BTC",
            ("Authorization", "wrong"),
            r#"{"extId":"o-4"}"#,
            json!({ "status": 401, "message": "Invalid login data" }),
        ),
        (
            "/gateways/calypso/invoices",
            ("X-Api-Key", "wrong"),
            r#"{"currency":"USDT_TRX"}"#,
            json!({ "error": "unknown X-Api-Key" }),
        ),
    ];
    for (path, (name, value), body, expected) in cases {
        let reply = sandbox.request("POST", path, &[(name, value)], Some(body.as_bytes()));
        assert_eq!((reply.status, reply.json()), (401, expected), "{path}");
    }
    let account = credentials::of(Gateway::CryptoPayment);
    let bearer = format!("Bearer {}:{}", account.api_key, account.api_secret);
    let reply = sandbox.request(
        "POST",
        "/gateways/cryptopayment/api/v1/invoices",
        &[("Authorization", &bearer)],
        Some(invoice.as_bytes()),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    // Amounts are JSON numbers written with their exact digits.
    assert!(
        reply
            .body
            .contains(r#""amount_usd":50.00,"amount_crypto":50,"#),
        "{}",
        reply.body
    );
    assert_eq!(reply.json()["invoice"]["network_label"], "USDT (TRC20)");
}

#[test]
fn simulation_controls_refuse_what_a_gateway_cannot_do() {
    let dir = TempDir::new("controls");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let (hayvn, _) = sandbox.create("hayvn", "ETH", "ethereum", "25");
    let reply = sandbox.control(&hayvn, "expire", &json!({}));
    assert_eq!(
        (reply.status, reply.json()["error"].as_str()),
        (409, Some("hayvn documents no expiry of a payment"))
    );
    for amount in [json!("-1"), json!("0"), json!("abc"), json!(null)] {
        assert_eq!(
            sandbox
                .control(&hayvn, "pay", &json!({ "amount": amount }))
                .status,
            400,
            "{amount}"
        );
    }
    assert_eq!(sandbox.control(&hayvn, "refund", &json!({})).status, 404);
    assert_eq!(
        sandbox.control("chk_missing", "confirm", &json!({})).status,
        404
    );
    let (invoice, _) = sandbox.create("cryptopayment", "BTC", "bitcoin", "25");
    assert_eq!(sandbox.control(&invoice, "fail", &json!({})).status, 409);
    assert_eq!(sandbox.control(&invoice, "expire", &json!({})).status, 200);
    assert_eq!(
        sandbox
            .control(&invoice, "pay", &json!({ "amount": "1" }))
            .status,
        409,
        "an expired invoice takes nothing"
    );
}
