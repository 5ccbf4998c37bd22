//! Typed access to a gateway document's fields, with errors naming the gateway and the path.

use super::money::Amount;
use crate::asset::{parse_currency, Coin, Network};
use crate::error::{PaymentError, PaymentErrorKind};
use crate::json::value::Value;

/// A value in a gateway document and where it is (`result.paid_amount.crypto.amount`).
#[derive(Clone)]
pub(crate) struct Node<'a> {
    pub(crate) value: &'a Value,
    path: String,
    gateway: &'static str,
}

impl<'a> Node<'a> {
    /// The top-level value of a document from `gateway`.
    pub(crate) fn root(gateway: &'static str, value: &'a Value) -> Self {
        Node {
            value,
            path: String::new(),
            gateway,
        }
    }

    /// The error for this gateway.
    pub(crate) fn error(&self, kind: PaymentErrorKind) -> PaymentError {
        PaymentError::new(self.gateway, kind)
    }

    pub(crate) fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The error "field ... {problem}" for this value.
    pub(crate) fn invalid(&self, problem: impl Into<String>) -> PaymentError {
        self.error(PaymentErrorKind::InvalidField {
            field: self.path_or_document(),
            problem: problem.into(),
        })
    }

    fn path_or_document(&self) -> String {
        if self.path.is_empty() {
            "(document)".to_owned()
        } else {
            self.path.clone()
        }
    }

    /// The member `key`, or `None` when it is absent or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<Node<'a>> {
        match self.value.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => Some(Node {
                value,
                path: self.child_path(key),
                gateway: self.gateway,
            }),
        }
    }

    /// The first of `keys` that is present and not `null`.
    pub(crate) fn first(&self, keys: &[&str]) -> Option<Node<'a>> {
        keys.iter().find_map(|key| self.get(key))
    }

    /// The member `key`, which must be present.
    pub(crate) fn require(&self, key: &str) -> Result<Node<'a>, PaymentError> {
        self.get(key)
            .ok_or_else(|| self.error(PaymentErrorKind::MissingField(self.child_path(key))))
    }

    /// The items of an array, each with its index in the path.
    pub(crate) fn items(&self) -> Result<Vec<Node<'a>>, PaymentError> {
        let items = self
            .value
            .as_array()
            .ok_or_else(|| self.invalid(format!("must be an array, not {}", self.value.kind())))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(index, value)| Node {
                value,
                path: format!("{}[{index}]", self.path_or_document()),
                gateway: self.gateway,
            })
            .collect())
    }

    /// Requires an object.
    pub(crate) fn object(self) -> Result<Node<'a>, PaymentError> {
        match self.value {
            Value::Object(_) => Ok(self),
            other => Err(self.invalid(format!("must be an object, not {}", other.kind()))),
        }
    }

    /// The text of a string, or of a number as JavaScript prints the value `JSON.parse` gives
    /// it (ids are sent either way). A signature over the normalized body covers a number's
    /// value, not its spelling: `7`, `7.0` and `0.7e1` must be one id, or a replayed webhook
    /// could pass as a new event.
    pub(crate) fn text(&self) -> Result<String, PaymentError> {
        match self.value {
            Value::String(text) => Ok(text.clone()),
            Value::Number(text) if is_plain_integer(text) => Ok(text.clone()),
            Value::Number(text) => match crate::json::normalize(text.as_str()) {
                Ok(value) if value != "null" => Ok(value),
                _ => Err(self.invalid("is a number beyond the range of a double".to_owned())),
            },
            other => Err(self.invalid(format!(
                "must be a string or a number, not {}",
                other.kind()
            ))),
        }
    }

    /// Like [`Node::text`], with an empty string read as absent.
    pub(crate) fn non_empty_text(&self) -> Result<Option<String>, PaymentError> {
        self.text()
            .map(|text| Some(text).filter(|text| !text.trim().is_empty()))
    }

    /// The text of a string, or of a number as written; an error naming `expected`, what the
    /// field must be, for any other value.
    fn literal(&self, expected: &str) -> Result<&'a str, PaymentError> {
        match self.value {
            Value::String(text) | Value::Number(text) => Ok(text),
            other => Err(self.invalid(format!("must be {expected}, not {}", other.kind()))),
        }
    }

    /// An amount: a decimal string or a JSON number, read exactly from its text; never
    /// negative.
    pub(crate) fn amount(&self) -> Result<Amount, PaymentError> {
        let text = self.literal("a decimal amount (string or number)")?;
        let amount = Amount::parse(text.trim())
            .map_err(|error| self.invalid(format!("is not an amount: {error}")))?;
        if amount.is_negative() {
            return Err(self.invalid(format!("is negative ({text})")));
        }
        Ok(amount)
    }

    /// A count (confirmations): a non-negative integer, as a number or a string.
    pub(crate) fn count(&self) -> Result<u64, PaymentError> {
        // As written: an integer needs no double (and the widget, which reads counts, no JSON
        // number printing).
        let text = self.literal("a non-negative integer")?;
        text.trim()
            .parse::<u64>()
            .map_err(|_| self.invalid(format!("must be a non-negative integer, not `{text}`")))
    }

    /// A currency: the coin, and the network when the spelling names one (`USDT_TRX`).
    pub(crate) fn currency(&self) -> Result<(Coin, Option<Network>), PaymentError> {
        let text = self.text()?;
        parse_currency(text.trim()).ok_or_else(|| {
            self.error(PaymentErrorKind::UnknownCurrency {
                field: self.path_or_document(),
                value: text,
            })
        })
    }

    /// A network in any gateway spelling (`trc20`, `BSC`).
    pub(crate) fn network(&self) -> Result<Network, PaymentError> {
        let text = self.text()?;
        Network::parse(text.trim())
            .ok_or_else(|| self.invalid(format!("names no known network (`{text}`)")))
    }
}

