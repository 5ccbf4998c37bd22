//! iqpay: the API key goes in `Authorization`; webhooks are not signed at all.
//!
//! Anyone who knows the webhook URL can post a fake deposit notification, so a webhook only
//! says "go and look": confirm the transaction through the iqpay API before crediting it.

use super::{SignRequest, SignatureError, SignedRequest, Verification, WebhookInput};
use crate::payment::{webhook_event_key, Gateway};

pub(super) fn sign(request: &SignRequest<'_>) -> Result<SignedRequest, SignatureError> {
    Ok(SignedRequest {
        headers: vec![(
            "Authorization".to_owned(),
            request.require_api_key()?.to_owned(),
        )],
        body: request.body_text()?.to_owned(),
        signed_string: String::new(),
    })
}

pub(super) fn verify(input: &WebhookInput<'_>) -> Verification {
    Verification::unsigned(
        "iqpay does not sign webhooks: confirm the transaction through the iqpay api before crediting it, and record its event key only then (a forged webhook can name the same key)"
            .to_owned(),
        webhook_event_key(Gateway::Iqpay, input.body),
    )
}
