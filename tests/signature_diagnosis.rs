//! `diagnose` against the cases of `tests/vectors/diagnosis/`: signatures made by Node's
//! `crypto` and Python's `hmac` with a known mistake (or none), from the scripts beside them.
//! One test per file; a failure lists every failing case by index and name.

mod common;

use crypto_checkout::signature::diagnose::{diagnose, header_block, DiagnosisInput, Scheme};
use serde_json::Value;

fn check_file(file: &str) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/diagnosis/").to_owned() + file;
    let data: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let cases = data["cases"].as_array().expect("a cases array");
    assert!(cases.len() >= 10, "{file}: {} cases", cases.len());
    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let text = |name: &str| case["inputs"][name].as_str().unwrap_or("");
        let headers = header_block(text("headers"));
        let scheme = Scheme::parse(case["scheme"].as_str().unwrap());
        assert!(scheme.is_some(), "{file}[{index}]: unknown scheme");
        let input = DiagnosisInput {
            scheme,
            secret: text("secret").as_bytes(),
            body: text("body").as_bytes(),
            query: text("query"),
            path: text("path"),
            nonce: text("nonce"),
            message_id: text("message_id"),
            timestamp: text("timestamp"),
            received: text("received"),
            headers: &headers,
        };
        let diagnosis = diagnose(&input);
        let got = (
            diagnosis.finding.as_str(),
            diagnosis.mistake.as_ref().map(|mistake| mistake.code),
        );
        let want = (
            case["expected"]["finding"].as_str().unwrap(),
            case["expected"]["mistake"].as_str(),
        );
        if got != want {
            failures.push(format!(
                "{file}[{index}] {}: got {got:?}, expected {want:?} ({})",
                case["name"], diagnosis.message
            ));
        }
        if diagnosis.finding == crypto_checkout::signature::diagnose::Finding::Mismatch
            && diagnosis.mistake.is_none()
            && diagnosis.expected_hex.len() < 64
        {
            failures.push(format!(
                "{file}[{index}]: a mismatch shows the expected signature"
            ));
        }
    }
    common::assert_all_passed(&failures, cases.len(), "cases");
}

#[test]
fn node_cases() {
    check_file("node.json");
}

#[test]
fn python_cases() {
    check_file("python.json");
}
