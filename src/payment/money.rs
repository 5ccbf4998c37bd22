//! Exact decimal amounts.
//!
//! An [`Amount`] is read from the text a gateway sent ([`Amount::parse`]) and keeps the
//! number of decimals it was written with, so `"50.00"` prints back as `50.00`. Arithmetic is
//! exact (no rounding, no floating point). Amounts read from text are bounded (at most
//! [`MAX_DIGITS`] digits, an exponent within ±[`MAX_EXPONENT`]), so that hostile input can
//! neither allocate nor loop without limit; results of arithmetic may be longer.

use std::cmp::Ordering;
use std::fmt;

/// The most digits an amount read from text has: the digits of its plain decimal text, less
/// the zero before the point of an amount below 1 (`0.00094700` has 8, `1e2` has 3, `007.5`
/// has 2).
pub const MAX_DIGITS: usize = 80;

/// The largest exponent (`e80`, `e-80`) [`Amount::parse`] reads.
pub const MAX_EXPONENT: u32 = 80;

/// The most decimals [`Amount::to_atomic`] writes an amount with (the range of an ERC-20
/// token's `decimals`, a `uint8`).
pub const MAX_DECIMALS: u32 = 255;

/// How much of a rejected text an error quotes.
const EXCERPT_CHARS: usize = 40;

/// An exact decimal number: a sign, base-10 digits and a scale (the number of digits after
/// the decimal point).
///
/// Equality and order are numeric: `50.00 == 50` and `-1 < 0.5`, even though the two print
/// differently. Compare [`Amount::scale`] (or the printed text) as well to tell them apart.
#[derive(Clone)]
pub struct Amount {
    /// True only for a non-zero amount below zero (there is no negative zero).
    negative: bool,
    /// The digits of the unscaled value, least significant first, without high zeros (so
    /// empty for zero).
    digits: Vec<u8>,
    /// The value is `digits × 10^-scale`.
    scale: u32,
}

