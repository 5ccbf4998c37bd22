//! The SDK's exports (feature `wasm`): JSON, signing and verification, the payment model.
//!
//! Each export is a thin shell over the core: it reads its JavaScript arguments, calls one core
//! function and turns the result into plain JavaScript values. Errors are thrown as `Error`
//! objects carrying a stable `code` string; JSON syntax errors also carry `line`, `column` and
//! `offset`. The TypeScript interfaces of option bags and results are written out below, next to
//! the code that builds them.

use crate::error::{JsonError, PaymentError, SignatureError};
use crate::json::{self, Inspection, JsonWarning, Text};
use crate::payment::money::Amount;
use crate::payment::{self, Direction, Gateway, Mode, Options as PaymentOptions, Tolerance};
use crate::signature::encoding::hex_encode;
use crate::signature::mac::{self, Algorithm};
use crate::signature::{self, Method, Provider, Secret, SignRequest, Verification, WebhookInput};
use crate::uri::{self, PaymentInstruction, TronForm};
use js_sys::{Array, JsString, Object, Reflect, RegExp, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::JsResult;

#[wasm_bindgen(typescript_custom_section)]
const TS_JSON: &'static str = r#"
/** A JSON text: a string (it may hold unpaired surrogates, as `JSON.parse` accepts), or UTF-8 bytes. */
export type JsonInput = string | Uint8Array;

/** The kinds of change that normalization reports. */
export type WarningKind =
  | "precision_lost"
  | "number_rewritten"
  | "keys_reordered"
  | "duplicate_key"
  | "string_rewritten";

/** One change that normalization made to the input. */
export interface JsonWarning {
  /** What kind of change. */
  kind: WarningKind;
  /** Where, as a JSONPath (`$.data.amount`, `$["odd key"][3]`). */
  path: string;
  /** Byte offset, in the UTF-8 encoding of the input, of the value or key concerned. */
  offset: number;
  /** 1-based line of `offset`. */
  line: number;
  /** 1-based column of `offset`, counted in Unicode code points. */
  column: number;
  /** The input's text of what changed (shortened when long), where there is one. */
  original?: string;
  /** What it became (shortened when long), where there is one. */
  normalized?: string;
  /** A sentence for a support engineer. */
  message: string;
}

/** The result of `inspectJson`. */
export interface Inspection {
  /** Exactly what `normalizeJson` returns. */
  normalized: string;
  /** What normalization changed, in document order (at most 1000). */
  warnings: JsonWarning[];
  /** How many further warnings were found but not listed. */
  omittedWarnings: number;
}

/** The `code` of a JSON syntax error. */
export type JsonErrorCode =
  | "json_unexpected_end"
  | "json_unexpected_character"
  | "json_invalid_number"
  | "json_invalid_escape"
  | "json_control_character"
  | "json_trailing_characters"
  | "json_too_deep"
  | "json_duplicate_key"
  | "json_lone_surrogate"
  | "json_number_out_of_range";

/** Every error the SDK's functions throw: an `Error` with a stable machine-readable `code`
    (the widget's `mountCheckout` throws plain `TypeError`s for bad options). */
export interface CryptoCheckoutError extends Error {
  code: string;
}

/** A JSON text that could not be read, and where. */
export interface JsonError extends CryptoCheckoutError {
  code: JsonErrorCode;
  /** 1-based line of the offending character. */
  line: number;
  /** 1-based column of the offending character, counted in Unicode code points. */
  column: number;
  /** Byte offset of the offending character in the UTF-8 encoding of the input. */
  offset: number;
}
"#;

/// Returns `JSON.stringify(JSON.parse(input))`, byte for byte as V8 computes it.
///
/// Throws a `JsonError` where `JSON.parse` would throw.
#[wasm_bindgen(js_name = normalizeJson, unchecked_return_type = "string")]
pub fn normalize_json(
    #[wasm_bindgen(unchecked_param_type = "JsonInput")] input: &JsValue,
) -> JsResult<JsValue> {
    let text = Input::read(input, "input")?;
    let normalized = json::normalize_utf8(text.text()).map_err(json_error)?;
    // A string that already is its own normalized form (a body that was made by
    // JSON.stringify) comes back as it is: no new JavaScript string to decode.
    let unchanged =
        input.is_string() && matches!(&text, Input::Utf8(bytes) if same_bytes(bytes, &normalized));
    if unchanged {
        return Ok(input.clone());
    }
    Ok(js_string_of(&normalized).into())
}

/// Normalizes like `normalizeJson` and lists what normalization changed.
#[wasm_bindgen(js_name = inspectJson, unchecked_return_type = "Inspection")]
pub fn inspect_json(
    #[wasm_bindgen(unchecked_param_type = "JsonInput")] input: &JsValue,
) -> JsResult<JsValue> {
    let inspection = json::inspect(Input::read(input, "input")?.text()).map_err(json_error)?;
    inspection_to_js(inspection)
}

/// Returns the RFC 8785 (JCS) canonical form of `input`.
///
/// Throws a `JsonError` on a syntax error, and on input outside I-JSON: duplicate keys
/// (`json_duplicate_key`), unpaired surrogates (`json_lone_surrogate`), numbers beyond a double
/// (`json_number_out_of_range`).
#[wasm_bindgen(js_name = canonicalizeJson)]
pub fn canonicalize_json(
    #[wasm_bindgen(unchecked_param_type = "JsonInput")] input: &JsValue,
) -> JsResult<String> {
    json::canonicalize(Input::read(input, "input")?.text()).map_err(json_error)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_SIGNATURE: &'static str = r#"
/** What signs and verifies: a gateway, or the Standard Webhooks scheme. */
export type SignatureProvider = Provider | "standard";

/** An HTTP method (any case). */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Bytes or text: text is taken as UTF-8. */
export type BytesInput = string | Uint8Array;

/**
 * A request to sign. What each provider needs:
 * heropayments: `secret` (uses `method`, `query` for GET, `body`, `apiKey`);
 * hayvn: `secret`, `apiKey`, `path` (uses `body`, `nonce`, `nowMs`, `hayvnEscapeNonAscii`);
 * cryptopayment: `secret`, `apiKey`; iqpay: `apiKey`; standard: `secret`, `messageId`
 * (uses `timestamp`, `nowMs`, `body`). Calypso documents no request signing.
 */
export interface SignRequest {
  provider: SignatureProvider;
  /** Default: POST when there is a body, GET otherwise. */
  method?: HttpMethod | Lowercase<HttpMethod>;
  /** The request path, as HAYVN signs it (`/v1/payments/`). */
  path?: string;
  /** The query string of a Heropayments GET, with or without the leading `?`. */
  query?: string;
  /** The request body (for a Standard Webhooks sender, the webhook body). */
  body?: BytesInput;
  /** The API key. */
  apiKey?: string;
  /** The API secret, or a Standard Webhooks `whsec_` secret. */
  secret?: BytesInput;
  /** HAYVN's nonce; default: the current time in milliseconds, always increasing. */
  nonce?: number;
  /** The current time in milliseconds since the epoch; default `Date.now()`. */
  nowMs?: number;
  /** HAYVN: write non-ASCII characters as `\uXXXX` in the signed JSON (default true). */
  hayvnEscapeNonAscii?: boolean;
  /** The Standard Webhooks message id (`webhook-id`). */
  messageId?: string;
  /** The Standard Webhooks timestamp in seconds; default: now. */
  timestamp?: number;
}

/** A signed request, ready to send. */
export interface SignedRequest {
  /** The authentication headers to add (add `Content-Type` yourself). */
  headers: Record<string, string>;
  /** The body to send: for Heropayments the normalized JSON that was signed. */
  body: string;
  /** The exact string that was HMAC'd (empty when nothing is signed). */
  signedString: string;
}

/** Received headers: a plain object (as Node's `req.headers`), a `Headers`, a `Map`, or pairs. */
export type HeadersInput =
  | Record<string, string | string[] | undefined>
  | Iterable<[string, string]>;

/** A received webhook to verify. */
export interface WebhookInput {
  provider: SignatureProvider;
  /** The raw body, exactly as received. */
  body: BytesInput;
  /**
   * The received headers; names match case-insensitively, and a header received more than
   * once (in a list, or under names that differ in case) counts as its values joined with
   * ", ", as HTTP combines them.
   */
  headers?: HeadersInput;
  /** The secret that signs this provider's webhooks (iqpay needs none). */
  secret?: BytesInput;
  /** The current time in seconds since the epoch; default `Date.now() / 1000`. */
  now?: number;
}

/** Why a webhook is not valid. */
export type ReasonCode =
  | "signature_missing"
  | "signature_malformed"
  | "signature_mismatch"
  | "body_invalid"
  | "field_invalid"
  | "secret_missing"
  | "secret_invalid"
  | "timestamp_invalid"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "clock_unavailable"
  | "webhook_unsigned";

/** The outcome of `verifyWebhook`. */
export interface Verification {
  /** Only "valid" means a MAC computed with the secret matched. */
  verdict: "valid" | "invalid" | "unsigned";
  /** Why the verdict is not "valid"; absent exactly when it is. */
  reason?: { code: ReasonCode; message: string };
  /** An identifier of the event, stable across retries, for de-duplication. */
  eventKey?: string;
}
"#;

/// Signs a request to a gateway: the authentication headers, the body to send and the string
/// that was signed.
///
/// Throws an `Error` with a `signature_*` code when the request lacks what its provider needs.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignedRequest")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "SignRequest")] request: &JsValue,
) -> JsResult<JsValue> {
    let provider = provider(request)?;
    let method = optional_string(request, "method")?
        .map(|name| name.parse::<Method>())
        .transpose()
        .map_err(signature_error)?;
    let path = optional_string(request, "path")?;
    let query = optional_string(request, "query")?;
    let body = optional_bytes(request, "body")?;
    let api_key = optional_string(request, "apiKey")?;
    let secret = optional_bytes(request, "secret")?.map(Secret::new);
    let message_id = optional_string(request, "messageId")?;

    let mut signing = SignRequest::new(provider)
        .now_ms(optional_integer(request, "nowMs")?.unwrap_or_else(js_sys::Date::now) as u64);
    if let Some(method) = method {
        signing = signing.method(method);
    }
    if let Some(path) = &path {
        signing = signing.path(path);
    }
    if let Some(query) = &query {
        signing = signing.query(query);
    }
    if let Some(body) = &body {
        signing = signing.body(body);
    }
    if let Some(api_key) = &api_key {
        signing = signing.api_key(api_key);
    }
    if let Some(secret) = &secret {
        signing = signing.secret(secret);
    }
    if let Some(nonce) = optional_integer(request, "nonce")? {
        signing = signing.nonce(nonce as u64);
    }
    if let Some(escape) = optional_bool(request, "hayvnEscapeNonAscii")? {
        signing = signing.hayvn_escape_non_ascii(escape);
    }
    if let Some(message_id) = &message_id {
        signing = signing.message_id(message_id);
    }
    if let Some(timestamp) = optional_integer(request, "timestamp")? {
        signing = signing.timestamp(timestamp as i64);
    }

    let signed = signature::sign_request(&signing).map_err(signature_error)?;
    let object = Object::new();
    set(&object, "headers", &headers_object(&signed.headers)?)?;
    set(&object, "body", &signed.body.into())?;
    set(&object, "signedString", &signed.signed_string.into())?;
    Ok(object.into())
}

#[wasm_bindgen(typescript_custom_section)]
const TS_SIGN_WEBHOOK: &'static str = r#"
/** A webhook to sign as its gateway signs it (for test suites and simulators). */
export interface WebhookToSign {
  provider: "heropayments" | "hayvn" | "cryptopayment" | "calypso";
  /** The secret that signs the gateway's webhooks (API secret, callback token, APP_KEY). */
  secret: BytesInput;
  /** The body: for HAYVN and CryptoPayment.center, with the fields the signature covers. */
  body: BytesInput;
}

/** A webhook signed as its gateway signs it. */
export interface SignedWebhook {
  /** The headers to send with the body (Heropayments' `x-api-sign`, Calypso's `Sign`). */
  headers: Record<string, string>;
  /** For HAYVN and CryptoPayment.center: the value of the body's `signature` field, to add. */
  signatureField?: string;
}
"#;

/// Signs a webhook body as its gateway signs it, so that `verifyWebhook` with the same secret
/// finds it valid: for a merchant's test suite. Throws an `Error` with a `signature_*` code for
/// iqpay and Standard Webhooks (see `signRequest`), an empty secret or a body without the
/// fields its signature covers.
#[wasm_bindgen(js_name = signWebhook, unchecked_return_type = "SignedWebhook")]
pub fn sign_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookToSign")] webhook: &JsValue,
) -> JsResult<JsValue> {
    let provider = provider(webhook)?;
    let secret = Secret::new(optional_bytes(webhook, "secret")?.unwrap_or_default());
    let body = optional_bytes(webhook, "body")?.unwrap_or_default();
    let signed = signature::sign_webhook(provider, &secret, &body).map_err(signature_error)?;
    let object = Object::new();
    set(&object, "headers", &headers_object(&signed.headers)?)?;
    if let Some(field) = signed.signature_field {
        set(&object, "signatureField", &field.into())?;
    }
    Ok(object.into())
}

