//! Error types. Messages are lowercase, short, and never contain a secret.

use std::fmt;

/// Why a JSON text was rejected: a stable code plus where it happened.
///
/// `offset` is a byte offset into the UTF-8 input; `line` and `column` are 1-based, the
/// column counted in characters (Unicode scalar values) from the start of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    code: JsonErrorCode,
    offset: usize,
    line: usize,
    column: usize,
}

/// The kinds of JSON syntax error, each with a stable code string (see [`JsonErrorCode::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonErrorCode {
    /// The input ended inside a value (or was empty).
    UnexpectedEnd,
    /// A character that cannot start or continue a value here.
    UnexpectedCharacter,
    /// A number that breaks the JSON grammar (leading zero, missing digits, ...).
    InvalidNumber,
    /// A backslash escape that JSON does not define, or a bad `\u` sequence.
    InvalidEscape,
    /// A raw control character (U+0000 to U+001F) inside a string.
    ControlCharacterInString,
    /// More text after the end of the top-level value.
    TrailingCharacters,
    /// Nesting deeper than [`crate::json::MAX_DEPTH`].
    TooDeep,
    /// Canonicalization only: an object names the same key twice (I-JSON forbids it).
    DuplicateKey,
    /// Canonicalization only: a string holds an unpaired UTF-16 surrogate (I-JSON forbids it).
    LoneSurrogate,
    /// Canonicalization only: a number too large for an IEEE 754 double (I-JSON forbids it).
    NumberOutOfRange,
}

impl JsonErrorCode {
    /// The stable machine-readable code, as thrown to JavaScript in `error.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonErrorCode::UnexpectedEnd => "json_unexpected_end",
            JsonErrorCode::UnexpectedCharacter => "json_unexpected_character",
            JsonErrorCode::InvalidNumber => "json_invalid_number",
            JsonErrorCode::InvalidEscape => "json_invalid_escape",
            JsonErrorCode::ControlCharacterInString => "json_control_character",
            JsonErrorCode::TrailingCharacters => "json_trailing_characters",
            JsonErrorCode::TooDeep => "json_too_deep",
            JsonErrorCode::DuplicateKey => "json_duplicate_key",
            JsonErrorCode::LoneSurrogate => "json_lone_surrogate",
            JsonErrorCode::NumberOutOfRange => "json_number_out_of_range",
        }
    }

    fn message(self) -> &'static str {
        match self {
            JsonErrorCode::UnexpectedEnd => "unexpected end of json input",
            JsonErrorCode::UnexpectedCharacter => "unexpected character",
            JsonErrorCode::InvalidNumber => "invalid number",
            JsonErrorCode::InvalidEscape => "invalid escape in string",
            JsonErrorCode::ControlCharacterInString => "unescaped control character in string",
            JsonErrorCode::TrailingCharacters => "unexpected text after the json value",
            JsonErrorCode::TooDeep => "json nested too deeply",
            JsonErrorCode::DuplicateKey => "duplicate key in object",
            JsonErrorCode::LoneSurrogate => "unpaired surrogate in string",
            JsonErrorCode::NumberOutOfRange => "number out of the range of a double",
        }
    }
}

impl JsonError {
    pub(crate) fn new(code: JsonErrorCode, offset: usize, line: usize, column: usize) -> Self {
        JsonError {
            code,
            offset,
            line,
            column,
        }
    }

    /// What went wrong.
    pub fn code(&self) -> JsonErrorCode {
        self.code
    }

    /// Byte offset of the offending character in the UTF-8 input.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// 1-based line of the offending character.
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column (in characters) of the offending character.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {} (byte {})",
            self.code.message(),
            self.line,
            self.column,
            self.offset
        )
    }
}

impl std::error::Error for JsonError {}

