//! Request signing and webhook verification for every gateway.
//!
//! - [`sign_request`] computes the authentication headers for a call to a gateway's API, and
//!   the exact body to send with them.
//! - [`verify_webhook`] checks a notification received from a gateway and says
//!   [`Verdict::Valid`], [`Verdict::Invalid`] (with a [`Reason`]) or [`Verdict::Unsigned`].
//!
//! Each gateway's scheme is described on its [`Provider`] variant. Every MAC comparison is
//! constant-time, header names are matched case-insensitively, and no secret ever reaches a
//! `Debug` output, an error or a reason message.
//!
//! ```
//! use crypto_checkout::signature::{sign_request, verify_webhook, Provider, Secret, SignRequest,
//!     Verdict, WebhookInput};
//!
//! // A merchant that sends Standard Webhooks signs them...
//! let secret = Secret::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
//! let body = r#"{"type":"invoice.paid"}"#;
//! let signed = sign_request(
//!     &SignRequest::new(Provider::Standard)
//!         .secret(&secret)
//!         .message_id("msg_1")
//!         .timestamp(1_700_000_000)
//!         .body(body),
//! )
//! .unwrap();
//!
//! // ...and the receiver verifies them.
//! let headers: Vec<(String, String)> = signed.headers.clone();
//! let verification = verify_webhook(
//!     &WebhookInput::new(Provider::Standard, body)
//!         .secret(&secret)
//!         .headers(&headers)
//!         .now(1_700_000_060),
//! );
//! assert_eq!(verification.verdict, Verdict::Valid);
//! assert_eq!(verification.event_key.as_deref(), Some("msg_1"));
//! ```

mod calypso;
mod clock;
mod cryptopayment;
pub mod diagnose;
pub(crate) mod encoding;
mod hayvn;
mod heropayments;
mod iqpay;
pub(crate) mod mac;
mod standard;

use std::fmt;
use std::str::FromStr;

pub use crate::error::SignatureError;
use crate::json::value::{self, Value};
use mac::Algorithm;

/// A payment gateway, or the Standard Webhooks scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// Heropayments. Requests: `x-api-sign` = lowercase hex HMAC-SHA512 keyed with the API
    /// secret over the normalized JSON body (`JSON.stringify(JSON.parse(body))`; the normalized
    /// body is what is sent), or for a GET over the query string without `?` (the empty
    /// string when there is none); `x-api-key` carries the API key when one is given.
    /// Callbacks: the same HMAC over the normalized received body, in `x-api-sign`, as hex
    /// (either case) or base64. Event key: `externalOrderId:sequence:status`, leaving out
    /// the parts the body does not have.
    Heropayments,
    /// HAYVN Pay. Requests: `X-HAYVNPAY-KEY`, `X-HAYVNPAY-NONCE` and `X-HAYVNPAY-SIGNATURE` =
    /// hex HMAC-SHA256 keyed with the API secret over the base64 of
    /// `{"path":…,"nonce":…,"payload":…}` (see [`SignRequest::hayvn_escape_non_ascii`]).
    /// Callbacks: the body's `signature` field = hex HMAC-SHA256 keyed with the callback
    /// token over the body's `callback_id`. Event key: `callback_id`.
    Hayvn,
    /// CryptoPayment.center. Requests: `Authorization: Bearer {api_key}:{api_secret}` (the
    /// secret is sent, nothing is signed). Webhooks: the body's `signature` field = hex
    /// HMAC-SHA256 keyed with the base64-decoded APP_KEY over `invoice_id + "." + event`.
    /// Event key: `invoice_id:event`.
    CryptoPayment,
    /// iqpay. Requests: `Authorization: {api_key}`. Webhooks carry no signature at all, so
    /// they verify as [`Verdict::Unsigned`]: confirm each transaction through the iqpay API
    /// before crediting it. Event key: `txid:address:currency:status`.
    Iqpay,
    /// Calypso Pay. Webhooks: header `Sign` = hex HMAC-SHA512 keyed with the secret over the
    /// raw body bytes (no normalization: reformatting the body breaks the signature). Event
    /// key: `{payment}:{eventType}:{transaction}` (see [`crate::payment::webhook_event_key`]).
    Calypso,
    /// Standard Webhooks (<https://www.standardwebhooks.com>), for merchants who send or
    /// receive them: `webhook-id`, `webhook-timestamp`, and `webhook-signature` holding
    /// space-separated `v1,{base64}` entries, each an HMAC-SHA256 keyed with the
    /// base64-decoded secret (after an optional `whsec_` prefix) over `{id}.{timestamp}.{body}`.
    /// Timestamps more than five minutes old or ahead are rejected. Event key: `webhook-id`.
    Standard,
}

impl From<crate::payment::Gateway> for Provider {
    /// The signing scheme of a gateway.
    fn from(gateway: crate::payment::Gateway) -> Provider {
        use crate::payment::Gateway;
        match gateway {
            Gateway::Heropayments => Provider::Heropayments,
            Gateway::Hayvn => Provider::Hayvn,
            Gateway::CryptoPayment => Provider::CryptoPayment,
            Gateway::Iqpay => Provider::Iqpay,
            Gateway::Calypso => Provider::Calypso,
        }
    }
}

impl Provider {
    /// Every provider, in the order of the enum.
    pub const ALL: [Provider; 6] = [
        Provider::Heropayments,
        Provider::Hayvn,
        Provider::CryptoPayment,
        Provider::Iqpay,
        Provider::Calypso,
        Provider::Standard,
    ];

