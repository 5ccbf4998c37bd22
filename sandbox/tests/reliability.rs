//! The merchant backend under the webhooks a real deployment gets: replays, concurrent
//! duplicates, forgeries, garbage, oversized bodies, and a crash in the middle of a flow.

mod common;

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use common::{Sandbox, TempDir};
use crypto_checkout::payment::Gateway;
use crypto_checkout::signature::{sign_request, sign_webhook, Method, Provider, SignRequest};
use crypto_checkout_sandbox::credentials;
use serde_json::{json, Value};

/// A Heropayments callback for checkout `id` (payment `payment`): `status`, with a transfer of
/// `paid` in `txid` under `sequence`.
fn hero_callback(
    id: &str,
    payment: &str,
    sequence: &str,
    status: &str,
    paid: &str,
    txid: &str,
) -> String {
    json!({
        "id": payment, "type": "deposit", "externalOrderId": id, "sequence": sequence,
        "status": status, "currency": "USDT", "network": "TRC20", "payAddress": "TXa",
        "amount": 50, "paidAmount": paid, "txid": txid,
        "confirmations": 3, "requiredConfirmations": 3
    })
    .to_string()
}

/// The `x-api-sign` Heropayments puts on `body`.
fn hero_signature(body: &str) -> String {
    let secret = credentials::of(Gateway::Heropayments).webhook_secret();
    let signed = sign_webhook(Provider::Heropayments, &secret, body.as_bytes()).unwrap();
    signed.headers[0].1.clone()
}

fn deliver(sandbox: &Sandbox, body: &str, signature: &str) -> common::Reply {
    sandbox.request(
        "POST",
        "/webhooks/heropayments",
        &[("x-api-sign", signature)],
        Some(body.as_bytes()),
    )
}