/// The names of the received headers that `provider` reads (lowercase), in the order
/// `verifyWebhookParts` takes their values. Throws for a missing or unknown provider.
///
/// With `verifyWebhookParts`, the two halves of the package's `verifyWebhook` (`js/sdk.js`),
/// which reads the option bag and the headers in JavaScript: one call into WebAssembly then
/// carries only what the provider needs.
#[wasm_bindgen(js_name = webhookHeaderNames, skip_typescript)]
pub fn webhook_header_names(provider: &JsValue) -> JsResult<Array> {
    let names = provider_named(provider)?.webhook_headers();
    Ok(names.iter().map(|&name| js_static(name)).collect())
}

/// The number `verifyWebhookParts` takes for `provider` (its place in the list of
/// providers), so that each check passes a number instead of a string to decode. Throws for a
/// missing or unknown provider.
#[wasm_bindgen(js_name = webhookProviderIndex, skip_typescript)]
pub fn webhook_provider_index(provider: &JsValue) -> JsResult<u32> {
    let provider = provider_named(provider)?;
    let index = Provider::ALL.iter().position(|&known| known == provider);
    Ok(index.unwrap_or_default() as u32)
}

/// Verifies a received webhook (`verifyWebhook`, whose option bag `js/sdk.js` reads):
/// `"valid"` only when a MAC computed with the secret matched.
///
/// `provider` is `webhookProviderIndex`'s number for the provider; `first`, `second` and
/// `third` are the values of the headers `webhookHeaderNames` names for it, in its order
/// (absent when not received); `now` is in seconds since the epoch.
/// Never throws for a bad webhook (that is an `"invalid"` verdict with a reason); throws only
/// for arguments of the wrong type or an unknown provider.
///
/// A valid verdict, the common one, comes back as its event key alone (`null` when the body
/// has none) and `js/sdk.js` makes the result object, quicker there than member by member
/// from here; any other verdict comes back as the whole result.
#[wasm_bindgen(js_name = verifyWebhookParts, skip_typescript)]
pub fn verify_webhook_parts(
    provider: &JsValue,
    body: &JsValue,
    secret: &JsValue,
    now: &JsValue,
    first: Option<String>,
    second: Option<String>,
    third: Option<String>,
) -> JsResult<JsValue> {
    // Only `webhookProviderIndex`'s numbers: a name or any other value is refused, never
    // read as some provider's number.
    let provider = provider
        .as_f64()
        .filter(|index| index.fract() == 0.0 && *index >= 0.0)
        .and_then(|index| Provider::ALL.get(index as usize).copied())
        .ok_or_else(|| {
            type_error(
                "invalid_input",
                "`provider` must be a number from webhookProviderIndex",
            )
        })?;
    let body = present_bytes(body, "body")?.unwrap_or_default();
    let secret = present_bytes(secret, "secret")?.map(Secret::new);
    let headers = provider
        .webhook_headers()
        .iter()
        .zip([first, second, third])
        .filter_map(|(&name, value)| Some((name.to_owned(), value?)))
        .collect::<Vec<_>>();
    let now = integer(now, "now")?;

    let mut input = WebhookInput::new(provider, &body)
        .headers(&headers)
        .now(now as i64);
    if let Some(secret) = &secret {
        input = input.secret(secret);
    }
    let verification = signature::verify_webhook(&input);
    if verification.is_valid() {
        return Ok(verification.event_key.map_or(JsValue::NULL, JsValue::from));
    }
    verification_to_js(verification)
}