    /// The provider's name as used in the JavaScript API: `"heropayments"`, `"hayvn"`,
    /// `"cryptopayment"`, `"iqpay"`, `"calypso"` or `"standard"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Heropayments => "heropayments",
            Provider::Hayvn => "hayvn",
            Provider::CryptoPayment => "cryptopayment",
            Provider::Iqpay => "iqpay",
            Provider::Calypso => "calypso",
            Provider::Standard => "standard",
        }
    }

    /// The headers, in lowercase, that verifying this provider's webhooks reads: a binding
    /// may pass only these to [`WebhookInput::headers`] (HAYVN, CryptoPayment.center and iqpay
    /// put everything in the body).
    pub fn webhook_headers(self) -> &'static [&'static str] {
        match self {
            Provider::Heropayments => &["x-api-sign"],
            Provider::Calypso => &["sign"],
            Provider::Standard => &["webhook-id", "webhook-timestamp", "webhook-signature"],
            Provider::Hayvn | Provider::CryptoPayment | Provider::Iqpay => &[],
        }
    }
}

impl FromStr for Provider {
    type Err = SignatureError;

    /// Parses the names returned by [`Provider::as_str`] (exactly, in lowercase).
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .into_iter()
            .find(|provider| provider.as_str() == name)
            .ok_or(SignatureError::UnknownProvider)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The HTTP method of a request to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`: no body. Heropayments signs the query string instead.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method's name in uppercase.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl FromStr for Method {
    type Err = SignatureError;

    /// Parses `GET`, `POST`, `PUT`, `PATCH` or `DELETE`, in any case.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ]
        .into_iter()
        .find(|method| method.as_str().eq_ignore_ascii_case(name))
        .ok_or(SignatureError::UnknownMethod)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Secret key material: an API secret, a callback token, an APP_KEY, a `whsec_` secret.
///
/// Holds the bytes exactly as given (the text of the secret, for every gateway; decoding,
/// such as base64 for CryptoPayment's APP_KEY or a `whsec_` secret, is the scheme's job).
/// `Debug` prints `Secret(..)`, never the value.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// A secret holding `bytes`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Secret(bytes.into())
    }

    /// Whether the secret is empty (never a usable key).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret::new(text)
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret::new(text)
    }
}

impl From<&[u8]> for Secret {
    fn from(bytes: &[u8]) -> Self {
        Secret::new(bytes)
    }
}

impl From<Vec<u8>> for Secret {
    fn from(bytes: Vec<u8>) -> Self {
        Secret::new(bytes)
    }
}

/// A request to sign, built with [`SignRequest::new`] and the setters below. What each
/// gateway needs:
///
/// | provider | needs | uses |
/// |---|---|---|
/// | heropayments | `secret` | `method`, `query` (GET), `body` (other methods), `api_key` |
/// | hayvn | `secret`, `api_key`, `path` | `body`, `nonce`, `now_ms`, `hayvn_escape_non_ascii` |
/// | cryptopayment | `secret`, `api_key` | `body` |
/// | iqpay | `api_key` | `body` |
/// | calypso | — (Calypso documents no request signing: an error) | |
/// | standard | `secret`, `message_id` | `timestamp`, `now_ms`, `body` |
///
/// `Debug` leaves out the API key and the secret.
#[derive(Clone)]
pub struct SignRequest<'a> {
    provider: Provider,
    method: Option<Method>,
    path: &'a str,
    query: &'a str,
    body: Option<&'a [u8]>,
    api_key: Option<&'a str>,
    secret: Option<&'a Secret>,
    nonce: Option<u64>,
    now_ms: Option<u64>,
    hayvn_escape_non_ascii: bool,
    message_id: Option<&'a str>,
    timestamp: Option<i64>,
}

impl<'a> SignRequest<'a> {
    /// A request to `provider` with nothing else set.
    pub fn new(provider: Provider) -> Self {
        SignRequest {
            provider,
            method: None,
            path: "",
            query: "",
            body: None,
            api_key: None,
            secret: None,
            nonce: None,
            now_ms: None,
            hayvn_escape_non_ascii: true,
            message_id: None,
            timestamp: None,
        }
    }

    /// The HTTP method. When not set: `POST` if a body is set, `GET` otherwise.
    pub fn method(mut self, method: Method) -> Self {
        self.method = Some(method);
        self
    }

    /// The request path, as HAYVN signs it (`/v1/payments/`).
    pub fn path(mut self, path: &'a str) -> Self {
        self.path = path;
        self
    }

    /// The query string of a Heropayments GET, with or without the leading `?`.
    pub fn query(mut self, query: &'a str) -> Self {
        self.query = query;
        self
    }

    /// The request body (for a Standard Webhooks sender, the webhook body). Must be UTF-8.
    pub fn body<B: AsRef<[u8]> + ?Sized>(mut self, body: &'a B) -> Self {
        self.body = Some(body.as_ref());
        self
    }

    /// The API key (HAYVN's `X-HAYVNPAY-KEY`, iqpay's `Authorization`, ...).
    pub fn api_key(mut self, api_key: &'a str) -> Self {
        self.api_key = Some(api_key);
        self
    }

    /// The secret: the API secret, or a Standard Webhooks `whsec_` secret.
    pub fn secret(mut self, secret: &'a Secret) -> Self {
        self.secret = Some(secret);
        self
    }

    /// HAYVN's nonce, used as given. Without it the nonce is the current time in
    /// milliseconds, raised when needed so that it always exceeds the last nonce this process
    /// produced for the same API key.
    pub fn nonce(mut self, nonce: u64) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// The current time in milliseconds since the Unix epoch, for the default HAYVN nonce and
    /// Standard Webhooks timestamp. Without it the system clock is read; in a browser (wasm32
    /// without WASI) there is none, so pass `Date.now()`.
    pub fn now_ms(mut self, now_ms: u64) -> Self {
        self.now_ms = Some(now_ms);
        self
    }

    /// How HAYVN's `signature_data` JSON spells characters beyond ASCII.
    ///
    /// `true` (the default) writes them as `\uXXXX` escapes (lowercase hex, astral characters
    /// as UTF-16 surrogate pairs) and also escapes DEL (U+007F), as Python's
    /// `json.dumps(..., separators=(',', ':'))` does in the gateway's Python sample; the PHP
    /// sample's `json_encode` escapes non-ASCII the same way. `false` writes them as raw UTF-8,
    /// as `JSON.stringify` does in the JavaScript sample. The samples therefore disagree for
    /// bodies, paths or nonces with non-ASCII text; the default follows the majority.
    pub fn hayvn_escape_non_ascii(mut self, escape: bool) -> Self {
        self.hayvn_escape_non_ascii = escape;
        self
    }

    /// The Standard Webhooks message id (`webhook-id`). Must not contain `.`.
    pub fn message_id(mut self, message_id: &'a str) -> Self {
        self.message_id = Some(message_id);
        self
    }

    /// The Standard Webhooks timestamp (`webhook-timestamp`), in seconds since the Unix
    /// epoch. Without it, the current time.
    pub fn timestamp(mut self, timestamp: i64) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    fn require_secret(&self) -> Result<&'a [u8], SignatureError> {
        match self.secret {
            None => Err(SignatureError::MissingField("secret")),
            Some(secret) if secret.is_empty() => {
                Err(SignatureError::InvalidSecret("the secret is empty"))
            }
            Some(secret) => Ok(secret.expose()),
        }
    }

    fn require_api_key(&self) -> Result<&'a str, SignatureError> {
        match self.api_key {
            None | Some("") => Err(SignatureError::MissingField("api_key")),
            Some(api_key) => header_value("api_key", api_key),
        }
    }

    fn effective_method(&self) -> Method {
        self.method.unwrap_or(if self.body.is_some() {
            Method::Post
        } else {
            Method::Get
        })
    }

    /// The body as text (empty when none was set).
    fn body_text(&self) -> Result<&'a str, SignatureError> {
        std::str::from_utf8(self.body.unwrap_or_default()).map_err(|_| {
            SignatureError::InvalidField {
                field: "body",
                problem: "is not valid utf-8",
            }
        })
    }

    fn current_ms(&self) -> Result<u64, SignatureError> {
        self.now_ms
            .or_else(clock::system_now_ms)
            .ok_or(SignatureError::ClockUnavailable)
    }
}

impl fmt::Debug for SignRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignRequest")
            .field("provider", &self.provider)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body_len", &self.body.map(<[u8]>::len))
            .field("api_key", &self.api_key.map(|_| ".."))
            .field("secret", &self.secret)
            .field("nonce", &self.nonce)
            .field("now_ms", &self.now_ms)
            .field("hayvn_escape_non_ascii", &self.hayvn_escape_non_ascii)
            .field("message_id", &self.message_id)
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

/// Checks that `value` can be sent as an HTTP header value: no control characters
/// (in particular no CR or LF, which would inject headers).
fn header_value<'v>(field: &'static str, value: &'v str) -> Result<&'v str, SignatureError> {
    if value.chars().any(char::is_control) {
        Err(SignatureError::InvalidField {
            field,
            problem: "contains a control character",
        })
    } else {
        Ok(value)
    }
}

/// A signed request, ready to send.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// The headers to add to the request, in the order listed in the gateway's docs.
    /// (Only authentication headers: add `Content-Type` yourself.)
    pub headers: Vec<(String, String)>,
    /// The body to send: for Heropayments the normalized JSON that was signed, otherwise the
    /// body exactly as given; empty when there is none.
    pub body: String,
    /// The exact string that was HMAC'd: Heropayments' normalized body or query, HAYVN's
    /// base64 `signature_data`, Standard Webhooks' `{id}.{timestamp}.{body}`. Empty for
    /// gateways that sign nothing (CryptoPayment, iqpay).
    pub signed_string: String,
}

impl fmt::Debug for SignedRequest {
    /// Prints the values of `Authorization` and of every `…-key` header (`x-api-key`,
    /// `X-HAYVNPAY-KEY`) as `..`: they hold credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let lowercase = name.to_ascii_lowercase();
                let shown = if lowercase == "authorization" || lowercase.ends_with("-key") {
                    ".."
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("headers", &headers)
            .field("body", &self.body)
            .field("signed_string", &self.signed_string)
            .finish()
    }
}

/// Signs a request for its provider: see [`Provider`] for each scheme and [`SignRequest`]
/// for what each one needs.
pub fn sign_request(request: &SignRequest<'_>) -> Result<SignedRequest, SignatureError> {
    match request.provider {
        Provider::Heropayments => heropayments::sign(request),
        Provider::Hayvn => hayvn::sign(request),
        Provider::CryptoPayment => cryptopayment::sign(request),
        Provider::Iqpay => iqpay::sign(request),
        Provider::Calypso => Err(SignatureError::Unsupported(
            "calypso documents no request signing, only webhook signatures",
        )),
        Provider::Standard => standard::sign(request),
    }
}

/// A webhook signed the way its gateway signs it: see [`sign_webhook`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedWebhook {
    /// The headers to send with the body: Heropayments' `x-api-sign`, Calypso's `Sign`; none
    /// for the gateways that sign inside the body.
    pub headers: Vec<(String, String)>,
    /// For HAYVN and CryptoPayment.center, whose signature is a field of the body: the value
    /// of that `signature` field, for the body given (which holds the fields it covers).
    pub signature_field: Option<String>,
}

/// Signs a webhook body as `provider` signs its notifications, so that [`verify_webhook`]
/// with the same secret finds it valid: for a merchant's own test suite, and for gateway
/// simulators (the sandbox's). Heropayments and Calypso sign the body into a header; HAYVN
/// (over `callback_id`) and CryptoPayment.center (over `invoice_id.event`, keyed with the
/// base64-decoded APP_KEY) into the body's `signature` field, which the caller adds. iqpay
/// signs nothing, and a Standard Webhook also signs its id and timestamp
/// ([`sign_request`] with [`SignRequest::message_id`] and [`SignRequest::timestamp`]): both
/// are [`SignatureError::Unsupported`].
pub fn sign_webhook(
    provider: Provider,
    secret: &Secret,
    body: &[u8],
) -> Result<SignedWebhook, SignatureError> {
    if secret.is_empty() {
        return Err(SignatureError::InvalidSecret("the secret is empty"));
    }
    let secret = secret.expose();
    match provider {
        Provider::Heropayments => heropayments::sign_webhook(secret, body),
        Provider::Hayvn => hayvn::sign_webhook(secret, body),
        Provider::CryptoPayment => cryptopayment::sign_webhook(secret, body),
        Provider::Calypso => calypso::sign_webhook(secret, body),
        Provider::Iqpay => Err(SignatureError::Unsupported(
            "iqpay signs no webhooks: its merchants confirm each one through the api",
        )),
        Provider::Standard => Err(SignatureError::Unsupported(
            "a standard webhook signs its id and timestamp too: use sign_request with message_id and timestamp",
        )),
    }
}

/// The HMAC of `parts`, for signing.
fn signing_mac(
    algorithm: Algorithm,
    key: &[u8],
    parts: &[&[u8]],
) -> Result<Vec<u8>, SignatureError> {
    mac::sign(algorithm, key, parts)
        .map_err(|mac::KeyRejected| SignatureError::InvalidSecret(mac::KEY_REJECTED))
}

/// The lowercase hex HMAC of `parts`, for signing.
fn hex_mac(algorithm: Algorithm, key: &[u8], parts: &[&[u8]]) -> Result<String, SignatureError> {
    signing_mac(algorithm, key, parts).map(|tag| encoding::hex_encode(&tag))
}

/// The string fields `names` of a JSON object body, for signing: a body that is not such an
/// object is [`SignatureError::InvalidField`] (`body`, with `problem`).
fn body_strings<const N: usize>(
    body: &[u8],
    names: [&str; N],
    problem: &'static str,
) -> Result<[String; N], SignatureError> {
    let invalid = || SignatureError::InvalidField {
        field: "body",
        problem,
    };
    let document = value::parse(body).map_err(|_| invalid())?;
    let mut fields = names.map(|name| {
        document
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    if fields.iter().any(Option::is_none) {
        return Err(invalid());
    }
    Ok(fields
        .each_mut()
        .map(|field| field.take().unwrap_or_default()))
}

/// A received webhook to verify, built with [`WebhookInput::new`] and the setters below.
///
/// `Debug` shows the body's length rather than its content, and never the secret.
#[derive(Clone)]
pub struct WebhookInput<'a> {
    provider: Provider,
    secret: Option<&'a Secret>,
    body: &'a [u8],
    headers: &'a [(String, String)],
    now: Option<i64>,
}

impl<'a> WebhookInput<'a> {
    /// A webhook from `provider` with the raw received body (bytes exactly as received).
    pub fn new<B: AsRef<[u8]> + ?Sized>(provider: Provider, body: &'a B) -> Self {
        WebhookInput {
            provider,
            secret: None,
            body: body.as_ref(),
            headers: &[],
            now: None,
        }
    }

    /// The secret that signs this provider's webhooks: Heropayments' API secret, HAYVN's
    /// callback token, CryptoPayment's APP_KEY (base64, as shown in the dashboard), Calypso's
    /// secret, a Standard Webhooks `whsec_` secret. iqpay needs none.
    pub fn secret(mut self, secret: &'a Secret) -> Self {
        self.secret = Some(secret);
        self
    }

    /// The received headers; names match case-insensitively. When a header appears more
    /// than once, the first is used (for `webhook-signature`, all are).
    pub fn headers(mut self, headers: &'a [(String, String)]) -> Self {
        self.headers = headers;
        self
    }

    /// The current time in seconds since the Unix epoch, for the Standard Webhooks
    /// timestamp tolerance. Without it the system clock is read; in a browser (wasm32
    /// without WASI) there is none, so pass `Date.now() / 1000`.
    pub fn now(mut self, now: i64) -> Self {
        self.now = Some(now);
        self
    }

    /// The first header called `name` (any case), trimmed of surrounding spaces and tabs.
    fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.trim_matches([' ', '\t']))
    }

    fn require_secret(&self) -> Result<&'a [u8], Verification> {
        match self.secret {
            None => Err(Verification::invalid(
                ReasonCode::SecretMissing,
                "no secret was given".to_owned(),
            )),
            Some(secret) if secret.is_empty() => Err(Verification::invalid(
                ReasonCode::SecretInvalid,
                "the secret is empty".to_owned(),
            )),
            Some(secret) => Ok(secret.expose()),
        }
    }
}

impl fmt::Debug for WebhookInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookInput")
            .field("provider", &self.provider)
            .field("secret", &self.secret)
            .field("body_len", &self.body.len())
            .field("headers", &self.headers)
            .field("now", &self.now)
            .finish()
    }
}

/// The outcome of [`verify_webhook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// A MAC computed with the secret matched: what the gateway signs is authentic. HAYVN
    /// signs only `callback_id` and CryptoPayment.center only `invoice_id` and `event`: the
    /// other fields of their webhooks are not covered.
    Valid,
    /// The webhook is not authentic, or could not be checked; see the [`Reason`].
    Invalid,
    /// The gateway does not sign its webhooks (iqpay): nothing could be checked, so confirm
    /// the event through the gateway's API before acting on it.
    Unsigned,
}