/// Why a request could not be signed. Messages name the field concerned, never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The provider name is not one of `heropayments`, `hayvn`, `cryptopayment`, `iqpay`,
    /// `calypso`, `standard`.
    UnknownProvider,
    /// The HTTP method is not one of `GET`, `POST`, `PUT`, `PATCH`, `DELETE`.
    UnknownMethod,
    /// A value the gateway's scheme needs was not given: `secret`, `api_key`, `path`,
    /// `message_id` or `body`.
    MissingField(&'static str),
    /// A value cannot be used: which one, and what is wrong with it.
    InvalidField {
        /// The field: `body`, `api_key`, `message_id`.
        field: &'static str,
        /// What is wrong, as a lowercase phrase completing "field ...".
        problem: &'static str,
    },
    /// The body is not JSON, and the scheme signs normalized JSON (Heropayments).
    InvalidJson(JsonError),
    /// The secret cannot be used, and why (empty, not base64 where the scheme requires it).
    InvalidSecret(&'static str),
    /// A body was given for a `GET` request, which signs its query string instead.
    BodyNotAllowed,
    /// No current time was given and there is no system clock (wasm32 in a browser): pass
    /// the time, or the nonce and timestamp themselves.
    ClockUnavailable,
    /// The gateway documents no such operation, and why.
    Unsupported(&'static str),
}

impl SignatureError {
    /// The stable machine-readable code, as thrown to JavaScript in `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            SignatureError::UnknownProvider => "signature_unknown_provider",
            SignatureError::UnknownMethod => "signature_unknown_method",
            SignatureError::MissingField(_) => "signature_missing_field",
            SignatureError::InvalidField { .. } => "signature_invalid_field",
            SignatureError::InvalidJson(_) => "signature_invalid_json",
            SignatureError::InvalidSecret(_) => "signature_invalid_secret",
            SignatureError::BodyNotAllowed => "signature_body_not_allowed",
            SignatureError::ClockUnavailable => "signature_clock_unavailable",
            SignatureError::Unsupported(_) => "signature_unsupported",
        }
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::UnknownProvider => f.write_str(
                "unknown provider (expected heropayments, hayvn, cryptopayment, iqpay, calypso or standard)",
            ),
            SignatureError::UnknownMethod => {
                f.write_str("unknown http method (expected get, post, put, patch or delete)")
            }
            SignatureError::MissingField(field) => write!(f, "missing field `{field}`"),
            SignatureError::InvalidField { field, problem } => write!(f, "field `{field}` {problem}"),
            SignatureError::InvalidJson(error) => write!(f, "the body is not valid json: {error}"),
            SignatureError::InvalidSecret(problem) => write!(f, "invalid secret: {problem}"),
            SignatureError::BodyNotAllowed => {
                f.write_str("a get request has no body (its query string is signed instead)")
            }
            SignatureError::ClockUnavailable => {
                f.write_str("no current time was given and there is no system clock")
            }
            SignatureError::Unsupported(why) => write!(f, "unsupported: {why}"),
        }
    }
}

impl std::error::Error for SignatureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SignatureError::InvalidJson(error) => Some(error),
            _ => None,
        }
    }
}

/// Why a gateway document or webhook could not be read into the payment model. Messages
/// name the gateway and the field (as a path such as `result.paid_amount.crypto.amount`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentError {
    gateway: &'static str,
    kind: PaymentErrorKind,
    input: Option<PaymentInput>,
}

/// Which of a call's two inputs an error is about, where it takes two
/// ([`crate::payment::normalize_confirmed_webhook`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentInput {
    /// The webhook body.
    Body,
    /// The payment's document, as read back from the gateway's API.
    Document,
}

impl PaymentInput {
    /// `body` or `document`, as thrown to JavaScript in `error.input`.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentInput::Body => "body",
            PaymentInput::Document => "document",
        }
    }
}

/// What is wrong with a gateway document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaymentErrorKind {
    /// The document is not JSON.
    InvalidJson(JsonError),
    /// A field the model needs is absent (or `null`).
    MissingField(String),
    /// The field that says deposit or withdrawal (its path) is absent, and no `direction`
    /// option says it instead.
    MissingDirection(String),
    /// A field has the wrong type or an unusable value.
    InvalidField {
        /// The field's path.
        field: String,
        /// What is wrong, as a phrase completing "field ...".
        problem: String,
    },
    /// A currency that no known coin is spelled as.
    UnknownCurrency {
        /// The field's path.
        field: String,
        /// The currency as the gateway wrote it.
        value: String,
    },
    /// The provider name (an excerpt of it) is not a gateway with payment documents.
    UnknownProvider(String),
    /// The document holds several payments and no `id` option picks one.
    Ambiguous(usize),
    /// An option has an unusable value.
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// What is wrong.
        problem: String,
    },
}

