//! The double nearest to a decimal number (ties to even), as `JSON.parse` reads numbers.
//!
//! The standard library's parser is correctly rounded too, but brings a 10 KB table of powers
//! of five into every WebAssembly module. Numbers whose text already is their ECMAScript form
//! never get here (see `number::write`), so this path is rare, and it favours size over
//! speed: an exact fast path for up to 15 digits and a power of ten up to 1e22, and otherwise
//! exact big-integer arithmetic.

use super::number::exact_value;

/// Significant digits beyond this many only decide ties, which a sticky bit does for them:
/// the exact halfway point between two doubles has at most 767 significant digits.
const MAX_DIGITS: usize = 800;

/// The exact powers of ten of a double.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The double nearest to the number `text` (JSON or ECMAScript notation), infinite beyond the
/// largest double.
pub(super) fn parse(text: &[u8]) -> f64 {
    let decimal = exact_value(text);
    let magnitude = magnitude(&decimal.digits, decimal.exponent);
    if text.first() == Some(&b'-') {
        -magnitude
    } else {
        magnitude
    }
}

/// The double nearest to `0.d1d2… × 10^exponent`: `digits` are the ASCII digits `d1d2…`,
/// without leading or trailing zeros (none for zero).
fn magnitude(digits: &[u8], exponent: i64) -> f64 {
    if digits.is_empty() || exponent < -323 {
        // Below 1e-324: less than half the smallest subnormal.
        return 0.0;
    }
    if exponent > 309 {
        // At least 1e309.
        return f64::INFINITY;
    }
    // The value is `integer × 10^scale`.
    let scale = exponent - digits.len() as i64;
    if digits.len() <= 15 && scale.unsigned_abs() <= 22 {
        // Both operands are exact doubles, so the one rounding is the correct one.
        let integer = digits
            .iter()
            .fold(0u64, |value, &d| value * 10 + u64::from(d - b'0')) as f64;
        let power = POWERS_OF_TEN[scale.unsigned_abs() as usize];
        return if scale < 0 {
            integer / power
        } else {
            integer * power
        };
    }
    let kept = digits.len().min(MAX_DIGITS);
    let truncated = kept < digits.len();
    let scale = scale + (digits.len() - kept) as i64;
    let mut integer = Big::from_digits(&digits[..kept]);
    if scale >= 0 {
        // integer × 5^scale × 2^scale, exactly; then its top 64 bits.
        integer.multiply_by_power_of_five(scale as u32);
        let (top, shift, inexact) = integer.top_bits();
        round(top, i64::from(shift) + scale, inexact || truncated)
    } else {
        // integer / 5^-scale × 2^scale, as a quotient of 55 or 56 bits: the integer or the
        // divisor shifted left by the bits that makes, and the exponent moved to match.
        let mut divisor = Big::from_digits(b"1");
        divisor.multiply_by_power_of_five(scale.unsigned_abs() as u32);
        let shift = 55 + i64::from(divisor.bit_length()) - i64::from(integer.bit_length());
        if shift >= 0 {
            integer.shift_left(shift as u32);
        } else {
            divisor.shift_left(shift.unsigned_abs() as u32);
        }
        let (quotient, remainder) = integer.divide(&divisor);
        round(quotient, scale - shift, remainder || truncated)
    }
}

/// The double nearest to `(mantissa + ε) × 2^exponent`, where `ε` is in `[0, 1)` and nonzero
/// exactly when `inexact`. `mantissa` holds at least 55 bits whenever `inexact`.
fn round(mantissa: u64, exponent: i64, inexact: bool) -> f64 {
    let length = bit_length(mantissa);
    // The value lies in [2^top, 2^(top + 1)); a double keeps 53 bits of it, fewer below the
    // normal range.
    let top = length - 1 + exponent;
    let precision = if top >= -1022 { 53 } else { top + 1075 };
    let dropped = length - precision;
    if mantissa == 0 || dropped <= 0 {
        return compose(mantissa, exponent);
    }
    if dropped > 64 {
        // Less than a quarter of the smallest subnormal.
        return 0.0;
    }
    let kept = mantissa.checked_shr(dropped as u32).unwrap_or(0);
    let half = (mantissa >> (dropped - 1)) & 1 == 1;
    let below_half = mantissa & ((1u64 << (dropped - 1)) - 1) != 0 || inexact;
    let round_up = half && (below_half || kept & 1 == 1);
    compose(kept + u64::from(round_up), exponent + dropped)
}