/// Returns the HMAC-SHA512 of `data` keyed with `key`, as lowercase hex (strings are taken as
/// UTF-8).
#[wasm_bindgen(js_name = hmacSha512Hex)]
pub fn hmac_sha512_hex(
    #[wasm_bindgen(unchecked_param_type = "BytesInput")] key: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "BytesInput")] data: &JsValue,
) -> JsResult<String> {
    let key = bytes(key, "key")?;
    let data = bytes(data, "data")?;
    let tag = mac::sign(Algorithm::Sha512, &key, &[&data]).map_err(|_| {
        type_error(
            "invalid_input",
            "`key` is empty or zero bytes only, which HMAC takes as no key: anyone could compute the MAC",
        )
    })?;
    Ok(hex_encode(&tag))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_DIAGNOSIS: &'static str = r#"
/** A signing scheme the signature validator checks. */
export type SignatureScheme =
  | "heropayments-post" | "heropayments-get" | "heropayments-callback"
  | "hayvn-request" | "hayvn-callback"
  | "cryptopayment-webhook" | "calypso-webhook" | "standard-webhook" | "iqpay-webhook";

/** What `diagnoseSignature` checks; absent fields are empty. */
export interface DiagnosisInput {
  scheme: SignatureScheme;
  /** The API secret, callback token, APP_KEY or `whsec_` secret, exactly as the dashboard shows it. */
  secret?: string;
  /** The body, exactly as sent or received. */
  body?: string | Uint8Array;
  /** A GET request's query string. */
  query?: string;
  /** A HAYVN request's path (`/v1/payments/`). */
  path?: string;
  /** A HAYVN request's nonce (or in `headers`). */
  nonce?: string;
  /** A Standard Webhook's `webhook-id` (or in `headers`). */
  messageId?: string;
  /** A Standard Webhook's `webhook-timestamp` (or in `headers`). */
  timestamp?: string;
  /** The signature received (or in `headers`, or the body's `signature` field). */
  signature?: string;
  /** A pasted block of raw HTTP headers (`Name: value` lines). */
  headers?: string;
}

/** A mistake that explains a received signature. */
export interface SignatureMistake {
  /** `raw_body`, `pretty_printed`, `trailing_newline`, `double_encoded`, `question_mark`,
   * `signed_empty_object`, `signed_body`, `wrong_encoding`, `secret_whitespace`,
   * `app_key_not_decoded`, `colon_separator`, `event_first`, `non_ascii_raw`,
   * `python_separators`, `sorted_keys`, `nonce_as_number`, `not_base64`,
   * `path_without_slash`, `normalized_body`, `secret_not_decoded`,
   * `timestamp_milliseconds`, `wrong_algorithm`. */
  code: string;
  /** What the signer did, and what to do instead. */
  message: string;
  /** The string the signer signed. */
  signedString: string;
}

/** What `diagnoseSignature` found. */
export interface Diagnosis {
  finding: "match" | "mismatch" | "unsigned" | "incomplete";
  /** One sentence for the finding. */
  message: string;
  /** Exactly what the scheme signs. */
  signedString: string;
  /** The expected signature in lowercase hex, and in base64. */
  expected: { hex: string; base64: string };
  /** The signature received, as found. */
  received: string;
  /** The mistake that explains a mismatch, when one does. */
  mistake?: SignatureMistake;
}
"#;

/// Checks a received signature for `input.scheme` and, on a mismatch, names the known mistake
/// that explains it (the signature validator page). Never throws for bad content: missing or
/// unreadable parts are an `"incomplete"` finding saying what is missing.
#[wasm_bindgen(js_name = diagnoseSignature, unchecked_return_type = "Diagnosis")]
pub fn diagnose_signature(
    #[wasm_bindgen(unchecked_param_type = "DiagnosisInput")] input: &JsValue,
) -> JsResult<JsValue> {
    use signature::diagnose::{self, DiagnosisInput, Scheme};
    let scheme_name = optional_string(input, "scheme")?.unwrap_or_default();
    let scheme = Scheme::parse(&scheme_name);
    if scheme.is_none() {
        return Err(type_error(
            "invalid_input",
            "`scheme` is not one of the signature schemes",
        ));
    }
    let text = |key| optional_string(input, key).map(Option::unwrap_or_default);
    let secret = text("secret")?;
    let body = optional_bytes(input, "body")?.unwrap_or_default();
    let (query, path, nonce) = (text("query")?, text("path")?, text("nonce")?);
    let (message_id, timestamp, received) =
        (text("messageId")?, text("timestamp")?, text("signature")?);
    let headers = diagnose::header_block(&text("headers")?);
    let diagnosis = diagnose::diagnose(&DiagnosisInput {
        scheme,
        secret: secret.as_bytes(),
        body: &body,
        query: &query,
        path: &path,
        nonce: &nonce,
        message_id: &message_id,
        timestamp: &timestamp,
        received: &received,
        headers: &headers,
    });
    let object = Object::new();
    set(&object, "finding", &js_static(diagnosis.finding.as_str()))?;
    set(&object, "message", &diagnosis.message.into())?;
    set(&object, "signedString", &diagnosis.signed_string.into())?;
    let expected = Object::new();
    set(&expected, "hex", &diagnosis.expected_hex.into())?;
    set(&expected, "base64", &diagnosis.expected_base64.into())?;
    set(&object, "expected", &expected)?;
    set(&object, "received", &diagnosis.received.into())?;
    if let Some(mistake) = diagnosis.mistake {
        let js = Object::new();
        set(&js, "code", &js_static(mistake.code))?;
        set(&js, "message", &mistake.message.into())?;
        set(&js, "signedString", &mistake.signed_string.into())?;
        set(&object, "mistake", &js)?;
    }
    Ok(object.into())
}

#[wasm_bindgen(typescript_custom_section)]
const TS_PAYMENT: &'static str = r#"
/** A normalized webhook (`schema/payment-event.v1.json`). */
export interface PaymentEvent {
  schema: "crypto-checkout/event/v1";
  provider: Provider;
  /** Stable across retries of the same webhook: store it and apply each key once. */
  event_key: string;
  event_type: string | null;
  payment_id: string | null;
  order_id: string | null;
  direction: "deposit" | "withdrawal";
  state: PaymentState;
  outcome: PaymentOutcome;
  provider_status: string;
  coin: string | null;
  network: Network | null;
  address: string | null;
  tag: string | null;
  amount: Decimal | null;
  paid_amount: Decimal | null;
  txids: string[];
  /** The transfers the event reports, with their amounts. */
  payments: PaymentTransfer[];
  sequence: string | null;
  confirmations: ConfirmationCount | null;
  fiat: FiatAmount | null;
  warnings: PaymentWarning[];
}

/** Options of `normalizePayment` and `normalizeWebhook`. */
export interface PaymentOptions {
  /** For documents that do not say (Heropayments without a `type` field, a Calypso event type
      no table lists); what a document says always wins. */
  direction?: "deposit" | "withdrawal";
  /** `purchase` (default): a fixed price; `topup`: any amount is credited. */
  mode?: "purchase" | "topup";
  /** Purchases on gateways that do not judge amounts: the band, in percent, that counts as paid. */
  tolerance?: { below: Decimal | number; above: Decimal | number };
  /** The payment to pick from a list document. */
  id?: string;
}

/** A gateway document that could not be read: `code` is `payment_*`. */
export interface PaymentError extends CryptoCheckoutError {
  /** The gateway. */
  provider: string;
  /** The field concerned (`result.paid_amount.crypto.amount`), when there is one. */
  field?: string;
  /** From `normalizeConfirmedWebhook`: which input is wrong, the webhook `body` or the
   * `document` read back from the gateway. */
  input?: "body" | "document";
}
"#;

/// Reads a gateway's status document, creation response or webhook body into the checkout
/// document.
///
/// Pass the raw text (or bytes) to keep amounts exact: an object is serialized with
/// `JSON.stringify` first, and its numbers already went through `JSON.parse`.
#[wasm_bindgen(js_name = normalizePayment, unchecked_return_type = "CheckoutDocument")]
pub fn normalize_payment(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "JsonInput | object")] document: &JsValue,
    options: Option<PaymentOptionsBag>,
) -> JsResult<JsValue> {
    let (gateway, options) = payment_arguments(provider, options)?;
    let document = document_input(document)?;
    let checkout =
        payment::normalize_payment(gateway, document.text(), &options).map_err(payment_error)?;
    js_sys::JSON::parse(&checkout.to_json())
}

