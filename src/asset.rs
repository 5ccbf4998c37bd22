//! Networks and coins: one vocabulary for documents, URIs and options.
//!
//! Networks are named `bitcoin`, `litecoin`, `ethereum`, `bsc`, `polygon`, `tron`, `ripple`,
//! `stellar`, `ton` and `dogecoin` ([`Network::as_str`]); coins by ticker ([`Coin::ticker`]).
//! Gateway spellings (`trc20`, `BEP-20`, `USDT_TRX`, `USDT-TRC20`, `XDG`, ...) are accepted as
//! input by [`Network::parse`], [`Coin::parse`] and [`parse_currency`], and mapped to these.
//!
//! An [`Asset`] is a coin on a network that exists: a native coin on its own chain, or a
//! token whose contract on that chain is known ([`Asset::contract`]), with its decimals.

use std::fmt;

/// A blockchain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Network {
    /// Bitcoin.
    Bitcoin,
    /// Litecoin.
    Litecoin,
    /// Ethereum mainnet (chain id 1).
    Ethereum,
    /// BNB Smart Chain (chain id 56).
    Bsc,
    /// Polygon PoS (chain id 137).
    Polygon,
    /// TRON.
    Tron,
    /// The XRP Ledger.
    Ripple,
    /// Stellar.
    Stellar,
    /// TON (The Open Network).
    Ton,
    /// Dogecoin.
    Dogecoin,
}

/// Every spelling [`Network::parse`] reads, lowercase (input is compared ignoring ASCII case).
const NETWORK_SPELLINGS: &[(&str, Network)] = &[
    ("bitcoin", Network::Bitcoin),
    ("btc", Network::Bitcoin),
    ("litecoin", Network::Litecoin),
    ("ltc", Network::Litecoin),
    ("ethereum", Network::Ethereum),
    ("eth", Network::Ethereum),
    ("erc20", Network::Ethereum),
    ("erc-20", Network::Ethereum),
    ("bsc", Network::Bsc),
    ("bep20", Network::Bsc),
    ("bep-20", Network::Bsc),
    ("bnb smart chain", Network::Bsc),
    ("binance smart chain", Network::Bsc),
    ("polygon", Network::Polygon),
    ("matic", Network::Polygon),
    ("pol", Network::Polygon),
    ("tron", Network::Tron),
    ("trx", Network::Tron),
    ("trc20", Network::Tron),
    ("trc-20", Network::Tron),
    ("ripple", Network::Ripple),
    ("xrp", Network::Ripple),
    ("xrpl", Network::Ripple),
    ("xrp ledger", Network::Ripple),
    ("stellar", Network::Stellar),
    ("xlm", Network::Stellar),
    ("ton", Network::Ton),
    ("toncoin", Network::Ton),
    ("dogecoin", Network::Dogecoin),
    ("doge", Network::Dogecoin),
    ("xdg", Network::Dogecoin),
];

impl Network {
    /// Every network.
    pub const ALL: [Network; 10] = [
        Network::Bitcoin,
        Network::Litecoin,
        Network::Ethereum,
        Network::Bsc,
        Network::Polygon,
        Network::Tron,
        Network::Ripple,
        Network::Stellar,
        Network::Ton,
        Network::Dogecoin,
    ];

