//! Payment URIs for QR codes and "open in wallet" links.
//!
//! [`payment_uri`] writes the form wallets read for each network:
//!
//! | network | form |
//! | --- | --- |
//! | bitcoin, litecoin, dogecoin | BIP21: `bitcoin:<address>?amount=<coins>&label=<label>` |
//! | ethereum, bsc, polygon, native coin | EIP-681: `ethereum:<address>@<chain id>?value=<wei>` |
//! | ethereum, bsc, polygon, token | EIP-681: `ethereum:<contract>@<chain id>/transfer?address=<address>&uint256=<units>` |
//! | tron | the bare address (default), or `tron:<address>?amount=<coins>&token=<contract>` |
//! | ripple | `ripple:<address>?amount=<XRP>&dt=<destination tag>` |
//! | stellar | SEP-0007: `web+stellar:pay?destination=<address>&amount=<XLM>&memo=<memo>&memo_type=<type>&msg=<label>` |
//! | ton | `ton://transfer/<address>?amount=<nanotons>&text=<comment>` |
//!
//! Decisions:
//!
//! - Amounts are exact ([`Amount`]): decimal amounts are written without exponent or
//!   trailing zeros (`50.00` → `50`), integer amounts in the smallest unit of the coin on that
//!   network (USDT has 18 decimals on BNB Smart Chain, 6 elsewhere). An amount with more
//!   decimals than the coin has, a negative amount and a zero amount are errors (a zero
//!   amount is a mistake, not "any amount": leave the amount out for that).
//! - A tag (destination tag, memo, comment) is never dropped: it is written where the network
//!   has one, and an error on a network whose URI cannot carry it. An empty tag or label is
//!   no tag or label.
//! - The label is written where the form has a field for it (BIP21 `label`, SEP-0007 `msg`)
//!   and left out elsewhere: it names the payment for the payer and moves no money.
//! - Addresses are written exactly as given (base58 and bech32 addresses are never
//!   re-cased). They must be ASCII letters, digits, `-` or `_` (at most 128), and on EVM
//!   networks `0x` and 40 hex digits; the EIP-55 checksum is not checked.
//! - TRON: TronLink rejects `tron:` URIs, so the default is the bare address, which carries
//!   no amount (the amount is still checked; show it beside the code).
//!   [`TronForm::TronUri`] gives `tron:<address>?amount=<coins>` (and `&token=<contract>` for
//!   TRC-20 tokens), a form some wallets read but no standard ratifies.

use std::fmt;

use crate::asset::{parse_currency, Asset, AssetError, Coin, Network};
use crate::payment::money::{excerpt, Amount, AmountError};

/// The longest address [`payment_uri`] accepts, in characters.
pub const MAX_ADDRESS_LENGTH: usize = 128;

/// The longest label SEP-0007 allows in `msg`, in characters.
const STELLAR_MESSAGE_LIMIT: usize = 300;

/// The most bytes a Stellar text memo holds.
const STELLAR_TEXT_MEMO_LIMIT: usize = 28;

/// 2^256 - 1, the largest amount an EIP-681 `value` or `uint256` can hold.
const UINT256_MAX: &str =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";

/// What to pay: the asset, where to, and optionally how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaymentInstruction<'a> {
    /// The network, in any spelling [`Network::parse`] reads; may be empty when `coin` names
    /// or implies it (`BTC`, `USDT_TRX`).
    pub network: &'a str,
    /// The coin, in any spelling [`parse_currency`] reads (`USDT`, `XDG`, `USDT-TRC20`).
    pub coin: &'a str,
    /// The address to pay to, written into the URI exactly as given.
    pub address: &'a str,
    /// The amount in the coin, as decimal text (`"50.00"`); `None` lets the payer choose.
    pub amount: Option<&'a str>,
    /// The destination tag (XRP), memo (Stellar) or comment (TON) the address needs.
    pub tag: Option<&'a str>,
    /// A name for the payment, shown by wallets that read one (BIP21, SEP-0007).
    pub label: Option<&'a str>,
    /// How to write a TRON payment.
    pub tron_form: TronForm,
}

/// How [`payment_uri`] writes a payment on TRON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TronForm {
    /// The bare address, which every TRON wallet reads (TronLink rejects `tron:` URIs). It
    /// carries no amount.
    #[default]
    Address,
    /// `tron:<address>?amount=<coins>&token=<contract>`: read by some wallets, not ratified
    /// by any standard.
    TronUri,
}