impl Verdict {
    /// `"valid"`, `"invalid"` or `"unsigned"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Unsigned => "unsigned",
        }
    }
}

/// Why a webhook is not [`Verdict::Valid`], as a stable code (see [`ReasonCode::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReasonCode {
    /// A header or body field the scheme needs is absent (the message names it).
    SignatureMissing,
    /// The signature is not valid hex or base64, or has the wrong length.
    SignatureMalformed,
    /// The signature is well-formed but does not match: wrong secret, or altered content.
    SignatureMismatch,
    /// The body could not be read as the scheme requires (not JSON, not an object, not UTF-8).
    BodyInvalid,
    /// A body field the scheme needs has the wrong type (the message names it).
    FieldInvalid,
    /// No secret was given.
    SecretMissing,
    /// The secret cannot be used (empty, or not the base64 the scheme requires).
    SecretInvalid,
    /// The `webhook-timestamp` header is not an integer number of seconds.
    TimestampInvalid,
    /// The signature matched but the timestamp is more than the tolerance in the past.
    TimestampTooOld,
    /// The signature matched but the timestamp is more than the tolerance in the future.
    TimestampTooNew,
    /// No current time was given and there is no system clock (wasm32 in a browser).
    ClockUnavailable,
    /// The gateway does not sign webhooks (with [`Verdict::Unsigned`]).
    WebhookUnsigned,
}

