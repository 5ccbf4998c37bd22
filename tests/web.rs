//! The core compiled to wasm32 and run in headless Chromium (wasm-bindgen-test), checked
//! against the browser's own `JSON.parse`/`JSON.stringify` and against the absence of a
//! system clock. Run with `make test-web`.
#![cfg(target_arch = "wasm32")]

use crypto_checkout::json::{self, Text};
use crypto_checkout::signature::{
    sign_request, verify_webhook, Provider, Secret, SignRequest, Verdict, WebhookInput,
};
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JavaScript string as it is (unpaired surrogates included).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;

    /// `JSON.stringify`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn json_stringify(value: &JsValue) -> Result<JsString, JsValue>;
}

/// What the browser makes of `text`: `JSON.stringify(JSON.parse(text))` as UTF-16 code units,
/// or `None` where `JSON.parse` throws.
fn browser_normalize(text: &JsString) -> Option<Vec<u16>> {
    let value = json_parse(text).ok()?;
    json_stringify(&value).ok().map(|s| s.iter().collect())
}

/// Compares the core with the browser on `text`, passed as UTF-16 (as a JavaScript string).
fn check(text: &str) {
    check_js(&JsString::from(text));
}

fn check_js(js: &JsString) {
    let units: Vec<u16> = js.iter().collect();
    let ours = json::normalize(Text::from(units.as_slice()))
        .ok()
        .map(|text| text.encode_utf16().collect::<Vec<u16>>());
    assert_eq!(
        ours,
        browser_normalize(js),
        "input: {:?}",
        String::from_utf16_lossy(&units)
    );
}

#[wasm_bindgen_test]
fn edge_cases_match_the_browser() {
    for text in [
        r#"{"b": 1.10, "a": [1E2, "\u00e9"], "2": null}"#,
        r#"[0, -0, 0.0, 1e21, 1e-7, 0.000001, 1e400, -1e400, 5e-324, 1.7976931348623157e308]"#,
        r#"[9007199254740993, 12345678901234567890, 0.1, 0.30000000000000004, 123e-2]"#,
        r#"{"10": 1, "9": 2, "a": 3, "4294967294": 4, "4294967295": 5, "01": 6, "-1": 7}"#,
        r#"{"a": 1, "a": 2, "__proto__": {"x": 1}, "b": {"a": 1, "a": [1]}}"#,
        r#""\ud800 \udfff \ud83d\ude00 \/ \b\f\n\r\t \u001f \u2028 \u007f""#,
        "\"\u{2028}\u{7f}é€😀\"",
        " \t\r\n[ ]\n",
        "",
        "[1,]",
        "{\"a\" 1}",
        "01",
        "[\"\t\"]",
        "\"\\x\"",
        "[1] x",
        "nul",
        "-",
        "1.",
        ".5",
        "1e",
        "[1e+]",
    ] {
        check(text);
    }
}

#[wasm_bindgen_test]
fn unpaired_surrogates_survive_as_in_the_browser() {
    // Built from code units: a Rust &str cannot hold them.
    for units in [
        &[0x22, 0xD800, 0x22][..],
        &[0x5B, 0x22, 0xDC00, 0x61, 0x22, 0x5D],
        &[
            0x7B, 0x22, 0xD83D, 0x22, 0x3A, 0x22, 0xD83D, 0xDE00, 0xDE00, 0x22, 0x7D,
        ],
    ] {
        check_js(&JsString::from_char_code(units));
    }
}

/// A small deterministic generator of JSON texts, valid and (after mutation) invalid.
struct Generator(u64);