/// The URI that asks a wallet to make the payment `instruction` describes (see the module
/// documentation for each network's form).
pub fn payment_uri(instruction: &PaymentInstruction) -> Result<String, UriError> {
    let asset = resolve_asset(instruction.network, instruction.coin)?;
    let network = asset.network();
    let address = instruction.address;
    check_address(network, address)?;
    let quantity = instruction
        .amount
        .map(|text| Quantity::new(text, asset))
        .transpose()?;
    let tag = instruction.tag.filter(|tag| !tag.is_empty());
    let label = instruction.label.filter(|label| !label.is_empty());
    if tag.is_some() && network.memo_name().is_none() {
        return Err(UriError::TagNotSupported { network });
    }
    let decimal = quantity.as_ref().map(|quantity| quantity.decimal.as_str());
    let atomic = quantity.as_ref().map(|quantity| quantity.atomic.as_str());
    match network {
        Network::Bitcoin | Network::Litecoin | Network::Dogecoin => {
            let label = label.map(percent_encode);
            Ok(with_query(
                format!("{}:{address}", network.as_str()),
                &[("amount", decimal), ("label", label.as_deref())],
            ))
        }
        Network::Ethereum | Network::Bsc | Network::Polygon => eip681(asset, address, atomic),
        Network::Tron => Ok(match instruction.tron_form {
            TronForm::Address => address.to_owned(),
            TronForm::TronUri => with_query(
                format!("tron:{address}"),
                &[("amount", decimal), ("token", asset.contract())],
            ),
        }),
        Network::Ripple => {
            if tag.is_some() && is_x_address(address) {
                return Err(UriError::TagWithXAddress);
            }
            let tag = tag.map(destination_tag).transpose()?;
            Ok(with_query(
                format!("ripple:{address}"),
                &[("amount", decimal), ("dt", tag.as_deref())],
            ))
        }
        Network::Stellar => {
            let memo = tag.map(stellar_memo).transpose()?;
            if label.is_some_and(|label| label.chars().count() > STELLAR_MESSAGE_LIMIT) {
                return Err(UriError::LabelTooLong {
                    limit: STELLAR_MESSAGE_LIMIT,
                });
            }
            let label = label.map(percent_encode);
            Ok(with_query(
                "web+stellar:pay".to_owned(),
                &[
                    ("destination", Some(address)),
                    ("amount", decimal),
                    ("memo", memo.as_ref().map(|(memo, _)| memo.as_str())),
                    ("memo_type", memo.as_ref().map(|&(_, memo_type)| memo_type)),
                    ("msg", label.as_deref()),
                ],
            ))
        }
        Network::Ton => {
            let comment = tag.map(percent_encode);
            Ok(with_query(
                format!("ton://transfer/{address}"),
                &[("amount", atomic), ("text", comment.as_deref())],
            ))
        }
    }
}

/// The asset named by a network and a coin in any spelling; they must agree.
fn resolve_asset(network: &str, coin: &str) -> Result<Asset, UriError> {
    if coin.is_empty() {
        return Err(UriError::MissingCoin);
    }
    let (coin_named, implied) = parse_currency(coin).ok_or_else(|| UriError::UnknownCoin {
        text: excerpt(coin),
    })?;
    let named = match network {
        "" => None,
        text => Some(
            Network::parse(text).ok_or_else(|| UriError::UnknownNetwork {
                text: excerpt(text),
            })?,
        ),
    };
    let network = match (named, implied) {
        (Some(named), Some(implied)) if named != implied => {
            return Err(UriError::NetworkMismatch {
                network: named,
                coin_network: implied,
            })
        }
        (Some(network), _) | (None, Some(network)) => network,
        (None, None) => return Err(UriError::MissingNetwork { coin: coin_named }),
    };
    Asset::new(coin_named, network).map_err(UriError::Unsupported)
}

/// Checks that a URI can carry `address` unchanged on `network`.
fn check_address(network: Network, address: &str) -> Result<(), UriError> {
    if address.is_empty() {
        return Err(UriError::MissingAddress);
    }
    if address.len() > MAX_ADDRESS_LENGTH {
        return Err(UriError::AddressTooLong);
    }
    if let Some(character) = address
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Err(UriError::AddressCharacter { character });
    }
    let evm_address = |address: &str| {
        address.len() == 42
            && address.starts_with("0x")
            && address.bytes().skip(2).all(|byte| byte.is_ascii_hexdigit())
    };
    if network.chain_id().is_some() && !evm_address(address) {
        return Err(UriError::NotEvmAddress);
    }
    Ok(())
}

/// An amount checked against its asset, in the two ways URIs write it.
struct Quantity {
    /// In the coin, without trailing zeros (`12.5`).
    decimal: String,
    /// In the coin's smallest unit (`12500000`).
    atomic: String,
}