impl ReasonCode {
    /// The stable machine-readable code.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::SignatureMissing => "signature_missing",
            ReasonCode::SignatureMalformed => "signature_malformed",
            ReasonCode::SignatureMismatch => "signature_mismatch",
            ReasonCode::BodyInvalid => "body_invalid",
            ReasonCode::FieldInvalid => "field_invalid",
            ReasonCode::SecretMissing => "secret_missing",
            ReasonCode::SecretInvalid => "secret_invalid",
            ReasonCode::TimestampInvalid => "timestamp_invalid",
            ReasonCode::TimestampTooOld => "timestamp_too_old",
            ReasonCode::TimestampTooNew => "timestamp_too_new",
            ReasonCode::ClockUnavailable => "clock_unavailable",
            ReasonCode::WebhookUnsigned => "webhook_unsigned",
        }
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a webhook is not valid: a stable code and a lowercase sentence naming the header or
/// field concerned. The message never contains a secret or an expected MAC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The stable code.
    pub code: ReasonCode,
    /// A human-readable explanation.
    pub message: String,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

/// The result of [`verify_webhook`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Valid, invalid or unsigned.
    pub verdict: Verdict,
    /// Why the verdict is not [`Verdict::Valid`]; `None` exactly when it is.
    pub reason: Option<Reason>,
    /// An identifier of the event, stable across the gateway's retries of the same
    /// notification, for de-duplication (see each [`Provider`] for its composition). Set
    /// only for valid and unsigned webhooks whose body has the fields it is made of.
    pub event_key: Option<String>,
}

