//! The QR code of the payment, switchable between the payment URI and the bare address.

use std::rc::Rc;

use yew::prelude::*;

use crate::qr::qr_svg;
use crate::widget::hooks::use_click;
use crate::widget::i18n::{Locale, Text};
use crate::widget::QrFormat;

/// Props of [`QrCode`].
#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    /// The payment URI, where one exists for the asset (None: the address only).
    pub uri: Option<AttrValue>,
    /// The address.
    pub address: AttrValue,
    /// An amount is due: a code holding the bare address then says to enter it by hand.
    pub amount_due: bool,
    /// What the code holds at first.
    pub format: QrFormat,
    /// The texts.
    pub locale: Rc<Locale>,
}

/// The code as SVG (dark on light, always), its text for screen readers, and the switch.
#[function_component(QrCode)]
pub fn qr_code(props: &QrCodeProps) -> Html {
    let format = use_state_eq(|| props.format);
    let (content, address_only) = match (&props.uri, *format) {
        (Some(uri), QrFormat::Uri) => (uri.clone(), false),
        _ => (props.address.clone(), true),
    };
    let svg = use_memo(content.clone(), |content| {
        qr_svg(content).map(AttrValue::from).ok()
    });
    let show_uri = use_click({
        let format = format.clone();
        Callback::from(move |()| format.set(QrFormat::Uri))
    });
    let show_address = use_click({
        let format = format.clone();
        Callback::from(move |()| format.set(QrFormat::Address))
    });
    let locale = &props.locale;
    let alt = locale.fill(Text::QrAlt, &[("content", &content)]);
    let pressed = |shown: QrFormat| if *format == shown { "true" } else { "false" };
    html! {
        <div class="cc-qr-block">
            if let Some(svg) = (*svg).clone() {
                <div class="cc-qr" part="qr" role="img" aria-label={alt} data-content={content}>
                    { Html::from_html_unchecked(svg) }
                </div>
            }
            if address_only && props.amount_due {
                <p class="cc-note">{ locale.text(Text::QrAddressOnly).to_owned() }</p>
            }
            // Always rendered (hidden without a URI): the click listeners attach once, on mount.
            <div class="cc-switch" role="group" hidden={props.uri.is_none()}
                aria-label={locale.text(Text::QrContent).to_owned()}>
                    <button type="button" class="cc-button" part="button" ref={show_uri}
                        aria-pressed={pressed(QrFormat::Uri)}>{ locale.text(Text::QrUri).to_owned() }</button>
                    <button type="button" class="cc-button" part="button" ref={show_address}
                        aria-pressed={pressed(QrFormat::Address)}>{ locale.text(Text::QrAddress).to_owned() }</button>
            </div>
        </div>
    }
}