impl Quantity {
    fn new(text: &str, asset: Asset) -> Result<Quantity, UriError> {
        let amount = Amount::parse(text).map_err(UriError::Amount)?;
        if amount.is_zero() {
            return Err(UriError::ZeroAmount);
        }
        let atomic = amount
            .to_atomic(asset.decimals())
            .map_err(UriError::Amount)?;
        Ok(Quantity {
            decimal: amount.normalized().to_string(),
            atomic,
        })
    }
}

/// An EIP-681 URI: a transfer of the native coin, or a call of the token's `transfer`.
fn eip681(asset: Asset, address: &str, atomic: Option<&str>) -> Result<String, UriError> {
    if atomic.is_some_and(|atomic| {
        atomic.len() > UINT256_MAX.len()
            || (atomic.len() == UINT256_MAX.len() && atomic > UINT256_MAX)
    }) {
        return Err(UriError::AmountTooLarge);
    }
    // Every EVM network has a chain id; it is written even for Ethereum mainnet.
    let chain = asset
        .network()
        .chain_id()
        .map_or_else(String::new, |id| format!("@{id}"));
    Ok(match asset.contract() {
        None => with_query(format!("ethereum:{address}{chain}"), &[("value", atomic)]),
        Some(contract) => with_query(
            format!("ethereum:{contract}{chain}/transfer"),
            &[("address", Some(address)), ("uint256", atomic)],
        ),
    })
}

/// Whether `address` is an XRP Ledger X-address (XLS-5d: 47 characters, `X` on the main
/// network, `T` on the test network), which packs a destination tag with the account.
fn is_x_address(address: &str) -> bool {
    address.len() == X_ADDRESS_LENGTH && (address.starts_with('X') || address.starts_with('T'))
}

/// The length of an X-address.
const X_ADDRESS_LENGTH: usize = 47;

/// An XRP Ledger destination tag: an integer from 0 to 2^32 - 1, written without leading
/// zeros.
fn destination_tag(tag: &str) -> Result<String, UriError> {
    tag.bytes()
        .all(|byte| byte.is_ascii_digit())
        .then(|| tag.parse::<u32>().ok())
        .flatten()
        .map(|tag| tag.to_string())
        .ok_or(UriError::InvalidTag {
            network: Network::Ripple,
            expected: "a destination tag (an integer from 0 to 4294967295)",
        })
}

/// A Stellar memo and its SEP-0007 `memo_type`: `MEMO_ID` for an integer written as one
/// (no sign, no leading zero, below 2^64), else `MEMO_TEXT` (at most 28 bytes).
fn stellar_memo(tag: &str) -> Result<(String, &'static str), UriError> {
    if tag.parse::<u64>().is_ok_and(|id| id.to_string() == tag) {
        Ok((tag.to_owned(), "MEMO_ID"))
    } else if tag.len() <= STELLAR_TEXT_MEMO_LIMIT {
        Ok((percent_encode(tag), "MEMO_TEXT"))
    } else {
        Err(UriError::InvalidTag {
            network: Network::Stellar,
            expected: "a stellar memo (an id below 2^64 or a text of at most 28 bytes)",
        })
    }
}

/// `uri` followed by the parameters that have a value, as a query (`?a=1&b=2`). Values must
/// already be encoded.
fn with_query(mut uri: String, parameters: &[(&str, Option<&str>)]) -> String {
    let mut separator = '?';
    for (key, value) in parameters {
        if let Some(value) = value {
            uri.push(separator);
            uri.push_str(key);
            uri.push('=');
            uri.push_str(value);
            separator = '&';
        }
    }
    uri
}

/// `text` percent-encoded as RFC 3986 requires of a query value: every UTF-8 byte but the
/// unreserved characters (letters, digits, `-`, `.`, `_`, `~`) as `%XX`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