impl Verification {
    /// Whether the webhook is [`Verdict::Valid`].
    pub fn is_valid(&self) -> bool {
        self.verdict == Verdict::Valid
    }

    fn valid(event_key: Option<String>) -> Self {
        Verification {
            verdict: Verdict::Valid,
            reason: None,
            event_key,
        }
    }

    fn invalid(code: ReasonCode, message: String) -> Self {
        Verification {
            verdict: Verdict::Invalid,
            reason: Some(Reason { code, message }),
            event_key: None,
        }
    }

    fn unsigned(message: String, event_key: Option<String>) -> Self {
        Verification {
            verdict: Verdict::Unsigned,
            reason: Some(Reason {
                code: ReasonCode::WebhookUnsigned,
                message,
            }),
            event_key,
        }
    }
}

/// Verifies a received webhook for its provider: see [`Provider`] for each scheme.
///
/// Never panics and never returns [`Verdict::Valid`] unless a MAC computed with the secret
/// matched the received signature.
pub fn verify_webhook(input: &WebhookInput<'_>) -> Verification {
    let checked = match input.provider {
        Provider::Heropayments => heropayments::check(input),
        Provider::Hayvn => hayvn::check(input),
        Provider::CryptoPayment => cryptopayment::check(input),
        Provider::Iqpay => return iqpay::verify(input),
        Provider::Calypso => calypso::check(input),
        Provider::Standard => standard::check(input),
    };
    match checked {
        Ok(verification) | Err(verification) => verification,
    }
}

/// The signature in header `name`, decoded: a tag of `algorithm` spelled as `encoding` says.
/// `Err` is the invalid verdict when the header is missing or malformed.
fn header_signature(
    input: &WebhookInput<'_>,
    name: &'static str,
    algorithm: Algorithm,
    encoding: SignatureEncoding,
) -> Result<(Vec<u8>, SignatureSource), Verification> {
    let received = input.header(name).ok_or_else(|| {
        Verification::invalid(ReasonCode::SignatureMissing, format!("no `{name}` header"))
    })?;
    let source = SignatureSource::Header(name);
    let tag = decode_signature(received, algorithm, encoding, source)?;
    Ok((tag, source))
}

