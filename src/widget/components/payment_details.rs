//! What to send and where: amount, address, tag or memo, network warning, QR code.

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::qr_code::QrCode;
use crate::asset::{Asset, Coin, Network};
use crate::payment::Checkout;
use crate::uri::{payment_uri, PaymentInstruction};
use crate::widget::i18n::{Locale, Text};
use crate::widget::QrFormat;

/// Props of [`PaymentDetails`].
#[derive(Properties, PartialEq)]
pub struct PaymentDetailsProps {
    /// The checkout shown.
    pub checkout: Rc<Checkout>,
    /// The crypto amount to send now (the amount, or what remains of it), exact decimal text.
    pub due: Option<AttrValue>,
    /// The amount in fiat, formatted for the locale, when `due` is the whole amount.
    pub fiat: Option<AttrValue>,
    /// What the QR code holds at first.
    pub qr_format: QrFormat,
    /// The texts.
    pub locale: Rc<Locale>,
}

/// The coin and network in plain words: ("USDT", "TRON (TRC-20)").
pub fn asset_names(coin: Option<Coin>, network: Option<Network>) -> (String, String) {
    let coin_name = coin.map_or("", Coin::ticker).to_owned();
    let network_name = match network {
        Some(network) => match (
            coin.and_then(|coin| Asset::new(coin, network).ok()),
            network.token_standard(),
        ) {
            (Some(asset), Some(standard)) if asset.is_token() => {
                format!("{} ({standard})", network.display_name())
            }
            _ => network.display_name().to_owned(),
        },
        None => String::new(),
    };
    (coin_name, network_name)
}

/// The address in groups of four characters, for checking by eye. Only spacing (CSS) separates
/// the groups: selecting and copying the address gives it back exactly.
fn grouped(address: &str) -> Html {
    let characters: Vec<char> = address.chars().collect();
    characters
        .chunks(4)
        .map(|group| html! { <span class="cc-group">{ group.iter().collect::<String>() }</span> })
        .collect()
}

/// The amount with its copy button, the address with its copy button, the tag or memo where the
/// network has one, the network warning, the minimum, the QR code and the wallet link.
#[function_component(PaymentDetails)]
pub fn payment_details(props: &PaymentDetailsProps) -> Html {
    let checkout = &props.checkout;
    let locale = &props.locale;
    let Some(address) = checkout.address.clone().map(AttrValue::from) else {
        return html! {};
    };
    let (coin, network) = asset_names(checkout.coin, checkout.network);
    let tag = checkout
        .tag
        .clone()
        .filter(|tag| !tag.is_empty())
        .map(AttrValue::from);
    let uri = checkout.network.and_then(|network| {
        let instruction = PaymentInstruction {
            network: network.as_str(),
            coin: checkout.coin.map_or("", Coin::ticker),
            address: &address,
            amount: props.due.as_deref(),
            tag: tag.as_deref(),
            ..PaymentInstruction::default()
        };
        // Where the "URI" is the bare address (TRON), there is no link for wallets to open.
        payment_uri(&instruction)
            .ok()
            .filter(|uri| *uri != *address)
            .map(AttrValue::from)
    });
    // What the chain calls the tag, and the copy button's label for it.
    let (tag_name, copy_tag) = match checkout.network {
        Some(Network::Ripple) => (Text::DestinationTag, Text::CopyDestinationTag),
        Some(Network::Ton) => (Text::Comment, Text::CopyComment),
        _ => (Text::Memo, Text::CopyMemo),
    };
    let minimum = checkout.minimum_amount.as_ref().map(|minimum| {
        let minimum = format!("{minimum} {coin}");
        locale.fill(Text::Minimum, &[("amount", &minimum)])
    });
    html! {
        <div class="cc-details">
            <p class="cc-warning" part="warning">
                { locale.fill(Text::NetworkWarning, &[("coin", &coin), ("network", &network)]) }
            </p>
            <dl class="cc-fields">
                if let Some(due) = props.due.clone() {
                    <div class="cc-field">
                        <dt>{ locale.text(Text::Amount).to_owned() }</dt>
                        <dd>
                            <span class="cc-amount" part="amount" dir="ltr">
                                <span class="cc-value">{ due.clone() }</span>{ " " }{ coin.clone() }
                            </span>
                            <CopyButton text={due} label={locale.text(Text::CopyAmount).to_owned()} locale={locale.clone()} />
                            if let Some(fiat) = props.fiat.clone() {
                                <span class="cc-fiat">{ locale.fill(Text::Approximately, &[("fiat", &fiat)]) }</span>
                            }
                        </dd>
                    </div>
                }
                <div class="cc-field">
                    <dt>{ locale.text(Text::Address).to_owned() }</dt>
                    <dd>
                        <code class="cc-address" part="address" dir="ltr" translate="no">{ grouped(&address) }</code>
                        <CopyButton text={address.clone()} label={locale.text(Text::CopyAddress).to_owned()} locale={locale.clone()} />
                    </dd>
                </div>
                if let Some(tag) = tag.clone() {
                    <div class="cc-field cc-tag-field">
                        <dt>{ locale.text(tag_name).to_owned() }</dt>
                        <dd>
                            <code class="cc-tag" part="tag" dir="ltr" translate="no">{ tag.clone() }</code>
                            <CopyButton text={tag} label={locale.text(copy_tag).to_owned()} locale={locale.clone()} />
                            <p class="cc-note">{ locale.text(Text::TagRequired).to_owned() }</p>
                        </dd>
                    </div>
                }
            </dl>
            if let Some(minimum) = minimum {
                <p class="cc-note cc-minimum">{ minimum }</p>
            }
            <QrCode uri={uri.clone()} address={address} amount_due={props.due.is_some()}
                format={props.qr_format} locale={locale.clone()} />
            if let Some(uri) = uri {
                <a class="cc-button cc-wallet" part="button" href={uri}>{ locale.text(Text::OpenWallet).to_owned() }</a>
            }
        </div>
    }
}