/// Reads a webhook body into a payment event with a stable `event_key`.
///
/// It does not verify the webhook: call `verifyWebhook` first. For HAYVN and
/// CryptoPayment.center, whose signatures cover only ids, read the payment back from the
/// gateway and use `normalizeConfirmedWebhook` instead: the status and amounts of this body
/// are not signed.
#[wasm_bindgen(js_name = normalizeWebhook, unchecked_return_type = "PaymentEvent")]
pub fn normalize_webhook(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "JsonInput")] body: &JsValue,
    options: Option<PaymentOptionsBag>,
) -> JsResult<JsValue> {
    let (gateway, options) = payment_arguments(provider, options)?;
    let body = Input::read(body, "body")?;
    let event =
        payment::normalize_webhook(gateway, body.text(), &options).map_err(payment_error)?;
    js_sys::JSON::parse(&event.to_json())
}

/// Reads a verified webhook with the payment as the gateway's API reports it, read back
/// after the webhook came: the event keeps the webhook's `event_key` and `event_type` and
/// takes everything else from `document`. Use it where the signature covers only ids (HAYVN,
/// CryptoPayment.center).
#[wasm_bindgen(js_name = normalizeConfirmedWebhook, unchecked_return_type = "PaymentEvent")]
pub fn normalize_confirmed_webhook(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "JsonInput")] body: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "JsonInput")] document: &JsValue,
    options: Option<PaymentOptionsBag>,
) -> JsResult<JsValue> {
    let (gateway, options) = payment_arguments(provider, options)?;
    let (body, document) = (
        Input::read(body, "body")?,
        Input::read(document, "document")?,
    );
    let event =
        payment::normalize_confirmed_webhook(gateway, body.text(), document.text(), &options)
            .map_err(payment_error)?;
    js_sys::JSON::parse(&event.to_json())
}