/// Where a received signature was found, for the messages of invalid verdicts (spelled out
/// only when one is made).
#[derive(Debug, Clone, Copy)]
enum SignatureSource {
    /// A header, by name.
    Header(&'static str),
    /// A top-level field of the body, by name.
    Field(&'static str),
}

impl fmt::Display for SignatureSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureSource::Header(name) => write!(f, "header `{name}`"),
            SignatureSource::Field(name) => write!(f, "field `{name}`"),
        }
    }
}

impl SignatureSource {
    /// The invalid verdict for a well-formed signature that does not match.
    fn mismatch(self) -> Verification {
        Verification::invalid(
            ReasonCode::SignatureMismatch,
            format!("{self} does not match: wrong secret, or the signed content was altered"),
        )
    }
}

/// How a received signature is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignatureEncoding {
    /// Hex digits, in either case.
    Hex,
    /// Padded standard base64.
    Base64,
    /// Hex digits in either case, or padded standard base64 (told apart by length).
    HexOrBase64,
}

/// Decodes a received signature that must be a tag of `algorithm`, or says why it is
/// malformed.
fn decode_signature(
    received: &str,
    algorithm: Algorithm,
    encoding: SignatureEncoding,
    source: SignatureSource,
) -> Result<Vec<u8>, Verification> {
    let tag_len = algorithm.tag_len();
    let hex_len = tag_len * 2;
    let base64_len = tag_len.div_ceil(3) * 4;
    let accepts_hex = encoding != SignatureEncoding::Base64;
    let accepts_base64 = encoding != SignatureEncoding::Hex;
    let (decoded, spelling) = if accepts_hex && received.len() == hex_len {
        (encoding::hex_decode(received), "hex")
    } else if accepts_base64 && received.len() == base64_len {
        (encoding::base64_decode(received), "base64")
    } else {
        let expected = match encoding {
            SignatureEncoding::Hex => format!("{hex_len} hex characters"),
            SignatureEncoding::Base64 => format!("{base64_len} base64 characters"),
            SignatureEncoding::HexOrBase64 => {
                format!("{hex_len} hex or {base64_len} base64 characters")
            }
        };
        return Err(Verification::invalid(
            ReasonCode::SignatureMalformed,
            format!(
                "{source} has {} characters, expected {expected}",
                received.chars().count()
            ),
        ));
    };
    decoded.ok_or_else(|| {
        Verification::invalid(
            ReasonCode::SignatureMalformed,
            format!("{source} is not valid {spelling}"),
        )
    })
}

/// The invalid verdict of a secret [`mac::sign`] refuses.
fn key_rejected() -> Verification {
    Verification::invalid(ReasonCode::SecretInvalid, mac::KEY_REJECTED.to_owned())
}

/// Compares a decoded tag with the MAC of `parts` in constant time.
fn check_mac(
    algorithm: Algorithm,
    key: &[u8],
    parts: &[&[u8]],
    tag: &[u8],
    source: SignatureSource,
) -> Result<(), Verification> {
    match mac::verify(algorithm, key, parts, tag) {
        Ok(true) => Ok(()),
        Ok(false) => Err(source.mismatch()),
        Err(mac::KeyRejected) => Err(key_rejected()),
    }
}

/// Checks a body field `signature` that holds the hex HMAC-SHA256 of `parts` under `key`
/// (HAYVN and CryptoPayment.center sign their webhooks this way).
fn check_signature_field(
    signature: Option<Value>,
    key: &[u8],
    parts: &[&[u8]],
) -> Result<(), Verification> {
    let signature = required_string(signature, "signature")?;
    let source = SignatureSource::Field("signature");
    let tag = decode_signature(
        &signature,
        Algorithm::Sha256,
        SignatureEncoding::Hex,
        source,
    )?;
    check_mac(Algorithm::Sha256, key, parts, &tag, source)
}

/// Reads the top-level body fields `names` (the last of repeated ones, as `JSON.parse`,
/// `json.loads` and `json_decode` do), reporting an unreadable body as
/// [`ReasonCode::BodyInvalid`] naming the first field that was needed. The body must be
/// UTF-8, as the gateways' sample code decodes it.
fn read_body_fields<const N: usize>(
    body: &[u8],
    names: [&str; N],
) -> Result<[Option<Value>; N], Verification> {
    let first = names.first().copied().unwrap_or("");
    let invalid = |why: String| {
        Verification::invalid(
            ReasonCode::BodyInvalid,
            format!("{why}, so field `{first}` cannot be read"),
        )
    };
    if std::str::from_utf8(body).is_err() {
        return Err(invalid("the body is not valid utf-8".to_owned()));
    }
    let document = value::parse(body)
        .map_err(|error| invalid(format!("the body is not valid json: {error}")))?;
    if !matches!(document, Value::Object(_)) {
        return Err(invalid("the body is not a json object".to_owned()));
    }
    Ok(names.map(|name| document.get(name).cloned()))
}

/// The string value of a required body field.
fn required_string(value: Option<Value>, name: &str) -> Result<String, Verification> {
    match value {
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(Verification::invalid(
            ReasonCode::FieldInvalid,
            format!("field `{name}` is a {}, expected a string", other.kind()),
        )),
        None => Err(Verification::invalid(
            ReasonCode::SignatureMissing,
            format!("the body has no field `{name}`"),
        )),
    }
}

