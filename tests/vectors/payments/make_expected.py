#!/usr/bin/env python3
"""An independent model of the payment documents in tests/vectors/payments/.

For every fixture `<gateway>/<name>.json` (the gateway is the directory's name) this computes,
from the rules of README.md ("The payment model", the options of `normalizePayment` and
`normalizeWebhook`), tests/vectors/payment-statuses.tsv, schema/*.json and the gateways' docs
(see docs/SOURCES.md and tables/SOURCES.md), what the model gives:

- `<name>.expected.json`: the checkout document (`normalizePayment`),
- `<name>.error.expected.json`: the error, when the document cannot be read,
- `<name>.event.expected.json`: the payment event (`normalizeWebhook`), for webhook bodies,

and compares it with the checked-in files. Warnings are compared by their codes and errors by
`code`, `field`, `line` and `column` (messages are free text). `<name>.options.json` holds the
options, when there are any.

Usage: python3 tests/vectors/payments/make_expected.py [--check] [--verbose]

`--check` (the default) prints one line per difference and a one-line summary, and exits
non-zero when anything differs. Standard library only.

Where the sources leave a choice open, this model takes the following (each is marked where it
is made): an iqpay wallet creation response is `awaiting_payment` with its response `status`
(`200`) as `provider_status`; HAYVN's `passthrough` is the `order_id`, as sent; an iqpay
webhook's `timeCreated` dates its transfer, not the checkout; a Calypso top-up or wallet event,
which names no invoice or purse, takes its `transactionHash` as id; `transactionIds` counts as
`transactionId` in a Calypso event key; a document without `status` is reported as missing
`status` before anything else.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
STATUS_TABLE = ROOT / "tests" / "vectors" / "payment-statuses.tsv"
SCHEMAS = ROOT / "schema"

GATEWAYS = ("heropayments", "hayvn", "cryptopayment", "iqpay", "calypso")


# --------------------------------------------------------------------------------------------
# JSON, as JSON.parse reads it, keeping the text of numbers
# --------------------------------------------------------------------------------------------


class Num:
    """A JSON number, kept as the text it was written with."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Num({self.text})"


