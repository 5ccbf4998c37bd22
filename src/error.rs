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