#[wasm_bindgen]
extern "C" {
    /// The options of `normalizePayment` and `normalizeWebhook`: optional, so typed as an
    /// imported type (an `Option` of it makes the parameter optional in TypeScript).
    #[wasm_bindgen(typescript_type = "PaymentOptions")]
    pub type PaymentOptionsBag;
}

/// The gateway and the options of `normalizePayment` and `normalizeWebhook`.
fn payment_arguments(
    provider: &JsValue,
    options: Option<PaymentOptionsBag>,
) -> JsResult<(Gateway, PaymentOptions)> {
    let name = provider
        .as_string()
        .ok_or_else(|| type_error("invalid_input", "`provider` must be a string"))?;
    let gateway = Gateway::parse(&name).map_err(payment_error)?;
    let mut parsed = PaymentOptions::default();
    let Some(options) = options else {
        return Ok((gateway, parsed));
    };
    let options: &JsValue = &options;
    let invalid = |option: &str, expected: &str| {
        type_error(
            "payment_invalid_option",
            &format!("`{option}` must be {expected}"),
        )
    };
    if let Some(direction) = optional_string(options, "direction")? {
        parsed.direction = Some(
            Direction::parse(&direction)
                .ok_or_else(|| invalid("direction", "deposit or withdrawal"))?,
        );
    }
    parsed.mode = match optional_string(options, "mode")?.as_deref() {
        None | Some("purchase") => Mode::Purchase,
        Some("topup") => Mode::Topup,
        Some(_) => return Err(invalid("mode", "purchase or topup")),
    };
    if let Some(tolerance) = optional(options, "tolerance")? {
        let percent = |key: &'static str| -> JsResult<Amount> {
            let value = optional(&tolerance, key)?
                .ok_or_else(|| invalid("tolerance", "{ below, above }"))?;
            // A number is written as JavaScript prints it (`0.5`, `1e-7`).
            let text = match value.as_f64() {
                Some(_) => String::from(js_sys::JSON::stringify(&value)?),
                None => value
                    .as_string()
                    .ok_or_else(|| invalid("tolerance", "percentages"))?,
            };
            Amount::parse(&text)
                .ok()
                .filter(|amount| !amount.is_negative())
                .ok_or_else(|| invalid("tolerance", "non-negative percentages"))
        };
        parsed.tolerance = Some(Tolerance {
            below: percent("below")?,
            above: percent("above")?,
        });
    }
    parsed.id = optional_string(options, "id")?;
    Ok((gateway, parsed))
}

/// A document as text: a string, bytes, or an object serialized with `JSON.stringify`.
fn document_input(document: &JsValue) -> JsResult<Input> {
    if document.is_object() && !document.is_instance_of::<Uint8Array>() {
        let text: JsValue = js_sys::JSON::stringify(document)?.into();
        return Input::read(&text, "document");
    }
    Input::read(document, "document")
}

/// A JavaScript `Error` for a gateway document that cannot be read, with `code`, `provider`,
/// `field` (and `line`, `column`, `offset` when it is not JSON).
fn payment_error(error: PaymentError) -> JsValue {
    let js = match error.json_error() {
        Some(json) => json_error(json.clone()),
        None => js_sys::Error::new("").into(),
    };
    let _ = Reflect::set(&js, &"message".into(), &error.to_string().into());
    let _ = Reflect::set(&js, &"code".into(), &error.code().into());
    let _ = Reflect::set(&js, &"provider".into(), &error.gateway().into());
    if let Some(field) = error.field() {
        let _ = Reflect::set(&js, &"field".into(), &field.into());
    }
    if let Some(input) = error.input() {
        let _ = Reflect::set(&js, &"input".into(), &input.as_str().into());
    }
    js
}

#[wasm_bindgen(typescript_custom_section)]
const TS_URI: &'static str = r#"
/** What a payer must send, for `paymentUri`. */
export interface PaymentInstruction {
  /** `bitcoin`, `ethereum`, `tron`, ... or a gateway spelling (`trc20`, `BSC`); may be omitted when `coin` implies it. */
  network?: string;
  /** `BTC`, `USDT`, ... or a gateway spelling (`USDT_TRX`, `USDT-TRC20`). */
  coin: string;
  /** The address, written exactly as given (never re-cased). */
  address: string;
  /** The amount in the coin as decimal text (`"50.00"`); omit it to let the payer choose. */
  amount?: Decimal;
  /** Destination tag (XRP), memo (Stellar) or comment (TON): never dropped; an error where the URI cannot carry it. */
  tag?: string;
  /** A name for the payment, for wallets that show one (BIP21, SEP-0007). */
  label?: string;
  /** TRON: `"address"` (default, what every wallet reads) or `"uri"` (`tron:<address>?amount=`, not ratified). */
  tronForm?: "address" | "uri";
}
"#;