#[test]
fn a_webhook_replayed_a_thousand_times_and_fifty_at_once_credits_once() {
    let dir = TempDir::new("replay");
    let sandbox = Arc::new(Sandbox::start(&dir.0.join("sandbox.db"), 0));
    let (id, created) = sandbox.create("heropayments", "USDT", "tron", "50.00");
    let payment = created["id"].as_str().unwrap().to_owned();

    let body = hero_callback(&id, &payment, "original", "finished", "50", "t1");
    let signature = hero_signature(&body);
    let mut outcomes = std::collections::BTreeMap::new();
    for _ in 0..1_000 {
        let reply = deliver(&sandbox, &body, &signature);
        assert_eq!(reply.status, 200, "{}", reply.body);
        *outcomes
            .entry(reply.json()["status"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    assert_eq!(
        outcomes,
        [("applied".to_owned(), 1), ("duplicate".to_owned(), 999)].into()
    );
    let (document, etag) = sandbox.checkout(&id);
    assert_eq!(
        (document["state"].as_str(), document["paid_amount"].as_str()),
        (Some("paid"), Some("50"))
    );
    assert_eq!(document["payments"].as_array().unwrap().len(), 1);

    // A second deposit to the address, delivered 50 times at once: one more transfer, once.
    let second = hero_callback(
        &id,
        "p-2",
        "4fb7defa35a056ecc64fc74ea97ef90f",
        "finished",
        "10",
        "t2",
    );
    let signature = hero_signature(&second);
    let threads: Vec<_> = (0..50)
        .map(|_| {
            let (sandbox, second, signature) = (sandbox.clone(), second.clone(), signature.clone());
            thread::spawn(move || {
                deliver(&sandbox, &second, &signature).json()["status"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
        })
        .collect();
    let statuses: Vec<String> = threads
        .into_iter()
        .map(|thread| thread.join().unwrap())
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|status| *status == "applied")
            .count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|status| *status == "duplicate")
            .count(),
        49
    );
    let (document, after) = sandbox.checkout(&id);
    assert_ne!(after, etag);
    assert_eq!(document["paid_amount"], "60");
    assert_eq!(document["payments"].as_array().unwrap().len(), 2);
    assert_eq!(
        document["state"], "paid",
        "another payment's event does not change this one's state"
    );
}

#[test]
fn rejected_webhooks_store_nothing_and_the_backend_keeps_serving() {
    let dir = TempDir::new("reject");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let (id, created) = sandbox.create("heropayments", "USDT", "tron", "50.00");
    let payment = created["id"].as_str().unwrap().to_owned();
    let (_, etag) = sandbox.checkout(&id);
    let body = hero_callback(&id, &payment, "original", "finished", "50", "t1");
    let signature = hero_signature(&body);

    let tampered = body.replace("\"paidAmount\":\"50\"", "\"paidAmount\":\"5000\"");
    assert_ne!(tampered, body);
    let huge = format!("{{\"padding\":\"{}\"}}", "x".repeat(100 * 1024));
    let huge_signature = hero_signature(&huge);
    let wrong = "0".repeat(128);
    // (case, path, body, headers, expected status, expected error code)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a [(&'a str, &'a str)],
        u16,
        &'a str,
    );
    let cases: [Case; 7] = [
        (
            "wrong signature",
            "/webhooks/heropayments",
            &body,
            &[("x-api-sign", &wrong)],
            401,
            "signature_mismatch",
        ),
        (
            "no signature",
            "/webhooks/heropayments",
            &body,
            &[],
            401,
            "signature_missing",
        ),
        (
            "tampered body",
            "/webhooks/heropayments",
            &tampered,
            &[("x-api-sign", &signature)],
            401,
            "signature_mismatch",
        ),
        (
            "malformed json",
            "/webhooks/heropayments",
            "{\"status\": \"finished\",",
            &[("x-api-sign", &signature)],
            401,
            "body_invalid",
        ),
        (
            "unknown provider",
            "/webhooks/paypal",
            &body,
            &[("x-api-sign", &signature)],
            404,
            "unknown_provider",
        ),
        (
            "oversized body",
            "/webhooks/heropayments",
            &huge,
            &[("x-api-sign", &huge_signature)],
            413,
            "",
        ),
        (
            "not hex",
            "/webhooks/heropayments",
            &body,
            &[("x-api-sign", "<script>")],
            401,
            "signature_malformed",
        ),
    ];
    for (name, path, body, headers, status, code) in cases {
        let reply = sandbox.request("POST", path, headers, Some(body.as_bytes()));
        assert_eq!(reply.status, status, "{name}: {}", reply.body);
        if !code.is_empty() {
            assert_eq!(reply.json()["error"], code, "{name}");
        }
        let (document, now) = sandbox.checkout(&id);
        assert_eq!(now, etag, "{name}: the checkout changed");
        assert_eq!(document["state"], "awaiting_payment", "{name}");
    }
    // Nothing was recorded as processed: the genuine webhook still applies.
    assert_eq!(
        deliver(&sandbox, &body, &signature).json()["status"],
        "applied"
    );
    assert_eq!(sandbox.checkout(&id).0["state"], "paid");
    // The rejections are in the log, with their reasons.
    let log = sandbox.get("/sandbox/log").json();
    let verdicts: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts
            .iter()
            .filter(|verdict| **verdict == "invalid")
            .count(),
        5,
        "{log}"
    );
}

#[test]
fn a_checkout_that_is_not_json_or_not_known_is_refused_clearly() {
    let dir = TempDir::new("requests");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    for (body, status, error) in [
        ("not json", 400, "invalid_request"),
        (
            r#"{"provider":"paypal","coin":"USDT","network":"tron","amount":"1","currency":"USD"}"#,
            400,
            "invalid_request",
        ),
        (
            r#"{"provider":"hayvn","coin":"USDT","network":"tron","amount":"-1","currency":"USD"}"#,
            400,
            "invalid_request",
        ),
        (
            r#"{"provider":"hayvn","coin":"USDT","network":"tron","amount":"1","currency":"EUR"}"#,
            400,
            "invalid_request",
        ),
        (
            r#"{"provider":"hayvn","coin":"USDT","network":"tron","amount":"10","currency":"USD"}"#,
            502,
            "gateway_refused",
        ),
        (
            r#"{"provider":"cryptopayment","coin":"USDT","network":"polygon","amount":"10","currency":"USD"}"#,
            400,
            "unsupported",
        ),
    ] {
        let reply = sandbox.request("POST", "/api/checkouts", &[], Some(body.as_bytes()));
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert_eq!(reply.json()["error"], error, "{body}");
    }
    assert_eq!(sandbox.get("/api/checkouts").json(), json!([]));
    assert_eq!(sandbox.get("/api/checkouts/chk_nope").status, 404);
}

#[test]
fn etags_answer_304_until_the_document_changes() {
    let dir = TempDir::new("etag");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let (id, _) = sandbox.create("cryptopayment", "USDT", "tron", "20");
    let path = format!("/api/checkouts/{id}");
    let first = sandbox.get(&path);
    let etag = first.etag.clone().unwrap();
    let again = sandbox.request("GET", &path, &[("if-none-match", &etag)], None);
    assert_eq!(
        (again.status, again.body.as_str(), again.etag.as_deref()),
        (304, "", Some(etag.as_str()))
    );
    let listed = format!("\"other\", W/{etag}");
    assert_eq!(
        sandbox
            .request("GET", &path, &[("if-none-match", &listed)], None)
            .status,
        304
    );
    assert_eq!(
        sandbox
            .request("GET", &path, &[("if-none-match", "\"stale\"")], None)
            .status,
        200
    );

    assert_eq!(
        sandbox
            .control(&id, "pay", &json!({ "amount": "20" }))
            .status,
        200
    );
    let changed = sandbox.wait_for_state(&id, "confirming", 10);
    assert_eq!(changed["paid_amount"], "20");
    // Each stored change raises the document's revision with its ETag.
    assert_eq!(first.json()["revision"], 1);
    assert!(changed["revision"].as_u64().unwrap() > 1, "{changed}");
    let fresh = sandbox.request("GET", &path, &[("if-none-match", &etag)], None);
    assert_eq!(fresh.status, 200);
    assert_ne!(fresh.etag.unwrap(), etag);
}

#[test]
fn a_crash_in_the_middle_of_a_flow_loses_nothing() {
    let dir = TempDir::new("crash");
    let db = dir.0.join("sandbox.db");
    let sandbox = Sandbox::start(&db, 0);
    let port = sandbox.port();
    // One flow completes before the crash.
    let (done, _) = sandbox.create("calypso", "USDT", "tron", "30");
    sandbox.control(&done, "pay", &json!({ "amount": "30" }));
    sandbox.control(&done, "confirm", &json!({}));
    let finished = sandbox.wait_for_state(&done, "paid", 20);
    // Another is paid and confirmed while the merchant backend is down (its webhooks fail and
    // wait for their retry), and the process dies.
    let (pending, _) = sandbox.create("hayvn", "BTC", "bitcoin", "50");
    assert_eq!(
        sandbox
            .post("/sandbox/settings", &json!({ "merchant_down": true }))
            .status,
        200
    );
    sandbox.control(&pending, "pay", &json!({ "amount": "0.001" }));
    sandbox.control(&pending, "confirm", &json!({}));
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(sandbox.checkout(&pending).0["state"], "awaiting_payment");
    sandbox.kill();

    // It comes back on another port: the webhooks queued for the old one follow it.
    let sandbox = Sandbox::start(&db, 0);
    assert_ne!(sandbox.port(), port);
    let (document, _) = sandbox.checkout(&done);
    assert_eq!(
        document, finished,
        "a processed flow survives the crash unchanged"
    );
    let paid = sandbox.wait_for_state(&pending, "paid", 30);
    assert_eq!(paid["paid_amount"], "0.001", "credited once: {paid}");
    assert_eq!(paid["payments"].as_array().unwrap().len(), 1);
    // Its webhooks arrived after the restart, each verified (the first read the payment back
    // complete already, so the others may come after the checkout shows it paid).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let log = loop {
        let log: Value = sandbox.get("/sandbox/log").json();
        if log.as_array().unwrap().len() >= 3 || std::time::Instant::now() > deadline {
            break log;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let entries = log.as_array().unwrap();
    assert!(entries.len() >= 3, "pending, converting, complete: {log}");
    assert!(
        entries
            .iter()
            .all(|entry| entry["verdict"] == "valid" && entry["checkout"] == pending.as_str()),
        "{log}"
    );
}

/// `path` of `gateway`'s API (`/v1/payments/...`), with the merchant's signed GET.
fn gateway_get(sandbox: &Sandbox, gateway: Gateway, path: &str) -> Value {
    let account = credentials::of(gateway);
    let secret = account.api_secret();
    let signed = sign_request(
        &SignRequest::new(Provider::from(gateway))
            .method(Method::Get)
            .path(path)
            .api_key(account.api_key)
            .secret(&secret),
    )
    .unwrap();
    let headers: Vec<(&str, &str)> = signed
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let reply = sandbox.request(
        "GET",
        &format!("/gateways/{}{path}", gateway.as_str()),
        &headers,
        None,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()
}

/// `body` with the `signature` field `gateway` computes for it.
fn signed_in_body(gateway: Gateway, mut body: Value) -> String {
    let secret = credentials::of(gateway).webhook_secret();
    let signed = sign_webhook(
        Provider::from(gateway),
        &secret,
        body.to_string().as_bytes(),
    )
    .unwrap();
    body["signature"] = json!(signed.signature_field.unwrap());
    body.to_string()
}

#[test]
fn fields_a_signature_does_not_cover_are_read_back_from_the_gateway() {
    let dir = TempDir::new("read-back");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);

    // HAYVN signs only `callback_id`: a callback that says "complete" over a payment of a
    // tenth of the amount, correctly signed, leaves the checkout as HAYVN's API has it.
    let (id, created) = sandbox.create("hayvn", "BTC", "bitcoin", "50");
    let payment = created["id"].as_str().unwrap();
    assert_eq!(created["amount"], "0.001");
    let paid = sandbox.control(&id, "pay", &json!({ "amount": "0.0001" }));
    assert_eq!(paid.status, 200, "{}", paid.body);
    let before = sandbox.wait_for_state(&id, "confirming", 10);
    let mut forged = gateway_get(
        &sandbox,
        Gateway::Hayvn,
        &format!("/v1/payments/{payment}/"),
    );
    forged["result"]["status"] = json!("complete");
    forged["result"]["paid_amount"]["crypto"]["amount"] = json!("0.001");
    forged["callback_id"] = json!("0f6d3c5e-5c1a-4a57-9f1e-7d7f6c0b9a11");
    forged["callback_status"] = json!("payment_complete");
    let body = signed_in_body(Gateway::Hayvn, forged);
    let reply = sandbox.request("POST", "/webhooks/hayvn", &[], Some(body.as_bytes()));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let (after, _) = sandbox.checkout(&id);
    assert_eq!(
        (&after["state"], &after["outcome"], &after["paid_amount"]),
        (&before["state"], &before["outcome"], &json!("0.0001")),
        "{after}"
    );

    // A genuine callback replayed first with another payment's id in its unsigned fields is
    // read back as that payment, and does not use up the callback's key for its own.
    let (_, other) = sandbox.create("hayvn", "BTC", "bitcoin", "50");
    let mut genuine = gateway_get(
        &sandbox,
        Gateway::Hayvn,
        &format!("/v1/payments/{payment}/"),
    );
    genuine["callback_id"] = json!("6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    genuine["callback_status"] = json!("payment_confirming");
    let mut replayed = genuine.clone();
    replayed["result"]["id"] = other["id"].clone();
    for body in [replayed, genuine] {
        let body = signed_in_body(Gateway::Hayvn, body);
        let reply = sandbox.request("POST", "/webhooks/hayvn", &[], Some(body.as_bytes()));
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_ne!(reply.json()["status"], "duplicate", "{}", reply.body);
    }

    // CryptoPayment.center signs `invoice_id` and `event`: `payment.confirmed` with the
    // whole amount, over an invoice paid half, is read back as it stands.
    let (id, created) = sandbox.create("cryptopayment", "USDT", "tron", "20");
    let invoice = created["id"].as_str().unwrap();
    let paid = sandbox.control(&id, "pay", &json!({ "amount": "10" }));
    assert_eq!(paid.status, 200, "{}", paid.body);
    let before = sandbox.wait_for_state(&id, "confirming", 10);
    let forged = json!({
        "event": "payment.confirmed", "invoice_id": invoice, "order_id": id,
        "status": "confirmed", "network": "trc20", "coin": "USDT", "amount_usd": 20,
        "amount_crypto": 20, "paid_amount": 20, "txid": "f".repeat(64), "confirmations": 19,
        "address": created["address"], "timestamp": "2026-01-01T00:00:00+00:00"
    });
    let body = signed_in_body(Gateway::CryptoPayment, forged);
    let reply = sandbox.request(
        "POST",
        "/webhooks/cryptopayment",
        &[],
        Some(body.as_bytes()),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let (after, _) = sandbox.checkout(&id);
    assert_eq!(
        (&after["state"], &after["outcome"], &after["paid_amount"]),
        (&before["state"], &before["outcome"], &json!("10")),
        "{after}"
    );
    // An invoice names one txid and one paid_amount: it takes one transfer.
    let again = sandbox.control(&id, "pay", &json!({ "amount": "10" }));
    assert_eq!(again.status, 409, "{}", again.body);

    // iqpay signs nothing: a webhook is confirmed by reading its deposit back, by its txid,
    // wallet and currency. One that names a real transaction but another wallet is refused,
    // and that wallet is not credited.
    let (paid_wallet, _) = sandbox.create("iqpay", "ETH", "ethereum", "0.01");
    let paid = sandbox.control(&paid_wallet, "pay", &json!({ "amount": "0.01" }));
    assert_eq!(paid.status, 200, "{}", paid.body);
    let paid = sandbox.wait_for_state(&paid_wallet, "confirming", 10);
    let txid = paid["payments"][0]["txid"].as_str().unwrap().to_owned();
    let (other, created) = sandbox.create("iqpay", "ETH", "ethereum", "0.01");
    let forged = json!({
        "status": 1, "address": created["address"], "wallet_ext_id": other,
        "fromAddress": "0x52908400098527886e0f7030069857d2e4169ee7", "txid": txid,
        "amount": 5, "currency": "ETH"
    })
    .to_string();
    let reply = sandbox.request("POST", "/webhooks/iqpay", &[], Some(forged.as_bytes()));
    assert_eq!(reply.status, 401, "{}", reply.body);
    let (after, _) = sandbox.checkout(&other);
    assert_eq!(
        (&after["state"], &after["paid_amount"]),
        (&json!("awaiting_payment"), &json!("0")),
        "{after}"
    );
}

#[test]
fn hayvn_requests_made_at_once_reach_it_in_nonce_order() {
    let dir = TempDir::new("hayvn-at-once");
    let sandbox = Arc::new(Sandbox::start(&dir.0.join("sandbox.db"), 0));
    let creations: Vec<_> = (0..24)
        .map(|_| {
            let sandbox = Arc::clone(&sandbox);
            thread::spawn(move || {
                sandbox
                    .post(
                        "/api/checkouts",
                        &json!({ "provider": "hayvn", "coin": "ETH", "network": "ethereum",
                                 "amount": "25", "currency": "USD" }),
                    )
                    .status
            })
        })
        .collect();
    let statuses: Vec<u16> = creations
        .into_iter()
        .map(|creation| creation.join().unwrap())
        .collect();
    assert_eq!(statuses, vec![201; 24]);
}

/// The status of a POST of `body` as `content_type` (no `Content-Type` when `None`), sent as
/// a browser on another site may send it.
fn post_as(sandbox: &Sandbox, path: &str, content_type: Option<&str>, body: &str) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", sandbox.port())).unwrap();
    let declared = content_type.map_or(String::new(), |media| format!("Content-Type: {media}\r\n"));
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{declared}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn controls_and_checkout_creation_take_only_json_posts() {
    let dir = TempDir::new("json-only");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let down = r#"{"merchant_down":true}"#;
    let order =
        r#"{"provider":"calypso","coin":"USDT","network":"tron","amount":"5","currency":"USD"}"#;
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        assert_eq!(
            post_as(&sandbox, "/sandbox/settings", content_type, down),
            415
        );
        assert_eq!(
            post_as(&sandbox, "/api/checkouts", content_type, order),
            415
        );
    }
    assert_eq!(
        sandbox.get("/sandbox/settings").json()["merchant_down"],
        false
    );
    assert_eq!(
        sandbox
            .get("/api/checkouts")
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let json = Some("application/json; charset=utf-8");
    assert_eq!(post_as(&sandbox, "/sandbox/settings", json, down), 200);
    assert_eq!(post_as(&sandbox, "/api/checkouts", json, order), 201);
}

/// Reads what the sandbox sends on `stream` until it closes the connection; `None` when it
/// is still open after `limit`.
fn until_closed(stream: &mut std::net::TcpStream, limit: Duration) -> Option<String> {
    use std::io::Read;
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut received = Vec::new();
    match stream.read_to_end(&mut received) {
        Ok(_) => Some(String::from_utf8_lossy(&received).into_owned()),
        // Closed with unread bytes of ours still queued: a reset, which is a close too.
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {
            Some(String::from_utf8_lossy(&received).into_owned())
        }
        Err(_) => None,
    }
}

/// A connection that sends nothing, one that sends its headers a byte at a time, one idle
/// after its first request, and a request whose body never finishes arriving are each ended
/// (the body's request with `408`), within the limits of `app.rs`, while everyone else is
/// served meanwhile.
#[test]
fn silent_and_slow_connections_are_ended_while_others_are_served() {
    use crypto_checkout_sandbox::app::{BODY_READ_TIMEOUT, HEADER_READ_TIMEOUT};
    use std::io::Write;
    use std::net::TcpStream;
    use std::time::Instant;
    let dir = TempDir::new("timeouts");
    let sandbox = Sandbox::start(&dir.0.join("sandbox.db"), 0);
    let port = sandbox.port();
    let connect = move || TcpStream::connect(("127.0.0.1", port)).unwrap();
    let slack = Duration::from_secs(5);
    let started = Instant::now();

    let silent = thread::spawn(move || until_closed(&mut connect(), HEADER_READ_TIMEOUT + slack));
    let trickle = thread::spawn(move || {
        let mut stream = connect();
        let request = b"GET /api/checkouts HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        for byte in request.iter().take(request.len() - 2) {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            thread::sleep(Duration::from_millis(400));
            if started.elapsed() > HEADER_READ_TIMEOUT + slack {
                break;
            }
        }
        until_closed(&mut stream, slack)
    });
    let idle = thread::spawn(move || {
        let mut stream = connect();
        stream
            .write_all(b"GET /sandbox/settings HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        until_closed(&mut stream, HEADER_READ_TIMEOUT + slack)
    });
    let slow_body = thread::spawn(move || {
        let mut stream = connect();
        stream
            .write_all(
                b"POST /api/checkouts HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                  Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"provider\"",
            )
            .unwrap();
        until_closed(&mut stream, BODY_READ_TIMEOUT + slack)
    });

    // Everyone else is served meanwhile.
    while started.elapsed() < HEADER_READ_TIMEOUT {
        assert_eq!(sandbox.get("/sandbox/settings").status, 200);
        thread::sleep(Duration::from_millis(500));
    }
    let silent = silent
        .join()
        .unwrap()
        .expect("a silent connection is closed");
    assert_eq!(silent, "", "closed without an answer");
    let trickled = trickle
        .join()
        .unwrap()
        .expect("a trickling connection is closed");
    assert!(!trickled.starts_with("HTTP/1.1 200"), "{trickled}");
    let idle = idle.join().unwrap().expect("an idle connection is closed");
    assert!(
        idle.starts_with("HTTP/1.1 200"),
        "its request was answered: {idle}"
    );
    let slow_body = slow_body.join().unwrap().expect("a slow body is ended");
    assert!(slow_body.starts_with("HTTP/1.1 408"), "{slow_body}");
    assert!(
        started.elapsed() < BODY_READ_TIMEOUT + slack,
        "{:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.get("/sandbox/settings").status, 200);

    // A body past 2 MiB is refused whole, with `413`, before any handler reads it.
    let mut stream = connect();
    let huge = 3 * 1024 * 1024;
    let head = format!(
        "POST /sandbox/settings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {huge}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    // The answer may come, and the connection close, before all of it is written.
    let _ = stream.write_all(&vec![b' '; huge]);
    let answer = until_closed(&mut stream, slack).expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}