impl Generator {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len() as u64) as usize]
    }

    fn value(&mut self, depth: u32, out: &mut String) {
        match if depth > 3 {
            self.next(4)
        } else {
            self.next(6)
        } {
            0 => out.push_str(self.pick(&["true", "false", "null"])),
            1 => {
                let number = self.pick(&[
                    "0",
                    "-0",
                    "1.10",
                    "1E2",
                    "1e21",
                    "1e-7",
                    "0.5e-6",
                    "123456789012345678",
                    "-3.14159",
                    "50.00",
                    "2e308",
                    "9.999999999999999e22",
                    "0.1",
                ]);
                out.push_str(number);
            }
            2 | 3 => {
                out.push('"');
                for _ in 0..self.next(6) {
                    out.push_str(self.pick(&[
                        "a",
                        "é",
                        "€",
                        "😀",
                        "\\n",
                        "\\/",
                        "\\u00e9",
                        "\\ud83d\\ude00",
                        "\\ud800",
                        "\\\"",
                        " ",
                        "\u{2028}",
                        "\\u001f",
                    ]));
                }
                out.push('"');
            }
            4 => {
                out.push('[');
                for i in 0..self.next(4) {
                    if i > 0 {
                        out.push_str(self.pick(&[",", " , ", ",\n"]));
                    }
                    self.value(depth + 1, out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                for i in 0..self.next(5) {
                    if i > 0 {
                        out.push(',');
                    }
                    let key = self.pick(&["\"a\"", "\"b\"", "\"10\"", "\"2\"", "\"é\"", "\"a\""]);
                    out.push_str(key);
                    out.push_str(self.pick(&[":", " : "]));
                    self.value(depth + 1, out);
                }
                out.push('}');
            }
        }
    }
}

#[wasm_bindgen_test]
fn generated_documents_match_the_browser() {
    let mut generator = Generator(20_261_122);
    for _ in 0..3_000 {
        let mut text = String::new();
        generator.value(0, &mut text);
        check(&text);
        // One mutation: drop, duplicate or replace a character, mostly making it invalid.
        let chars: Vec<char> = text.chars().collect();
        let at = generator.next(chars.len() as u64) as usize;
        let mut mutated: String = chars[..at].iter().collect();
        match generator.next(3) {
            0 => {}
            1 => mutated.push(chars[at]),
            _ => mutated.push_str(generator.pick(&["{", "]", ",", "\"", "\\", "x", "0"])),
        }
        mutated.extend(&chars[at + 1..]);
        check(&mutated);
    }
}

#[wasm_bindgen_test]
fn signing_in_the_browser_needs_the_time_given() {
    let secret = Secret::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    let body = r#"{"type":"invoice.paid"}"#;
    let request = SignRequest::new(Provider::Standard)
        .secret(&secret)
        .message_id("msg_1")
        .body(body);
    // wasm32 in a browser has no system clock: without a time, signing says so.
    assert_eq!(
        sign_request(&request).unwrap_err().code(),
        "signature_clock_unavailable"
    );
    let now_ms = js_sys::Date::now() as u64;
    let signed = sign_request(&request.now_ms(now_ms)).unwrap();
    let input = WebhookInput::new(Provider::Standard, body)
        .secret(&secret)
        .headers(&signed.headers);
    let unverifiable = verify_webhook(&input);
    assert_eq!(unverifiable.verdict, Verdict::Invalid);
    assert_eq!(
        unverifiable.reason.map(|reason| reason.code.as_str()),
        Some("clock_unavailable")
    );
    let verification = verify_webhook(&input.now((now_ms / 1000) as i64));
    assert_eq!(verification.verdict, Verdict::Valid, "{verification:?}");
}

#[wasm_bindgen_test]
fn heropayments_signs_what_the_browser_would_send() {
    let secret = Secret::from("hp-secret");
    let body = r#"{ "amount": "50.00", "rate": 1.50, "2": [1E2] }"#;
    let signed = sign_request(
        &SignRequest::new(Provider::Heropayments)
            .secret(&secret)
            .body(body),
    )
    .unwrap();
    assert_eq!(
        Some(signed.body.encode_utf16().collect()),
        browser_normalize(&JsString::from(body))
    );
    assert_eq!(signed.signed_string, signed.body);
}