/// Bits in `value`, up to its highest set bit.
fn bit_length(value: u64) -> i64 {
    i64::from(64 - value.leading_zeros())
}

/// The double `mantissa × 2^exponent`, which is one (or beyond the largest: infinity).
fn compose(mantissa: u64, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let length = bit_length(mantissa);
    let top = length - 1 + exponent;
    if top > 1023 {
        return f64::INFINITY;
    }
    if top >= -1022 {
        // 53 bits, the leading one implicit. A carry of the rounding (54 bits) drops a zero.
        let mantissa = if length > 53 {
            mantissa >> (length - 53)
        } else {
            mantissa << (53 - length)
        };
        let biased = (top + 1023) as u64;
        f64::from_bits(biased << 52 | (mantissa & ((1 << 52) - 1)))
    } else {
        // Subnormal: the bits are the mantissa in units of 2^-1074.
        f64::from_bits(mantissa << (exponent + 1074))
    }
}

/// A non-negative integer, as 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    /// The integer of ASCII `digits`.
    fn from_digits(digits: &[u8]) -> Self {
        let mut big = Big(Vec::with_capacity(digits.len() / 9 + 2));
        for chunk in digits.chunks(9) {
            let value = chunk
                .iter()
                .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'));
            big.multiply_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// `self = self × factor + addend`.
    fn multiply_add(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn multiply_by_power_of_five(&mut self, mut power: u32) {
        // 5^13 is the largest power of five below 2^32.
        while power >= 13 {
            self.multiply_add(1_220_703_125, 0);
            power -= 13;
        }
        self.multiply_add(5u32.pow(power), 0);
    }

    fn bit_length(&self) -> u32 {
        self.0
            .iter()
            .rposition(|&limb| limb != 0)
            .map_or(0, |i| i as u32 * 32 + 32 - self.0[i].leading_zeros())
    }

    fn shift_left(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let shifted = u64::from(*limb) << bits | carry;
                *limb = shifted as u32;
                carry = shifted >> 32;
            }
            if carry != 0 {
                self.0.push(carry as u32);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// The top 64 bits (all of them when fewer), how many bits below them were dropped, and
    /// whether any of those was set.
    fn top_bits(&self) -> (u64, u32, bool) {
        let length = self.bit_length();
        let shift = length.saturating_sub(64);
        let bit = |i: u32| self.0[(i / 32) as usize] >> (i % 32) & 1;
        let top = (shift..length)
            .rev()
            .fold(0u64, |v, i| v << 1 | u64::from(bit(i)));
        let inexact = (0..shift).any(|i| bit(i) == 1);
        (top, shift, inexact)
    }

    /// `(self / divisor, whether a remainder is left)`, for a quotient below 2^64.
    fn divide(mut self, divisor: &Big) -> (u64, bool) {
        let mut quotient = 0u64;
        let span = self.bit_length().saturating_sub(divisor.bit_length());
        debug_assert!(span < 64, "the quotient fits 64 bits");
        for bit in (0..=span).rev() {
            let mut shifted = Big(divisor.0.clone());
            shifted.shift_left(bit);
            if self.at_least(&shifted) {
                self.subtract(&shifted);
                quotient |= 1 << bit;
            }
        }
        (quotient, self.bit_length() != 0)
    }

    fn at_least(&self, other: &Big) -> bool {
        let (a, b) = (self.bit_length(), other.bit_length());
        if a != b {
            return a > b;
        }
        let limbs = a.div_ceil(32) as usize;
        for i in (0..limbs).rev() {
            if self.0[i] != other.0[i] {
                return self.0[i] > other.0[i];
            }
        }
        true
    }

    /// `self -= other`, where `self >= other`.
    fn subtract(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let difference =
                i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = difference.rem_euclid(1 << 32) as u32;
            borrow = i64::from(difference < 0);
        }
    }
}
