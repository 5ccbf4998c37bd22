//! CryptoPayment.center: bearer credentials for requests; HMAC-SHA256 keyed with the
//! base64-decoded APP_KEY over `invoice_id + "." + event` for webhooks.
//!
//! The APP_KEY is shown base64-encoded in the dashboard and the docs' PHP sample decodes it
//! before use; using the base64 text itself as the key is the classic mistake, so an APP_KEY
//! that is not base64 is reported as such instead of being used raw. A leading `base64:`
//! (the form frameworks such as Laravel write APP_KEYs in) is removed before decoding.

use super::mac::Algorithm;
use super::{
    body_strings, check_signature_field, encoding, hex_mac, read_body_fields, required_name,
    ReasonCode, SignRequest, SignatureError, SignedRequest, SignedWebhook, Verification,
    WebhookInput,
};
use crate::payment::{webhook_event_key, Gateway};

pub(super) fn sign(request: &SignRequest<'_>) -> Result<SignedRequest, SignatureError> {
    let api_key = request.require_api_key()?;
    let secret = std::str::from_utf8(request.require_secret()?)
        .map_err(|_| SignatureError::InvalidSecret("the api secret is not valid utf-8"))?;
    if secret.chars().any(char::is_control) {
        return Err(SignatureError::InvalidSecret(
            "the api secret contains a control character",
        ));
    }
    Ok(SignedRequest {
        headers: vec![(
            "Authorization".to_owned(),
            format!("Bearer {api_key}:{secret}"),
        )],
        body: request.body_text()?.to_owned(),
        signed_string: String::new(),
    })
}

/// The HMAC key an APP_KEY stands for.
fn hmac_key(app_key: &[u8]) -> Option<Vec<u8>> {
    std::str::from_utf8(app_key).ok().and_then(decode_app_key)
}

/// The base64 decoding of an APP_KEY, after an optional `base64:` prefix, with its `=`
/// padding or without (the docs' PHP sample, `base64_decode`, takes both).
pub(super) fn decode_app_key(app_key: &str) -> Option<Vec<u8>> {
    let text = app_key.strip_prefix("base64:").unwrap_or(app_key);
    let padding = match text.len() % 4 {
        2 => "==",
        3 => "=",
        _ => "",
    };
    encoding::base64_decode(&format!("{text}{padding}"))
}

/// Signs a webhook as CryptoPayment.center does: `invoice_id.event`, keyed with the decoded
/// APP_KEY, for the body's `signature` field.
pub(super) fn sign_webhook(app_key: &[u8], body: &[u8]) -> Result<SignedWebhook, SignatureError> {
    let key = hmac_key(app_key).ok_or(SignatureError::InvalidSecret(
        "the app_key is not valid base64",
    ))?;
    let [invoice_id, event] = body_strings(
        body,
        ["invoice_id", "event"],
        "is not a json object with string `invoice_id` and `event` fields",
    )?;
    let tag = hex_mac(
        Algorithm::Sha256,
        &key,
        &[invoice_id.as_bytes(), b".", event.as_bytes()],
    )?;
    Ok(SignedWebhook {
        headers: Vec::new(),
        signature_field: Some(tag),
    })
}

/// Verifies a webhook: `Ok` with a valid verdict, or `Err` with the reason it is not.
pub(super) fn check(input: &WebhookInput<'_>) -> Result<Verification, Verification> {
    let app_key = input.require_secret()?;
    let key = hmac_key(app_key).ok_or_else(|| {
        Verification::invalid(
            ReasonCode::SecretInvalid,
            "the app_key is not valid base64: give it exactly as the dashboard shows it".to_owned(),
        )
    })?;
    let [invoice_id, event, signature] =
        read_body_fields(input.body, ["invoice_id", "event", "signature"])?;
    let invoice_id = required_name(invoice_id, "invoice_id")?;
    let event = required_name(event, "event")?;
    check_signature_field(
        signature,
        &key,
        &[invoice_id.as_bytes(), b".", event.as_bytes()],
    )?;
    Ok(Verification::valid(webhook_event_key(
        Gateway::CryptoPayment,
        input.body,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::{sign_request, Provider, Secret};

    #[test]
    fn debug_hides_the_bearer_credentials() {
        let secret = Secret::from("sk_xyz789");
        let signed = sign_request(
            &SignRequest::new(Provider::CryptoPayment)
                .api_key("pk_abc123")
                .secret(&secret),
        )
        .unwrap();
        assert_eq!(
            signed.headers,
            vec![(
                "Authorization".to_owned(),
                "Bearer pk_abc123:sk_xyz789".to_owned()
            )]
        );
        let debug = format!("{signed:?}");
        assert!(
            !debug.contains("sk_xyz789") && !debug.contains("pk_abc123"),
            "{debug}"
        );
    }

    #[test]
    fn header_injection_is_refused() {
        let secret = Secret::from("sk\r\nX-Evil: 1");
        let error = sign_request(
            &SignRequest::new(Provider::CryptoPayment)
                .api_key("pk")
                .secret(&secret),
        )
        .unwrap_err();
        assert_eq!(error.code(), "signature_invalid_secret");
        assert!(!error.to_string().contains("Evil"));
        let secret = Secret::from("sk");
        let error = sign_request(
            &SignRequest::new(Provider::CryptoPayment)
                .api_key("pk\n")
                .secret(&secret),
        )
        .unwrap_err();
        assert_eq!(error.code(), "signature_invalid_field");
    }
}
