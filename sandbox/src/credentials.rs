//! The sandbox's credentials: what a merchant copies from each gateway's dashboard, and what the
//! simulated gateway checks. Fixed, public and worthless outside the sandbox.

use crypto_checkout::payment::Gateway;
use crypto_checkout::signature::Secret;

/// The HAYVN profile the sandbox account creates its payments under (its callback URL is the
/// sandbox merchant's `/webhooks/hayvn`).
pub const HAYVN_PROFILE: &str = "deb23315-1eae-46fe-929f-6f3067292493";

/// One gateway account.
pub struct Credentials {
    /// The API key (HAYVN's `X-HAYVNPAY-KEY`, Heropayments' `x-api-key`, iqpay's
    /// `Authorization`, CryptoPayment.center's bearer key, the sandbox Calypso `X-Api-Key`).
    pub api_key: &'static str,
    /// The API secret that signs requests (Heropayments, HAYVN) or travels with the key
    /// (CryptoPayment.center); empty where the gateway has none.
    pub api_secret: &'static str,
    /// What signs webhooks: Heropayments' API secret, HAYVN's callback token,
    /// CryptoPayment.center's base64 APP_KEY, Calypso's webhook secret; empty for iqpay.
    pub webhook_secret: &'static str,
}

impl Credentials {
    /// The webhook secret as the SDK takes it.
    pub fn webhook_secret(&self) -> Secret {
        Secret::from(self.webhook_secret)
    }

    /// The API secret as the SDK takes it.
    pub fn api_secret(&self) -> Secret {
        Secret::from(self.api_secret)
    }
}

/// The sandbox account at `gateway`.
pub fn of(gateway: Gateway) -> Credentials {
    match gateway {
        Gateway::Heropayments => Credentials {
            api_key: "hp_sandbox_key",
            api_secret: "hp_sandbox_secret_4f2a",
            webhook_secret: "hp_sandbox_secret_4f2a",
        },
        Gateway::Hayvn => Credentials {
            api_key: "hayvn_sandbox_key",
            api_secret: "hayvn_sandbox_secret_9c1e",
            webhook_secret: "hayvn_sandbox_callback_token_77d0",
        },
        Gateway::CryptoPayment => Credentials {
            api_key: "pk_sandbox",
            api_secret: "sk_sandbox_3b8d",
            // base64 of "sandbox-app-key-cryptopayment!!"
            webhook_secret: "c2FuZGJveC1hcHAta2V5LWNyeXB0b3BheW1lbnQhIQ==",
        },
        Gateway::Iqpay => Credentials {
            api_key: "iqpay_sandbox_key",
            api_secret: "",
            webhook_secret: "",
        },
        Gateway::Calypso => Credentials {
            api_key: "calypso_sandbox_key",
            api_secret: "",
            webhook_secret: "calypso_sandbox_webhook_secret_5a6b",
        },
    }
}
