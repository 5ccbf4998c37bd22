//! Why a signature does not match: the checks of the signature validator page.
//!
//! [`diagnose`] computes what a scheme signs and the signature it expects, compares it with the
//! signature received, and on a mismatch recomputes the signature under each mistake signers
//! are known to make (the raw body signed instead of the normalized one, pretty-printed JSON, a
//! trailing newline, the `?` of a query, a secret with whitespace around it, an APP_KEY not
//! base64-decoded, HAYVN's non-ASCII escaping, Python's default JSON separators, SHA-256 for
//! SHA-512, ...). The one whose signature equals the received one is named. Comparisons here
//! are plain: the inputs are the user's own, typed into a page, not an attacker's guesses.

use super::cryptopayment::decode_app_key;
use super::encoding::{base64_decode, base64_encode, hex_decode, hex_encode};
use super::hayvn::{self, SignatureData};
use super::mac::{self, Algorithm};
use crate::json::value::{self, Value};

/// A signing scheme the validator checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// A Heropayments POST request: `x-api-sign` over the normalized body.
    HeropaymentsPost,
    /// A Heropayments GET request: `x-api-sign` over the query string without `?`.
    HeropaymentsGet,
    /// A Heropayments callback: `x-api-sign` over the normalized body.
    HeropaymentsCallback,
    /// A HAYVN request: `X-HAYVNPAY-SIGNATURE` over base64 `{"path","nonce","payload"}`.
    HayvnRequest,
    /// A HAYVN callback: the body's `signature` over its `callback_id`, keyed with the token.
    HayvnCallback,
    /// A CryptoPayment.center webhook: the body's `signature` over `invoice_id.event`.
    CryptoPaymentWebhook,
    /// A Calypso webhook: `Sign` over the raw body.
    CalypsoWebhook,
    /// A Standard Webhook: `webhook-signature` over `id.timestamp.body`.
    StandardWebhook,
    /// An iqpay webhook: signed by nothing.
    IqpayWebhook,
}

impl Scheme {
    /// Every scheme.
    pub const ALL: [Scheme; 9] = [
        Scheme::HeropaymentsPost,
        Scheme::HeropaymentsGet,
        Scheme::HeropaymentsCallback,
        Scheme::HayvnRequest,
        Scheme::HayvnCallback,
        Scheme::CryptoPaymentWebhook,
        Scheme::CalypsoWebhook,
        Scheme::StandardWebhook,
        Scheme::IqpayWebhook,
    ];

    /// The scheme's name in the JavaScript API (`heropayments-post`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::HeropaymentsPost => "heropayments-post",
            Scheme::HeropaymentsGet => "heropayments-get",
            Scheme::HeropaymentsCallback => "heropayments-callback",
            Scheme::HayvnRequest => "hayvn-request",
            Scheme::HayvnCallback => "hayvn-callback",
            Scheme::CryptoPaymentWebhook => "cryptopayment-webhook",
            Scheme::CalypsoWebhook => "calypso-webhook",
            Scheme::StandardWebhook => "standard-webhook",
            Scheme::IqpayWebhook => "iqpay-webhook",
        }
    }

    /// The scheme named `name`.
    pub fn parse(name: &str) -> Option<Scheme> {
        Scheme::ALL
            .into_iter()
            .find(|scheme| scheme.as_str() == name)
    }

    /// Where the received signature travels: a header (its name), or the body's `signature`
    /// field (`None`).
    pub fn signature_header(self) -> Option<&'static str> {
        match self {
            Scheme::HeropaymentsPost | Scheme::HeropaymentsGet | Scheme::HeropaymentsCallback => {
                Some("x-api-sign")
            }
            Scheme::HayvnRequest => Some("x-hayvnpay-signature"),
            Scheme::CalypsoWebhook => Some("sign"),
            Scheme::StandardWebhook => Some("webhook-signature"),
            Scheme::HayvnCallback | Scheme::CryptoPaymentWebhook | Scheme::IqpayWebhook => None,
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Scheme::HeropaymentsPost
            | Scheme::HeropaymentsGet
            | Scheme::HeropaymentsCallback
            | Scheme::CalypsoWebhook => Algorithm::Sha512,
            _ => Algorithm::Sha256,
        }
    }
}