/// The payment URI of an instruction, for QR codes and "open in wallet" links: BIP21 for
/// bitcoin, litecoin and dogecoin, EIP-681 for EVM chains (with the token contract and
/// atomic units), the bare address for TRON by default, and the XRP, Stellar and TON forms
/// with their tags.
///
/// Throws an `Error` with a `uri_*` or `amount_*` code naming what is wrong.
#[wasm_bindgen(js_name = paymentUri)]
pub fn payment_uri(
    #[wasm_bindgen(unchecked_param_type = "PaymentInstruction")] instruction: &JsValue,
) -> JsResult<String> {
    let required = |key: &'static str| -> JsResult<String> {
        optional_string(instruction, key)?
            .ok_or_else(|| type_error("invalid_input", &format!("`{key}` is required")))
    };
    let network = optional_string(instruction, "network")?.unwrap_or_default();
    let coin = required("coin")?;
    let address = required("address")?;
    let amount = optional_string(instruction, "amount")?;
    let tag = optional_string(instruction, "tag")?;
    let label = optional_string(instruction, "label")?;
    let tron_form = match optional_string(instruction, "tronForm")?.as_deref() {
        None | Some("address") => TronForm::Address,
        Some("uri") => TronForm::TronUri,
        Some(_) => {
            return Err(type_error(
                "invalid_input",
                "`tronForm` must be address or uri",
            ))
        }
    };
    uri::payment_uri(&PaymentInstruction {
        network: &network,
        coin: &coin,
        address: &address,
        amount: amount.as_deref(),
        tag: tag.as_deref(),
        label: label.as_deref(),
        tron_form,
    })
    .map_err(|error| coded(js_sys::Error::new(&error.to_string()), error.code()))
}

fn verification_to_js(verification: Verification) -> JsResult<JsValue> {
    let object = Object::new();
    set(
        &object,
        "verdict",
        &js_static(verification.verdict.as_str()),
    )?;
    if let Some(reason) = verification.reason {
        let js = Object::new();
        set(&js, "code", &js_static(reason.code.as_str()))?;
        set(&js, "message", &reason.message.into())?;
        set(&object, "reason", &js)?;
    }
    if let Some(event_key) = verification.event_key {
        set(&object, "eventKey", &event_key.into())?;
    }
    Ok(object.into())
}

/// The `provider` of an option bag.
fn provider(options: &JsValue) -> JsResult<Provider> {
    provider_named(&get(options, "provider")?)
}

/// A provider given by its name.
fn provider_named(name: &JsValue) -> JsResult<Provider> {
    let name =
        present(name).ok_or_else(|| type_error("invalid_input", "`provider` is required"))?;
    string(&name, "provider")?.parse().map_err(signature_error)
}

/// A property of an option bag; a `TypeError` when the bag is not an object.
fn get(options: &JsValue, key: &'static str) -> JsResult<JsValue> {
    if !options.is_object() {
        return Err(type_error("invalid_input", "expected an options object"));
    }
    Reflect::get(options, &js_static(key))
}

/// `value`, absent when `undefined` or `null`.
fn present(value: &JsValue) -> Option<JsValue> {
    Some(value.clone()).filter(|value| !value.is_undefined() && !value.is_null())
}

/// A property of an option bag, absent when `undefined` or `null`.
fn optional(options: &JsValue, key: &'static str) -> JsResult<Option<JsValue>> {
    Ok(present(&get(options, key)?))
}

/// The string `value` of option `key`.
fn string(value: &JsValue, key: &str) -> JsResult<String> {
    value
        .as_string()
        .ok_or_else(|| type_error("invalid_input", &format!("`{key}` must be a string")))
}

/// A string property, absent when `undefined` or `null`.
fn optional_string(options: &JsValue, key: &'static str) -> JsResult<Option<String>> {
    optional(options, key)?
        .map(|value| string(&value, key))
        .transpose()
}

/// A boolean property, absent when `undefined` or `null`.
fn optional_bool(options: &JsValue, key: &'static str) -> JsResult<Option<bool>> {
    optional(options, key)?
        .map(|value| {
            value
                .as_bool()
                .ok_or_else(|| type_error("invalid_input", &format!("`{key}` must be a boolean")))
        })
        .transpose()
}

/// A property holding a non-negative number up to `Number.MAX_SAFE_INTEGER`, rounded down
/// (so `Date.now() / 1000` is a time in seconds), absent when `undefined` or `null`.
fn optional_integer(options: &JsValue, key: &'static str) -> JsResult<Option<f64>> {
    optional(options, key)?
        .map(|value| integer(&value, key))
        .transpose()
}

/// The number `value` of option `key`, non-negative up to `Number.MAX_SAFE_INTEGER`, rounded
/// down.
fn integer(value: &JsValue, key: &str) -> JsResult<f64> {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    match value.as_f64() {
        Some(number) if (0.0..=MAX_SAFE_INTEGER).contains(&number) => Ok(number.floor()),
        _ => Err(type_error(
            "invalid_input",
            &format!("`{key}` must be a non-negative number"),
        )),
    }
}

/// A string (as UTF-8) or `Uint8Array` property, absent when `undefined` or `null`.
fn optional_bytes(options: &JsValue, key: &'static str) -> JsResult<Option<Vec<u8>>> {
    present_bytes(&get(options, key)?, key)
}

/// The bytes of `value` (see [`bytes`]), absent when `undefined` or `null`.
fn present_bytes(value: &JsValue, name: &str) -> JsResult<Option<Vec<u8>>> {
    present(value).map(|value| bytes(&value, name)).transpose()
}

/// The bytes of a string (as UTF-8) or a `Uint8Array`.
fn bytes(value: &JsValue, name: &str) -> JsResult<Vec<u8>> {
    if let Some(string) = value.dyn_ref::<JsString>() {
        Ok(encode_utf8(string).0)
    } else if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        Ok(bytes.to_vec())
    } else {
        Err(type_error(
            "invalid_input",
            &format!("`{name}` must be a string or a Uint8Array"),
        ))
    }
}