    /// The name used in documents, URIs and options (`bitcoin`, `bsc`, `tron`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Bitcoin => "bitcoin",
            Network::Litecoin => "litecoin",
            Network::Ethereum => "ethereum",
            Network::Bsc => "bsc",
            Network::Polygon => "polygon",
            Network::Tron => "tron",
            Network::Ripple => "ripple",
            Network::Stellar => "stellar",
            Network::Ton => "ton",
            Network::Dogecoin => "dogecoin",
        }
    }

    /// The network named `text`, ignoring ASCII case: our names and the gateways' spellings
    /// (`BTC`, `ETH`, `erc20`, `BEP-20`, `BNB Smart Chain`, `matic`, `TRX`, `trc20`, `XRP`,
    /// `XLM`, `doge`, ...).
    pub fn parse(text: &str) -> Option<Network> {
        NETWORK_SPELLINGS
            .iter()
            .find(|(spelling, _)| spelling.eq_ignore_ascii_case(text))
            .map(|&(_, network)| network)
    }

    /// The name to show people ("BNB Smart Chain", "XRP Ledger", ...).
    pub fn display_name(self) -> &'static str {
        match self {
            Network::Bitcoin => "Bitcoin",
            Network::Litecoin => "Litecoin",
            Network::Ethereum => "Ethereum",
            Network::Bsc => "BNB Smart Chain",
            Network::Polygon => "Polygon",
            Network::Tron => "TRON",
            Network::Ripple => "XRP Ledger",
            Network::Stellar => "Stellar",
            Network::Ton => "TON",
            Network::Dogecoin => "Dogecoin",
        }
    }

    /// The standard of the network's fungible tokens, where gateways name it (`ERC-20` on
    /// Ethereum and Polygon, `BEP-20` on BNB Smart Chain, `TRC-20` on TRON).
    pub fn token_standard(self) -> Option<&'static str> {
        match self {
            Network::Ethereum | Network::Polygon => Some("ERC-20"),
            Network::Bsc => Some("BEP-20"),
            Network::Tron => Some("TRC-20"),
            _ => None,
        }
    }

    /// The EIP-155 chain id of an EVM network (1, 56, 137).
    pub fn chain_id(self) -> Option<u64> {
        match self {
            Network::Ethereum => Some(1),
            Network::Bsc => Some(56),
            Network::Polygon => Some(137),
            _ => None,
        }
    }

    /// The coin that pays the network's fees.
    pub fn native_coin(self) -> Coin {
        match self {
            Network::Bitcoin => Coin::Btc,
            Network::Litecoin => Coin::Ltc,
            Network::Ethereum => Coin::Eth,
            Network::Bsc => Coin::Bnb,
            Network::Polygon => Coin::Matic,
            Network::Tron => Coin::Trx,
            Network::Ripple => Coin::Xrp,
            Network::Stellar => Coin::Xlm,
            Network::Ton => Coin::Ton,
            Network::Dogecoin => Coin::Doge,
        }
    }

    /// What the network calls the value that tells a shared deposit address's payers apart
    /// ("destination tag" on the XRP Ledger, "memo" on Stellar, "memo (comment)" on TON);
    /// `None` where addresses are not shared.
    pub fn memo_name(self) -> Option<&'static str> {
        match self {
            Network::Ripple => Some("destination tag"),
            Network::Stellar => Some("memo"),
            Network::Ton => Some("memo (comment)"),
            _ => None,
        }
    }
}

impl fmt::Display for Network {
    /// Writes [`Network::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A coin or token, by ticker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coin {
    /// Bitcoin.
    Btc,
    /// Litecoin.
    Ltc,
    /// Ether.
    Eth,
    /// Tether USD.
    Usdt,
    /// USD Coin.
    Usdc,
    /// BNB, the coin of BNB Smart Chain.
    Bnb,
    /// TRX, the coin of TRON.
    Trx,
    /// Dai.
    Dai,
    /// Frax.
    Frax,
    /// The coin of Polygon PoS (MATIC, renamed POL in 2024; both tickers read as this one).
    Matic,
    /// Dogecoin.
    Doge,
    /// XRP.
    Xrp,
    /// Lumens, the coin of Stellar.
    Xlm,
    /// Toncoin.
    Ton,
}

/// Every spelling [`Coin::parse`] reads besides the tickers themselves.
const COIN_ALIASES: &[(&str, Coin)] = &[("XDG", Coin::Doge), ("POL", Coin::Matic)];

/// Every spelling of a coin: the tickers, then the aliases.
fn coin_spellings() -> impl Iterator<Item = (&'static str, Coin)> {
    Coin::ALL
        .iter()
        .map(|&coin| (coin.ticker(), coin))
        .chain(COIN_ALIASES.iter().copied())
}

impl Coin {
    /// Every coin.
    pub const ALL: [Coin; 14] = [
        Coin::Btc,
        Coin::Ltc,
        Coin::Eth,
        Coin::Usdt,
        Coin::Usdc,
        Coin::Bnb,
        Coin::Trx,
        Coin::Dai,
        Coin::Frax,
        Coin::Matic,
        Coin::Doge,
        Coin::Xrp,
        Coin::Xlm,
        Coin::Ton,
    ];

    /// The ticker (`BTC`, `USDT`, ...), as documents write it.
    pub fn ticker(self) -> &'static str {
        match self {
            Coin::Btc => "BTC",
            Coin::Ltc => "LTC",
            Coin::Eth => "ETH",
            Coin::Usdt => "USDT",
            Coin::Usdc => "USDC",
            Coin::Bnb => "BNB",
            Coin::Trx => "TRX",
            Coin::Dai => "DAI",
            Coin::Frax => "FRAX",
            Coin::Matic => "MATIC",
            Coin::Doge => "DOGE",
            Coin::Xrp => "XRP",
            Coin::Xlm => "XLM",
            Coin::Ton => "TON",
        }
    }

    /// The coin with ticker `text`, ignoring ASCII case; `XDG` (Calypso's spelling) is
    /// DOGE and `POL` is MATIC. A name with a network (`USDT_TRX`) is [`parse_currency`]'s.
    pub fn parse(text: &str) -> Option<Coin> {
        coin_spellings()
            .find(|(ticker, _)| ticker.eq_ignore_ascii_case(text))
            .map(|(_, coin)| coin)
    }

    /// The network whose native coin this is; `None` for tokens, which live on several.
    pub fn native_network(self) -> Option<Network> {
        Network::ALL
            .into_iter()
            .find(|network| network.native_coin() == self)
    }
}