/// What the validator was given. Empty fields are absent; `received`, `nonce`, `message_id`
/// and `timestamp` are taken from `headers` (or, for the body-field schemes, the body's
/// `signature`) when empty.
#[derive(Clone, Default)]
pub struct DiagnosisInput<'a> {
    /// The scheme.
    pub scheme: Option<Scheme>,
    /// The API secret, callback token, APP_KEY or `whsec_` secret, as the dashboard shows it.
    pub secret: &'a [u8],
    /// The body, exactly as sent or received.
    pub body: &'a [u8],
    /// A GET request's query string.
    pub query: &'a str,
    /// A HAYVN request's path (`/v1/payments/`).
    pub path: &'a str,
    /// A HAYVN request's nonce.
    pub nonce: &'a str,
    /// A Standard Webhook's `webhook-id`.
    pub message_id: &'a str,
    /// A Standard Webhook's `webhook-timestamp`.
    pub timestamp: &'a str,
    /// The signature received.
    pub received: &'a str,
    /// Received headers (names in any case), e.g. from [`header_block`].
    pub headers: &'a [(String, String)],
}

/// The validator's conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// The received signature is the expected one.
    Match,
    /// It is not.
    Mismatch,
    /// The scheme signs nothing (iqpay).
    Unsigned,
    /// Something needed is missing or unreadable: the message says what.
    Incomplete,
}

impl Finding {
    /// `match`, `mismatch`, `unsigned`, `incomplete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Match => "match",
            Finding::Mismatch => "mismatch",
            Finding::Unsigned => "unsigned",
            Finding::Incomplete => "incomplete",
        }
    }
}

/// A mistake that explains a received signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// A stable code: `raw_body`, `pretty_printed`, `trailing_newline`, ...
    pub code: &'static str,
    /// What the signer did, and what to do instead, in one or two sentences.
    pub message: String,
    /// The string the signer signed (as text; bytes that are not UTF-8 shown as U+FFFD).
    pub signed_string: String,
}

/// What [`diagnose`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    /// The conclusion.
    pub finding: Finding,
    /// One sentence for the conclusion.
    pub message: String,
    /// Exactly what the scheme signs (as text, bytes that are not UTF-8 as U+FFFD; empty when
    /// the input does not get that far).
    pub signed_string: String,
    /// The expected signature, lowercase hex (empty when not computed).
    pub expected_hex: String,
    /// The expected signature, base64 (what Standard Webhooks send).
    pub expected_base64: String,
    /// The signature received, as found (in the field, the headers or the body).
    pub received: String,
    /// The mistake that explains a mismatch, when one does.
    pub mistake: Option<Mistake>,
}

/// Splits a pasted block of HTTP headers (`Name: value` lines, as a terminal or a log prints
/// them; a request or status line and anything after the first blank line are ignored) into
/// name-value pairs, names in lowercase.
pub fn header_block(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .skip_while(|line| line.trim().is_empty())
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            let name = name.trim();
            (!name.is_empty() && !name.contains(' '))
                .then(|| (name.to_ascii_lowercase(), value.trim().to_owned()))
        })
        .collect()
}

/// One way to compute a signature: the key, the signed bytes and the hash.
struct Computation {
    key: Vec<u8>,
    message: Vec<u8>,
    algorithm: Algorithm,
}

impl Computation {
    fn tag(&self) -> Vec<u8> {
        // A refused key (empty or zero bytes only) has no tag: it matches no signature.
        mac::sign(self.algorithm, &self.key, &[&self.message]).unwrap_or_default()
    }
}

/// A candidate mistake: its code, its message, and the computation it leads to.
type Candidate = (&'static str, String, Computation);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn incomplete(message: impl Into<String>) -> Diagnosis {
    Diagnosis {
        finding: Finding::Incomplete,
        message: message.into(),
        signed_string: String::new(),
        expected_hex: String::new(),
        expected_base64: String::new(),
        received: String::new(),
        mistake: None,
    }
}

/// `name` from `headers`, in any case.
fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

fn or_header<'a>(given: &'a str, headers: &'a [(String, String)], name: &str) -> &'a str {
    if given.is_empty() {
        header(headers, name).unwrap_or("")
    } else {
        given
    }
}

