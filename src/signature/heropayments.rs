//! Heropayments: HMAC-SHA512 over the normalized JSON body (or the GET query string).
//!
//! The docs ask for the body as `JSON.stringify(JSON.parse(body))` and for callbacks to be
//! checked the same way, so both signing and verification normalize with
//! [`crate::json::normalize`]: whitespace and number spelling in the received body do not
//! matter. The docs do not say how the MAC is encoded; requests carry lowercase hex (what
//! their Node, PHP and Python samples print), and callbacks are accepted in hex of either
//! case or in base64.

use super::mac::Algorithm;
use super::{
    check_mac, header_signature, header_value, hex_mac, Method, ReasonCode, SignRequest,
    SignatureEncoding, SignatureError, SignedRequest, SignedWebhook, Verification, WebhookInput,
};
use crate::payment::{event_key_members, event_key_of_kept, Gateway};

/// The header carrying the signature, on requests and on callbacks.
pub(super) const SIGN_HEADER: &str = "x-api-sign";
/// The header carrying the API key on requests.
const KEY_HEADER: &str = "x-api-key";

pub(super) fn sign(request: &SignRequest<'_>) -> Result<SignedRequest, SignatureError> {
    let secret = request.require_secret()?;
    let (signed_string, body) = match request.effective_method() {
        Method::Get => {
            if request.body.is_some() {
                return Err(SignatureError::BodyNotAllowed);
            }
            let query = request.query.strip_prefix('?').unwrap_or(request.query);
            (query.to_owned(), String::new())
        }
        _ => {
            let raw = request.body.ok_or(SignatureError::MissingField("body"))?;
            let normalized = crate::json::normalize(raw).map_err(SignatureError::InvalidJson)?;
            (normalized.clone(), normalized)
        }
    };
    let tag = hex_mac(Algorithm::Sha512, secret, &[signed_string.as_bytes()])?;
    let mut headers = Vec::with_capacity(2);
    if let Some(api_key) = request.api_key.filter(|key| !key.is_empty()) {
        headers.push((
            KEY_HEADER.to_owned(),
            header_value("api_key", api_key)?.to_owned(),
        ));
    }
    headers.push((SIGN_HEADER.to_owned(), tag));
    Ok(SignedRequest {
        headers,
        body,
        signed_string,
    })
}

/// Signs a callback as Heropayments does: the request signature of a POST with this body.
pub(super) fn sign_webhook(secret: &[u8], body: &[u8]) -> Result<SignedWebhook, SignatureError> {
    let normalized = crate::json::normalize(body).map_err(SignatureError::InvalidJson)?;
    let tag = hex_mac(Algorithm::Sha512, secret, &[normalized.as_bytes()])?;
    Ok(SignedWebhook {
        headers: vec![(SIGN_HEADER.to_owned(), tag)],
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
        SignatureEncoding::HexOrBase64,
    )?;
    // The members the event key is made of are read in the same pass.
    let members = event_key_members(Gateway::Heropayments);
    let (normalized, kept) =
        crate::json::normalize_keeping(input.body, members).map_err(|error| {
            Verification::invalid(
                ReasonCode::BodyInvalid,
                format!("the body is not json, so it cannot be normalized: {error}"),
            )
        })?;
    check_mac(Algorithm::Sha512, secret, &[&normalized], &tag, source)?;
    Ok(Verification::valid(event_key_of_kept(
        Gateway::Heropayments,
        kept.as_ref(),
        input.body,
    )))
}