impl Amount {
    /// Reads an amount from a JSON number's text (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`),
    /// also allowing leading zeros in the integer part (`007.5`), as gateways send amounts
    /// as strings. Nothing else: no `+`, no spaces, no `1,5`, no `.5` or `5.`, no `NaN`.
    ///
    /// The scale is the number of decimals written, less the exponent (`1.50e1` is `15.0`),
    /// and never below zero (`1E2` is `100`). The exponent must be within ±[`MAX_EXPONENT`]
    /// and the amount have at most [`MAX_DIGITS`] digits, so every amount read prints as
    /// text that reads back to it.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        if text.is_empty() {
            return Err(AmountError::Empty);
        }
        let invalid = || AmountError::Invalid {
            text: excerpt(text),
        };
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, Some(exponent)),
            None => (unsigned, None),
        };
        let (integer, fraction) = match mantissa.split_once('.') {
            Some((integer, fraction)) if is_digits(fraction) => (integer, fraction),
            Some(_) => return Err(invalid()),
            None => (mantissa, ""),
        };
        let (exponent_negative, exponent_digits) = match exponent {
            None => (false, "0"),
            Some(written) => match written.strip_prefix('-') {
                Some(digits) => (true, digits),
                None => (false, written.strip_prefix('+').unwrap_or(written)),
            },
        };
        if !is_digits(integer) || !is_digits(exponent_digits) {
            return Err(invalid());
        }
        let magnitude = read_exponent(exponent_digits).ok_or(AmountError::ExponentOutOfRange)?;
        let exponent = if exponent_negative {
            -magnitude
        } else {
            magnitude
        };
        // The value is the significant digits (from the first non-zero one) × 10^shift.
        let written = integer.bytes().chain(fraction.bytes());
        let leading_zeros = written.clone().take_while(|&digit| digit == b'0').count();
        let significant = integer.len() + fraction.len() - leading_zeros;
        let shift = i64::try_from(fraction.len())
            .ok()
            .and_then(|decimals| exponent.checked_sub(decimals))
            .ok_or(AmountError::TooManyDigits)?;
        let scale = if shift < 0 { shift.unsigned_abs() } else { 0 };
        let zeros = if shift > 0 { shift.unsigned_abs() } else { 0 };
        let unscaled_digits = match significant {
            0 => 0,
            _ => u64::try_from(significant)
                .unwrap_or(u64::MAX)
                .saturating_add(zeros),
        };
        if unscaled_digits.max(scale) > MAX_DIGITS as u64 {
            return Err(AmountError::TooManyDigits);
        }
        let mut digits: Vec<u8> = written
            .skip(leading_zeros)
            .map(|digit| digit - b'0')
            .collect();
        digits.reverse();
        // Both are at most MAX_DIGITS now.
        Ok(Amount::new(
            negative,
            shifted(digits, zeros as u32),
            scale as u32,
        ))
    }

    /// Zero, without decimals (`0`).
    pub fn zero() -> Amount {
        Amount::zero_with_scale(0)
    }

    /// Zero written with `scale` decimals (`0.00` for 2).
    pub fn zero_with_scale(scale: u32) -> Amount {
        Amount::new(false, Vec::new(), scale)
    }

    /// The number of digits after the decimal point, as written (2 for `50.00`).
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// Whether the amount is zero (of any scale).
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Whether the amount is below zero (`-0` is not).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The same value without trailing zeros after the decimal point (`50.00` → `50`,
    /// `0.00094700` → `0.000947`; `100` stays `100`).
    pub fn normalized(&self) -> Amount {
        let zeros = match self.digits.iter().position(|&digit| digit != 0) {
            Some(position) => u32::try_from(position).unwrap_or(u32::MAX),
            None => u32::MAX, // zero: every decimal goes
        };
        let dropped = zeros.min(self.scale);
        let digits = self.digits.iter().skip(dropped as usize).copied().collect();
        Amount::new(self.negative, digits, self.scale - dropped)
    }

    /// `self + other`, exactly; the scale is the larger of the two.
    pub fn add(&self, other: &Amount) -> Amount {
        self.combine(other, other.negative)
    }

    /// `self - other`, exactly (negative when `other` is larger); the scale is the larger of
    /// the two (`50.00 - 0` is `50.00`).
    pub fn sub(&self, other: &Amount) -> Amount {
        self.combine(other, !other.negative)
    }

    /// `self × other`, exactly; the scale is the sum of the two (saturating at `u32::MAX`,
    /// far beyond any amount read from text).
    pub fn mul(&self, other: &Amount) -> Amount {
        Amount::new(
            self.negative != other.negative,
            multiply(&self.digits, &other.digits),
            self.scale.saturating_add(other.scale),
        )
    }

    /// `percent`% of `self` (`self × percent / 100`), exactly: the scale is that of the
    /// product plus 2 (`1.5`% of `50.00` is `0.75000`).
    pub fn percent(&self, percent: &Amount) -> Amount {
        let product = self.mul(percent);
        Amount::new(
            product.negative,
            product.digits,
            product.scale.saturating_add(2),
        )
    }

    /// The amount in the smallest unit of a coin with `decimals` decimals, as an integer
    /// (`1.5` with 18 → `1500000000000000000`, `0.00000001` with 8 → `1`).
    ///
    /// An amount with a non-zero digit beyond `decimals` is an error (trailing zeros are
    /// fine: `1.50` with 1 → `15`), as are a negative amount and `decimals` above
    /// [`MAX_DECIMALS`].
    pub fn to_atomic(&self, decimals: u32) -> Result<String, AmountError> {
        if decimals > MAX_DECIMALS {
            return Err(AmountError::DecimalsOutOfRange { decimals });
        }
        if self.negative {
            return Err(AmountError::Negative);
        }
        let excess = self.scale.saturating_sub(decimals) as usize;
        if self.digits.iter().take(excess).any(|&digit| digit != 0) {
            return Err(AmountError::TooPrecise { decimals });
        }
        let digits = shifted(
            self.digits.iter().skip(excess).copied().collect(),
            decimals.saturating_sub(self.scale),
        );
        if digits.is_empty() {
            return Ok("0".to_owned());
        }
        Ok(digits
            .iter()
            .rev()
            .map(|&digit| char::from(b'0' + digit))
            .collect())
    }

    /// Builds an amount, keeping the invariant that zero is not negative.
    fn new(negative: bool, digits: Vec<u8>, scale: u32) -> Amount {
        Amount {
            negative: negative && !digits.is_empty(),
            digits,
            scale,
        }
    }

    /// `self + other` where `other` counts as negative when `other_negative`.
    fn combine(&self, other: &Amount, other_negative: bool) -> Amount {
        let scale = self.scale.max(other.scale);
        let left = self.aligned(scale);
        let right = other.aligned(scale);
        if self.negative == other_negative {
            return Amount::new(self.negative, add_digits(&left, &right), scale);
        }
        match compare_digits(&left, &right) {
            Ordering::Greater => Amount::new(self.negative, sub_digits(&left, &right), scale),
            Ordering::Less => Amount::new(other_negative, sub_digits(&right, &left), scale),
            Ordering::Equal => Amount::zero_with_scale(scale),
        }
    }

    /// The unscaled digits of the same value written with `scale` (at least `self.scale`)
    /// decimals.
    fn aligned(&self, scale: u32) -> Vec<u8> {
        shifted(self.digits.clone(), scale - self.scale)
    }
}