/// The string fields `names` of a JSON object body.
fn body_fields<const N: usize>(body: &[u8], names: [&str; N]) -> Result<[String; N], String> {
    let document = value::parse(body).map_err(|error| format!("the body is not JSON: {error}"))?;
    if !matches!(document, Value::Object(_)) {
        return Err("the body is not a JSON object".to_owned());
    }
    let mut missing = None;
    let fields = names.map(|name| match document.get(name) {
        Some(Value::String(text)) => text.clone(),
        _ => {
            missing.get_or_insert(name);
            String::new()
        }
    });
    match missing {
        Some(name) => Err(format!("the body has no string field `{name}`")),
        None => Ok(fields),
    }
}

/// `normalized` (compact JSON) re-indented with `indent`, as `JSON.stringify(value, null,
/// indent)` writes it.
fn pretty(normalized: &str, indent: &str) -> String {
    let mut out = String::with_capacity(normalized.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = normalized.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(indent);
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.push(chars.next().unwrap_or(c));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// The variants of a secret with whitespace a copy and paste adds or loses.
fn secret_variants(secret: &[u8]) -> Vec<Vec<u8>> {
    let text = text(secret);
    let trimmed = text.trim();
    let mut variants: Vec<Vec<u8>> = vec![
        trimmed.as_bytes().to_vec(),
        format!("{trimmed}\n").into_bytes(),
        format!("{trimmed}\r\n").into_bytes(),
        format!(" {trimmed}").into_bytes(),
        format!("{trimmed} ").into_bytes(),
    ];
    variants.retain(|variant| variant != secret);
    variants
}

/// The correct computation of `input`'s scheme, and the mistakes worth trying, in order.
fn computations(
    scheme: Scheme,
    input: &DiagnosisInput<'_>,
) -> Result<(Computation, Vec<Candidate>), String> {
    let secret = input.secret.to_vec();
    let algorithm = scheme.algorithm();
    let other = match algorithm {
        Algorithm::Sha256 => Algorithm::Sha512,
        Algorithm::Sha512 => Algorithm::Sha256,
    };
    let computation = |key: &[u8], message: &[u8], algorithm| Computation {
        key: key.to_vec(),
        message: message.to_vec(),
        algorithm,
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    let correct = match scheme {
        Scheme::HeropaymentsPost | Scheme::HeropaymentsCallback => {
            let normalized = crate::json::normalize(input.body).map_err(|error| {
                format!("the body is not JSON, so it cannot be normalized: {error}")
            })?;
            let raw = input.body;
            if raw != normalized.as_bytes() {
                candidates.push((
                    "raw_body",
                    "The body was signed as it is, not as JSON.stringify(JSON.parse(body)): normalize it first (the bytes differ: see the changes below).".to_owned(),
                    computation(&secret, raw, algorithm),
                ));
            }
            for (indent, name) in [("  ", "2 spaces"), ("    ", "4 spaces"), ("\t", "tabs")] {
                candidates.push((
                    "pretty_printed",
                    format!("The body was signed pretty-printed ({name}): sign the compact JSON.stringify(JSON.parse(body))."),
                    computation(&secret, pretty(&normalized, indent).as_bytes(), algorithm),
                ));
            }
            candidates.push((
                "trailing_newline",
                "The signed string ended with a newline: sign the normalized body without one."
                    .to_owned(),
                computation(&secret, format!("{normalized}\n").as_bytes(), algorithm),
            ));
            let mut quoted = String::new();
            crate::json::string::push_json_string(&mut quoted, &normalized, false);
            candidates.push((
                "double_encoded",
                "JSON.stringify was applied to the JSON text itself (a string): parse it first, then stringify.".to_owned(),
                computation(&secret, quoted.as_bytes(), algorithm),
            ));
            computation(&secret, normalized.as_bytes(), algorithm)
        }
        Scheme::HeropaymentsGet => {
            let query = input.query.strip_prefix('?').unwrap_or(input.query);
            candidates.push((
                "question_mark",
                "The query was signed with its leading `?`: sign what follows it (the empty string when there is no query).".to_owned(),
                computation(&secret, format!("?{query}").as_bytes(), algorithm),
            ));
            if !input.body.is_empty() {
                candidates.push((
                    "signed_body",
                    "A GET request was signed over a body: Heropayments signs a GET's query string.".to_owned(),
                    computation(&secret, input.body, algorithm),
                ));
            }
            candidates.push((
                "signed_empty_object",
                "`{}` was signed: a GET request without a query signs the empty string.".to_owned(),
                computation(&secret, b"{}", algorithm),
            ));
            computation(&secret, query.as_bytes(), algorithm)
        }
        Scheme::HayvnRequest => {
            let nonce = or_header(input.nonce, input.headers, "x-hayvnpay-nonce");
            if input.path.is_empty() {
                return Err("the path is missing (as signed: `/v1/payments/`)".to_owned());
            }
            if nonce.is_empty() {
                return Err("the nonce is missing (the X-HAYVNPAY-NONCE header)".to_owned());
            }
            let payload =
                std::str::from_utf8(input.body).map_err(|_| "the body is not UTF-8".to_owned())?;
            let data =
                |form: SignatureData| hayvn::signature_data(input.path, nonce, payload, &form);
            let base = |form: SignatureData| base64_encode(data(form).as_bytes());
            let documented = SignatureData::DOCUMENTED;
            let variants: [(&str, &str, SignatureData); 4] = [
                ("non_ascii_raw", "Non-ASCII characters were left raw in signature_data (as JavaScript's JSON.stringify writes them): HAYVN's Python and PHP samples escape them as \\uXXXX.", SignatureData { ascii_only: false, ..documented }),
                ("python_separators", "signature_data was written with Python's default separators (`, ` and `: `): use json.dumps(..., separators=(',', ':')).", SignatureData { spaced: true, ..documented }),
                ("sorted_keys", "signature_data had its keys sorted (nonce, path, payload): keep the order path, nonce, payload.", SignatureData { sorted: true, ..documented }),
                ("nonce_as_number", "The nonce was a JSON number in signature_data: write it as a string.", SignatureData { numeric_nonce: true, ..documented }),
            ];
            for (code, message, form) in variants {
                candidates.push((
                    code,
                    message.to_owned(),
                    computation(&secret, base(form).as_bytes(), algorithm),
                ));
            }
            candidates.push((
                "not_base64",
                "signature_data was signed as JSON: sign its base64 encoding.".to_owned(),
                computation(&secret, data(documented).as_bytes(), algorithm),
            ));
            let trimmed = input.path.trim_end_matches('/');
            if trimmed != input.path {
                let form = hayvn::signature_data(trimmed, nonce, payload, &documented);
                candidates.push((
                    "path_without_slash",
                    "The path was signed without its trailing `/`: HAYVN signs `/v1/<endpoint>/`."
                        .to_owned(),
                    computation(
                        &secret,
                        base64_encode(form.as_bytes()).as_bytes(),
                        algorithm,
                    ),
                ));
            }
            computation(&secret, base(documented).as_bytes(), algorithm)
        }
        Scheme::HayvnCallback => {
            let [callback_id] = body_fields(input.body, ["callback_id"])?;
            candidates.push((
                "signed_body",
                "The whole body was signed: HAYVN signs the callback_id alone.".to_owned(),
                computation(&secret, input.body, algorithm),
            ));
            computation(&secret, callback_id.as_bytes(), algorithm)
        }
        Scheme::CryptoPaymentWebhook => {
            let [invoice_id, event] = body_fields(input.body, ["invoice_id", "event"])?;
            let app_key = text(input.secret);
            let key = decode_app_key(&app_key).ok_or_else(|| {
                "the APP_KEY is not base64: give it exactly as the dashboard shows it".to_owned()
            })?;
            let message = format!("{invoice_id}.{event}");
            candidates.push((
                "app_key_not_decoded",
                "The APP_KEY was used as it is shown: base64-decode it first (base64_decode in the PHP sample).".to_owned(),
                computation(&secret, message.as_bytes(), algorithm),
            ));
            candidates.push((
                "colon_separator",
                "invoice_id and event were joined with `:`: join them with `.`.".to_owned(),
                computation(&key, format!("{invoice_id}:{event}").as_bytes(), algorithm),
            ));
            candidates.push((
                "event_first",
                "event came before invoice_id: sign `invoice_id.event`.".to_owned(),
                computation(&key, format!("{event}.{invoice_id}").as_bytes(), algorithm),
            ));
            for variant in secret_variants(input.secret) {
                if let Some(decoded) = decode_app_key(&text(&variant)) {
                    if decoded != key {
                        candidates.push((
                            "secret_whitespace",
                            "The APP_KEY had whitespace around it on one side: copy it exactly."
                                .to_owned(),
                            computation(&decoded, message.as_bytes(), algorithm),
                        ));
                    }
                }
            }
            let correct = computation(&key, message.as_bytes(), algorithm);
            let candidates = with_algorithm(candidates, &correct, other);
            return Ok((correct, candidates));
        }
        Scheme::CalypsoWebhook => {
            // A newline is the likelier story than a re-serialization when both explain it.
            if let Some(without) = input.body.strip_suffix(b"\n") {
                candidates.push((
                    "trailing_newline",
                    "The body received ends with a newline the signer did not sign: verify the body byte for byte as sent.".to_owned(),
                    computation(&secret, without, algorithm),
                ));
            } else {
                candidates.push((
                    "trailing_newline",
                    "The signer signed a trailing newline the body does not have.".to_owned(),
                    computation(&secret, &[input.body, b"\n"].concat(), algorithm),
                ));
            }
            if let Ok(normalized) = crate::json::normalize(input.body) {
                if normalized.as_bytes() != input.body {
                    candidates.push((
                        "normalized_body",
                        "The body was re-serialized before signing (parsed and stringified): Calypso signs the raw bytes, so pass the body exactly as received.".to_owned(),
                        computation(&secret, normalized.as_bytes(), algorithm),
                    ));
                }
                candidates.push((
                    "pretty_printed",
                    "A pretty-printed body was signed: Calypso signs the raw bytes as sent."
                        .to_owned(),
                    computation(&secret, pretty(&normalized, "  ").as_bytes(), algorithm),
                ));
            }
            computation(&secret, input.body, algorithm)
        }
        Scheme::StandardWebhook => {
            let id = or_header(input.message_id, input.headers, "webhook-id");
            let timestamp = or_header(input.timestamp, input.headers, "webhook-timestamp");
            if id.is_empty() || timestamp.is_empty() {
                return Err(
                    "the webhook-id and webhook-timestamp are needed (or paste the headers)"
                        .to_owned(),
                );
            }
            let secret_text = text(input.secret);
            let key = base64_decode(secret_text.strip_prefix("whsec_").unwrap_or(&secret_text))
                .ok_or("the secret is not base64 after its whsec_ prefix")?;
            let message = [id.as_bytes(), b".", timestamp.as_bytes(), b".", input.body].concat();
            candidates.push((
                "secret_not_decoded",
                "The secret was used as text: remove the whsec_ prefix and base64-decode the rest."
                    .to_owned(),
                computation(input.secret, &message, algorithm),
            ));
            if let Some(milliseconds) = timestamp
                .parse::<i64>()
                .ok()
                .and_then(|seconds| seconds.checked_mul(1000))
            {
                let ms = [
                    id.as_bytes(),
                    b".",
                    milliseconds.to_string().as_bytes(),
                    b".",
                    input.body,
                ]
                .concat();
                candidates.push((
                    "timestamp_milliseconds",
                    "The timestamp was signed in milliseconds: webhook-timestamp is in seconds."
                        .to_owned(),
                    computation(&key, &ms, algorithm),
                ));
            }
            let correct = computation(&key, &message, algorithm);
            let candidates = with_algorithm(candidates, &correct, other);
            return Ok((correct, candidates));
        }
        Scheme::IqpayWebhook => return Err(String::new()),
    };
    for variant in secret_variants(input.secret) {
        candidates.push((
            "secret_whitespace",
            "The secret had whitespace around it on one side (a newline from a file or an environment variable, a space from copying): copy it exactly.".to_owned(),
            Computation {
                key: variant,
                message: correct.message.clone(),
                algorithm,
            },
        ));
    }
    let candidates = with_algorithm(candidates, &correct, other);
    Ok((correct, candidates))
}

/// `candidates` and the correct computation with the other hash.
fn with_algorithm(
    mut candidates: Vec<Candidate>,
    correct: &Computation,
    other: Algorithm,
) -> Vec<Candidate> {
    let name = |algorithm| match algorithm {
        Algorithm::Sha256 => "SHA-256",
        Algorithm::Sha512 => "SHA-512",
    };
    candidates.push((
        "wrong_algorithm",
        format!(
            "HMAC-{} was used: this scheme signs with HMAC-{}.",
            name(other),
            name(correct.algorithm)
        ),
        Computation {
            key: correct.key.clone(),
            message: correct.message.clone(),
            algorithm: other,
        },
    ));
    candidates
}

/// The received signature's MAC bytes, and whether it is written in the scheme's own form
/// (lowercase hex; base64 for Standard Webhooks). Standard Webhooks' `v1,` entries are each
/// returned.
fn received_tags(scheme: Scheme, received: &str) -> Vec<(Vec<u8>, bool, &'static str)> {
    let decode = |text: &str| -> Option<(Vec<u8>, bool, &'static str)> {
        let text = text.trim();
        if text.len() % 2 == 0 && !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            let lowercase = !text.bytes().any(|b| b.is_ascii_uppercase());
            let form = if lowercase {
                "lowercase hex"
            } else {
                "uppercase hex"
            };
            return hex_decode(text)
                .map(|bytes| (bytes, lowercase && scheme != Scheme::StandardWebhook, form));
        }
        base64_decode(text).map(|bytes| (bytes, scheme == Scheme::StandardWebhook, "base64"))
    };
    if scheme == Scheme::StandardWebhook {
        received
            .split_whitespace()
            .filter_map(|entry| match entry.split_once(',') {
                Some(("v1", signature)) => decode(signature),
                Some(_) => None,
                None => decode(entry)
                    .map(|(bytes, _, _)| (bytes, false, "base64 without its `v1,` prefix")),
            })
            .collect()
    } else {
        decode(received).into_iter().collect()
    }
}

/// Checks a received signature and, on a mismatch, names the mistake that explains it.
pub fn diagnose(input: &DiagnosisInput<'_>) -> Diagnosis {
    let Some(scheme) = input.scheme else {
        return incomplete("Pick a scheme.");
    };
    if scheme == Scheme::IqpayWebhook {
        return Diagnosis {
            finding: Finding::Unsigned,
            message: "iqpay signs no webhooks: confirm each transaction through iqpay's API before crediting it.".to_owned(),
            ..incomplete("")
        };
    }
    if input.secret.is_empty() {
        return incomplete("Enter the secret.");
    }
    let (correct, candidates) = match computations(scheme, input) {
        Ok(found) => found,
        Err(message) => return incomplete(message),
    };
    if !mac::usable_key(&correct.key) {
        return incomplete(
            "The secret is empty or zero bytes only, as the scheme decodes it: HMAC takes that as no key, so anyone could sign with it. Use the secret the dashboard shows.",
        );
    }
    let tag = correct.tag();
    let received = match scheme.signature_header() {
        Some(name) => or_header(input.received, input.headers, name).to_owned(),
        None if input.received.is_empty() => body_fields(input.body, ["signature"])
            .map(|[signature]| signature)
            .unwrap_or_default(),
        None => input.received.to_owned(),
    };
    let base = Diagnosis {
        finding: Finding::Mismatch,
        message: String::new(),
        signed_string: text(&correct.message),
        expected_hex: hex_encode(&tag),
        expected_base64: base64_encode(&tag),
        received: received.clone(),
        mistake: None,
    };
    if received.trim().is_empty() {
        return Diagnosis {
            finding: Finding::Incomplete,
            message: "Paste the signature received (or the headers) to compare it.".to_owned(),
            ..base
        };
    }
    let tags = received_tags(scheme, &received);
    if tags.is_empty() {
        return Diagnosis {
            finding: Finding::Incomplete,
            message: "The received signature is neither hex nor base64 (for Standard Webhooks: `v1,` and base64).".to_owned(),
            ..base
        };
    }
    // Heropayments does not say how callbacks encode the MAC: every encoding of it matches.
    let any_encoding = scheme == Scheme::HeropaymentsCallback;
    if let Some((_, canonical, form)) = tags.iter().find(|(bytes, ..)| *bytes == tag) {
        if *canonical || any_encoding {
            return Diagnosis {
                finding: Finding::Match,
                message: "The signature matches.".to_owned(),
                ..base
            };
        }
        let wanted = if scheme == Scheme::StandardWebhook {
            "`v1,` and base64"
        } else {
            "lowercase hex"
        };
        return Diagnosis {
            message: "The MAC is right but written in another encoding.".to_owned(),
            mistake: Some(Mistake {
                code: "wrong_encoding",
                message: format!("The signature is written as {form}: this scheme sends {wanted}, and a gateway comparing strings rejects any other spelling."),
                signed_string: base.signed_string.clone(),
            }),
            ..base
        };
    }
    let explained = candidates.into_iter().find(|(_, _, computation)| {
        let guess = computation.tag();
        tags.iter().any(|(bytes, ..)| *bytes == guess)
    });
    match explained {
        Some((code, message, computation)) => Diagnosis {
            message: "The signature does not match; a known mistake explains it.".to_owned(),
            mistake: Some(Mistake {
                code,
                message,
                signed_string: text(&computation.message),
            }),
            ..base
        },
        None => Diagnosis {
            message: "The signature does not match, and no known mistake explains it: check the secret (the right one for this scheme: API secret, callback token or APP_KEY) and that the content is exactly what was signed.".to_owned(),
            ..base
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_matches_json_stringify_indentation() {
        let normalized = r#"{"a":[1,{"b":"x,y:{}"},[]],"c":{},"d":"q\"u"}"#;
        assert_eq!(
            pretty(normalized, "  "),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,y:{}\"\n    },\n    []\n  ],\n  \"c\": {},\n  \"d\": \"q\\\"u\"\n}"
        );
        assert_eq!(pretty("[]", "  "), "[]");
        assert_eq!(pretty("5", "  "), "5");
    }

    #[test]
    fn header_blocks_parse_like_a_terminal_prints_them() {
        let block = "POST /webhooks/heropayments HTTP/1.1\r\nHost: shop.example\r\nX-Api-Sign:  ab12 \r\nContent-Type: application/json\r\n\r\n{\"a\":1}";
        assert_eq!(
            header_block(block),
            [
                ("host".to_owned(), "shop.example".to_owned()),
                ("x-api-sign".to_owned(), "ab12".to_owned()),
                ("content-type".to_owned(), "application/json".to_owned()),
            ]
        );
        assert_eq!(header_block(""), []);
        assert_eq!(
            header_block("\n\nsign: 00\n"),
            [("sign".to_owned(), "00".to_owned())]
        );
    }

    #[test]
    fn incomplete_inputs_say_what_is_missing() {
        let diagnosis = |input: DiagnosisInput<'_>| diagnose(&input);
        assert_eq!(
            diagnosis(DiagnosisInput::default()).message,
            "Pick a scheme."
        );
        let scheme = Some(Scheme::HeropaymentsPost);
        let no_secret = diagnosis(DiagnosisInput {
            scheme,
            body: b"{}",
            ..DiagnosisInput::default()
        });
        assert_eq!(
            (no_secret.finding, no_secret.message.as_str()),
            (Finding::Incomplete, "Enter the secret.")
        );
        let not_json = diagnosis(DiagnosisInput {
            scheme,
            secret: b"s",
            body: b"{",
            ..DiagnosisInput::default()
        });
        assert_eq!(not_json.finding, Finding::Incomplete);
        assert!(
            not_json.message.contains("line 1 column 2"),
            "{}",
            not_json.message
        );
        // An APP_KEY that decodes to no bytes, or to zero bytes only, is no HMAC key: nothing
        // signed with it can match, not even the MAC anyone can compute with the empty key.
        for app_key in [&b"base64:"[..], b"AAAA"] {
            let no_key = diagnosis(DiagnosisInput {
                scheme: Some(Scheme::CryptoPaymentWebhook),
                secret: app_key,
                body: br#"{"invoice_id":"i1","event":"payment.confirmed","signature":"75a32cb1b327d0a7cf50ec37f2b5317db8c13f6577f83a2336d4dfb9dd9fa535"}"#,
                ..DiagnosisInput::default()
            });
            assert_eq!(no_key.finding, Finding::Incomplete, "{}", no_key.message);
            assert!(no_key.message.contains("zero bytes"), "{}", no_key.message);
        }
        // A timestamp whose milliseconds overflow has no milliseconds candidate, and no panic.
        let far = diagnosis(DiagnosisInput {
            scheme: Some(Scheme::StandardWebhook),
            secret: b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            body: b"{}",
            message_id: "msg_1",
            timestamp: "9223372036854775807",
            received: "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
            ..DiagnosisInput::default()
        });
        assert_eq!(far.finding, Finding::Mismatch, "{}", far.message);
        let unsigned = diagnosis(DiagnosisInput {
            scheme: Some(Scheme::IqpayWebhook),
            ..DiagnosisInput::default()
        });
        assert_eq!(unsigned.finding, Finding::Unsigned);
        let garbage = diagnosis(DiagnosisInput {
            scheme,
            secret: b"s",
            body: b"{}",
            received: "zz!",
            ..DiagnosisInput::default()
        });
        assert_eq!(garbage.finding, Finding::Incomplete);
        assert_eq!(
            garbage.expected_hex.len(),
            128,
            "the expected signature is shown anyway"
        );
    }
}