class JsonSyntaxError(Exception):
    def __init__(self, text: str, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.line = text.count("\n", 0, index) + 1
        self.column = index - (text.rfind("\n", 0, index) + 1) + 1
        self.message = message


_WHITESPACE = " \t\n\r"
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_HEX = "0123456789abcdefABCDEF"


class _Parser:
    """RFC 8259 JSON (what JSON.parse accepts): whitespace is space, tab, LF and CR only; a
    repeated key keeps its last value. Positions are code points."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.depth = 0

    def fail(self, message: str, index: int | None = None) -> JsonSyntaxError:
        return JsonSyntaxError(self.text, self.i if index is None else index, message)

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def skip_ws(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in _WHITESPACE:
            self.i += 1

    def document(self):
        self.skip_ws()
        value = self.value()
        self.skip_ws()
        if self.i != len(self.text):
            raise self.fail("unexpected character after the document")
        return value

    def value(self):
        c = self.peek()
        if c == "":
            raise self.fail("unexpected end of input")
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        if c == "-" or c.isdigit() and c.isascii():
            return self.number()
        for word, result in (("true", True), ("false", False), ("null", None)):
            if c == word[0]:
                for expected in word:
                    if self.peek() != expected:
                        raise self.fail("unexpected end of input" if self.peek() == "" else "unexpected character")
                    self.i += 1
                return result
        raise self.fail("unexpected character")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > 500:
            raise self.fail("nesting too deep for this model")

    def obj(self):
        self.enter()
        self.i += 1
        members: dict = {}
        self.skip_ws()
        if self.peek() == "}":
            self.i += 1
            self.depth -= 1
            return members
        while True:
            self.skip_ws()
            if self.peek() != '"':
                raise self.fail("unexpected end of input" if self.peek() == "" else "expected a key")
            key = self.string()
            self.skip_ws()
            if self.peek() != ":":
                raise self.fail("unexpected end of input" if self.peek() == "" else "expected `:`")
            self.i += 1
            self.skip_ws()
            members[key] = self.value()  # a repeated key: the last value wins
            self.skip_ws()
            c = self.peek()
            self.i += 1
            if c == ",":
                continue
            if c == "}":
                self.depth -= 1
                return members
            self.i -= 1
            raise self.fail("unexpected end of input" if c == "" else "expected `,` or `}`")

    def arr(self):
        self.enter()
        self.i += 1
        items: list = []
        self.skip_ws()
        if self.peek() == "]":
            self.i += 1
            self.depth -= 1
            return items
        while True:
            self.skip_ws()
            items.append(self.value())
            self.skip_ws()
            c = self.peek()
            self.i += 1
            if c == ",":
                continue
            if c == "]":
                self.depth -= 1
                return items
            self.i -= 1
            raise self.fail("unexpected end of input" if c == "" else "expected `,` or `]`")

    def string(self) -> str:
        self.i += 1
        out: list[str] = []
        while True:
            if self.i >= len(self.text):
                raise self.fail("unexpected end of input")
            c = self.text[self.i]
            if c == '"':
                self.i += 1
                return _join_surrogates("".join(out))
            if ord(c) < 0x20:
                raise self.fail("control character in a string")
            if c == "\\":
                self.i += 1
                e = self.peek()
                if e in _ESCAPES and e != "":
                    out.append(_ESCAPES[e])
                    self.i += 1
                elif e == "u":
                    digits = self.text[self.i + 1 : self.i + 5]
                    for k, d in enumerate(digits):
                        if d not in _HEX:
                            raise self.fail("invalid escape", self.i + 1 + k)
                    if len(digits) < 4:
                        raise self.fail("unexpected end of input", len(self.text))
                    out.append(chr(int(digits, 16)))
                    self.i += 5
                elif e == "":
                    raise self.fail("unexpected end of input")
                else:
                    raise self.fail("invalid escape")
                continue
            out.append(c)
            self.i += 1

    def number(self) -> Num:
        start = self.i
        if self.peek() == "-":
            self.i += 1
        if self.peek() == "0":
            self.i += 1
        elif self.peek().isdigit() and self.peek().isascii():
            while self.peek().isdigit() and self.peek().isascii():
                self.i += 1
        else:
            raise self.fail("unexpected end of input" if self.peek() == "" else "invalid number")
        if self.peek() == ".":
            self.i += 1
            if not (self.peek().isdigit() and self.peek().isascii()):
                raise self.fail("unexpected end of input" if self.peek() == "" else "invalid number")
            while self.peek().isdigit() and self.peek().isascii():
                self.i += 1
        if self.peek() in ("e", "E") and self.peek() != "":
            self.i += 1
            if self.peek() in ("+", "-") and self.peek() != "":
                self.i += 1
            if not (self.peek().isdigit() and self.peek().isascii()):
                raise self.fail("unexpected end of input" if self.peek() == "" else "invalid number")
            while self.peek().isdigit() and self.peek().isascii():
                self.i += 1
        return Num(self.text[start : self.i])


def ecmascript_number(literal: str) -> str | None:
    """String(JSON.parse(literal)) for a JSON number literal (ECMAScript Number::toString of
    the nearest double), or None when it is beyond the range of a double."""
    value = float(literal)
    if math.isinf(value):
        return None
    if value == 0:
        return "0"
    _, digit_tuple, exponent = decimal.Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    exponent += len("".join(map(str, digit_tuple))) - len(digits)
    k, n = len(digits), exponent + len(digits)
    sign = "-" if value < 0 else ""
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{sign}{mantissa}e{'+' if e > 0 else '-'}{abs(e)}"


def _join_surrogates(text: str) -> str:
    """Pairs of UTF-16 surrogates from `\\u` escapes become one character (lone ones stay)."""
    if not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return text
    return re.sub(
        "[\ud800-\udbff][\udc00-\udfff]",
        lambda m: chr(0x10000 + ((ord(m.group()[0]) - 0xD800) << 10) + (ord(m.group()[1]) - 0xDC00)),
        text,
    )


def parse_json(data: bytes):
    # Invalid UTF-8 sequences become U+FFFD; a byte-order mark stays and is refused, as in
    # JSON.parse.
    return _Parser(data.decode("utf-8", errors="replace")).document()


# --------------------------------------------------------------------------------------------
# Errors, amounts, currencies
# --------------------------------------------------------------------------------------------


class PaymentError(Exception):
    def __init__(self, code: str, message: str, field: str | None = None, line=None, column=None):
        super().__init__(message)
        self.code = code
        self.field = field
        self.line = line
        self.column = column
        self.message = message

    def as_json(self, provider: str) -> dict:
        value = {"code": self.code, "message": f"{provider}: {self.message}"}
        if self.field is not None:
            value["field"] = self.field
        if self.line is not None:
            value["line"] = self.line
            value["column"] = self.column
        return value


_AMOUNT = re.compile(r"^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$")
MAX_DIGITS = 80
MAX_EXPONENT = 80


@dataclass(frozen=True)
class Amount:
    """An exact decimal: `unscaled × 10^-scale`, printed with its scale."""

    unscaled: int
    scale: int

    @staticmethod
    def parse(text: str) -> "Amount | None":
        m = _AMOUNT.match(text)
        if not m:
            return None
        sign, whole, frac, exp = m.group(1), m.group(2), m.group(3) or "", m.group(4)
        exponent = int(exp) if exp is not None else 0
        if abs(exponent) > MAX_EXPONENT:
            return None
        mantissa = int(whole + frac)
        # The value is mantissa × 10^(exponent - len(frac)); the scale is never below zero.
        shift = exponent - len(frac)
        scale = max(-shift, 0)
        unscaled = mantissa * 10 ** (shift + scale)
        digits = len(str(unscaled).lstrip("0")) if unscaled else 0
        if max(digits, scale) > MAX_DIGITS:
            return None
        return Amount(-unscaled if sign else unscaled, scale)

    def rescaled(self, scale: int) -> int:
        return self.unscaled * 10 ** (scale - self.scale)

    def __add__(self, other: "Amount") -> "Amount":
        s = max(self.scale, other.scale)
        return Amount(self.rescaled(s) + other.rescaled(s), s)

    def __sub__(self, other: "Amount") -> "Amount":
        s = max(self.scale, other.scale)
        return Amount(self.rescaled(s) - other.rescaled(s), s)

    def cmp(self, other: "Amount") -> int:
        d = (self - other).unscaled
        return (d > 0) - (d < 0)

    def percent(self, pct: "Amount") -> "Amount":
        return Amount(self.unscaled * pct.unscaled, self.scale + pct.scale + 2)

    def __str__(self) -> str:
        digits = str(abs(self.unscaled)).rjust(self.scale + 1, "0")
        sign = "-" if self.unscaled < 0 else ""
        if self.scale == 0:
            return sign + digits
        return f"{sign}{digits[:-self.scale]}.{digits[-self.scale:]}"


ZERO = Amount(0, 0)

# Networks and their spellings (src/asset.rs, the table of network spellings).
NETWORK_SPELLINGS = {
    "bitcoin": "bitcoin", "btc": "bitcoin",
    "litecoin": "litecoin", "ltc": "litecoin",
    "ethereum": "ethereum", "eth": "ethereum", "erc20": "ethereum", "erc-20": "ethereum",
    "bsc": "bsc", "bep20": "bsc", "bep-20": "bsc", "bnb smart chain": "bsc",
    "binance smart chain": "bsc",
    "polygon": "polygon", "matic": "polygon", "pol": "polygon",
    "tron": "tron", "trx": "tron", "trc20": "tron", "trc-20": "tron",
    "ripple": "ripple", "xrp": "ripple", "xrpl": "ripple", "xrp ledger": "ripple",
    "stellar": "stellar", "xlm": "stellar",
    "ton": "ton", "toncoin": "ton",
    "dogecoin": "dogecoin", "doge": "dogecoin", "xdg": "dogecoin",
}
# Tickers, with the native network of each native coin (None for tokens).
COINS = {
    "BTC": "bitcoin", "LTC": "litecoin", "ETH": "ethereum", "USDT": None, "USDC": None,
    "BNB": "bsc", "TRX": "tron", "DAI": None, "FRAX": None, "MATIC": "polygon",
    "DOGE": "dogecoin", "XRP": "ripple", "XLM": "stellar", "TON": "ton",
}
COIN_ALIASES = {"XDG": "DOGE", "POL": "MATIC"}
# The coins that exist on each network (native coins and the tokens with a known contract).
ASSETS = {
    ("BTC", "bitcoin"), ("LTC", "litecoin"), ("DOGE", "dogecoin"), ("ETH", "ethereum"),
    ("BNB", "bsc"), ("MATIC", "polygon"), ("TRX", "tron"), ("XRP", "ripple"),
    ("XLM", "stellar"), ("TON", "ton"),
    ("USDT", "ethereum"), ("USDT", "bsc"), ("USDT", "polygon"), ("USDT", "tron"),
    ("USDC", "ethereum"), ("USDC", "bsc"), ("USDC", "polygon"), ("USDC", "tron"),
    ("DAI", "ethereum"), ("FRAX", "ethereum"),
}


def parse_network(text: str) -> str | None:
    return NETWORK_SPELLINGS.get(text.lower()) if text.isascii() else None


def parse_coin(text: str) -> str | None:
    if not text.isascii():
        return None
    upper = text.upper()
    if upper in COINS:
        return upper
    return COIN_ALIASES.get(upper)


def parse_currency(text: str) -> tuple[str, str | None] | None:
    """A currency in a gateway's spelling: a ticker (a native coin names its network), or a
    ticker and a network with `_`, `-` or nothing between (`USDT_TRX`, `USDT-TRC20`)."""
    coin = parse_coin(text)
    if coin is not None:
        return coin, COINS[coin]
    if not text.isascii():
        return None
    for ticker in list(COINS) + list(COIN_ALIASES):
        if text[: len(ticker)].upper() != ticker:
            continue
        rest = text[len(ticker):]
        if rest[:1] in ("_", "-"):
            rest = rest[1:]
        network = parse_network(rest)
        coin = COIN_ALIASES.get(ticker, ticker)
        if network is not None and (coin, network) in ASSETS:
            return coin, network
    return None


# --------------------------------------------------------------------------------------------
# Reading a document's fields
# --------------------------------------------------------------------------------------------


def _kind(value) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "boolean"
    if isinstance(value, Num):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class Node:
    def __init__(self, value, path: str) -> None:
        self.value = value
        self.path = path

    def child_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def invalid(self, problem: str) -> PaymentError:
        where = f"field `{self.path}`" if self.path else "the document"
        return PaymentError("payment_invalid_field", f"{where} {problem}", self.path or None)

    def is_object(self) -> bool:
        return isinstance(self.value, dict)

    def get(self, key: str) -> "Node | None":
        """The member `key`, or None when absent or null."""
        if not isinstance(self.value, dict):
            return None
        value = self.value.get(key)
        return None if value is None else Node(value, self.child_path(key))

    def first(self, *keys: str) -> "Node | None":
        for key in keys:
            node = self.get(key)
            if node is not None:
                return node
        return None

    def require(self, key: str) -> "Node":
        node = self.get(key)
        if node is None:
            path = self.child_path(key)
            raise PaymentError("payment_missing_field", f"missing field `{path}`", path)
        return node

    def text(self) -> str:
        if isinstance(self.value, str):
            return self.value
        if isinstance(self.value, Num):
            # As JavaScript prints the value JSON.parse gives: signatures cover the value.
            text = ecmascript_number(self.value.text)
            if text is None:
                raise self.invalid("is a number beyond the range of a double")
            return text
        raise self.invalid(f"is a {_kind(self.value)}, not a string or a number")

    def opt_text(self) -> str | None:
        text = self.text()
        return text or None

    def amount(self) -> Amount:
        if isinstance(self.value, (str, Num)):
            # Exactly as written: an amount's digits are never rounded through a double.
            text = self.value if isinstance(self.value, str) else self.value.text
            amount = Amount.parse(text)
            if amount is None:
                raise self.invalid(f"is not an amount: {text[:40]!r}")
            if amount.unscaled < 0:
                raise self.invalid("is a negative amount")
            return amount
        raise self.invalid(f"is a {_kind(self.value)}, not an amount")

    def count(self) -> int:
        text = self.value if isinstance(self.value, str) else getattr(self.value, "text", None)
        if text is not None and re.fullmatch(r"[0-9]+", text):
            return int(text)
        raise self.invalid("is not a count")

    def items(self) -> list["Node"]:
        if not isinstance(self.value, list):
            raise self.invalid(f"is a {_kind(self.value)}, not an array")
        return [Node(v, f"{self.path}[{k}]") for k, v in enumerate(self.value)]

    def time(self) -> str | None:
        """RFC 3339 text as written (a space between date and time becomes `T`), or Unix
        seconds turned into RFC 3339 UTC; other text is an error (README)."""
        text = self.opt_text()
        if text is None:
            return None
        if re.fullmatch(r"[0-9]+", text):
            return unix_to_rfc3339(int(text))
        match = RFC3339.fullmatch(text)
        try:
            valid = match is not None and datetime.date.fromisoformat(match[1]) is not None
        except ValueError:
            valid = False
        if not valid:
            raise self.invalid(f"is not an RFC 3339 time (`{text}`)")
        return text[:10] + "T" + text[11:] if text[10] == " " else text


# The checkout document's times (schema/defs.v1.json `timestamp`), with a space read for the T.
RFC3339 = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)"
    r"(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
)


def opt_text(node: Node | None) -> str | None:
    return None if node is None else node.opt_text()


def opt_amount(node: Node | None) -> Amount | None:
    if node is None or (isinstance(node.value, str) and node.value == ""):
        return None
    return node.amount()


def opt_time(node: Node | None) -> str | None:
    return None if node is None else node.time()


def unix_to_rfc3339(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    # Civil date from days since 1970-01-01 (proleptic Gregorian).
    z = days + 719468
    era, doe = divmod(z, 146097)
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    return f"{year:04d}-{month:02d}-{day:02d}T{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}Z"


def pick_entry(items: Node, options: "Options", id_key: str = "id") -> Node:
    """The one entry of a list document: the one whose `id_key` is the `id` option, else the
    only one."""
    entries = items.items()
    if options.id is not None:
        for entry in entries:
            node = entry.get(id_key)
            if node is not None and isinstance(node.value, (str, Num)) and node.text() == options.id:
                return entry
        raise PaymentError("payment_missing_field", f"no entry of `{items.path}` has id {options.id}", items.path)
    if len(entries) == 1:
        return entries[0]
    if not entries:
        raise PaymentError("payment_missing_field", f"`{items.path}` is empty", items.path)
    raise PaymentError("payment_ambiguous", f"`{items.path}` lists {len(entries)} payments: pass the `id` option", items.path)


# --------------------------------------------------------------------------------------------
# The status tables
# --------------------------------------------------------------------------------------------


def load_status_table() -> dict:
    table: dict = {}
    for line in STATUS_TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        gateway, kind, status, direction, state, outcome = line.split("\t")
        table[(gateway, kind, status)] = (direction, state, outcome)
    return table


STATUSES = load_status_table()


def lookup(gateway: str, kind: str, status: str, default_direction: str) -> tuple[str, str, str]:
    """(direction, state, outcome) of a status; a status no table names (or that the table
    file lists as unknown) is `unknown` and `pending`."""
    found = STATUSES.get((gateway, kind, status))
    if found is None:
        return default_direction, "unknown", "pending"
    return found


# --------------------------------------------------------------------------------------------
# What a document says
# --------------------------------------------------------------------------------------------


@dataclass
class Options:
    direction: str | None = None
    mode: str = "purchase"
    tolerance: tuple[Amount, Amount] | None = None
    id: str | None = None


@dataclass
class Transfer:
    id: str | None
    txid: str | None
    amount: Amount
    sequence: str | None
    confirmed: bool
    created_at: str | None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "txid": self.txid,
            "amount": str(self.amount),
            "sequence": self.sequence,
            "confirmed": self.confirmed,
            "created_at": self.created_at,
        }


@dataclass
class Reading:
    provider: str
    id: str | None = None
    direction: str = "deposit"
    state: str = "unknown"
    outcome: str = "pending"
    provider_status: str = ""
    order_id: str | None = None
    coin: str | None = None
    network: str | None = None
    address: str | None = None
    tag: str | None = None
    amount: Amount | None = None
    minimum_amount: Amount | None = None
    paid: Amount | None = None  # the gateway's own figure of what was received
    fiat: dict | None = None
    confirmations: dict | None = None
    expires_at: str | None = None
    created_at: str | None = None
    payments: list = field(default_factory=list)
    other_txids: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    event_type: str | None = None
    event_key: str | None = None
    sequence: str | None = None

    def set_status(self, status: str, direction: str, state: str, outcome: str) -> None:
        self.provider_status = status
        self.direction, self.state, self.outcome = direction, state, outcome
        if state == "unknown":
            self.warn(
                "unknown_status",
                f"status `{status}` is not in the gateway's documented statuses: treat the "
                "payment as pending and check it with the gateway",
            )

    def warn(self, code: str, message: str) -> None:
        self.warnings.append({"code": code, "message": message})

    def set_asset(self, currency: Node | None, network: Node | None) -> None:
        """Coin and network from a currency field (which may name the network) and a network
        field; a network named by both must agree, and the pair must exist."""
        implied = None
        if currency is not None:
            text = currency.text()
            parsed = parse_currency(text)
            if parsed is None:
                raise PaymentError(
                    "payment_unknown_currency", f"field `{currency.path}`: unknown currency {text!r}", currency.path
                )
            self.coin, implied = parsed
        named = None
        if network is not None and network.opt_text() is not None:
            named = parse_network(network.text())
            if named is None:
                raise network.invalid(f"names no known network: {network.text()!r}")
        if implied is not None and named is not None and implied != named:
            raise network.invalid(f"names {named}, where the currency is on {implied}")
        self.network = implied or named
        if self.coin is not None and self.network is not None and (self.coin, self.network) not in ASSETS:
            raise network.invalid(f"names {self.network}, where {self.coin} does not exist")
        if self.coin is not None and self.network is None:
            self.warn("network_unknown", f"{self.coin} is named without its network")

    def fiat_of(self, currency: str | None, amount: Amount | None) -> None:
        if currency is not None:
            self.fiat = {"currency": currency, "amount": None if amount is None else str(amount)}


# --------------------------------------------------------------------------------------------
# The gateways
# --------------------------------------------------------------------------------------------


def read_heropayments(root: Node, options: Options, reading: Reading) -> None:
    """README "Decisions worth knowing": the names Heropayments documents are read under."""
    subject = root.get("data") if root.get("data") is not None and root.get("data").is_object() else root
    type_node = subject.get("type")
    direction = options.direction
    if type_node is not None:
        direction = type_node.text()
        if direction not in ("deposit", "withdrawal"):
            raise type_node.invalid("is neither `deposit` nor `withdrawal`")
    if direction is None:
        raise PaymentError("payment_missing_field", "missing field `type` (or the `direction` option)", subject.child_path("type"))
    status = subject.require("status").text()
    reading.set_status(status, *lookup("heropayments", direction, status, direction))
    reading.direction = direction
    external = opt_text(subject.get("externalOrderId"))
    reading.sequence = opt_text(subject.get("sequence"))
    # README: without an id, a payment is `externalOrderId`, a further deposit
    # `externalOrderId:sequence` (docs, "Multiple deposit processing": each transfer is a payment).
    own_id = opt_text(subject.first("id", "paymentId"))
    if own_id is None and external is not None and reading.sequence not in (None, "original"):
        own_id = f"{external}:{reading.sequence}"
    reading.id = own_id or external
    if reading.id is None:
        subject.require("id")
    reading.order_id = external
    # README: `payCurrency`/`payAmount` first, the payer's side.
    reading.set_asset(subject.first("payCurrency", "currency"), subject.first("network", "chain"))
    reading.address = opt_text(subject.first("payAddress", "address"))
    reading.tag = opt_text(subject.first("tag", "memo"))
    reading.amount = opt_amount(subject.first("payAmount", "amount"))
    reading.minimum_amount = opt_amount(subject.get("minAmount"))
    reading.paid = opt_amount(subject.first("paidAmount", "actuallyPaid"))
    reading.fiat_of(opt_text(subject.get("fiatCurrency")), opt_amount(subject.get("fiatAmount")))
    received = subject.get("confirmations")
    if received is not None:
        required = subject.get("requiredConfirmations")
        reading.confirmations = {"received": received.count(), "required": None if required is None else required.count()}
    txid = opt_text(subject.first("txid", "hash"))
    if txid is not None:
        if reading.paid is not None:
            reading.payments.append(
                # One document is one payment: its id is the transfer's (README).
                Transfer(
                    reading.id,
                    txid,
                    reading.paid,
                    reading.sequence,
                    reading.state == "paid",
                    None,
                )
            )
        else:
            reading.other_txids.append(txid)
    reading.expires_at = opt_time(subject.get("expiresAt"))
    reading.created_at = opt_time(subject.get("createdAt"))
    if external is not None:
        # Every part in its place: no sequence is the first payment's, `original` (docs,
        # "Multiple deposit processing"); no status leaves its part empty.
        reading.event_key = f"{external}:{'original' if reading.sequence is None else reading.sequence}:{status or ''}"
        # README: a callback whose `type` says withdrawal is keyed apart from deposits.
        if type_node is not None and isinstance(type_node.value, str) and type_node.value.strip().lower() in ("withdrawal", "withdraw", "payout", "out"):
            reading.event_key = "withdrawal:" + reading.event_key


def read_hayvn(root: Node, options: Options, reading: Reading) -> None:
    """HAYVN: `{"result": {...}}`, `{"result": [...]}` (lists, create responses), or a callback
    body (the result's fields plus `callback_id`, `callback_status`, `signature`)."""
    result = root.get("result")
    if result is None:
        subject = root
    elif isinstance(result.value, str):
        if result.value == "error":
            reason = opt_text(root.get("reason")) or "error"
            message = opt_text(root.get("message")) or ""
            raise result.invalid(f"is a gateway error, not a payment: {reason}: {message}")
        raise result.invalid("is a string, not a payment")
    elif isinstance(result.value, list):
        subject = pick_entry(result, options)
    elif result.is_object():
        subject = result
    else:
        raise result.invalid(f"is a {_kind(result.value)}, not a payment")

    callback_status = opt_text(root.get("callback_status") or subject.get("callback_status"))
    callback_id = opt_text(root.get("callback_id") or subject.get("callback_id"))
    if callback_status is not None and callback_status.startswith("payment_"):
        kind = "payment"
    elif callback_status is not None and callback_status.startswith("withdrawal_"):
        kind = "withdrawal"
    elif any(subject.get(k) is not None for k in ("payment_currency", "payment_amount", "transactions", "paid_amount")):
        kind = "payment"
    elif any(subject.get(k) is not None for k in ("address", "fiat_amount", "fiat_currency", "network", "txid")):
        kind = "withdrawal"
    else:
        kind = "payout"
    direction = "deposit" if kind == "payment" else "withdrawal"

    if callback_status is not None:
        reading.set_status(callback_status, *lookup("hayvn", f"{kind}-callback", callback_status, direction))
        # "payment_incomplete: Payment amount doesn't match profile 'Allowed Difference' range":
        # over the range too, which the payment's own status `overpay` tells.
        own = subject.get("status")
        if callback_status == "payment_incomplete" and own is not None and own.text() == "overpay":
            _, reading.state, reading.outcome = lookup("hayvn", kind, "overpay", direction)
    else:
        status = subject.require("status").text()
        key = status
        # The docs print `canceled_` and `complete_`: both spellings are read.
        if kind == "payment" and status in ("canceled", "complete"):
            key = status + "_"
        reading.set_status(status, *lookup("hayvn", kind, key, direction))
    reading.direction = direction
    reading.event_type = callback_status
    reading.event_key = callback_id

    reading.id = subject.require("id").text()
    reading.created_at = opt_time(subject.get("created_at"))
    if kind == "payment":
        reading.order_id = opt_text(subject.get("passthrough"))
        reading.set_asset(subject.get("payment_currency"), None)
        reading.address = opt_text(subject.get("address"))
        reading.amount = opt_amount(subject.get("payment_amount"))
        paid = subject.get("paid_amount")
        if paid is not None:
            crypto = paid.get("crypto")
            if crypto is not None:
                reading.paid = opt_amount(crypto.get("amount"))
        reading.fiat_of(opt_text(subject.get("requested_currency")), opt_amount(subject.get("requested_amount")))
        transactions = subject.get("transactions")
        for tx in transactions.items() if transactions is not None else []:
            tx_amount = tx.require("amount")
            crypto = tx_amount.require("crypto") if tx_amount.is_object() else None
            value = crypto.require("amount").amount() if crypto is not None else tx_amount.amount()
            reading.payments.append(
                Transfer(
                    opt_text(tx.get("id")),
                    opt_text(tx.get("txid")),
                    value,
                    None,
                    tx.get("confirmed_at") is not None,
                    opt_time(tx.get("created_at")),
                )
            )
    elif kind == "withdrawal":
        reading.set_asset(subject.get("currency"), subject.get("network"))
        reading.address = opt_text(subject.get("address"))
        reading.fiat_of(opt_text(subject.get("fiat_currency")), opt_amount(subject.get("fiat_amount")))
        txid = opt_text(subject.get("txid"))
        if txid is not None:
            reading.other_txids.append(txid)
    else:
        # A payout is fiat to a bank account: its `currency` is fiat, and it has no coin.
        reading.fiat_of(opt_text(subject.get("currency")), opt_amount(subject.get("amount")))


def read_cryptopayment(root: Node, options: Options, reading: Reading) -> None:
    """CryptoPayment.center: `{"success", "invoice": {...}}`, list responses, and webhooks (the
    invoice's fields at the top level, with `event` and `invoice_id`)."""
    invoice = root.get("invoice")
    if invoice is not None and invoice.is_object():
        subject = invoice
    else:
        listed = root.first("invoices", "data")
        subject = pick_entry(listed, options) if listed is not None and isinstance(listed.value, list) else root
    status = subject.require("status").text()
    reading.set_status(status, *lookup("cryptopayment", "invoice", status, "deposit"))
    # A webhook signs its `event`, not its `status`: the docs' PHP handler credits only when
    # both say so, so a pair that disagrees is unknown.
    event = subject.get("event")
    if event is not None and reading.state != "unknown":
        _, event_state, event_outcome = lookup("cryptopayment", "event", event.text(), "deposit")
        if (event_state, event_outcome) != (reading.state, reading.outcome):
            reading.state, reading.outcome = "unknown", "pending"
            reading.warn("unknown_status", f"event `{event.text()}` and status `{status}` disagree")
    id_node = subject.first("id", "invoice_id")
    if id_node is None:
        subject.require("id")
    reading.id = id_node.text()
    reading.order_id = opt_text(subject.get("order_id"))
    reading.set_asset(subject.get("coin"), subject.get("network"))
    reading.address = opt_text(subject.get("address"))
    reading.amount = opt_amount(subject.get("amount_crypto"))
    reading.paid = opt_amount(subject.get("paid_amount"))
    usd = opt_amount(subject.get("amount_usd"))
    if usd is not None:
        reading.fiat_of("USD", usd)
    confirmations = subject.get("confirmations")
    if confirmations is not None:
        if confirmations.is_object():
            required = confirmations.get("required")
            reading.confirmations = {
                "received": confirmations.require("received").count(),
                "required": None if required is None else required.count(),
            }
        else:
            reading.confirmations = {"received": confirmations.count(), "required": None}
    txid = opt_text(subject.get("txid"))
    if txid is not None:
        if reading.paid is not None and reading.paid.unscaled != 0:
            reading.payments.append(Transfer(None, txid, reading.paid, None, reading.state == "paid", None))
        else:
            reading.other_txids.append(txid)
    reading.expires_at = opt_time(subject.get("expires_at"))
    reading.created_at = opt_time(subject.get("created_at"))
    event = opt_text(root.get("event"))
    invoice_id = opt_text(root.get("invoice_id"))
    reading.event_type = event
    if event is not None and invoice_id is not None:
        reading.event_key = f"{invoice_id}:{event}"


def read_iqpay(root: Node, options: Options, reading: Reading) -> None:
    """iqpay: a wallet creation response `{"status": 200, "data": {publicKey, tag, currency,
    extId}}`, or a deposit or withdrawal webhook (one transfer, `status` 0, 1 or 2)."""
    data = root.get("data")
    if data is not None and data.is_object():
        # A new deposit wallet, bound to the customer `extId`: nothing received yet. Its
        # `status` is the response's (200), not a transfer's.
        status = root.require("status").text()
        reading.provider_status = status
        reading.direction, reading.state, reading.outcome = "deposit", "awaiting_payment", "pending"
        ext_id = data.require("extId").text()
        reading.id = ext_id
        reading.order_id = ext_id
        reading.address = opt_text(data.get("publicKey"))
        reading.tag = opt_text(data.get("tag"))
        reading.set_asset(data.get("currency"), None)
        return
    status = root.require("status").text()
    if options.direction is not None:
        direction = options.direction
    elif root.get("wallet_ext_id") is not None or root.get("fromAddress") is not None:
        direction = "deposit"
    else:
        direction = "withdrawal"
    reading.set_status(status, *lookup("iqpay", direction, status, direction))
    reading.direction = direction
    wallet = opt_text(root.get("wallet_ext_id"))
    own_id = opt_text(root.get("id"))
    txid = opt_text(root.get("txid"))
    reading.id = (wallet or own_id) if direction == "deposit" else (own_id or wallet)
    reading.id = reading.id or txid
    if reading.id is None:
        root.require("txid")
    reading.order_id = wallet
    reading.address = opt_text(root.get("address"))
    reading.tag = opt_text(root.get("tag"))
    reading.set_asset(root.get("currency"), None)
    amount = opt_amount(root.get("amount"))
    if amount is not None:
        reading.payments.append(
            Transfer(None, txid, amount, None, reading.state == "paid", opt_time(root.get("timeCreated")))
        )
    elif txid is not None:
        reading.other_txids.append(txid)
    convert_currency = opt_text(root.get("convert_currency"))
    if convert_currency is not None:
        reading.fiat_of(convert_currency, opt_amount(root.get("converted_amount")))
    # One transaction can pay several wallets, or carry several currencies.
    key_parts = [txid, reading.address, opt_text(root.get("currency")), status]
    if None not in key_parts:
        reading.event_key = ":".join(key_parts)


# calypso-pay-webhooks.txt: the events whose `amount` is money received ("amount of received
# money", "transaction amount"); in the others it is the invoice's amount ("money amount of
# the invoice"), and what was received is `realAmount` ("amount of money that client really
# paid for the invoice").
CALYPSO_RECEIVED_AMOUNT = {
    "INVOICE_FUNDS_RECEIVED_FOR_INVOICE",
    "INVOICE_COMPLIANCE_CHECK",
    "INVOICE_COMPLIANCE_DECLINED",
    "TOP_UP_COMPLIANCE_CHECK",
    "TOP_UP_COMPLIANCE_DECLINED",
    "WALLET_FUNDS_DELIVERED_ACCOUNT",
    "CUSTOMER_PURSE_MEM_POOL_FOUND",
    "CUSTOMER_PURSE_PENDING_COMPLIANCE",
    "CUSTOMER_PURSE_COMPLIANCE_DECLINED",
    "CUSTOMER_PURSE_FUNDS_RECEIVED_FOR_PURSE",
}


def read_calypso(root: Node, options: Options, reading: Reading) -> None:
    """Calypso: `{requestId, id, createdDate, level, service, eventType, data}`."""
    data = root.require("data")
    if not data.is_object():
        raise data.invalid(f"is a {_kind(data.value)}, not an object")
    type_node = root.get("eventType") or data.get("type")
    if type_node is None:
        root.require("eventType")
    event_type = type_node.text()
    # README: the event type's own direction wins; the option names that of an unlisted type.
    direction, state, outcome = lookup("calypso", "event", event_type, options.direction or "deposit")
    payout_status = opt_text(data.get("payoutStatus"))
    # A payout's `payoutStatus` is its raw status; its values are not documented (unknown).
    status = payout_status if event_type == "PAYOUT_CHANGE_STATUS" and payout_status else event_type
    reading.set_status(status, direction, state, outcome)
    reading.event_type = event_type

    transaction_hash = opt_text(data.get("transactionHash"))
    ids = data.first("transactionId", "transactionIds")
    transaction_id = None
    if ids is not None:
        if isinstance(ids.value, list):
            transaction_id = ",".join(item.text() for item in ids.items()) or None
        else:
            transaction_id = ids.opt_text()
    purse = opt_text(data.get("purseId"))
    parent = opt_text(data.get("parentExternalId"))
    reading.id = parent or purse or transaction_hash or opt_text(root.get("id"))
    if reading.id is None:
        data.require("parentExternalId")
    reading.order_id = opt_text(data.get("externalId"))
    reading.address = opt_text(data.get("invoiceAddress"))

    # The currency: a coin (`ETH`, `USDT_TRX`), except in a fiat adjustment; a number names none.
    currency = data.get("currency")
    fiat_currency = data.first("fiatCurrency", "fiatcurrency")
    fiat_adjustment = event_type == "FIAT_APPLIER_ADJUSTMENT" and fiat_currency is not None and (
        fiat_currency.value is True or (isinstance(fiat_currency.value, str) and fiat_currency.value.lower() == "true")
    )
    if currency is not None and not fiat_adjustment:
        if isinstance(currency.value, Num):
            reading.warn("currency_unreadable", f"`{currency.path}` is a number, which names no coin")
        else:
            reading.set_asset(currency, None)

    purse_event = event_type.startswith("CUSTOMER_PURSE_")
    # `createdDate` in `data` is the invoice's or payout's creation, but a purse event's is the
    # transaction's ("transaction creation date").
    created = opt_time(data.get("createdDate"))
    reading.created_at = None if purse_event else created
    reading.expires_at = opt_time(data.get("expirationDate"))

    received = None
    if event_type in CALYPSO_RECEIVED_AMOUNT:
        received = opt_amount(data.get("amount"))
    else:
        reading.amount = opt_amount(data.get("amount"))
        received = opt_amount(data.get("realAmount"))
    if event_type == "FIAT_APPLIER_ADJUSTMENT" and not fiat_adjustment:
        received = opt_amount(data.get("sumAfterAdjustment"))
    if received is not None:
        reading.paid = received
        # A received figure that names no transaction (INVOICE_PAID's `realAmount`) is the
        # total paid, not a transfer (README: "The payment model").
        named = transaction_hash is not None or transaction_id is not None
        if event_type != "FIAT_APPLIER_ADJUSTMENT" and named:
            reading.payments.append(
                Transfer(
                    transaction_id,
                    transaction_hash,
                    received,
                    None,
                    state == "paid",
                    created if purse_event else opt_time(data.get("paymentDate")),
                )
            )
    elif transaction_hash is not None:
        reading.other_txids.append(transaction_hash)
    payout_hash = opt_text(data.get("hash"))
    if payout_hash is not None:
        reading.other_txids.append(payout_hash)

    # Fiat: `fiatAmount` as {"EUR": .., "USD": ..} (the currency in `fiatCurrency`, else USD,
    # else the first), as a number or string with `fiatCurrency`; a fiat adjustment's sum.
    if fiat_adjustment:
        reading.fiat_of(opt_text(currency), opt_amount(data.get("sumAfterAdjustment")))
    else:
        fiat_name = opt_text(fiat_currency)
        fiat_amount = data.get("fiatAmount")
        if fiat_amount is not None and fiat_amount.is_object():
            members = fiat_amount.value
            if fiat_name in members:
                chosen = fiat_name
            elif "USD" in members:
                chosen = "USD"
            else:
                chosen = next(iter(members), None)
            if chosen is not None:
                reading.fiat_of(chosen, opt_amount(fiat_amount.get(chosen)))
        elif fiat_name is not None:
            reading.fiat_of(fiat_name, opt_amount(fiat_amount))

    # README: {idempotencyKey | purseId | parentExternalId | requestId}:{eventType}:
    # {transactionHash | transactionId | payoutStatus | event id}.
    scope = opt_text(data.get("idempotencyKey")) or purse or parent or opt_text(root.get("requestId"))
    discriminator = transaction_hash or transaction_id or payout_status or opt_text(root.get("id"))
    if scope is not None and discriminator is not None:
        reading.event_key = f"{scope}:{event_type}:{discriminator}"


READERS = {
    "heropayments": read_heropayments,
    "hayvn": read_hayvn,
    "cryptopayment": read_cryptopayment,
    "iqpay": read_iqpay,
    "calypso": read_calypso,
}


# --------------------------------------------------------------------------------------------
# The checkout document and the payment event
# --------------------------------------------------------------------------------------------


def read(provider: str, data: bytes, options: Options) -> Reading:
    try:
        document = parse_json(data)
    except JsonSyntaxError as error:
        raise PaymentError(
            "payment_invalid_json",
            f"the document is not json: {error.message} at line {error.line} column {error.column}",
            None,
            error.line,
            error.column,
        ) from None
    root = Node(document, "")
    if not root.is_object():
        raise root.invalid(f"is a {_kind(document)}, not an object")
    reading = Reading(provider)
    READERS[provider](root, options, reading)
    drop_repeated_transfers(reading)
    return reading


def drop_repeated_transfers(reading: Reading) -> None:
    """A transfer listed twice (same txid and sequence, or without a txid the same id) counts
    once."""
    seen = set()
    kept = []
    for transfer in reading.payments:
        key = ("txid", transfer.txid, transfer.sequence) if transfer.txid is not None else ("id", transfer.id)
        if (transfer.txid is not None or transfer.id is not None) and key in seen:
            reading.warn("duplicate_transfer", f"transfer {transfer.txid or transfer.id} is listed twice")
            continue
        seen.add(key)
        kept.append(transfer)
    reading.payments = kept


def received(reading: Reading) -> Amount | None:
    """The gateway's own figure, else the sum of the transfers, else None."""
    if reading.paid is not None:
        return reading.paid
    if reading.payments:
        total = ZERO
        for transfer in reading.payments:
            total = total + transfer.amount
        return total
    return None


def judged_state(reading: Reading, paid: Amount, options: Options) -> str:
    """With a tolerance, a purchase whose funds arrived is underpaid below `amount - below%`
    and overpaid above `amount + above%` (the edges count as paid); a completed HAYVN payment
    is left to HAYVN, which applies its profile's tolerances itself."""
    state = reading.state
    if options.tolerance is None or options.mode != "purchase" or reading.amount is None:
        return state
    if state not in ("confirming", "converting", "paid"):
        return state
    if state == "paid" and reading.provider == "hayvn":
        return state
    below, above = options.tolerance
    low = reading.amount - reading.amount.percent(below)
    high = reading.amount + reading.amount.percent(above)
    if paid.cmp(low) < 0:
        return "underpaid"
    if paid.cmp(high) > 0:
        return "overpaid"
    return state


def checkout(reading: Reading, options: Options) -> dict:
    paid = received(reading)
    paid_amount = paid if paid is not None else ZERO
    remaining = excess = None
    if options.mode == "purchase" and reading.amount is not None:
        difference = reading.amount - paid_amount
        if difference.unscaled >= 0:
            remaining = difference
        else:
            remaining = Amount(0, reading.amount.scale)
            excess = paid_amount - reading.amount
    # README: a completed payment whose received amount the gateway does not report has no
    # remaining amount.
    if reading.state == "paid" and paid_amount.unscaled == 0 and not reading.payments:
        remaining = None
    state = judged_state(reading, paid_amount, options)
    return {
        "schema": "crypto-checkout/v1",
        "id": reading.id,
        "provider": reading.provider,
        "direction": reading.direction,
        "state": state,
        "outcome": reading.outcome,
        "provider_status": reading.provider_status,
        "order_id": reading.order_id,
        "coin": reading.coin,
        "network": reading.network,
        "address": reading.address,
        "tag": reading.tag,
        "amount": None if reading.amount is None else str(reading.amount),
        "minimum_amount": None if reading.minimum_amount is None else str(reading.minimum_amount),
        "paid_amount": str(paid_amount),
        "remaining_amount": None if remaining is None else str(remaining),
        "excess_amount": None if excess is None else str(excess),
        "fiat": reading.fiat,
        "confirmations": reading.confirmations,
        "expires_at": reading.expires_at,
        "created_at": reading.created_at,
        "payments": [t.as_json() for t in reading.payments],
        "warnings": reading.warnings,
    }


def event(reading: Reading, options: Options) -> dict | None:
    if reading.event_key is None:
        return None
    paid = received(reading)
    txids: list[str] = []
    for txid in [t.txid for t in reading.payments] + reading.other_txids:
        if txid is not None and txid not in txids:
            txids.append(txid)
    return {
        "schema": "crypto-checkout/event/v1",
        "provider": reading.provider,
        "event_key": reading.event_key,
        "event_type": reading.event_type,
        "payment_id": reading.id,
        "order_id": reading.order_id,
        "direction": reading.direction,
        "state": judged_state(reading, paid if paid is not None else ZERO, options),
        "outcome": reading.outcome,
        "provider_status": reading.provider_status,
        "coin": reading.coin,
        "network": reading.network,
        "address": reading.address,
        "tag": reading.tag,
        "amount": None if reading.amount is None else str(reading.amount),
        "paid_amount": None if paid is None else str(paid),
        "txids": txids,
        "payments": [t.as_json() for t in reading.payments],
        "sequence": reading.sequence,
        "confirmations": reading.confirmations,
        "fiat": reading.fiat,
        "warnings": reading.warnings,
    }


def load_options(path: Path) -> Options:
    if not path.exists():
        return Options()
    value = json.loads(path.read_text(encoding="utf-8"))
    tolerance = None
    if "tolerance" in value:
        below = Amount.parse(str(value["tolerance"]["below"]))
        above = Amount.parse(str(value["tolerance"]["above"]))
        tolerance = (below, above)
    return Options(
        direction=value.get("direction"),
        mode="topup" if value.get("mode") == "topup" else "purchase",
        tolerance=tolerance,
        id=value.get("id"),
    )


def normalize(provider: str, data: bytes, options: Options):
    """(checkout document or None, error or None, event or None) for one fixture."""
    try:
        reading = read(provider, data, options)
    except PaymentError as error:
        return None, error.as_json(provider), None
    return checkout(reading, options), None, event(reading, options)


# --------------------------------------------------------------------------------------------
# Comparing with the checked-in expected files
# --------------------------------------------------------------------------------------------


def fixtures() -> list[Path]:
    found = []
    for path in sorted(HERE.rglob("*.json")):
        name = path.name
        if name.endswith(".expected.json") or name.endswith(".options.json"):
            continue
        if path.parent.name in GATEWAYS:
            found.append(path)
    return found


def comparable(value, kind: str):
    """What is compared: warnings by code, errors by code, field, line and column."""
    if value is None:
        return None
    if kind == "error":
        return {k: value[k] for k in ("code", "field", "line", "column") if k in value}
    value = dict(value)
    value["warnings"] = [w.get("code") for w in value.get("warnings", [])]
    return value


def differences(expected, actual, kind: str) -> list[str]:
    expected, actual = comparable(expected, kind), comparable(actual, kind)
    if expected is None and actual is None:
        return []
    if expected is None:
        return ["no expected file, the model gives one"]
    if actual is None:
        return ["expected file present, the model gives none"]
    lines = []
    for key in sorted(set(expected) | set(actual)):
        e = expected.get(key, "<absent>")
        a = actual.get(key, "<absent>")
        if e != a:
            lines.append(f"{key}: expected {json.dumps(e, sort_keys=True)}, model {json.dumps(a, sort_keys=True)}")
    return lines


def schema_keys() -> dict:
    """The properties every checkout document, event and transfer has (schema/*.json)."""
    load = lambda name: json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return {
        "checkout": set(load("checkout-document.v1.json")["required"]),
        "event": set(load("payment-event.v1.json")["required"]),
        "transfer": set(load("defs.v1.json")["$defs"]["transfer"]["required"]),
    }


def shape_problems(value: dict | None, kind: str, keys: dict) -> list[str]:
    """The model's own output must have exactly the schema's properties."""
    if value is None or kind not in keys:
        return []
    problems = []
    if set(value) != keys[kind]:
        problems.append(f"model output keys differ from the schema: {sorted(set(value) ^ keys[kind])}")
    for transfer in value.get("payments", []):
        if set(transfer) != keys["transfer"]:
            problems.append(f"model transfer keys differ from the schema: {sorted(set(transfer) ^ keys['transfer'])}")
    return problems


def main(argv: list[str]) -> int:
    args = set(argv[1:])
    unknown = args - {"--check", "--verbose"}
    if unknown:
        print(f"usage: {Path(argv[0]).name} [--check] [--verbose]", file=sys.stderr)
        return 2
    verbose = "--verbose" in args
    keys = schema_keys()
    paths = fixtures()
    compared = 0
    failures = 0
    for path in paths:
        provider = path.parent.name
        stem = path.name[: -len(".json")]
        options = load_options(path.with_name(stem + ".options.json"))
        doc, error, evt = normalize(provider, path.read_bytes(), options)
        compared += 1
        for suffix, actual, kind in (
            (".expected.json", doc, "checkout"),
            (".error.expected.json", error, "error"),
            (".event.expected.json", evt, "event"),
        ):
            expected_path = path.with_name(stem + suffix)
            expected = json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else None
            diff = shape_problems(actual, kind, keys) + differences(expected, actual, kind)
            rel = expected_path.relative_to(HERE)
            if diff:
                failures += 1
                for line in diff:
                    print(f"DIFF {rel}: {line}")
            elif verbose and expected is not None:
                print(f"ok   {rel}")
    status = "ok" if failures == 0 else "FAILED"
    print(f"payment vectors: {compared} fixtures compared, {failures} expected files differ: {status}")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