/// Whether `text` is one or more ASCII digits.
fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// The value of an exponent's digits, if at most [`MAX_EXPONENT`] (leading zeros allowed, as
/// in JSON).
fn read_exponent(digits: &str) -> Option<i64> {
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return Some(0);
    }
    let value = significant
        .parse::<u32>()
        .ok()
        .filter(|_| significant.len() <= 2)?;
    (value <= MAX_EXPONENT).then_some(i64::from(value))
}

/// The start of a rejected text (at most 40 characters), control characters escaped, to quote
/// in an error message.
pub(crate) fn excerpt(text: &str) -> String {
    let mut excerpt = String::new();
    for c in text.chars().take(EXCERPT_CHARS) {
        if c.is_control() {
            excerpt.extend(c.escape_debug());
        } else {
            excerpt.push(c);
        }
    }
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        excerpt.push('…');
    }
    excerpt
}

/// `digits` without its high zeros.
fn trimmed(mut digits: Vec<u8>) -> Vec<u8> {
    while digits.last() == Some(&0) {
        digits.pop();
    }
    digits
}

/// `digits × 10^zeros` (zero stays empty).
fn shifted(digits: Vec<u8>, zeros: u32) -> Vec<u8> {
    if digits.is_empty() || zeros == 0 {
        return digits;
    }
    let mut result = vec![0; zeros as usize];
    result.extend(digits);
    result
}

/// Compares two unscaled values (digits without high zeros).
fn compare_digits(left: &[u8], right: &[u8]) -> Ordering {
    left.len()
        .cmp(&right.len())
        .then_with(|| left.iter().rev().cmp(right.iter().rev()))
}

/// `left + right`.
fn add_digits(left: &[u8], right: &[u8]) -> Vec<u8> {
    let length = left.len().max(right.len());
    let mut result = Vec::with_capacity(length + 1);
    let mut carry = 0;
    for position in 0..length {
        let sum = left.get(position).unwrap_or(&0) + right.get(position).unwrap_or(&0) + carry;
        result.push(sum % 10);
        carry = sum / 10;
    }
    if carry > 0 {
        result.push(carry);
    }
    result
}

/// `larger - smaller`, for `larger ≥ smaller`.
fn sub_digits(larger: &[u8], smaller: &[u8]) -> Vec<u8> {
    let mut result = Vec::with_capacity(larger.len());
    let mut borrow = 0;
    for (position, &digit) in larger.iter().enumerate() {
        let subtrahend = smaller.get(position).unwrap_or(&0) + borrow;
        if digit >= subtrahend {
            result.push(digit - subtrahend);
            borrow = 0;
        } else {
            result.push(digit + 10 - subtrahend);
            borrow = 1;
        }
    }
    trimmed(result)
}