#[wasm_bindgen]
extern "C" {
    /// A JavaScript string, seen through the methods bound below.
    #[wasm_bindgen(js_name = String)]
    type StringMethods;

    /// `String.prototype.isWellFormed` (ES2024); throws where the engine lacks it.
    #[wasm_bindgen(method, catch, js_class = "String", js_name = isWellFormed)]
    fn is_well_formed(this: &StringMethods) -> Result<bool, JsValue>;

    /// The WHATWG `TextEncoder`: writes a string as UTF-8 straight into wasm memory.
    type TextEncoder;

    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    /// Writes as much of `source` as fits into `destination`; unpaired surrogates become
    /// U+FFFD.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, destination: &mut [u8]) -> EncodeResult;

    /// What `encodeInto` did.
    type EncodeResult;

    /// The WHATWG `TextDecoder`, reading straight from wasm memory.
    type TextDecoder;

    /// A decoder of UTF-8.
    #[wasm_bindgen(constructor)]
    fn new() -> TextDecoder;

    /// A decoder of the encoding `label`.
    #[wasm_bindgen(constructor)]
    fn with_label(label: &str) -> TextDecoder;

    /// The string of UTF-8 `bytes` (a leading byte order mark would be dropped: JSON text
    /// never starts with one).
    #[wasm_bindgen(method)]
    fn decode(this: &TextDecoder, bytes: &[u8]) -> JsString;

    /// The string of UTF-16LE `units`, for a decoder made with the label "utf-16le".
    #[wasm_bindgen(method, js_name = decode)]
    fn decode_utf16(this: &TextDecoder, units: &[u16]) -> JsString;

    /// Node's `Buffer`, which browsers do not have.
    type Buffer;

    /// The `Buffer` class, where there is one.
    #[wasm_bindgen(thread_local_v2, js_name = Buffer)]
    static BUFFER_CLASS: Option<Object>;

    /// A `Buffer` over `length` bytes of `array_buffer` from `byte_offset`, without a copy.
    #[wasm_bindgen(static_method_of = Buffer, js_name = from)]
    fn view(array_buffer: &JsValue, byte_offset: u32, length: u32) -> Buffer;

    /// The string of the buffer's UTF-16LE code units, copied as they are.
    #[wasm_bindgen(method, js_name = ucs2Slice)]
    fn ucs2_slice(this: &Buffer) -> JsString;

    /// UTF-16 code units read.
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeResult) -> u32;

    /// Bytes written.
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
    static DECODER: TextDecoder = TextDecoder::new();
    static UTF16_STRINGS: Utf16Strings = if BUFFER_CLASS.with(Option::is_some) {
        Utf16Strings::NodeBuffer
    } else {
        Utf16Strings::Decoder(TextDecoder::with_label("utf-16le"))
    };
}

/// How a string is made of UTF-16 code units in wasm memory.
enum Utf16Strings {
    /// `Buffer#ucs2Slice` over the memory, where there is a `Buffer` (Node): it copies the
    /// units about six times faster than Node's `TextDecoder` reads UTF-8.
    NodeBuffer,
    /// `TextDecoder("utf-16le")`.
    Decoder(TextDecoder),
}

/// The JavaScript string of the engine's UTF-8 output. ASCII goes to `TextDecoder` as it is
/// (V8 makes a one-byte string of it quickly); other text is widened here to UTF-16, which
/// the engine copies into a string faster than it decodes UTF-8.
fn js_string_of(utf8: &[u8]) -> JsString {
    if utf8.is_ascii() {
        return DECODER.with(|decoder| decoder.decode(utf8));
    }
    let units = utf16_of(utf8);
    UTF16_STRINGS.with(|strings| match strings {
        Utf16Strings::NodeBuffer => {
            let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>();
            let offset = units.as_ptr() as usize;
            Buffer::view(&memory.buffer(), offset as u32, (2 * units.len()) as u32).ucs2_slice()
        }
        Utf16Strings::Decoder(decoder) => decoder.decode_utf16(&units),
    })
}

/// The UTF-16 code units of the engine's UTF-8, which is valid by construction (a sequence
/// that were not would come out as U+FFFD). ASCII runs, found eight bytes at a time, are
/// widened as they are.
fn utf16_of(utf8: &[u8]) -> Vec<u16> {
    let mut units = Vec::with_capacity(utf8.len());
    let mut rest = utf8;
    while !rest.is_empty() {
        let words = rest
            .chunks_exact(8)
            .take_while(|chunk| word(chunk) & HIGH_BITS == 0)
            .count();
        let ascii = 8 * words
            + rest[8 * words..]
                .iter()
                .take_while(|b| b.is_ascii())
                .count();
        units.extend(rest[..ascii].iter().map(|&byte| u16::from(byte)));
        rest = &rest[ascii..];
        let length = match rest.first() {
            None => break,
            Some(0xC0..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            Some(_) => 4,
        };
        let (character, after) = rest.split_at(length.min(rest.len()));
        let decoded = std::str::from_utf8(character)
            .ok()
            .and_then(|text| text.chars().next())
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        units.extend_from_slice(decoded.encode_utf16(&mut [0; 2]));
        rest = after;
    }
    units
}

/// A JSON text copied from a JavaScript argument into wasm memory.
enum Input {
    /// A well-formed string, as UTF-8, or bytes as they were given.
    Utf8(Vec<u8>),
    /// A string holding unpaired surrogates, as UTF-16 code units.
    Utf16(Vec<u16>),
}

impl Input {
    /// Copies the text of `input` (a string or a `Uint8Array`) into wasm memory, once; a
    /// `TypeError` naming the argument `name` for anything else.
    ///
    /// A well-formed string is passed as UTF-8. A string with unpaired surrogates is passed as
    /// UTF-16 code units, so that they survive as `JSON.parse` keeps them (UTF-8 would turn
    /// them into U+FFFD). Bytes are passed as they are.
    fn read(input: &JsValue, name: &str) -> JsResult<Input> {
        if let Some(string) = input.dyn_ref::<JsString>() {
            let (utf8, ascii) = encode_utf8(string);
            if !ascii && has_replacement_character(&utf8) && !well_formed(string) {
                Ok(Input::Utf16(string.iter().collect()))
            } else {
                Ok(Input::Utf8(utf8))
            }
        } else if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
            Ok(Input::Utf8(bytes.to_vec()))
        } else {
            Err(type_error(
                "invalid_input",
                &format!("`{name}` must be a string or a Uint8Array"),
            ))
        }
    }

    fn text(&self) -> Text<'_> {
        match self {
            Input::Utf8(bytes) => Text::from(bytes.as_slice()),
            Input::Utf16(units) => Text::from(units.as_slice()),
        }
    }
}