/// Why [`payment_uri`] could not write a URI. Each message names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UriError {
    /// The coin is empty.
    MissingCoin,
    /// The coin is in no spelling [`parse_currency`] reads.
    UnknownCoin {
        /// The start of the coin as given.
        text: String,
    },
    /// The network is in no spelling [`Network::parse`] reads.
    UnknownNetwork {
        /// The start of the network as given.
        text: String,
    },
    /// No network is given, and the coin (a token) does not imply one.
    MissingNetwork {
        /// The coin.
        coin: Coin,
    },
    /// The network given is not the one the coin's spelling names (`USDT_BSC` on tron).
    NetworkMismatch {
        /// The network given.
        network: Network,
        /// The network the coin names.
        coin_network: Network,
    },
    /// The coin does not exist on the network, or its contract there is not known.
    Unsupported(AssetError),
    /// The address is empty.
    MissingAddress,
    /// The address is longer than [`MAX_ADDRESS_LENGTH`].
    AddressTooLong,
    /// The address holds a character other than an ASCII letter, a digit, `-` or `_`.
    AddressCharacter {
        /// The first such character.
        character: char,
    },
    /// On an EVM network, the address is not `0x` and 40 hex digits.
    NotEvmAddress,
    /// The amount is not a decimal number, is negative, or has more decimals than the coin.
    Amount(AmountError),
    /// The amount is zero.
    ZeroAmount,
    /// The amount in the smallest unit does not fit the 256 bits of an EVM transfer.
    AmountTooLarge,
    /// A tag was given for a network whose URI has no tag (it would be lost).
    TagNotSupported {
        /// The network.
        network: Network,
    },
    /// The tag is not one the network accepts.
    InvalidTag {
        /// The network.
        network: Network,
        /// What the network accepts.
        expected: &'static str,
    },
    /// A destination tag was given with an XRP Ledger X-address, which carries its own tag
    /// (XLS-5d): the URI would name two.
    TagWithXAddress,
    /// The label is longer than the form allows.
    LabelTooLong {
        /// The most characters allowed.
        limit: usize,
    },
}

impl UriError {
    /// A stable machine-readable code (`uri_unknown_network`, ...; amount errors keep their
    /// `amount_*` code).
    pub fn code(&self) -> &'static str {
        match self {
            UriError::MissingCoin => "uri_missing_coin",
            UriError::UnknownCoin { .. } => "uri_unknown_coin",
            UriError::UnknownNetwork { .. } => "uri_unknown_network",
            UriError::MissingNetwork { .. } => "uri_missing_network",
            UriError::NetworkMismatch { .. } => "uri_network_mismatch",
            UriError::Unsupported(_) => "uri_unsupported_asset",
            UriError::MissingAddress => "uri_missing_address",
            UriError::AddressTooLong => "uri_address_too_long",
            UriError::AddressCharacter { .. } => "uri_address_character",
            UriError::NotEvmAddress => "uri_not_evm_address",
            UriError::Amount(error) => error.code(),
            UriError::ZeroAmount => "uri_zero_amount",
            UriError::AmountTooLarge => "uri_amount_too_large",
            UriError::TagNotSupported { .. } => "uri_tag_not_supported",
            UriError::InvalidTag { .. } => "uri_invalid_tag",
            UriError::TagWithXAddress => "uri_tag_with_x_address",
            UriError::LabelTooLong { .. } => "uri_label_too_long",
        }
    }
}

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UriError::MissingCoin => f.write_str("coin is missing"),
            UriError::UnknownCoin { text } => write!(f, "coin `{text}` is not known"),
            UriError::UnknownNetwork { text } => write!(f, "network `{text}` is not known"),
            UriError::MissingNetwork { coin } => {
                write!(f, "network is missing: {coin} is on several networks")
            }
            UriError::NetworkMismatch {
                network,
                coin_network,
            } => write!(
                f,
                "network {network} does not match the coin, which is on {coin_network}"
            ),
            UriError::Unsupported(error) => error.fmt(f),
            UriError::MissingAddress => f.write_str("address is missing"),
            UriError::AddressTooLong => {
                write!(f, "address is longer than {MAX_ADDRESS_LENGTH} characters")
            }
            UriError::AddressCharacter { character } => write!(
                f,
                "address contains '{}', which a payment uri cannot carry unchanged",
                character.escape_debug()
            ),
            UriError::NotEvmAddress => {
                f.write_str("address is not an evm address (0x and 40 hex digits)")
            }
            UriError::Amount(error) => error.fmt(f),
            UriError::ZeroAmount => {
                f.write_str("amount is zero (leave it out to let the payer choose)")
            }
            UriError::AmountTooLarge => f.write_str("amount does not fit in 256 bits"),
            UriError::TagNotSupported { network } => write!(
                f,
                "tag cannot be given on {network}, whose payment uri has no tag"
            ),
            UriError::InvalidTag { network, expected } => {
                write!(f, "tag is not valid on {network}: it must be {expected}")
            }
            UriError::TagWithXAddress => f.write_str(
                "an X-address carries its own destination tag: give the classic r-address with the tag, or the X-address alone",
            ),
            UriError::LabelTooLong { limit } => {
                write!(f, "label is longer than {limit} characters")
            }
        }
    }
}

impl std::error::Error for UriError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            UriError::Unsupported(error) => Some(error),
            UriError::Amount(error) => Some(error),
            _ => None,
        }
    }
}