impl PaymentError {
    pub(crate) fn new(gateway: &'static str, kind: PaymentErrorKind) -> Self {
        PaymentError {
            gateway,
            kind,
            input: None,
        }
    }

    /// The error, said to be about `input`.
    pub(crate) fn in_input(mut self, input: PaymentInput) -> Self {
        self.input = Some(input);
        self
    }

    /// Which input the error is about, where the call takes two.
    pub fn input(&self) -> Option<PaymentInput> {
        self.input
    }

    /// The gateway whose document this is (`""` when the provider itself is unknown).
    pub fn gateway(&self) -> &'static str {
        self.gateway
    }

    /// What is wrong.
    pub fn kind(&self) -> &PaymentErrorKind {
        &self.kind
    }

    /// The field concerned, when there is one.
    pub fn field(&self) -> Option<&str> {
        match &self.kind {
            PaymentErrorKind::MissingField(field)
            | PaymentErrorKind::MissingDirection(field)
            | PaymentErrorKind::InvalidField { field, .. }
            | PaymentErrorKind::UnknownCurrency { field, .. } => Some(field),
            PaymentErrorKind::InvalidOption { option, .. } => Some(option),
            _ => None,
        }
    }

    /// The stable machine-readable code, as thrown to JavaScript in `error.code`.
    pub fn code(&self) -> &'static str {
        match self.kind {
            PaymentErrorKind::InvalidJson(_) => "payment_invalid_json",
            PaymentErrorKind::MissingField(_) | PaymentErrorKind::MissingDirection(_) => {
                "payment_missing_field"
            }
            PaymentErrorKind::InvalidField { .. } => "payment_invalid_field",
            PaymentErrorKind::UnknownCurrency { .. } => "payment_unknown_currency",
            PaymentErrorKind::UnknownProvider(_) => "payment_unknown_provider",
            PaymentErrorKind::Ambiguous(_) => "payment_ambiguous",
            PaymentErrorKind::InvalidOption { .. } => "payment_invalid_option",
        }
    }

    /// The JSON error, when the document is not JSON.
    pub fn json_error(&self) -> Option<&JsonError> {
        match &self.kind {
            PaymentErrorKind::InvalidJson(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for PaymentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.gateway.is_empty() {
            write!(f, "{}: ", self.gateway)?;
        }
        let document = match self.input {
            Some(PaymentInput::Body) => "the webhook body",
            Some(PaymentInput::Document) => "the document read back",
            None => "the document",
        };
        if self.input.is_some() && !matches!(self.kind, PaymentErrorKind::InvalidJson(_)) {
            write!(f, "in {document}, ")?;
        }
        match &self.kind {
            PaymentErrorKind::InvalidJson(error) => write!(f, "{document} is not json: {error}"),
            PaymentErrorKind::MissingField(field) => write!(f, "missing field `{field}`"),
            PaymentErrorKind::MissingDirection(field) => write!(
                f,
                "missing field `{field}` (deposit or withdrawal): pass the `direction` option for documents that do not say"
            ),
            PaymentErrorKind::InvalidField { field, problem } => {
                write!(f, "field `{field}` {problem}")
            }
            PaymentErrorKind::UnknownCurrency { field, value } => {
                write!(f, "field `{field}`: unknown currency `{value}`")
            }
            PaymentErrorKind::UnknownProvider(name) => write!(
                f,
                "unknown provider `{name}` (expected heropayments, hayvn, cryptopayment, iqpay or calypso)",
            ),
            PaymentErrorKind::Ambiguous(count) => write!(
                f,
                "the document lists {count} payments: pass the `id` option to pick one"
            ),
            PaymentErrorKind::InvalidOption { option, problem } => {
                write!(f, "option `{option}` {problem}")
            }
        }
    }
}

impl std::error::Error for PaymentError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.json_error().map(|error| error as _)
    }
}