/// `left × right`.
fn multiply(left: &[u8], right: &[u8]) -> Vec<u8> {
    if left.is_empty() || right.is_empty() {
        return Vec::new();
    }
    let mut result = vec![0u8; left.len() + right.len()];
    for (i, &a) in left.iter().enumerate() {
        let mut carry = 0u8;
        for (slot, &b) in result.iter_mut().skip(i).zip(right) {
            // At most 9 + 9 × 9 + 9 = 99.
            let value = *slot + a * b + carry;
            *slot = value % 10;
            carry = value / 10;
        }
        // The slot after this row is still zero: rows fill one more slot each time.
        if let Some(slot) = result.get_mut(i + right.len()) {
            *slot = carry;
        }
    }
    trimmed(result)
}

impl fmt::Display for Amount {
    /// Plain decimal text, never an exponent, with the amount's scale: `50.00`,
    /// `0.0000001`, `-12.5`, `0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = self.scale as usize;
        let mut text = String::with_capacity(self.digits.len().max(scale) + 3);
        if self.negative {
            text.push('-');
        }
        let digit = |position: usize| char::from(b'0' + self.digits.get(position).unwrap_or(&0));
        if self.digits.len() > scale {
            text.extend((scale..self.digits.len()).rev().map(digit));
        } else {
            text.push('0');
        }
        if scale > 0 {
            text.push('.');
            text.extend((0..scale).rev().map(digit));
        }
        f.write_str(&text)
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({self})")
    }
}

impl Ord for Amount {
    /// Numeric order, whatever the scales.
    fn cmp(&self, other: &Amount) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (negative, _) => {
                let scale = self.scale.max(other.scale);
                let order = compare_digits(&self.aligned(scale), &other.aligned(scale));
                if negative {
                    order.reverse()
                } else {
                    order
                }
            }
        }
    }
}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Amount) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Amount {
    /// Numeric equality: `50.00 == 50`.
    fn eq(&self, other: &Amount) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Amount {}

/// Why text is not an amount, or an amount has no atomic units.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AmountError {
    /// The text is empty.
    Empty,
    /// The text is not a decimal number (`1,5`, `+1`, `.5`, `NaN`, ` 1`).
    Invalid {
        /// The start of the text (at most 40 characters), control characters escaped.
        text: String,
    },
    /// More than [`MAX_DIGITS`] digits.
    TooManyDigits,
    /// An exponent beyond ±[`MAX_EXPONENT`].
    ExponentOutOfRange,
    /// A negative amount has no atomic units.
    Negative,
    /// A non-zero digit beyond the coin's decimals.
    TooPrecise {
        /// The coin's decimals.
        decimals: u32,
    },
    /// More decimals than [`MAX_DECIMALS`].
    DecimalsOutOfRange {
        /// The decimals asked for.
        decimals: u32,
    },
}

impl AmountError {
    /// A stable machine-readable code (`amount_invalid`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            AmountError::Empty => "amount_empty",
            AmountError::Invalid { .. } => "amount_invalid",
            AmountError::TooManyDigits => "amount_too_many_digits",
            AmountError::ExponentOutOfRange => "amount_exponent_out_of_range",
            AmountError::Negative => "amount_negative",
            AmountError::TooPrecise { .. } => "amount_too_precise",
            AmountError::DecimalsOutOfRange { .. } => "amount_decimals_out_of_range",
        }
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Empty => f.write_str("amount is empty"),
            AmountError::Invalid { text } => write!(f, "`{text}` is not a decimal number"),
            AmountError::TooManyDigits => write!(f, "amount has more than {MAX_DIGITS} digits"),
            AmountError::ExponentOutOfRange => {
                write!(f, "amount has an exponent beyond ±{MAX_EXPONENT}")
            }
            AmountError::Negative => f.write_str("amount is negative"),
            AmountError::TooPrecise { decimals } => {
                write!(f, "amount has more than {decimals} decimals")
            }
            AmountError::DecimalsOutOfRange { decimals } => write!(
                f,
                "amount cannot be written with {decimals} decimals (at most {MAX_DECIMALS})"
            ),
        }
    }
}

impl std::error::Error for AmountError {}