impl<'a> Node<'a> {
    /// The one entry of a list document: the one whose `id_key` is `id` when given, else
    /// the only entry.
    pub(crate) fn pick(&self, id: Option<&str>, id_key: &str) -> Result<Node<'a>, PaymentError> {
        let items = self.items()?;
        let count = items.len();
        let found = match id {
            Some(id) => items.into_iter().find(|item| {
                item.get(id_key)
                    .and_then(|node| node.text().ok())
                    .is_some_and(|text| text == id)
            }),
            None if count == 1 => items.into_iter().next(),
            None => return Err(self.error(PaymentErrorKind::Ambiguous(count))),
        };
        found.ok_or_else(|| {
            self.invalid(match id {
                Some(id) => format!("lists no payment with {id_key} `{id}`"),
                None => "is an empty list".to_owned(),
            })
        })
    }
}

impl Node<'_> {
    /// The text of the first of `keys` present (see [`Node::text`]); an empty string is
    /// absent.
    pub(crate) fn text_of(&self, keys: &[&str]) -> Result<Option<String>, PaymentError> {
        Ok(self
            .first(keys)
            .map(|node| node.non_empty_text())
            .transpose()?
            .flatten())
    }

    /// The amount of the first of `keys` present (see [`Node::amount`]).
    pub(crate) fn amount_of(&self, keys: &[&str]) -> Result<Option<Amount>, PaymentError> {
        self.first(keys).map(|node| node.amount()).transpose()
    }
}

impl Node<'_> {
    /// A time: RFC 3339 text as the gateway wrote it (with `T` for a space between the date
    /// and the time), or Unix seconds (iqpay's `"1543657837"`) turned into RFC 3339 UTC; any
    /// other text is an error naming the field.
    pub(crate) fn time_of(&self, keys: &[&str]) -> Result<Option<String>, PaymentError> {
        let Some(node) = self.first(keys) else {
            return Ok(None);
        };
        let Some(text) = node.non_empty_text()? else {
            return Ok(None);
        };
        if !text.bytes().all(|byte| byte.is_ascii_digit()) {
            if unix_millis(&text).is_none() {
                return Err(node.invalid(format!(
                    "is not an RFC 3339 time (`{}`)",
                    super::money::excerpt(&text)
                )));
            }
            // As the schema writes it: `T` between the date and the time, not a space.
            return Ok(Some(match text.split_at_checked(10) {
                Some((date, clock)) if clock.starts_with(' ') => format!("{date}T{}", &clock[1..]),
                _ => text,
            }));
        }
        let seconds: i64 = text
            .parse()
            .ok()
            .filter(|seconds| *seconds < 253_402_300_800)
            .ok_or_else(|| {
                node.invalid(format!(
                    "holds no usable time (`{}`)",
                    super::money::excerpt(&text)
                ))
            })?;
        Ok(Some(rfc3339(seconds)))
    }
}

