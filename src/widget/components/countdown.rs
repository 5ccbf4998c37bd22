//! The time left to pay.

use std::rc::Rc;

use yew::prelude::*;

use crate::widget::i18n::{Locale, Text};

/// Props of [`Countdown`].
#[derive(Properties, PartialEq)]
pub struct CountdownProps {
    /// When the payment window closes (ms since the epoch).
    pub expires_at: f64,
    /// The current time (ms since the epoch).
    pub now: f64,
    /// The expiry as the document wrote it, for `<time datetime>`.
    pub datetime: AttrValue,
    /// The texts.
    pub locale: Rc<Locale>,
}

/// "Expires in 14:59". Not a live region: screen readers are not told every second.
#[function_component(Countdown)]
pub fn countdown(props: &CountdownProps) -> Html {
    let left = ((props.expires_at - props.now) / 1000.0).max(0.0) as u64;
    let (hours, minutes, seconds) = (left / 3600, left / 60 % 60, left % 60);
    let time = if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    };
    let text = props.locale.fill(Text::ExpiresIn, &[("time", &time)]);
    html! {
        <p class="cc-countdown" part="countdown">
            <time datetime={props.datetime.clone()}>{ text }</time>
        </p>
    }
}
