//! The payment model's rules: tolerances (HAYVN's worked examples), hostile documents,
//! multiple deposits to one address, and amounts that keep every digit.

mod common;
use common::Rng;
use crypto_checkout::error::PaymentInput;
use crypto_checkout::payment::money::Amount;
use crypto_checkout::payment::{
    judge, normalize_payment, normalize_webhook, Checkout, Gateway, Mode, Options, Outcome, State,
    Tolerance,
};
use serde_json::json;

fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap()
}

fn tolerance(below: &str, above: &str) -> Tolerance {
    Tolerance {
        below: amount(below),
        above: amount(above),
    }
}

/// A CryptoPayment.center invoice (a gateway that does not judge amounts itself).
fn invoice(status: &str, amount_crypto: &str, paid: &str) -> String {
    format!(
        r#"{{"success":true,"invoice":{{"id":"inv-1","status":"{status}","network":"btc","coin":"BTC","address":"bc1qexample","amount_crypto":{amount_crypto},"paid_amount":{paid},"txid":"t1"}}}}"#
    )
}

fn purchase(below: &str, above: &str) -> Options {
    Options {
        tolerance: Some(tolerance(below, above)),
        ..Options::default()
    }
}

#[test]
fn hayvn_worked_examples_of_tolerance() {
    // "-1% / +5%": $99.50 received for $100 is within tolerance, so the payment is complete.
    let band = tolerance("1", "5");
    let within = judge(
        State::Paid,
        Outcome::Success,
        &amount("100"),
        &amount("99.50"),
        &band,
        Mode::Purchase,
    );
    assert_eq!(within, State::Paid);
    // The price dropped beyond the lower tolerance: 0.1 BTC arrived where 0.102041 BTC is now
    // due, and the customer must send a further 0.002041 BTC.
    let checkout = normalize_payment(
        Gateway::CryptoPayment,
        &invoice("confirming", "0.102041", "0.1"),
        &purchase("1", "5"),
    )
    .unwrap();
    assert_eq!(checkout.state, State::Underpaid);
    assert_eq!(checkout.outcome, Outcome::Pending);
    assert_eq!(checkout.remaining_amount.unwrap().to_string(), "0.002041");
    // A sharp price rise: more than 5% above is overpaid, and the excess is exact.
    let checkout = normalize_payment(
        Gateway::CryptoPayment,
        &invoice("confirmed", "0.1", "0.10500001"),
        &purchase("1", "5"),
    )
    .unwrap();
    assert_eq!(checkout.state, State::Overpaid);
    assert_eq!(
        checkout.outcome,
        Outcome::Success,
        "the outcome stays the gateway's"
    );
    assert_eq!(checkout.excess_amount.unwrap().to_string(), "0.00500001");
    assert_eq!(checkout.remaining_amount.unwrap().to_string(), "0.0");
    // Exactly on the band's edges is paid.
    for paid in ["0.099", "0.105"] {
        let checkout = normalize_payment(
            Gateway::CryptoPayment,
            &invoice("confirmed", "0.1", paid),
            &purchase("1", "5"),
        )
        .unwrap();
        assert_eq!(checkout.state, State::Paid, "{paid}");
    }
}

#[test]
fn topups_take_any_amount() {
    let options = Options {
        mode: Mode::Topup,
        tolerance: Some(tolerance("1", "5")),
        ..Options::default()
    };
    let checkout = normalize_payment(
        Gateway::CryptoPayment,
        &invoice("confirmed", "0.1", "0.03"),
        &options,
    )
    .unwrap();
    assert_eq!(checkout.state, State::Paid);
    assert_eq!(checkout.remaining_amount, None);
    assert_eq!(checkout.paid_amount.to_string(), "0.03");
}