/// Unix seconds (0 to year 9999) as `YYYY-MM-DDTHH:MM:SSZ`, the form of every time in the
/// checkout document.
pub fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3_600,
        of_day % 3_600 / 60,
        of_day % 60
    )
}

/// Whether `text` is a time as the checkout document's schema writes it: one
/// [`unix_millis`] reads, with `T` (or `t`) between the date and the time.
pub(crate) fn is_document_time(text: &str) -> bool {
    unix_millis(text).is_some() && text.as_bytes().get(10) != Some(&b' ')
}

/// Milliseconds since the Unix epoch of a time as checkout documents hold it: RFC 3339
/// (`2024-01-15T10:30:00Z`), the fraction of a second (read to the millisecond) and the offset
/// optional, an offset-less time being UTC as the schema says; `t`, `z` and a space for the `T`
/// are read too, and a leap second `:60` is the second after `:59`. `None` for anything else.
pub fn unix_millis(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let number = |part: &[u8]| {
        part.iter().try_fold(0i64, |value, &digit| {
            digit
                .is_ascii_digit()
                .then(|| value * 10 + i64::from(digit - b'0'))
        })
    };
    let field = |from: usize, to: usize| bytes.get(from..to).and_then(number);
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators
        .iter()
        .any(|&(at, byte)| bytes.get(at) != Some(&byte))
        || !matches!(bytes.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let [year, month, day, hour, minute, second] =
        [(0, 4), (5, 7), (8, 10), (11, 13), (14, 16), (17, 19)].map(|(from, to)| field(from, to));
    let (year, month, day) = (year?, month?, day?);
    let (hour, minute, second) = (hour?, minute?, second?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=12).contains(&month)
        || !(1..=month_days).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &bytes[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        // The first three digits, padded with zeros: `.8` is 800 ms, `.859322` 859.
        millis = fraction[..digits]
            .iter()
            .chain([&b'0'; 3])
            .take(3)
            .fold(0, |value, &digit| value * 10 + i64::from(digit - b'0'));
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), hours @ .., b':', _, _] if hours.len() == 2 => {
            let (hours, minutes) = (number(hours)?, number(&rest[4..])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let minutes = hours * 60 + minutes;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    // Days since 1970-01-01 of the civil date (Howard Hinnant's algorithm, the inverse of the
    // one in `rfc3339`).
    let year_from_march = if month <= 2 { year - 1 } else { year };
    let era = year_from_march.div_euclid(400);
    let year_of_era = year_from_march - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some((seconds * 1000 + millis) as f64)
}

impl<'a> Node<'a> {
    /// A string (not a number).
    pub(crate) fn string(&self) -> Result<&'a str, PaymentError> {
        match self.value {
            Value::String(text) => Ok(text),
            other => Err(self.invalid(format!("must be a string, not {}", other.kind()))),
        }
    }

    /// Requires that the object has exactly the members `names` (each may be `null`), as a
    /// schema with every property required and no others allowed says.
    pub(crate) fn exactly(&self, names: &[&str]) -> Result<(), PaymentError> {
        self.exactly_and(names, &[])
    }

    /// Like [`Node::exactly`], with the members `optional` allowed too.
    pub(crate) fn exactly_and(
        &self,
        names: &[&str],
        optional: &[&str],
    ) -> Result<(), PaymentError> {
        let Value::Object(members) = self.value else {
            return Ok(());
        };
        if let Some((unknown, _)) = members
            .iter()
            .find(|(name, _)| !names.contains(&name.as_str()) && !optional.contains(&name.as_str()))
        {
            return Err(self.invalid(format!(
                "has a member the schema does not define: `{unknown}`"
            )));
        }
        match names
            .iter()
            .find(|name| !members.iter().any(|(member, _)| member == *name))
        {
            Some(missing) => {
                Err(self.error(PaymentErrorKind::MissingField(self.child_path(missing))))
            }
            None => Ok(()),
        }
    }
}

/// True for a number literal that is its own `JSON.stringify` text without reading it as a
/// double: an integer of at most 15 digits, no leading zero, not `-0` (ids and sequences).
fn is_plain_integer(literal: &str) -> bool {
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    (1..=15).contains(&digits.len())
        && digits.bytes().all(|byte| byte.is_ascii_digit())
        && (!digits.starts_with('0') || literal == "0")
}

#[cfg(test)]
mod tests {
    use super::{is_plain_integer, rfc3339};

    /// The literals read without the JSON engine are exactly what it writes for them.
    #[test]
    fn plain_integers_are_their_own_text() {
        let mut literals: Vec<String> = [
            "0",
            "-0",
            "7",
            "-7",
            "05",
            "-05",
            "100",
            "999999999999999",
            "1000000000000000",
            "-999999999999999",
            "9007199254740993",
            "1.0",
            "1e2",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        let mut value: u64 = 1;
        while value < u64::MAX / 7 {
            literals.push(value.to_string());
            literals.push(format!("-{value}"));
            value = value * 7 + 3;
        }
        for literal in &literals {
            if is_plain_integer(literal) {
                assert_eq!(
                    crate::json::normalize(literal.as_str()).as_deref(),
                    Ok(literal.as_str()),
                    "{literal}"
                );
            }
        }
        assert!(is_plain_integer("999999999999999") && !is_plain_integer("1000000000000000"));
        assert!(!is_plain_integer("-0") && !is_plain_integer("05") && !is_plain_integer(""));
    }

    #[test]
    fn times_read_back_to_their_milliseconds() {
        use super::unix_millis;
        // Every day from year 0 to 9999 (in steps that visit each month, leap days and the
        // ends of centuries), through `rfc3339`, reads back to its own second.
        let mut seconds = -62_167_219_200i64;
        while seconds < 253_402_300_800 {
            assert_eq!(
                unix_millis(&rfc3339(seconds)),
                Some(seconds as f64 * 1000.0)
            );
            seconds += 86_400 * 7 + 3_601;
        }
        let same = |a: &str, b: &str| {
            assert!(unix_millis(a).is_some(), "{a}");
            assert_eq!(unix_millis(a), unix_millis(b), "{a} and {b}");
        };
        same("2025-06-01 12:00:00+02:00", "2025-06-01T10:00:00Z");
        same("2025-06-01t12:00:00-01:30", "2025-06-01T13:30:00z");
        same("2022-03-15T12:13:05", "2022-03-15T12:13:05Z");
        same("2023-12-31T23:59:60Z", "2024-01-01T00:00:00Z");
        let millis =
            |text| unix_millis(text).unwrap() - unix_millis("2022-01-17T22:15:05Z").unwrap();
        assert_eq!(millis("2022-01-17T22:15:05.859322+00:00"), 859.0);
        assert_eq!(millis("2022-01-17T22:15:05.8"), 800.0);
        assert_eq!(millis("2022-01-17T22:15:05.05Z"), 50.0);
        for text in [
            "",
            "2024-01-15",
            "2024-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-15T24:00:00Z",
            "2024-01-15T10:30:00.Z",
            "2024-01-15T10:30:00+0200",
            "2024-01-15T10:30:00+24:00",
            "2024-01-15T10:30:00 UTC",
            "2024-01-15X10:30:00Z",
            "２０２４-01-15T10:30:00Z",
            "+024-01-15T10:30:00Z",
        ] {
            assert_eq!(unix_millis(text), None, "{text:?}");
        }
    }

    #[test]
    fn unix_seconds_become_rfc3339() {
        // Figures from `new Date(seconds * 1000).toISOString()`.
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_543_657_837), "2018-12-01T09:50:37Z");
        assert_eq!(rfc3339(1_590_334_908), "2020-05-24T15:41:48Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(253_402_300_799), "9999-12-31T23:59:59Z");
    }
}
