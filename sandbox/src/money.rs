//! The sandbox's market: fixed prices, exact decimal arithmetic (never a float).

use crypto_checkout::asset::Coin;
use crypto_checkout::payment::money::Amount;

/// The sandbox's price of `coin`: (coins per dollar, dollars per coin), exact inverses, so that
/// every conversion is one exact multiplication.
fn price(coin: Coin) -> (&'static str, &'static str) {
    match coin {
        Coin::Btc => ("0.00002", "50000"),
        Coin::Ltc => ("0.0125", "80"),
        Coin::Eth => ("0.0004", "2500"),
        Coin::Bnb => ("0.002", "500"),
        Coin::Trx | Coin::Doge | Coin::Xlm => ("10", "0.1"),
        Coin::Matic | Coin::Xrp => ("2", "0.5"),
        Coin::Ton => ("0.2", "5"),
        // Stablecoins, and anything else the vocabulary gains: at par.
        _ => ("1", "1"),
    }
}

/// The amount of `coin` worth `usd` dollars, without trailing zeros.
pub fn crypto_for(coin: Coin, usd: &Amount) -> Amount {
    usd.mul(&decimal(price(coin).0)).normalized()
}

/// The dollars `amount` of `coin` is worth, to the cent.
pub fn usd_for(coin: Coin, amount: &Amount) -> Amount {
    let exact = amount.mul(&decimal(price(coin).1)).normalized();
    // Cents: the digits beyond the second decimal are dropped (prices are round, so only
    // sub-cent dust ever is).
    let text = exact.to_string();
    let cents = match text.split_once('.') {
        Some((whole, fraction)) => format!("{whole}.{:0<2}", &fraction[..fraction.len().min(2)]),
        None => format!("{text}.00"),
    };
    decimal(&cents)
}

fn decimal(text: &str) -> Amount {
    Amount::parse(text).expect("prices are decimals")
}

/// The decimal `text`, or an error naming `field`.
pub fn parse(field: &str, text: &str) -> Result<Amount, String> {
    let amount = Amount::parse(text).map_err(|error| format!("`{field}`: {error}"))?;
    if amount.is_negative() {
        return Err(format!("`{field}` is negative"));
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_are_exact() {
        let usd = Amount::parse("50.00").unwrap();
        assert_eq!(crypto_for(Coin::Btc, &usd).to_string(), "0.001");
        assert_eq!(crypto_for(Coin::Usdt, &usd).to_string(), "50");
        assert_eq!(
            crypto_for(Coin::Eth, &Amount::parse("12.34").unwrap()).to_string(),
            "0.004936"
        );
        assert_eq!(
            usd_for(Coin::Btc, &Amount::parse("0.001").unwrap()).to_string(),
            "50.00"
        );
        assert_eq!(
            usd_for(Coin::Eth, &Amount::parse("0.0049361").unwrap()).to_string(),
            "12.34"
        );
        assert!(parse("amount", "-1").is_err());
        assert!(parse("amount", "1e400").is_err());
    }
}
