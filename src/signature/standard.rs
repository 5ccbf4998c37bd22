//! Standard Webhooks (<https://www.standardwebhooks.com>), symmetric `v1` signatures.
//!
//! Signed content: `{webhook-id}.{webhook-timestamp}.{body}`, HMAC-SHA256 keyed with the
//! base64 decoding of the secret after an optional `whsec_` prefix, sent base64-encoded as
//! `v1,{signature}` in `webhook-signature`. That header is a space-separated list so that a
//! sender can sign with an old and a new secret during rotation: the webhook is valid when
//! any `v1` entry matches; entries of other versions (`v1a`, asymmetric) are ignored.
//!
//! The MAC is checked before the timestamp, so that an expired webhook is reported as
//! "authentic but too old" rather than as a mismatch.

use super::mac::{self, Algorithm};
use super::{
    decode_signature, encoding, header_value, key_rejected, signing_mac, ReasonCode, SignRequest,
    SignatureEncoding, SignatureError, SignatureSource, SignedRequest, Verification, WebhookInput,
};

pub(super) const ID_HEADER: &str = "webhook-id";
pub(super) const TIMESTAMP_HEADER: &str = "webhook-timestamp";
pub(super) const SIGNATURE_HEADER: &str = "webhook-signature";
const SECRET_PREFIX: &str = "whsec_";
const VERSION: &str = "v1";
/// How far, in seconds, a timestamp may be from the current time in either direction.
const TOLERANCE_SECS: i64 = 5 * 60;

/// The HMAC key: the secret's base64 payload.
fn key(secret: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(secret).ok()?;
    encoding::base64_decode(text.strip_prefix(SECRET_PREFIX).unwrap_or(text))
        .filter(|key| !key.is_empty())
}

pub(super) fn sign(request: &SignRequest<'_>) -> Result<SignedRequest, SignatureError> {
    let key = key(request.require_secret()?).ok_or(SignatureError::InvalidSecret(
        "the secret is not base64 (after an optional whsec_ prefix)",
    ))?;
    let message_id = match request.message_id {
        None | Some("") => return Err(SignatureError::MissingField("message_id")),
        Some(id) if id.contains('.') => {
            return Err(SignatureError::InvalidField {
                field: "message_id",
                problem: "contains a `.`",
            })
        }
        Some(id) => header_value("message_id", id)?,
    };
    let timestamp = match request.timestamp {
        Some(timestamp) => timestamp,
        None => i64::try_from(request.current_ms()? / 1000)
            .map_err(|_| SignatureError::ClockUnavailable)?,
    };
    let body = request.body_text()?;
    let signed_string = format!("{message_id}.{timestamp}.{body}");
    let tag = signing_mac(Algorithm::Sha256, &key, &[signed_string.as_bytes()])?;
    Ok(SignedRequest {
        headers: vec![
            (ID_HEADER.to_owned(), message_id.to_owned()),
            (TIMESTAMP_HEADER.to_owned(), timestamp.to_string()),
            (
                SIGNATURE_HEADER.to_owned(),
                format!("{VERSION},{}", encoding::base64_encode(&tag)),
            ),
        ],
        body: body.to_owned(),
        signed_string,
    })
}

fn missing(header: &str) -> Verification {
    Verification::invalid(
        ReasonCode::SignatureMissing,
        format!("no `{header}` header"),
    )
}

/// Verifies a webhook: `Ok` with a valid verdict, or `Err` with the reason it is not.
pub(super) fn check(input: &WebhookInput<'_>) -> Result<Verification, Verification> {
    let key = key(input.require_secret()?).ok_or_else(|| {
        Verification::invalid(
            ReasonCode::SecretInvalid,
            "the secret is not base64 (after an optional whsec_ prefix)".to_owned(),
        )
    })?;
    let message_id = input
        .header(ID_HEADER)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| missing(ID_HEADER))?;
    let timestamp_text = input
        .header(TIMESTAMP_HEADER)
        .ok_or_else(|| missing(TIMESTAMP_HEADER))?;
    let timestamp = parse_timestamp(timestamp_text).ok_or_else(|| {
        Verification::invalid(
            ReasonCode::TimestampInvalid,
            format!("header `{TIMESTAMP_HEADER}` is not a whole number of seconds"),
        )
    })?;
    // Every `webhook-signature` header counts: a proxy may have split the list, and HTTP
    // joins a header sent more than once with `, ` (base64 has no comma to lose).
    let entries: Vec<&str> = input
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(SIGNATURE_HEADER))
        .flat_map(|(_, value)| value.split([' ', '\t']))
        .filter_map(|entry| entry.split_once(','))
        .filter(|(version, _)| *version == VERSION)
        .map(|(_, signature)| signature.trim_end_matches(','))
        .collect();
    if entries.is_empty() {
        return Err(if input.header(SIGNATURE_HEADER).is_some() {
            Verification::invalid(
                ReasonCode::SignatureMissing,
                format!("header `{SIGNATURE_HEADER}` has no `{VERSION},` signature"),
            )
        } else {
            missing(SIGNATURE_HEADER)
        });
    }
    let timestamp_string = timestamp.to_string();
    let parts: [&[u8]; 5] = [
        message_id.as_bytes(),
        b".",
        timestamp_string.as_bytes(),
        b".",
        input.body,
    ];
    // One MAC, compared in constant time with each entry: a long list costs no more hashing.
    let expected =
        mac::sign(Algorithm::Sha256, &key, &parts).map_err(|mac::KeyRejected| key_rejected())?;
    let source = SignatureSource::Header(SIGNATURE_HEADER);
    let mut malformed = None;
    let mut any_well_formed = false;
    for entry in entries {
        match decode_signature(entry, Algorithm::Sha256, SignatureEncoding::Base64, source) {
            Ok(tag) if mac::tags_equal(&tag, &expected) => {
                check_timestamp(timestamp, input)?;
                return Ok(Verification::valid(Some(message_id.to_owned())));
            }
            Ok(_) => any_well_formed = true,
            Err(verification) => {
                malformed.get_or_insert(verification);
            }
        }
    }
    // A mismatch says more than a malformed entry beside it.
    match malformed {
        Some(verification) if !any_well_formed => Err(verification),
        _ => Err(source.mismatch()),
    }
}

/// An unsigned decimal integer, as senders write Unix timestamps.
fn parse_timestamp(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn check_timestamp(timestamp: i64, input: &WebhookInput<'_>) -> Result<(), Verification> {
    let now = input
        .now
        .or_else(super::clock::system_now_secs)
        .ok_or_else(|| {
            Verification::invalid(
                ReasonCode::ClockUnavailable,
                "no current time was given and there is no system clock".to_owned(),
            )
        })?;
    if now.saturating_sub(timestamp) > TOLERANCE_SECS {
        Err(Verification::invalid(
            ReasonCode::TimestampTooOld,
            format!(
                "header `{TIMESTAMP_HEADER}` is {} seconds in the past, more than the {TOLERANCE_SECS} allowed",
                now.saturating_sub(timestamp)
            ),
        ))
    } else if timestamp.saturating_sub(now) > TOLERANCE_SECS {
        Err(Verification::invalid(
            ReasonCode::TimestampTooNew,
            format!(
                "header `{TIMESTAMP_HEADER}` is {} seconds in the future, more than the {TOLERANCE_SECS} allowed",
                timestamp.saturating_sub(now)
            ),
        ))
    } else {
        Ok(())
    }
}