impl fmt::Display for Coin {
    /// Writes [`Coin::ticker`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ticker())
    }
}

/// A coin on a network that exists: its decimals and, for a token, its contract.
///
/// Only [`Asset::new`] makes one, so every asset is in the table of known assets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Asset {
    listing: &'static Listing,
}

/// One known asset. Contracts and decimals are those of the chains' explorers.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Listing {
    coin: Coin,
    network: Network,
    decimals: u32,
    contract: Option<&'static str>,
}

const fn native(coin: Coin, network: Network, decimals: u32) -> Listing {
    Listing {
        coin,
        network,
        decimals,
        contract: None,
    }
}

const fn token(coin: Coin, network: Network, decimals: u32, contract: &'static str) -> Listing {
    Listing {
        coin,
        network,
        decimals,
        contract: Some(contract),
    }
}

/// Every asset [`Asset::new`] offers.
static LISTINGS: &[Listing] = &[
    native(Coin::Btc, Network::Bitcoin, 8),
    native(Coin::Ltc, Network::Litecoin, 8),
    native(Coin::Doge, Network::Dogecoin, 8),
    native(Coin::Eth, Network::Ethereum, 18),
    native(Coin::Bnb, Network::Bsc, 18),
    native(Coin::Matic, Network::Polygon, 18),
    native(Coin::Trx, Network::Tron, 6),
    native(Coin::Xrp, Network::Ripple, 6),
    native(Coin::Xlm, Network::Stellar, 7),
    native(Coin::Ton, Network::Ton, 9),
    token(
        Coin::Usdt,
        Network::Ethereum,
        6,
        "0xdAC17F958D2ee523a2206206994597C13D831ec7",
    ),
    token(
        Coin::Usdt,
        Network::Bsc,
        18,
        "0x55d398326f99059fF775485246999027B3197955",
    ),
    token(
        Coin::Usdt,
        Network::Polygon,
        6,
        "0xc2132D05D31c914a87C6611C10748AEb04B58e8F",
    ),
    token(
        Coin::Usdt,
        Network::Tron,
        6,
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
    ),
    token(
        Coin::Usdc,
        Network::Ethereum,
        6,
        "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
    ),
    token(
        Coin::Usdc,
        Network::Bsc,
        18,
        "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d",
    ),
    token(
        Coin::Usdc,
        Network::Polygon,
        6,
        "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359",
    ),
    token(
        Coin::Usdc,
        Network::Tron,
        6,
        "TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8",
    ),
    token(
        Coin::Dai,
        Network::Ethereum,
        18,
        "0x6B175474E89094C44Da98b954EedeAC495271d0F",
    ),
    token(
        Coin::Frax,
        Network::Ethereum,
        18,
        "0x853d955aCEf822Db058eb8505911ED77F175b99e",
    ),
];

impl Asset {
    /// `coin` on `network`, if that asset exists and its contract is known (BTC on TRON or
    /// TRX on Ethereum are refused).
    pub fn new(coin: Coin, network: Network) -> Result<Asset, AssetError> {
        LISTINGS
            .iter()
            .find(|listing| listing.coin == coin && listing.network == network)
            .map(|listing| Asset { listing })
            .ok_or(AssetError::Unsupported { coin, network })
    }

    /// The coin.
    pub fn coin(self) -> Coin {
        self.listing.coin
    }

    /// The network.
    pub fn network(self) -> Network {
        self.listing.network
    }

    /// How many decimals the smallest unit has (8 for BTC, 18 for USDT on BNB Smart Chain).
    pub fn decimals(self) -> u32 {
        self.listing.decimals
    }

    /// The token's contract on its network, as the chain's explorer writes it; `None` for a
    /// native coin.
    pub fn contract(self) -> Option<&'static str> {
        self.listing.contract
    }

    /// Whether this is a token (a contract) rather than the network's native coin.
    pub fn is_token(self) -> bool {
        self.listing.contract.is_some()
    }

    /// The name to show people: "USDT on TRON (TRC-20)", "BTC on Bitcoin".
    pub fn display_name(self) -> String {
        let (coin, network) = (self.coin().ticker(), self.network().display_name());
        match self.network().token_standard().filter(|_| self.is_token()) {
            Some(standard) => format!("{coin} on {network} ({standard})"),
            None => format!("{coin} on {network}"),
        }
    }
}

