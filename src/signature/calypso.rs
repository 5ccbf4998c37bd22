//! Calypso Pay: header `Sign` = hex HMAC-SHA512 keyed with the secret over the raw body.
//!
//! The MAC covers the body bytes exactly as received: a body parsed and serialized again
//! (reformatted, keys reordered) no longer verifies, so pass the raw request body.

use super::mac::Algorithm;
use super::{
    check_mac, decode_signature, join_key, ReasonCode, SignatureEncoding, Verification,
    WebhookInput,
};

const SIGN_HEADER: &str = "Sign";

pub(super) fn verify(input: &WebhookInput<'_>) -> Verification {
    match check(input) {
        Ok(verification) | Err(verification) => verification,
    }
}

fn check(input: &WebhookInput<'_>) -> Result<Verification, Verification> {
    let secret = input.require_secret()?;
    let received = input.header(SIGN_HEADER).ok_or_else(|| {
        Verification::invalid(
            ReasonCode::SignatureMissing,
            format!("no `{SIGN_HEADER}` header"),
        )
    })?;
    let source = format!("header `{SIGN_HEADER}`");
    let tag = decode_signature(received, Algorithm::Sha512, SignatureEncoding::Hex, &source)?;
    check_mac(Algorithm::Sha512, secret, &[input.body], &tag, &source)?;
    Ok(Verification::valid(event_key(input.body)))
}

/// `requestId:id`: the request that created the webhook subscription, and the event's id.
fn event_key(body: &[u8]) -> Option<String> {
    join_key(&super::fields::read_fields(body, ["requestId", "id"]).ok()?)
}
