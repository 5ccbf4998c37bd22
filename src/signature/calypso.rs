//! Calypso Pay: header `Sign` = hex HMAC-SHA512 keyed with the secret over the raw body.
//!
//! The MAC covers the body bytes exactly as received: a body parsed and serialized again
//! (reformatted, keys reordered) no longer verifies, so pass the raw request body.

use super::mac::Algorithm;
use super::{
    check_mac, header_signature, hex_mac, SignatureEncoding, SignatureError, SignedWebhook,
    Verification, WebhookInput,
};
use crate::payment::{webhook_event_key, Gateway};

pub(super) const SIGN_HEADER: &str = "Sign";

/// Signs a webhook as Calypso does: the raw body, into the `Sign` header.
pub(super) fn sign_webhook(secret: &[u8], body: &[u8]) -> Result<SignedWebhook, SignatureError> {
    Ok(SignedWebhook {
        headers: vec![(
            SIGN_HEADER.to_owned(),
            hex_mac(Algorithm::Sha512, secret, &[body])?,
        )],
        signature_field: None,
    })
}

/// Verifies a webhook: `Ok` with a valid verdict, or `Err` with the reason it is not.
pub(super) fn check(input: &WebhookInput<'_>) -> Result<Verification, Verification> {
    let secret = input.require_secret()?;
    let (tag, source) = header_signature(
        input,
        SIGN_HEADER,
        Algorithm::Sha512,
        SignatureEncoding::Hex,
    )?;
    check_mac(Algorithm::Sha512, secret, &[input.body], &tag, source)?;
    Ok(Verification::valid(webhook_event_key(
        Gateway::Calypso,
        input.body,
    )))
}
