//! Checks `payment_uri` against `tests/vectors/uri/cases.json`, written by an independent
//! oracle (`make_cases.mjs` beside it: BigInt amounts, each form built from its
//! specification). A failure lists every failing case by index and name.

mod common;

use std::path::PathBuf;

use crypto_checkout::uri::{payment_uri, PaymentInstruction, TronForm};
use serde_json::Value;

fn field<'a>(instruction: &'a Value, key: &str) -> Result<&'a str, String> {
    instruction[key]
        .as_str()
        .ok_or_else(|| format!("instruction has no string `{key}`"))
}

fn optional<'a>(instruction: &'a Value, key: &str) -> Result<Option<&'a str>, String> {
    match &instruction[key] {
        Value::Null => Ok(None),
        value => value
            .as_str()
            .map(Some)
            .ok_or_else(|| format!("`{key}` is neither a string nor null")),
    }
}

fn instruction(value: &Value) -> Result<PaymentInstruction<'_>, String> {
    Ok(PaymentInstruction {
        network: field(value, "network")?,
        coin: field(value, "coin")?,
        address: field(value, "address")?,
        amount: optional(value, "amount")?,
        tag: optional(value, "tag")?,
        label: optional(value, "label")?,
        tron_form: match field(value, "tron_form")? {
            "address" => TronForm::Address,
            "tron_uri" => TronForm::TronUri,
            other => return Err(format!("unknown tron_form `{other}`")),
        },
    })
}

fn check(case: &Value) -> Result<(), String> {
    let result = payment_uri(&instruction(&case["instruction"])?);
    match (result, case["uri"].as_str(), case["error"].as_str()) {
        (Ok(uri), Some(want), None) if uri == want => Ok(()),
        (Ok(uri), Some(want), None) => Err(format!("got `{uri}`, want `{want}`")),
        (Err(error), None, Some(code)) if error.code() == code => Ok(()),
        (Err(error), None, Some(code)) => Err(format!(
            "got error {} ({error}), want error {code}",
            error.code()
        )),
        (Ok(uri), None, Some(code)) => Err(format!("got `{uri}`, want error {code}")),
        (Err(error), Some(want), None) => Err(format!("got error ({error}), want `{want}`")),
        _ => Err("the case needs exactly one of `uri` and `error`".to_owned()),
    }
}

#[test]
fn cases() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/uri/cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let data: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases = data["cases"].as_array().expect("a `cases` array");
    assert!(!cases.is_empty(), "no cases");
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(index, case)| {
            let name = case["name"].as_str().unwrap_or("(unnamed)");
            check(case)
                .err()
                .map(|problem| format!("cases[{index}] \"{name}\": {problem}"))
        })
        .collect();
    common::assert_all_passed(&failures, cases.len(), "cases");
}

#[test]
fn messages_name_the_field() {
    let base = PaymentInstruction {
        network: "bitcoin",
        coin: "BTC",
        address: "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        ..PaymentInstruction::default()
    };
    let message =
        |instruction: PaymentInstruction| payment_uri(&instruction).unwrap_err().to_string();
    let table = [
        (PaymentInstruction { network: "solana", ..base }, "network `solana` is not known"),
        (PaymentInstruction { coin: "SHIB", ..base }, "coin `SHIB` is not known"),
        (PaymentInstruction { coin: "", ..base }, "coin is missing"),
        (
            PaymentInstruction { network: "", coin: "USDT", ..base },
            "network is missing: USDT is on several networks",
        ),
        (
            PaymentInstruction { network: "tron", coin: "USDT_BSC", ..base },
            "network tron does not match the coin, which is on bsc",
        ),
        (
            PaymentInstruction { network: "tron", coin: "DAI", ..base },
            "coin DAI is not available on network tron",
        ),
        (PaymentInstruction { address: "", ..base }, "address is missing"),
        (
            PaymentInstruction { address: "abc def", ..base },
            "address contains ' ', which a payment uri cannot carry unchanged",
        ),
        (
            PaymentInstruction { network: "ethereum", coin: "ETH", ..base },
            "address is not an evm address (0x and 40 hex digits)",
        ),
        (PaymentInstruction { amount: Some("1,5"), ..base }, "`1,5` is not a decimal number"),
        (
            PaymentInstruction { amount: Some("0.000000001"), ..base },
            "amount has more than 8 decimals",
        ),
        (PaymentInstruction { amount: Some("-1"), ..base }, "amount is negative"),
        (
            PaymentInstruction { amount: Some("0"), ..base },
            "amount is zero (leave it out to let the payer choose)",
        ),
        (
            PaymentInstruction { tag: Some("7"), ..base },
            "tag cannot be given on bitcoin, whose payment uri has no tag",
        ),
        (
            PaymentInstruction {
                network: "ripple",
                coin: "XRP",
                tag: Some("x"),
                ..base
            },
            "tag is not valid on ripple: it must be a destination tag (an integer from 0 to 4294967295)",
        ),
    ];
    for (instruction, want) in table {
        assert_eq!(message(instruction), want, "{instruction:?}");
    }
}