/// Why [`Asset::new`] refused a coin and network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AssetError {
    /// The coin does not exist on the network, or its contract there is not known.
    Unsupported {
        /// The coin asked for.
        coin: Coin,
        /// The network asked for.
        network: Network,
    },
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssetError::Unsupported { coin, network } => {
                write!(f, "coin {coin} is not available on network {network}")
            }
        }
    }
}

impl std::error::Error for AssetError {}

/// Reads a currency in any gateway spelling: the coin, and the network when the spelling
/// implies one.
///
/// - A ticker alone: a native coin implies its network (`BTC` → bitcoin, `XDG` → dogecoin,
///   `MATIC` → polygon), a token does not (`USDT` → no network).
/// - A ticker and a network, with `_`, `-` or nothing between (`USDT_TRX`, `USDT_BSC`,
///   `USDT_MATIC`, `USDT-TRC20`, `USDTTRC20`, `USDT-ERC20`): the network named. The pair
///   must be an asset [`Asset::new`] offers, so `BTC_TRX` is `None`.
/// - A network alone (`trc20`) or anything else: `None`.
pub fn parse_currency(text: &str) -> Option<(Coin, Option<Network>)> {
    if let Some(coin) = Coin::parse(text) {
        return Some((coin, coin.native_network()));
    }
    coin_spellings().find_map(|(ticker, coin)| {
        let (head, rest) = text.split_at_checked(ticker.len())?;
        if !head.eq_ignore_ascii_case(ticker) {
            return None;
        }
        let network = Network::parse(rest.strip_prefix(['_', '-']).unwrap_or(rest))?;
        let asset = Asset::new(coin, network).ok()?;
        Some((asset.coin(), Some(asset.network())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_spellings() {
        let table = [
            ("bitcoin", Network::Bitcoin),
            ("BTC", Network::Bitcoin),
            ("ltc", Network::Litecoin),
            ("ETH", Network::Ethereum),
            ("erc20", Network::Ethereum),
            ("ERC-20", Network::Ethereum),
            ("BSC", Network::Bsc),
            ("bep20", Network::Bsc),
            ("BEP-20", Network::Bsc),
            ("BNB Smart Chain", Network::Bsc),
            ("polygon", Network::Polygon),
            ("MATIC", Network::Polygon),
            ("pol", Network::Polygon),
            ("TRX", Network::Tron),
            ("tron", Network::Tron),
            ("trc20", Network::Tron),
            ("TRC-20", Network::Tron),
            ("xrp", Network::Ripple),
            ("Ripple", Network::Ripple),
            ("XLM", Network::Stellar),
            ("stellar", Network::Stellar),
            ("TON", Network::Ton),
            ("doge", Network::Dogecoin),
            ("Dogecoin", Network::Dogecoin),
        ];
        for (text, network) in table {
            assert_eq!(Network::parse(text), Some(network), "{text}");
        }
        for text in [
            "",
            "usdt",
            "trc",
            "erc 20",
            " bsc",
            "bitcoin cash",
            "solana",
        ] {
            assert_eq!(Network::parse(text), None, "{text}");
        }
    }

    #[test]
    fn network_names_round_trip() {
        for network in Network::ALL {
            assert_eq!(Network::parse(network.as_str()), Some(network));
            assert_eq!(network.native_coin().native_network(), Some(network));
        }
    }

    #[test]
    fn coin_spellings() {
        let table = [
            ("btc", Coin::Btc),
            ("USDT", Coin::Usdt),
            ("usdc", Coin::Usdc),
            ("XDG", Coin::Doge),
            ("DOGE", Coin::Doge),
            ("POL", Coin::Matic),
            ("matic", Coin::Matic),
            ("Ton", Coin::Ton),
        ];
        for (text, coin) in table {
            assert_eq!(Coin::parse(text), Some(coin), "{text}");
        }
        for coin in Coin::ALL {
            assert_eq!(Coin::parse(coin.ticker()), Some(coin));
        }
        for text in ["", "USD", "EUR", "USDT_TRX", "tether", "trc20"] {
            assert_eq!(Coin::parse(text), None, "{text}");
        }
    }

    #[test]
    fn currency_spellings() {
        let table = [
            ("USDT", Coin::Usdt, None),
            ("usdc", Coin::Usdc, None),
            ("BTC", Coin::Btc, Some(Network::Bitcoin)),
            ("XDG", Coin::Doge, Some(Network::Dogecoin)),
            ("MATIC", Coin::Matic, Some(Network::Polygon)),
            ("POL", Coin::Matic, Some(Network::Polygon)),
            ("BNB", Coin::Bnb, Some(Network::Bsc)),
            ("TRX", Coin::Trx, Some(Network::Tron)),
            ("ETH", Coin::Eth, Some(Network::Ethereum)),
            ("USDT_TRX", Coin::Usdt, Some(Network::Tron)),
            ("USDC_TRX", Coin::Usdc, Some(Network::Tron)),
            ("USDT_BSC", Coin::Usdt, Some(Network::Bsc)),
            ("USDT_MATIC", Coin::Usdt, Some(Network::Polygon)),
            ("USDT-TRC20", Coin::Usdt, Some(Network::Tron)),
            ("USDT-BEP20", Coin::Usdt, Some(Network::Bsc)),
            ("USDTTRC20", Coin::Usdt, Some(Network::Tron)),
            ("USDT_TRC20", Coin::Usdt, Some(Network::Tron)),
            ("USDT-ERC20", Coin::Usdt, Some(Network::Ethereum)),
            ("usdt_erc20", Coin::Usdt, Some(Network::Ethereum)),
            ("USDCBEP20", Coin::Usdc, Some(Network::Bsc)),
            ("DAI_ETH", Coin::Dai, Some(Network::Ethereum)),
            ("ETH_ERC20", Coin::Eth, Some(Network::Ethereum)),
        ];
        for (text, coin, network) in table {
            assert_eq!(parse_currency(text), Some((coin, network)), "{text}");
        }
        let refused = [
            "",
            "trc20",
            "bep20",
            "USD",
            "EUR",
            "BTC_TRX",
            "USDT_BTC",
            "DAI_TRX",
            "USDT__TRX",
            "USDT_",
            "_TRX",
            "USDT TRC20",
            "TRX_ETH",
            "USDT_SOL",
            "USDT-TRC20 ",
            "ÜSDT_TRX",
        ];
        for text in refused {
            assert_eq!(parse_currency(text), None, "{text}");
        }
    }

    #[test]
    fn assets() {
        let usdt_tron = Asset::new(Coin::Usdt, Network::Tron).unwrap();
        assert_eq!(usdt_tron.display_name(), "USDT on TRON (TRC-20)");
        assert_eq!(
            usdt_tron.contract(),
            Some("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
        );
        assert!(usdt_tron.is_token());
        let btc = Asset::new(Coin::Btc, Network::Bitcoin).unwrap();
        assert_eq!(btc.display_name(), "BTC on Bitcoin");
        assert_eq!(
            (btc.decimals(), btc.contract(), btc.is_token()),
            (8, None, false)
        );
        assert_eq!(
            Asset::new(Coin::Eth, Network::Ethereum)
                .unwrap()
                .display_name(),
            "ETH on Ethereum"
        );
        assert_eq!(Asset::new(Coin::Usdt, Network::Bsc).unwrap().decimals(), 18);
        assert_eq!(
            Asset::new(Coin::Usdc, Network::Polygon).unwrap().decimals(),
            6
        );
        let error = Asset::new(Coin::Btc, Network::Tron).unwrap_err();
        assert_eq!(
            error.to_string(),
            "coin BTC is not available on network tron"
        );
        assert!(Asset::new(Coin::Trx, Network::Ethereum).is_err());
        assert!(Asset::new(Coin::Usdt, Network::Bitcoin).is_err());
    }

    #[test]
    fn every_listing_is_consistent() {
        for listing in LISTINGS {
            let asset = Asset::new(listing.coin, listing.network).unwrap();
            assert!(
                std::ptr::eq(asset.listing, listing),
                "{listing:?} is listed twice"
            );
            assert_eq!(
                asset.is_token(),
                listing.coin.native_network().is_none(),
                "{listing:?}"
            );
            if let Some(contract) = asset.contract() {
                let evm = listing.network.chain_id().is_some();
                let well_formed = if evm {
                    contract.len() == 42
                        && contract.starts_with("0x")
                        && contract[2..].bytes().all(|b| b.is_ascii_hexdigit())
                } else {
                    contract.len() == 34 && contract.starts_with('T')
                };
                assert!(well_formed, "{listing:?}");
            }
        }
        for network in Network::ALL {
            assert!(
                Asset::new(network.native_coin(), network).is_ok(),
                "{network}"
            );
        }
    }
}