/// `string` as UTF-8 (unpaired surrogates as U+FFFD), written by `TextEncoder.encodeInto`,
/// and whether it is all ASCII.
///
/// ASCII takes one pass into a buffer of the string's length. Otherwise that pass stops where
/// the buffer is full, and a second one writes the rest, at most 3 bytes per UTF-16 unit.
fn encode_utf8(string: &JsString) -> (Vec<u8>, bool) {
    let units = string.length();
    let mut bytes = vec![0; units as usize];
    let ascii = ENCODER.with(|encoder| {
        let first = encoder.encode_into(string, &mut bytes);
        let (read, mut written) = (first.read(), first.written() as usize);
        if read == units {
            // Every unit took one byte.
            return true;
        }
        let rest = string.slice(read, units);
        bytes.resize(written + 3 * (units - read) as usize, 0);
        written += encoder.encode_into(&rest, &mut bytes[written..]).written() as usize;
        bytes.truncate(written);
        false
    });
    (bytes, ascii)
}

/// The high bit of each of eight bytes: a word with none of them set holds only ASCII.
const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);

/// The first eight bytes of `chunk` (which has at least eight) as one little-endian word.
fn word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes([
        chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
    ])
}

/// `a == b`, eight bytes at a time: a slice comparison is a loop over single bytes in
/// WebAssembly (its `memcmp`), and this one runs over whole documents.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let (a_words, b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    a.len() == b.len()
        && a_words.remainder() == b_words.remainder()
        && a_words.zip(b_words).all(|(x, y)| word(x) == word(y))
}

/// Whether `utf8` holds U+FFFD (`EF BF BD`), which `encodeInto` also writes for an unpaired
/// surrogate. Looks for `EF` eight bytes at a time.
fn has_replacement_character(utf8: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const EF: u64 = u64::from_le_bytes([0xEF; 8]);
    let may_hold_ef = |chunk: &[u8]| {
        if chunk.len() < 8 {
            return chunk.contains(&0xEF);
        }
        // A zero byte in `word ^ EF` is an EF byte in the chunk.
        let x = word(chunk) ^ EF;
        x.wrapping_sub(ONES) & !x & HIGH_BITS != 0
    };
    utf8.chunks(8).enumerate().any(|(index, chunk)| {
        may_hold_ef(chunk)
            && utf8[index * 8..]
                .windows(3)
                .take(chunk.len())
                .any(|window| window == [0xEF, 0xBF, 0xBD])
    })
}

/// Whether `string` holds no unpaired surrogate.
fn well_formed(string: &JsString) -> bool {
    let methods: &StringMethods = string.unchecked_ref();
    methods.is_well_formed().unwrap_or_else(|_| {
        // Engines before ES2024: in a `u` regular expression, a surrogate class matches only
        // unpaired surrogates, since pairs are read as one code point.
        !RegExp::new("[\\uD800-\\uDFFF]", "u").test(&String::from(string))
    })
}

fn inspection_to_js(inspection: Inspection) -> JsResult<JsValue> {
    let warnings = inspection
        .warnings
        .into_iter()
        .map(warning_to_js)
        .collect::<JsResult<js_sys::Array>>()?;
    let object = Object::new();
    set(&object, "normalized", &inspection.normalized.into())?;
    set(&object, "warnings", &warnings)?;
    set(
        &object,
        "omittedWarnings",
        &(inspection.omitted_warnings as f64).into(),
    )?;
    Ok(object.into())
}

fn warning_to_js(warning: JsonWarning) -> JsResult<JsValue> {
    let object = Object::new();
    set(&object, "kind", &js_static(warning.kind.as_str()))?;
    set(&object, "path", &warning.path.into())?;
    set(&object, "offset", &(warning.offset as f64).into())?;
    set(&object, "line", &(warning.line as f64).into())?;
    set(&object, "column", &(warning.column as f64).into())?;
    if let Some(original) = warning.original {
        set(&object, "original", &original.into())?;
    }
    if let Some(normalized) = warning.normalized {
        set(&object, "normalized", &normalized.into())?;
    }
    set(&object, "message", &warning.message.into())?;
    Ok(object.into())
}

/// A JavaScript `Error` for a JSON syntax error, with `code`, `line`, `column` and `offset`.
fn json_error(error: JsonError) -> JsValue {
    let js = coded(
        js_sys::Error::new(&error.to_string()),
        error.code().as_str(),
    );
    for (name, value) in [
        ("line", error.line()),
        ("column", error.column()),
        ("offset", error.offset()),
    ] {
        // Setting a property on a fresh Error cannot fail.
        let _ = Reflect::set(&js, &name.into(), &(value as f64).into());
    }
    js
}

/// A JavaScript `Error` for a request that cannot be signed, with `code` (and `line`, `column`,
/// `offset` when the body is not JSON).
fn signature_error(error: SignatureError) -> JsValue {
    match &error {
        SignatureError::InvalidJson(json) => {
            let js = json_error(json.clone());
            let _ = Reflect::set(&js, &"message".into(), &error.to_string().into());
            let _ = Reflect::set(&js, &"code".into(), &error.code().into());
            js
        }
        _ => coded(js_sys::Error::new(&error.to_string()), error.code()),
    }
}

/// A JavaScript `TypeError` for an argument of the wrong type.
fn type_error(code: &str, message: &str) -> JsValue {
    coded(js_sys::TypeError::new(message).into(), code)
}

/// `error` with its `code` property set.
fn coded(error: js_sys::Error, code: &str) -> JsValue {
    let _ = Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

/// Sets `object[key] = value`.
fn set(object: &Object, key: &'static str, value: &JsValue) -> JsResult<()> {
    Reflect::set(object, &js_static(key), value).map(drop)
}

/// Signed headers as a JavaScript object of name to value.
fn headers_object(headers: &[(String, String)]) -> JsResult<JsValue> {
    let object = Object::new();
    for (name, value) in headers {
        Reflect::set(&object, &name.into(), &value.into())?;
    }
    Ok(object.into())
}

thread_local! {
    /// The JavaScript strings of the fixed names and values this layer reads and writes at
    /// every call (option names, verdicts, codes). Making a string from wasm memory costs
    /// far more than finding it here.
    static STATIC_STRINGS: std::cell::RefCell<Vec<(&'static str, JsValue)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The JavaScript string of `text`, made on first use and kept.
fn js_static(text: &'static str) -> JsValue {
    STATIC_STRINGS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, value)) = cache.iter().find(|(known, _)| *known == text) {
            return value.clone();
        }
        let value = JsValue::from_str(text);
        cache.push((text, value.clone()));
        value
    })
}
