//! HAYVN Pay: HMAC-SHA256 over base64 JSON for requests, over `callback_id` for callbacks.
//!
//! Request signing follows the docs' samples:
//!
//! ```text
//! signature_data = {"path": request_path, "nonce": nonce, "payload": body or ""}
//! signature      = hex(HMAC_SHA256(key = api_secret, base64(compact_json(signature_data))))
//! ```
//!
//! The samples disagree on how `compact_json` spells non-ASCII characters (see
//! [`SignRequest::hayvn_escape_non_ascii`]). The payload is the body string exactly as sent:
//! the Python sample sends `json.dumps(payload)` (with `", "` and `": "` separators) and
//! signs that same string, so whatever body the caller passes is both signed and returned.

use std::sync::{Mutex, PoisonError};

use super::mac::{self, Algorithm};
use super::{
    body_strings, check_signature_field, encoding, header_value, hex_mac, read_body_fields,
    required_name, SignRequest, SignatureError, SignedRequest, SignedWebhook, Verification,
    WebhookInput,
};

const KEY_HEADER: &str = "X-HAYVNPAY-KEY";
const NONCE_HEADER: &str = "X-HAYVNPAY-NONCE";
const SIGNATURE_HEADER: &str = "X-HAYVNPAY-SIGNATURE";

/// The last nonce produced in this process for each API key (by a fingerprint of the key, so
/// that no credential is kept), sorted by fingerprint.
static LAST_NONCES: Mutex<Vec<(Vec<u8>, u64)>> = Mutex::new(Vec::new());

/// The fingerprint of an API key: its HMAC-SHA256 under a fixed key. (Should the hash library
/// ever refuse it, every key would share one entry, and nonces would still increase.)
fn fingerprint(api_key: &str) -> Vec<u8> {
    mac::sign(Algorithm::Sha256, b"hayvn-nonce", &[api_key.as_bytes()]).unwrap_or_default()
}

/// Records `candidate` as the latest nonce for `api_key` and returns it, raised above the
/// last nonce for that key when `raise` is set.
fn claim_nonce(api_key: &str, candidate: u64, raise: bool) -> u64 {
    let key = fingerprint(api_key);
    let mut last_nonces = LAST_NONCES.lock().unwrap_or_else(PoisonError::into_inner);
    let index = match last_nonces.binary_search_by(|(known, _)| known.cmp(&key)) {
        Ok(index) => index,
        Err(index) => {
            last_nonces.insert(index, (key, 0));
            index
        }
    };
    let last = &mut last_nonces[index].1;
    let nonce = if raise {
        candidate.max(last.saturating_add(1))
    } else {
        candidate
    };
    *last = (*last).max(nonce);
    nonce
}

/// How `signature_data` is written: the documented form, and the variants a signer gets wrong
/// (which the signature diagnosis tries).
#[derive(Debug, Clone, Copy)]
pub(super) struct SignatureData {
    /// Non-ASCII characters as `\uXXXX` (the Python and PHP samples) or raw (JavaScript's).
    pub(super) ascii_only: bool,
    /// `", "` and `": "` between members, as Python's `json.dumps` writes without
    /// `separators=(',', ':')`.
    pub(super) spaced: bool,
    /// Keys in alphabetical order (`nonce`, `path`, `payload`), as `sort_keys=True` writes.
    pub(super) sorted: bool,
    /// The nonce as a JSON number instead of a string.
    pub(super) numeric_nonce: bool,
}

impl SignatureData {
    /// `{"path":…,"nonce":…,"payload":…}`, compact, the nonce a string, non-ASCII escaped.
    pub(super) const DOCUMENTED: SignatureData = SignatureData {
        ascii_only: true,
        spaced: false,
        sorted: false,
        numeric_nonce: false,
    };
}

/// The JSON object HAYVN signs (before base64), written as `form` says.
pub(super) fn signature_data(
    path: &str,
    nonce: &str,
    payload: &str,
    form: &SignatureData,
) -> String {
    let mut nonce_text = String::new();
    if form.numeric_nonce {
        nonce_text.push_str(nonce);
    } else {
        crate::json::string::push_json_string(&mut nonce_text, nonce, form.ascii_only);
    }
    let mut members = [
        ("path", path, false),
        ("nonce", nonce, true),
        ("payload", payload, false),
    ];
    if form.sorted {
        members.sort_by_key(|(name, ..)| *name);
    }
    let (comma, colon) = if form.spaced {
        (", ", ": ")
    } else {
        (",", ":")
    };
    let mut data = String::with_capacity(payload.len() + path.len() + 48);
    data.push('{');
    for (index, (name, value, is_nonce)) in members.into_iter().enumerate() {
        if index > 0 {
            data.push_str(comma);
        }
        data.push('"');
        data.push_str(name);
        data.push('"');
        data.push_str(colon);
        if is_nonce {
            data.push_str(&nonce_text);
        } else {
            crate::json::string::push_json_string(&mut data, value, form.ascii_only);
        }
    }
    data.push('}');
    data
}