/// A signed field that names the event (`callback_id`, `invoice_id`, `event`): a string, and
/// not an empty one, which would give every such webhook one MAC and one event key.
fn required_name(value: Option<Value>, name: &str) -> Result<String, Verification> {
    let text = required_string(value, name)?;
    if text.is_empty() {
        return Err(Verification::invalid(
            ReasonCode::FieldInvalid,
            format!("field `{name}` is empty"),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_webhook_refuses_what_it_cannot_sign() {
        let secret = Secret::from("s3cret");
        let code = |provider, secret: &Secret, body: &str| {
            sign_webhook(provider, secret, body.as_bytes())
                .unwrap_err()
                .code()
        };
        assert_eq!(
            code(Provider::Iqpay, &secret, "{}"),
            "signature_unsupported"
        );
        assert_eq!(
            code(Provider::Standard, &secret, "{}"),
            "signature_unsupported"
        );
        assert_eq!(
            code(Provider::Calypso, &Secret::from(""), "{}"),
            "signature_invalid_secret"
        );
        assert_eq!(
            code(Provider::Heropayments, &secret, "{"),
            "signature_invalid_json"
        );
        for body in ["{}", r#"{"callback_id": 7}"#, "[]", "not json"] {
            assert_eq!(
                code(Provider::Hayvn, &secret, body),
                "signature_invalid_field",
                "{body}"
            );
        }
        let app_key = Secret::from("not base64!");
        let body = r#"{"invoice_id": "i1", "event": "payment.confirmed"}"#;
        assert_eq!(
            code(Provider::CryptoPayment, &app_key, body),
            "signature_invalid_secret"
        );
        assert_eq!(
            code(
                Provider::CryptoPayment,
                &Secret::from("a2V5"),
                r#"{"invoice_id": "i1"}"#
            ),
            "signature_invalid_field"
        );
    }

    /// What `sign_webhook` writes, `verify_webhook` accepts, for every gateway that signs.
    #[test]
    fn signed_webhooks_verify() {
        let cases = [
            (
                Provider::Heropayments,
                r#"{ "externalOrderId": "o1", "amount": 1.10 }"#,
            ),
            (
                Provider::Calypso,
                r#"{"requestId":"r","id":1,"data":{"type":"INVOICE_PAID"}}"#,
            ),
            (
                Provider::Hayvn,
                r#"{"callback_id":"c1","callback_status":"payment_complete"}"#,
            ),
            (
                Provider::CryptoPayment,
                r#"{"invoice_id":"i1","event":"payment.confirmed"}"#,
            ),
        ];
        let secret = Secret::from("a2V5LWZvci10ZXN0cw==");
        for (provider, body) in cases {
            let signed = sign_webhook(provider, &secret, body.as_bytes()).unwrap();
            let body = match &signed.signature_field {
                Some(signature) => format!(
                    "{},\"signature\":\"{signature}\"}}",
                    body.trim_end_matches('}')
                ),
                None => body.to_owned(),
            };
            let verification = verify_webhook(
                &WebhookInput::new(provider, &body)
                    .secret(&secret)
                    .headers(&signed.headers),
            );
            assert_eq!(
                verification.verdict,
                Verdict::Valid,
                "{provider:?}: {verification:?}"
            );
        }
    }

    /// The package's `verifyWebhook` passes at most three header values into WebAssembly
    /// (`verifyWebhookParts`).
    #[test]
    fn no_provider_reads_more_than_three_headers() {
        for provider in Provider::ALL {
            assert!(provider.webhook_headers().len() <= 3, "{provider:?}");
        }
    }

    #[test]
    fn webhook_headers_name_every_header_verification_reads() {
        let read = [
            (Provider::Heropayments, vec![heropayments::SIGN_HEADER]),
            (Provider::Calypso, vec![calypso::SIGN_HEADER]),
            (
                Provider::Standard,
                vec![
                    standard::ID_HEADER,
                    standard::TIMESTAMP_HEADER,
                    standard::SIGNATURE_HEADER,
                ],
            ),
            (Provider::Hayvn, vec![]),
            (Provider::CryptoPayment, vec![]),
            (Provider::Iqpay, vec![]),
        ];
        for (provider, headers) in read {
            let lowercase: Vec<String> = headers.iter().map(|h| h.to_ascii_lowercase()).collect();
            assert_eq!(provider.webhook_headers(), lowercase, "{provider}");
        }
    }

    #[test]
    fn provider_names_round_trip() {
        for provider in Provider::ALL {
            assert_eq!(provider.as_str().parse::<Provider>(), Ok(provider));
            assert_eq!(provider.to_string(), provider.as_str());
        }
        for bad in ["", "Hayvn", "HEROPAYMENTS", "stripe", "standard "] {
            let error = bad.parse::<Provider>().unwrap_err();
            assert_eq!(error.code(), "signature_unknown_provider");
        }
    }

    #[test]
    fn method_names_round_trip() {
        for method in [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ] {
            assert_eq!(method.as_str().parse::<Method>(), Ok(method));
            assert_eq!(method.as_str().to_lowercase().parse::<Method>(), Ok(method));
        }
        assert_eq!(
            "HEAD".parse::<Method>().unwrap_err().code(),
            "signature_unknown_method"
        );
    }

    #[test]
    fn debug_never_shows_secrets() {
        let secret = Secret::from("super-secret-value");
        assert_eq!(format!("{secret:?}"), "Secret(..)");
        let request = SignRequest::new(Provider::Iqpay)
            .api_key("iqpay-jwt-credential")
            .secret(&secret);
        let debug = format!("{request:?}");
        assert!(
            !debug.contains("super-secret-value") && !debug.contains("iqpay-jwt-credential"),
            "{debug}"
        );
        let signed = sign_request(&request).unwrap();
        let debug = format!("{signed:?}");
        assert!(!debug.contains("iqpay-jwt-credential"), "{debug}");
        for provider in [
            Provider::Heropayments,
            Provider::Hayvn,
            Provider::CryptoPayment,
        ] {
            let request = SignRequest::new(provider)
                .api_key("api-key-credential")
                .secret(&secret)
                .path("/v1/invoices")
                .body("{}");
            let signed = sign_request(&request).unwrap();
            let debug = format!("{signed:?}");
            assert!(!debug.contains("api-key-credential"), "{debug}");
        }
        let headers = vec![("Sign".to_owned(), "00".to_owned())];
        let input = WebhookInput::new(Provider::Calypso, "{}")
            .secret(&secret)
            .headers(&headers);
        assert!(!format!("{input:?}").contains("super-secret-value"));
    }

    #[test]
    fn hayvn_default_nonces_differ_within_one_millisecond() {
        let secret = Secret::from("s");
        let request = SignRequest::new(Provider::Hayvn)
            .api_key("same-millisecond-key")
            .secret(&secret)
            .path("/v1/profiles/")
            .now_ms(1_800_000_000_000);
        let nonce = |signed: SignedRequest| signed.headers[1].1.parse::<u64>().unwrap();
        let first = nonce(sign_request(&request).unwrap());
        let second = nonce(sign_request(&request).unwrap());
        assert_eq!(first, 1_800_000_000_000);
        assert_eq!(second, first + 1);
        // Without a given time, the system clock is read.
        let fresh = SignRequest::new(Provider::Hayvn)
            .api_key("clock-key")
            .secret(&secret)
            .path("/v1/p/");
        assert!(nonce(sign_request(&fresh).unwrap()) > 1_704_067_200_000);
    }

    #[test]
    fn standard_timestamp_defaults_to_now() {
        let secret = Secret::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        let request = SignRequest::new(Provider::Standard)
            .secret(&secret)
            .message_id("msg_1")
            .now_ms(1_614_265_330_999);
        let signed = sign_request(&request).unwrap();
        assert_eq!(
            signed.headers[1],
            ("webhook-timestamp".to_owned(), "1614265330".to_owned())
        );
        assert_eq!(signed.signed_string, "msg_1.1614265330.");
    }

    #[test]
    fn heropayments_body_and_json_errors() {
        let secret = Secret::from("k");
        let request = SignRequest::new(Provider::Heropayments)
            .secret(&secret)
            .body("{\"a\": 1.50}");
        let signed = sign_request(&request).unwrap();
        assert_eq!(signed.body, "{\"a\":1.5}");
        assert_eq!(signed.signed_string, signed.body);
        let error = sign_request(
            &SignRequest::new(Provider::Heropayments)
                .secret(&secret)
                .body("{"),
        )
        .unwrap_err();
        assert_eq!(error.code(), "signature_invalid_json");
        assert!(std::error::Error::source(&error).is_some());
        let error = sign_request(
            &SignRequest::new(Provider::Heropayments)
                .secret(&secret)
                .method(Method::Post),
        )
        .unwrap_err();
        assert_eq!(error, SignatureError::MissingField("body"));
        let empty = Secret::from("");
        let error =
            sign_request(&SignRequest::new(Provider::Heropayments).secret(&empty)).unwrap_err();
        assert_eq!(error.code(), "signature_invalid_secret");
    }

    /// Hostile input never panics and is never valid.
    #[test]
    fn hostile_webhooks_are_invalid_without_panicking() {
        let secret = Secret::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        let huge = "[".repeat(1_000_000);
        let bodies: [&[u8]; 9] = [
            b"",
            b"\xff\xfe\x00",
            b"{\"callback_id\":\"\\ud800\",\"signature\":\"\"}",
            b"{\"invoice_id\":\"\\u",
            b"{\"a\":\"\\",
            b"nul\x00l",
            b"{\"callback_id\":\"x\",\"signature\":\"\xc3\xa9\xc3\xa9\"}",
            huge.as_bytes(),
            b"{\"externalOrderId\":1e999999999}",
        ];
        let header_sets: [Vec<(String, String)>; 4] = [
            vec![],
            vec![
                ("x-api-sign".into(), "é".repeat(64)),
                ("Sign".into(), "\u{0}".repeat(128)),
                ("webhook-id".into(), "i".into()),
                ("webhook-timestamp".into(), "99999999999999999999999".into()),
                ("webhook-signature".into(), "v1,".into()),
            ],
            vec![
                ("x-api-sign".into(), "=".repeat(88)),
                ("Sign".into(), "é".repeat(64)),
                ("webhook-id".into(), "i".into()),
                ("webhook-timestamp".into(), "9223372036854775807".into()),
                (
                    "webhook-signature".into(),
                    format!("v1,{} v1 ,, v1,é", "=".repeat(44)),
                ),
            ],
            vec![
                ("webhook-id".into(), "i".into()),
                ("webhook-timestamp".into(), "0".into()),
                (
                    "webhook-signature".into(),
                    "v1,".to_owned() + &"A".repeat(43) + "=",
                ),
            ],
        ];
        for provider in Provider::ALL {
            for body in bodies {
                for headers in &header_sets {
                    let verification = verify_webhook(
                        &WebhookInput::new(provider, body)
                            .secret(&secret)
                            .headers(headers)
                            .now(i64::MIN),
                    );
                    assert_ne!(verification.verdict, Verdict::Valid, "{provider}");
                    assert!(verification.reason.is_some());
                }
            }
        }
    }
}