#[test]
fn without_a_tolerance_the_gateway_status_decides() {
    let checkout = normalize_payment(
        Gateway::CryptoPayment,
        &invoice("confirmed", "0.1", "0.03"),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(checkout.state, State::Paid);
    assert_eq!(checkout.remaining_amount.unwrap().to_string(), "0.07");
}

#[test]
fn hostile_documents_are_errors_naming_the_field() {
    let cases = [
        (
            r#"{"invoice":{"id":"i","status":"pending","address":"a","amount_crypto":true}}"#,
            "payment_invalid_field",
            "invoice.amount_crypto",
        ),
        (
            r#"{"invoice":{"id":"i","status":"pending","address":"a","amount_crypto":-5}}"#,
            "payment_invalid_field",
            "invoice.amount_crypto",
        ),
        (
            r#"{"invoice":{"id":"i","status":"pending","address":"a","amount_crypto":1e400}}"#,
            "payment_invalid_field",
            "invoice.amount_crypto",
        ),
        (
            r#"{"invoice":{"id":"i","status":"pending","address":"a","amount_crypto":"1,5"}}"#,
            "payment_invalid_field",
            "invoice.amount_crypto",
        ),
        (
            r#"{"invoice":{"id":"i","status":"pending","address":"a","paid_amount":"NaN"}}"#,
            "payment_invalid_field",
            "invoice.paid_amount",
        ),
        (
            r#"{"invoice":{"id":"i","status":"pending","coin":"DOGE2","address":"a"}}"#,
            "payment_unknown_currency",
            "invoice.coin",
        ),
        (
            r#"{"invoice":{"id":"i","status":"pending"}}"#,
            "payment_missing_field",
            "invoice.address",
        ),
        (
            r#"{"invoice":{"id":"i","status":["pending"],"address":"a"}}"#,
            "payment_invalid_field",
            "invoice.status",
        ),
        (r#"{"invoice":[]}"#, "payment_invalid_field", "invoice"),
        (r#"[1,2]"#, "payment_invalid_field", "(document)"),
        (
            r#"{"invoices":[{"id":"a"},{"id":"b"}]}"#,
            "payment_ambiguous",
            "",
        ),
    ];
    for (document, code, field) in cases {
        let error = normalize_payment(Gateway::CryptoPayment, document, &Options::default())
            .expect_err(document);
        assert_eq!(error.code(), code, "{document}: {error}");
        assert_eq!(
            error.field().unwrap_or_default(),
            field,
            "{document}: {error}"
        );
        assert!(error.to_string().starts_with("cryptopayment: "), "{error}");
    }
    let hayvn =
        r#"{"result":{"id":"h","status":"new","payment_currency":"BTC","payment_amount":"0.1"}}"#;
    let error = normalize_payment(Gateway::Hayvn, hayvn, &Options::default()).unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("payment_missing_field", Some("result.address"))
    );
}

#[test]
fn broken_json_is_an_error_with_its_position_never_a_crash() {
    let deep = "[".repeat(100_000);
    for (document, line, column) in [
        ("{\n  \"currency\": 'BTC'\n}", 2, 15),
        ("{\"a\":1,}", 1, 8),
        ("", 1, 1),
    ] {
        let error = normalize_payment(Gateway::Iqpay, document, &Options::default()).unwrap_err();
        let json = error.json_error().expect("a json error");
        assert_eq!(
            (json.line(), json.column()),
            (line, column),
            "{document:?}: {error}"
        );
        assert_eq!(error.code(), "payment_invalid_json");
    }
    let error = normalize_payment(Gateway::Iqpay, &deep, &Options::default()).unwrap_err();
    assert_eq!(error.code(), "payment_invalid_json");
    // Invalid UTF-8 is read as U+FFFD, as Node reads a body, and still normalizes.
    let mut bytes =
        br#"{"txid":"t","status":1,"amount":"1","currency":"BTC","wallet_ext_id":""#.to_vec();
    bytes.extend_from_slice(b"\xff\"}");
    let checkout = normalize_payment(Gateway::Iqpay, &bytes, &Options::default()).unwrap();
    assert_eq!(checkout.order_id.as_deref(), Some("\u{fffd}"));
    // A huge document is read in full.
    let many: Vec<String> = (0..20_000)
        .map(|index| format!(r#"{{"id":"i{index}","status":"pending","address":"a"}}"#))
        .collect();
    let list = format!(r#"{{"invoices":[{}]}}"#, many.join(","));
    let options = Options {
        id: Some("i19999".to_owned()),
        ..Options::default()
    };
    let checkout = normalize_payment(Gateway::CryptoPayment, &list, &options).unwrap();
    assert_eq!(checkout.id, "i19999");
}

#[test]
fn every_deposit_to_one_address_is_its_own_event() {
    // Heropayments: the first payment is `original`, a further one gets a new `sequence`.
    let callback = |sequence: &str, txid: &str| {
        json!({ "id": format!("p-{sequence}"), "externalOrderId": "1254435345456456",
                "sequence": sequence, "status": "finished", "type": "deposit",
                "currency": "USDT", "network": "trc20", "payAddress": "TXa",
                "amount": "50", "paidAmount": "50", "txid": txid })
        .to_string()
    };
    let first = normalize_webhook(
        Gateway::Heropayments,
        &callback("original", "t1"),
        &Options::default(),
    )
    .unwrap();
    let second = normalize_webhook(
        Gateway::Heropayments,
        &callback("4fb7defa35a056ecc64fc74ea97ef90f", "t2"),
        &Options::default(),
    )
    .unwrap();
    assert_ne!(first.event_key, second.event_key);
    assert_eq!(
        second.sequence.as_deref(),
        Some("4fb7defa35a056ecc64fc74ea97ef90f")
    );
    let checkout = normalize_payment(
        Gateway::Heropayments,
        &callback("4fb7defa35a056ecc64fc74ea97ef90f", "t2"),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(checkout.payments.len(), 1);
    assert_eq!(
        checkout.payments[0].sequence.as_deref(),
        Some("4fb7defa35a056ecc64fc74ea97ef90f")
    );

    // iqpay: a static wallet; each transaction, and each of its status changes, is an event,
    // and so is each wallet or currency that one transaction pays (a batch payout, a token).
    let deposit = |txid: &str, address: &str, currency: &str, status: u8| {
        json!({ "address": address, "wallet_ext_id": "2", "txid": txid, "amount": 0.5,
                "currency": currency, "status": status })
        .to_string()
    };
    let keys: Vec<String> = [
        ("a", "1Je", "BTC", 0),
        ("a", "1Je", "BTC", 1),
        ("b", "1Je", "BTC", 0),
        ("a", "1Je", "BTC", 1),
        ("a", "3FZ", "BTC", 1),
        ("a", "1Je", "LTC", 1),
    ]
    .iter()
    .map(|(txid, address, currency, status)| {
        let body = deposit(txid, address, currency, *status);
        normalize_webhook(Gateway::Iqpay, &body, &Options::default())
            .unwrap()
            .event_key
    })
    .collect();
    assert_eq!(
        keys,
        [
            "a:1Je:BTC:0",
            "a:1Je:BTC:1",
            "b:1Je:BTC:0",
            "a:1Je:BTC:1",
            "a:3FZ:BTC:1",
            "a:1Je:LTC:1"
        ]
    );

    // Calypso purses: two deposits differ by transaction; a redelivery keeps its key.
    let purse = |hash: &str, event_id: u32| {
        json!({ "requestId": "r", "id": event_id, "eventType": "CUSTOMER_PURSE_FUNDS_RECEIVED_FOR_PURSE",
                "data": { "purseId": "purse-1", "customerId": "c", "amount": 10, "currency": "USDT_TRX",
                          "transactionId": "77", "transactionHash": hash } })
        .to_string()
    };
    let key = |body: String| {
        normalize_webhook(Gateway::Calypso, &body, &Options::default())
            .unwrap()
            .event_key
    };
    assert_eq!(key(purse("h1", 1)), key(purse("h1", 1)));
    assert_ne!(key(purse("h1", 1)), key(purse("h2", 2)));

    // HAYVN: a deposit to the address of a completed purchase marks it address_reused.
    let reused =
        json!({ "result": { "id": "h", "status": "address_reuse", "payment_currency": "BTC",
                                     "payment_amount": "0.1", "address": "bc1q" } })
        .to_string();
    let checkout = normalize_payment(Gateway::Hayvn, &reused, &Options::default()).unwrap();
    assert_eq!(
        (checkout.state, checkout.outcome),
        (State::AddressReused, Outcome::Pending)
    );
}

#[test]
fn amounts_keep_every_digit_from_document_to_checkout() {
    let mut random = Rng(0x0c0f_fee0_dec1_3a15);
    for case in 0..5_000 {
        let integer = match random.next() % 4 {
            0 => "0".to_owned(),
            _ => {
                let length = 1 + random.next() % 25;
                let digits = random.digits(length);
                let trimmed = digits.trim_start_matches('0');
                if trimmed.is_empty() {
                    "0".to_owned()
                } else {
                    trimmed.to_owned()
                }
            }
        };
        let fraction_length = random.next() % 20;
        let fraction = random.digits(fraction_length);
        let literal = if fraction.is_empty() {
            integer
        } else {
            format!("{integer}.{fraction}")
        };
        // As a JSON number and as a string: the checkout holds exactly the literal.
        for written in [literal.clone(), format!("\"{literal}\"")] {
            let document = invoice("confirmed", &written, &written);
            let checkout =
                normalize_payment(Gateway::CryptoPayment, &document, &Options::default())
                    .unwrap_or_else(|error| panic!("case {case} {written}: {error}"));
            assert_eq!(
                checkout.amount.as_ref().unwrap().to_string(),
                literal,
                "case {case}"
            );
            assert_eq!(checkout.paid_amount.to_string(), literal, "case {case}");
            assert_eq!(
                checkout.payments[0].amount.to_string(),
                literal,
                "case {case}"
            );
            let zero = checkout.remaining_amount.unwrap();
            assert!(zero.is_zero(), "case {case}: {zero}");
        }
    }
}

#[test]
fn hayvn_completed_is_final_but_a_confirming_shortfall_shows() {
    let payment = |status: &str| {
        json!({ "result": { "id": "h", "status": status, "payment_currency": "BTC",
                            "payment_amount": "0.102041", "address": "bc1q",
                            "paid_amount": { "crypto": { "currency": "BTC", "amount": "0.1" } } } })
        .to_string()
    };
    let read = |status: &str| {
        normalize_payment(Gateway::Hayvn, &payment(status), &purchase("1", "5")).unwrap()
    };
    let pending = read("pending");
    assert_eq!(
        (pending.state, pending.outcome),
        (State::Underpaid, Outcome::Pending)
    );
    assert_eq!(pending.remaining_amount.unwrap().to_string(), "0.002041");
    let completed = read("completed");
    assert_eq!(
        (completed.state, completed.outcome),
        (State::Paid, Outcome::Success)
    );
}

#[test]
fn a_transfer_listed_twice_counts_once() {
    let transaction = json!({ "id": "t", "txid": "abc", "created_at": null, "confirmed_at": null,
                              "amount": { "crypto": { "currency": "BTC", "amount": "0.05" } } });
    let document = json!({ "result": { "id": "h", "status": "pending", "payment_currency": "BTC",
                                       "payment_amount": "0.1", "address": "bc1q",
                                       "transactions": [transaction.clone(), transaction] } })
    .to_string();
    let checkout = normalize_payment(Gateway::Hayvn, &document, &Options::default()).unwrap();
    assert_eq!(checkout.payments.len(), 1);
    assert_eq!(checkout.paid_amount.to_string(), "0.05");
    assert!(checkout
        .warnings
        .iter()
        .any(|warning| warning.code == "duplicate_transfer"));
}

#[test]
fn applying_events_counts_every_transfer_once() {
    use crypto_checkout::payment::Direction;
    let options = Options {
        direction: Some(Direction::Deposit),
        ..Options::default()
    };
    let document =
        |id: &str, sequence: &str, status: &str, paid: Option<&str>, txid: Option<&str>| {
            let mut value = json!({ "id": id, "externalOrderId": "o-7", "sequence": sequence,
                                "status": status, "currency": "USDT", "network": "trc20",
                                "payAddress": "TXa", "amount": "50.00" });
            if let (Some(paid), Some(txid)) = (paid, txid) {
                value["paidAmount"] = json!(paid);
                value["txid"] = json!(txid);
            }
            value.to_string()
        };
    let mut checkout = normalize_payment(
        Gateway::Heropayments,
        &document("p-1", "original", "waiting", None, None),
        &options,
    )
    .unwrap();
    assert_eq!(
        (checkout.state, checkout.paid_amount.to_string()),
        (State::AwaitingPayment, "0".to_owned())
    );
    let event = |body: String| normalize_webhook(Gateway::Heropayments, &body, &options).unwrap();

    let confirming = event(document(
        "p-1",
        "original",
        "confirming",
        Some("50.00"),
        Some("t1"),
    ));
    assert!(checkout.apply(&confirming, &options).unwrap());
    assert_eq!(checkout.state, State::Confirming);
    assert!(!checkout.payments[0].confirmed);
    let finished = event(document(
        "p-1",
        "original",
        "finished",
        Some("50.00"),
        Some("t1"),
    ));
    assert!(checkout.apply(&finished, &options).unwrap());
    assert_eq!(
        (checkout.state, checkout.outcome),
        (State::Paid, Outcome::Success)
    );
    assert_eq!(
        checkout.payments.len(),
        1,
        "the same transfer, now confirmed"
    );
    assert!(checkout.payments[0].confirmed);
    // A redelivery, or a late "confirming", changes nothing.
    assert!(!checkout.apply(&finished, &options).unwrap());
    assert!(!checkout.apply(&confirming, &options).unwrap());
    assert_eq!(
        (checkout.state, checkout.provider_status.as_str()),
        (State::Paid, "finished")
    );
    assert!(checkout.payments[0].confirmed);
    assert_eq!(checkout.paid_amount.to_string(), "50.00");

    // A second deposit to the same address is its own payment: added, not merged.
    let again = event(document(
        "p-2",
        "4fb7defa35a056ecc64fc74ea97ef90f",
        "finished",
        Some("20.5"),
        Some("t2"),
    ));
    assert!(checkout.apply(&again, &options).unwrap());
    assert_eq!(checkout.payments.len(), 2);
    assert_eq!(checkout.paid_amount.to_string(), "70.50");
    assert_eq!(
        checkout.excess_amount.as_ref().unwrap().to_string(),
        "20.50"
    );
    assert_eq!(
        checkout.state,
        State::Paid,
        "the checkout's own payment keeps its state"
    );
    // The second deposit refunded: it no longer counts, and the checkout is paid exactly.
    let again_refunded = event(document(
        "p-2",
        "4fb7defa35a056ecc64fc74ea97ef90f",
        "refunded",
        Some("20.5"),
        Some("t2"),
    ));
    assert!(checkout.apply(&again_refunded, &options).unwrap());
    assert_eq!(checkout.payments.len(), 1);
    assert_eq!(checkout.paid_amount.to_string(), "50.00");
    assert_eq!(
        (checkout.state, checkout.outcome),
        (State::Paid, Outcome::Success)
    );
    assert!(!checkout.apply(&again_refunded, &options).unwrap());
    // A refund after completion is applied.
    let refunded = event(document(
        "p-1",
        "original",
        "refunded",
        Some("50.00"),
        Some("t1"),
    ));
    assert!(checkout.apply(&refunded, &options).unwrap());
    assert_eq!(
        (checkout.state, checkout.outcome),
        (State::Refunded, Outcome::Failure)
    );

    let other = normalize_webhook(
        Gateway::Iqpay,
        r#"{"txid":"x","address":"1Je","status":1,"amount":"1","currency":"BTC","wallet_ext_id":"w"}"#,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        checkout.apply(&other, &options).unwrap_err().code(),
        "payment_invalid_field"
    );
}

/// Calypso reports a transfer as it arrives (with its hash) and then the invoice as paid with
/// the total received (`realAmount`, naming no transaction): the total is no second transfer.
#[test]
fn calypso_invoice_paid_after_its_transfer_counts_the_money_once() {
    let options = Options::default();
    let envelope = |id: u32, event: &str, data: serde_json::Value| {
        json!({ "requestId": "sub-1", "id": id, "createdDate": "2026-01-15T10:00:00",
                "level": "SUCCESS", "service": "INVOICE", "eventType": event, "data": data })
        .to_string()
    };
    let common = json!({ "parentExternalId": 77, "idempotencyKey": "k-77", "currency": "USDT_TRX",
                         "amount": 50, "externalId": "chk_1", "invoiceAddress": "TXa" });
    let with = |extra: serde_json::Value| {
        let mut data = common.clone();
        data.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        data
    };
    let mut checkout = normalize_payment(
        Gateway::Calypso,
        &envelope(
            1,
            "INVOICE_CREATE_INVOICE",
            with(json!({ "type": "INVOICE_CREATE_INVOICE" })),
        ),
        &options,
    )
    .unwrap();
    let events = [
        envelope(
            2,
            "INVOICE_MEMPOOL_FOUND",
            with(json!({ "type": "INVOICE_MEMPOOL_FOUND",
            "realAmount": 50, "transactionHash": "0xabc" })),
        ),
        envelope(
            3,
            "INVOICE_FUNDS_RECEIVED_FOR_INVOICE",
            with(json!({
            "type": "INVOICE_FUNDS_RECEIVED_FOR_INVOICE", "amount": 50, "transactionId": [9],
            "transactionHash": "0xabc" })),
        ),
        envelope(
            4,
            "INVOICE_PAID",
            with(json!({ "type": "INVOICE_PAID", "realAmount": 50 })),
        ),
    ];
    for body in &events {
        let event = normalize_webhook(Gateway::Calypso, body, &options).unwrap();
        checkout.apply(&event, &options).unwrap();
    }
    assert_eq!(
        (
            checkout.state,
            checkout.outcome,
            checkout.paid_amount.to_string()
        ),
        (State::Paid, Outcome::Success, "50".to_owned())
    );
    assert_eq!(checkout.payments.len(), 1, "{:?}", checkout.payments);
}

#[test]
fn a_purse_transfer_reported_with_and_without_its_hash_counts_once() {
    let options = Options::default();
    let purse = |id: u32, event: &str, hash: Option<&str>| {
        let mut data = json!({ "currency": "USDT_TRX", "customerId": "8841", "purseId": "2210",
                               "transactionId": 50231, "amount": 25.50 });
        if let Some(hash) = hash {
            data["transactionHash"] = json!(hash);
        }
        json!({ "requestId": "r-1", "id": id, "service": "CUSTOMER_PURSE", "eventType": event,
                "data": data })
        .to_string()
    };
    let hash = "c6535f78884388e3c0a11532f918ba8c1ef0e7f2c07efd382cd6e6e1ca093e1d";
    let pending = purse(17, "CUSTOMER_PURSE_PENDING_COMPLIANCE", None);
    let found = purse(16, "CUSTOMER_PURSE_MEM_POOL_FOUND", Some(hash));
    let received = purse(18, "CUSTOMER_PURSE_FUNDS_RECEIVED_FOR_PURSE", Some(hash));
    // Webhooks arrive in any order; each transfer is counted once, and keeps its hash.
    for order in [
        [&pending, &found, &received],
        [&found, &pending, &received],
        [&received, &pending, &found],
    ] {
        let mut checkout = normalize_payment(Gateway::Calypso, order[0], &options).unwrap();
        for body in order[1..].iter().copied() {
            let event = normalize_webhook(Gateway::Calypso, body, &options).unwrap();
            checkout.apply(&event, &options).unwrap();
        }
        assert_eq!(checkout.payments.len(), 1, "{:?}", checkout.payments);
        assert_eq!(checkout.paid_amount.to_string(), "25.5");
        assert_eq!(checkout.payments[0].txid.as_deref(), Some(hash));
    }
}

/// Heropayments documents that carry no id of their own: each further deposit to the address
/// is still a payment of its own (`externalOrderId:sequence`), and a transfer reported without
/// a txid is the same transfer from one callback to the next.
#[test]
fn heropayments_payments_without_ids_are_told_apart_by_sequence() {
    use crypto_checkout::payment::Direction;
    let options = Options {
        direction: Some(Direction::Deposit),
        ..Options::default()
    };
    let callback = |sequence: &str, status: &str, paid: &str| {
        json!({ "externalOrderId": "o-9", "sequence": sequence, "status": status,
                "currency": "USDT", "network": "trc20", "payAddress": "TXa",
                "amount": "50.00", "paidAmount": paid })
        .to_string()
    };
    let event = |body: String| normalize_webhook(Gateway::Heropayments, &body, &options).unwrap();
    let mut checkout = normalize_payment(
        Gateway::Heropayments,
        &callback("original", "confirming", "50.00"),
        &options,
    )
    .unwrap();
    assert_eq!(checkout.id, "o-9");
    assert!(checkout
        .apply(&event(callback("original", "finished", "50.00")), &options)
        .unwrap());
    assert_eq!(
        (
            checkout.state,
            checkout.paid_amount.to_string(),
            checkout.payments.len()
        ),
        (State::Paid, "50.00".to_owned(), 1),
        "the same transfer, confirmed: {:?}",
        checkout.payments
    );
    assert!(checkout.payments[0].confirmed);

    let further = event(callback(
        "4fb7defa35a056ecc64fc74ea97ef90f",
        "finished",
        "20",
    ));
    assert_eq!(
        further.payment_id.as_deref(),
        Some("o-9:4fb7defa35a056ecc64fc74ea97ef90f")
    );
    assert!(checkout.apply(&further, &options).unwrap());
    assert_eq!(checkout.paid_amount.to_string(), "70.00");
    assert_eq!(checkout.state, State::Paid);
    // The further deposit failing takes its money out, and leaves the original paid.
    let failed = event(callback("4fb7defa35a056ecc64fc74ea97ef90f", "failed", "20"));
    assert!(checkout.apply(&failed, &options).unwrap());
    assert_eq!(
        (
            checkout.state,
            checkout.outcome,
            checkout.paid_amount.to_string()
        ),
        (State::Paid, Outcome::Success, "50.00".to_owned())
    );
}

/// A gateway's time is written as the schema has it (`T` for a space between the date and
/// the time, the rest as given); text that is no time is an error naming the field.
#[test]
fn gateway_times_are_written_as_the_schema_has_them() {
    let document = |expires: &str| {
        json!({ "id": "p-1", "externalOrderId": "o-1", "type": "deposit", "status": "waiting",
                "currency": "BTC", "amount": "0.1", "payAddress": "bc1q", "expiresAt": expires })
        .to_string()
    };
    let read = |expires: &str| {
        normalize_payment(
            Gateway::Heropayments,
            &document(expires),
            &Options::default(),
        )
    };
    for (given, written) in [
        ("2025-06-01 12:00:00+02:00", "2025-06-01T12:00:00+02:00"),
        ("2022-03-15T12:13:05.909616", "2022-03-15T12:13:05.909616"),
        ("1543657837", "2018-12-01T09:50:37Z"),
    ] {
        let checkout = read(given).unwrap_or_else(|error| panic!("{given}: {error}"));
        assert_eq!(checkout.expires_at.as_deref(), Some(written));
        Checkout::from_json(&checkout.to_json()).unwrap_or_else(|error| panic!("{given}: {error}"));
    }
    let hostile = ["9".repeat(100_000), "x".repeat(100_000)];
    for given in ["tomorrow", "15.01.2024 10:30", "2024-13-01T00:00:00Z"]
        .into_iter()
        .chain(hostile.iter().map(String::as_str))
    {
        let error = read(given).expect_err(given);
        assert_eq!(error.field(), Some("expiresAt"), "{given}: {error}");
        assert!(
            error.to_string().len() < 200,
            "the message quotes an excerpt"
        );
    }
}

/// What the payer sends is read from `payCurrency` and `payAmount` where a document has them,
/// whatever `currency` and `amount` (the order's own, in the account currency) say.
#[test]
fn heropayments_pay_fields_win_over_the_orders_currency() {
    use crypto_checkout::payment::Direction;
    let document = json!({ "id": "p-1", "externalOrderId": "o-1", "type": "deposit",
                           "status": "waiting", "currency": "USD", "amount": "50",
                           "payCurrency": "BTC", "payAmount": "0.0012", "payAddress": "bc1q" })
    .to_string();
    let checkout = normalize_payment(Gateway::Heropayments, &document, &Options::default())
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(checkout.direction, Direction::Deposit);
    assert_eq!(
        (
            checkout.coin.map(|coin| coin.ticker()),
            checkout.amount.map(|amount| amount.to_string())
        ),
        (Some("BTC"), Some("0.0012".to_owned()))
    );
}

/// A Heropayments document that does not say its direction, read without the option: the
/// error names the field (its path) and says what to pass.
#[test]
fn a_heropayments_document_without_direction_names_the_field() {
    for (body, field) in [
        (
            json!({ "status": "waiting", "externalOrderId": "o-1" }),
            "type",
        ),
        (
            json!({ "data": { "status": "waiting", "externalOrderId": "o-1" } }),
            "data.type",
        ),
    ] {
        let error = normalize_payment(
            Gateway::Heropayments,
            &body.to_string(),
            &Options::default(),
        )
        .unwrap_err();
        assert_eq!(
            (error.code(), error.field()),
            ("payment_missing_field", Some(field))
        );
        assert!(error.to_string().contains("`direction` option"), "{error}");
    }
}

#[test]
fn a_heropayments_document_type_wins_over_the_direction_option() {
    use crypto_checkout::payment::Direction;
    let withdrawal = json!({ "type": "withdrawal", "status": "sending", "externalOrderId": "w-1",
                             "currency": "USDT", "network": "trc20", "amount": "10" })
    .to_string();
    for direction in [None, Some(Direction::Deposit), Some(Direction::Withdrawal)] {
        let options = Options {
            direction,
            ..Options::default()
        };
        let event = normalize_webhook(Gateway::Heropayments, &withdrawal, &options).unwrap();
        assert_eq!(
            (event.direction, event.state, event.outcome),
            (Direction::Withdrawal, State::Confirming, Outcome::Pending),
            "{direction:?}"
        );
    }
}

/// An iqpay wallet's webhooks are each about one transfer: a failed one takes only its own
/// money away, and the wallet is paid only while every transfer it holds is confirmed.
#[test]
fn a_wallets_transfers_are_judged_together() {
    let options = Options {
        mode: Mode::Topup,
        ..Options::default()
    };
    let wallet = r#"{"status":200,"data":{"publicKey":"1JeFHLLFQqXDef7K5QskgFbVhyAHGmQNPZ","tag":"","currency":"BTC","extId":"2"}}"#;
    let mut checkout = normalize_payment(Gateway::Iqpay, wallet, &options).unwrap();
    let transfer = |txid: &str, amount: &str, status: u8| {
        let body = json!({ "status": status, "address": "1JeFHLLFQqXDef7K5QskgFbVhyAHGmQNPZ",
                           "wallet_ext_id": "2", "fromAddress": "19gwn5", "txid": txid,
                           "amount": amount, "currency": "BTC" })
        .to_string();
        normalize_webhook(Gateway::Iqpay, &body, &options).unwrap()
    };
    let mut apply = |txid: &str, amount: &str, status: u8| {
        checkout
            .apply(&transfer(txid, amount, status), &options)
            .unwrap();
        (
            checkout.state,
            checkout.outcome,
            checkout.paid_amount.to_string(),
        )
    };
    let paid = |amount: &str| (State::Paid, Outcome::Success, amount.to_owned());
    let confirming = |amount: &str| (State::Confirming, Outcome::Pending, amount.to_owned());
    assert_eq!(apply("a", "1", 0), confirming("1"));
    assert_eq!(apply("a", "1", 1), paid("1"));
    // A second transfer: confirming again until it is confirmed, and a late webhook about
    // the first changes nothing.
    assert_eq!(apply("b", "5", 0), confirming("6"));
    assert_eq!(apply("a", "1", 0), confirming("6"));
    assert_eq!(apply("b", "5", 1), paid("6"));
    // A third that fails takes only its own money away.
    assert_eq!(apply("c", "2", 0), confirming("8"));
    assert_eq!(apply("c", "2", 2), paid("6"));
    assert_eq!(checkout.payments.len(), 2);
}

/// One Calypso subscription delivers every event type: a handler that passes one direction
/// for all of them never reads a withdrawal's success as a paid deposit.
#[test]
fn a_calypso_event_type_wins_over_the_direction_option() {
    use crypto_checkout::payment::Direction;
    let body = |event_type: &str| {
        json!({ "requestId": "r-1", "id": "e-1", "eventType": event_type,
                "data": { "externalId": "w-1", "amount": "10", "currency": "USDT" } })
        .to_string()
    };
    for direction in [None, Some(Direction::Deposit), Some(Direction::Withdrawal)] {
        let options = Options {
            direction,
            ..Options::default()
        };
        let read = |event_type: &str| {
            let event = normalize_webhook(Gateway::Calypso, &body(event_type), &options)
                .unwrap_or_else(|error| panic!("{event_type}: {error}"));
            (event.direction, event.state, event.outcome)
        };
        assert_eq!(
            read("FIAT_APPLIER_WITHDRAWAL_SUCCESS"),
            (Direction::Withdrawal, State::Paid, Outcome::Success),
            "{direction:?}"
        );
        assert_eq!(
            read("INVOICE_PAID"),
            (Direction::Deposit, State::Paid, Outcome::Success),
            "{direction:?}"
        );
        // A type no table lists takes the option's direction, a deposit without one.
        assert_eq!(
            read("SOMETHING_NEW"),
            (
                direction.unwrap_or(Direction::Deposit),
                State::Unknown,
                Outcome::Pending
            ),
            "{direction:?}"
        );
    }
}

#[test]
fn a_hayvn_callback_status_no_table_lists_is_unknown_whatever_the_object_says() {
    let fixture = std::fs::read_to_string(
        "tests/vectors/payments/tables/hayvn/callback-payment_complete.json",
    )
    .unwrap();
    let mut body: serde_json::Value = serde_json::from_str(&fixture).unwrap();
    let documented = normalize_webhook(Gateway::Hayvn, &fixture, &Options::default()).unwrap();
    assert_eq!(documented.outcome, Outcome::Success);
    body["callback_status"] = json!("payment_refunded");
    let event = normalize_webhook(Gateway::Hayvn, &body.to_string(), &Options::default()).unwrap();
    assert_eq!(
        (event.state, event.outcome, event.provider_status.as_str()),
        (State::Unknown, Outcome::Pending, "payment_refunded")
    );
    assert!(event
        .warnings
        .iter()
        .any(|warning| warning.code == "unknown_status"));

    // `payment_incomplete` is any amount outside the profile's range: the payment's own
    // `overpay` makes it an overpayment.
    body["callback_status"] = json!("payment_incomplete");
    body["status"] = json!("incomplete");
    let under = normalize_webhook(Gateway::Hayvn, &body.to_string(), &Options::default()).unwrap();
    assert_eq!(
        (under.state, under.outcome),
        (State::Underpaid, Outcome::Pending)
    );
    body["status"] = json!("overpay");
    let over = normalize_webhook(Gateway::Hayvn, &body.to_string(), &Options::default()).unwrap();
    assert_eq!(
        (over.state, over.outcome, over.provider_status.as_str()),
        (State::Overpaid, Outcome::Pending, "payment_incomplete")
    );
}

/// The fixture `tables/<gateway>/<name>.json`, and its oracle's expected file `<name><suffix>`.
fn fixture(gateway: &str, name: &str, suffix: &str) -> (String, serde_json::Value) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/payments/tables")
        .join(gateway);
    let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    let expected = std::fs::read_to_string(dir.join(format!("{name}{suffix}"))).unwrap();
    (text, serde_json::from_str(&expected).unwrap())
}

#[test]
fn a_confirmed_webhook_keeps_its_key_and_takes_the_rest_from_the_document_read_back() {
    // The CryptoPayment.center docs' webhook names a shortened invoice id: give it the id of
    // the docs' invoice.
    const INVOICE: &str = "550e8400-e29b-41d4-a716-446655440000";
    let (shortened, webhook_expected) = fixture(
        "cryptopayment",
        "webhook-payment-detected",
        ".event.expected.json",
    );
    let webhook = shortened.replace("550e8400-...", INVOICE);
    let key = webhook_expected["event_key"]
        .as_str()
        .unwrap()
        .replace("550e8400-...", INVOICE);
    let options = Options::default();
    for name in [
        "invoice-get-pending",
        "invoice-get-confirming",
        "invoice-get-confirmed",
        "invoice-get-expired",
    ] {
        let (document, expected) = fixture("cryptopayment", name, ".expected.json");
        let event = crypto_checkout::payment::normalize_confirmed_webhook(
            Gateway::CryptoPayment,
            webhook.as_str(),
            document.as_str(),
            &options,
        )
        .unwrap();
        let event: serde_json::Value = serde_json::from_str(&event.to_json()).unwrap();
        assert_eq!(event["event_key"], key.as_str(), "{name}");
        assert_eq!(
            event["event_type"], webhook_expected["event_type"],
            "{name}"
        );
        for field in [
            "state",
            "outcome",
            "provider_status",
            "paid_amount",
            "payments",
            "amount",
            "address",
            "coin",
            "network",
        ] {
            assert_eq!(event[field], expected[field], "{name}: {field}");
        }
    }
    // The shortened id names another invoice; a document without an id names none.
    let (document, _) = fixture("cryptopayment", "invoice-get-confirmed", ".expected.json");
    let error = crypto_checkout::payment::normalize_confirmed_webhook(
        Gateway::CryptoPayment,
        shortened.as_str(),
        document.as_str(),
        &options,
    )
    .unwrap_err();
    assert_eq!(
        (error.code(), error.field(), error.input()),
        (
            "payment_invalid_field",
            Some("id"),
            Some(PaymentInput::Document)
        )
    );
    assert!(
        error.to_string().contains("in the document read back"),
        "{error}"
    );
    let anonymous = document.replace(&format!(r#""id": "{INVOICE}","#), "");
    assert_ne!(anonymous, document);
    let error = crypto_checkout::payment::normalize_confirmed_webhook(
        Gateway::CryptoPayment,
        webhook.as_str(),
        anonymous.as_str(),
        &options,
    )
    .unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("payment_missing_field", Some("id"))
    );
    // Each input's own errors say which input is wrong.
    for (body, read_back, input) in [
        ("{", document.as_str(), PaymentInput::Body),
        (webhook.as_str(), "[1,", PaymentInput::Document),
    ] {
        let error = crypto_checkout::payment::normalize_confirmed_webhook(
            Gateway::CryptoPayment,
            body,
            read_back,
            &options,
        )
        .unwrap_err();
        assert_eq!(
            (error.code(), error.input()),
            ("payment_invalid_json", Some(input))
        );
    }
}

/// Another payment's event leaves a checkout in a state its outcome allows, even where the
/// stored raw status says more than the state (a CryptoPayment invoice whose status and event
/// disagree is unknown): the document still reads back.
#[test]
fn another_payments_event_keeps_a_document_that_reads_back() {
    let options = Options::default();
    let with_event = |document: String, event: &str| {
        document.replace(r#""status":"#, &format!(r#""event":"{event}","status":"#))
    };
    let disagreeing = with_event(invoice("confirmed", "0.1", "0.1"), "payment.detected");
    let mut checkout = normalize_payment(Gateway::CryptoPayment, &disagreeing, &options).unwrap();
    assert_eq!(
        (checkout.state, checkout.outcome),
        (State::Unknown, Outcome::Pending)
    );
    // A webhook (its invoice at the top level) about another invoice to the same address.
    let other = r#"{"invoice_id":"inv-2","event":"payment.detected","status":"confirming","network":"btc","coin":"BTC","address":"bc1qexample","amount_crypto":0.1,"paid_amount":0.05,"txid":"t2"}"#;
    let other = normalize_webhook(Gateway::CryptoPayment, other, &options).unwrap();
    checkout.apply(&other, &options).unwrap();
    assert_eq!(
        (checkout.state, checkout.outcome),
        (State::Unknown, Outcome::Pending)
    );
    Checkout::from_json(&checkout.to_json()).expect("the document reads back");
}