pub(super) fn sign(request: &SignRequest<'_>) -> Result<SignedRequest, SignatureError> {
    let secret = request.require_secret()?;
    let api_key = request.require_api_key()?;
    if request.path.is_empty() {
        return Err(SignatureError::MissingField("path"));
    }
    let body = request.body_text()?;
    let nonce = match request.nonce {
        Some(nonce) => claim_nonce(api_key, nonce, false),
        None => claim_nonce(api_key, request.current_ms()?, true),
    };
    let nonce = nonce.to_string();
    let signature_data = signature_data(
        request.path,
        &nonce,
        body,
        &SignatureData {
            ascii_only: request.hayvn_escape_non_ascii,
            ..SignatureData::DOCUMENTED
        },
    );
    let signed_string = encoding::base64_encode(signature_data.as_bytes());
    let tag = hex_mac(Algorithm::Sha256, secret, &[signed_string.as_bytes()])?;
    Ok(SignedRequest {
        headers: vec![
            (
                KEY_HEADER.to_owned(),
                header_value("api_key", api_key)?.to_owned(),
            ),
            (NONCE_HEADER.to_owned(), nonce),
            (SIGNATURE_HEADER.to_owned(), tag),
        ],
        body: body.to_owned(),
        signed_string,
    })
}

/// Signs a callback as HAYVN does: its `callback_id`, keyed with the callback token.
pub(super) fn sign_webhook(secret: &[u8], body: &[u8]) -> Result<SignedWebhook, SignatureError> {
    let [callback_id] = body_strings(
        body,
        ["callback_id"],
        "is not a json object with a string `callback_id`",
    )?;
    Ok(SignedWebhook {
        headers: Vec::new(),
        signature_field: Some(hex_mac(
            Algorithm::Sha256,
            secret,
            &[callback_id.as_bytes()],
        )?),
    })
}

/// Verifies a webhook: `Ok` with a valid verdict, or `Err` with the reason it is not.
pub(super) fn check(input: &WebhookInput<'_>) -> Result<Verification, Verification> {
    let secret = input.require_secret()?;
    let [callback_id, signature] = read_body_fields(input.body, ["callback_id", "signature"])?;
    let callback_id = required_name(callback_id, "callback_id")?;
    check_signature_field(signature, secret, &[callback_id.as_bytes()])?;
    Ok(Verification::valid(Some(callback_id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str, ascii_only: bool) -> String {
        let mut out = String::new();
        crate::json::string::push_json_string(&mut out, text, ascii_only);
        out
    }

    #[test]
    fn escapes_like_python_and_javascript() {
        let text = "a\"b\\c/\u{8}\u{c}\n\r\t\u{0}\u{1f} \u{7f}é€😀";
        assert_eq!(
            escaped(text, true),
            r#""a\"b\\c/\b\f\n\r\t\u0000\u001f \u007f\u00e9\u20ac\ud83d\ude00""#
        );
        assert_eq!(
            escaped(text, false),
            "\"a\\\"b\\\\c/\\b\\f\\n\\r\\t\\u0000\\u001f \u{7f}é€😀\""
        );
    }

    #[test]
    fn automatic_nonces_strictly_increase_per_key() {
        let key = "nonce-test-key";
        let first = claim_nonce(key, 1_000, true);
        let second = claim_nonce(key, 1_000, true);
        let third = claim_nonce(key, 999, true);
        assert_eq!((first, second, third), (1_000, 1_001, 1_002));
        assert_eq!(claim_nonce(key, 5_000, true), 5_000);
        // An explicit nonce is used as given, and later automatic ones exceed it.
        assert_eq!(claim_nonce(key, 9_000, false), 9_000);
        assert_eq!(claim_nonce(key, 6_000, true), 9_001);
        // Other keys are independent.
        assert_eq!(claim_nonce("another-nonce-test-key", 1_000, true), 1_000);
    }
}
