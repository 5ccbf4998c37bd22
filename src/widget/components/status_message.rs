//! What the payment's state means for the payer, in one sentence, and its phase.

use yew::prelude::*;

use crate::payment::{Checkout, Outcome, State};
use crate::widget::i18n::{Locale, Text};

/// Which view of the checkout to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for the payer to send (all of it, or the rest after an underpayment): show the
    /// address, amount and QR code.
    Pay,
    /// Funds seen, confirmations counting (an overpayment too, while its funds confirm: it is
    /// not "received" before they are).
    Confirming,
    /// The payment window closed with nothing (or too little) received.
    Expired,
    /// Anything else: the sentence says it all.
    Notice,
}

impl Phase {
    /// The phase of `checkout`; `past_expiry` when the countdown reached zero here (the
    /// backend may not have said so yet).
    pub fn of(checkout: &Checkout, past_expiry: bool) -> Phase {
        let waiting = matches!(checkout.state, State::AwaitingPayment | State::Underpaid)
            && checkout.outcome == Outcome::Pending;
        match checkout.state {
            State::Expired => Phase::Expired,
            _ if waiting && past_expiry => Phase::Expired,
            // No QR code for a remainder the gateway would not process.
            _ if waiting && remainder_below_minimum(checkout) => Phase::Notice,
            _ if waiting => Phase::Pay,
            State::Confirming => Phase::Confirming,
            State::Overpaid
                if checkout.outcome == Outcome::Pending && funds_confirming(checkout) =>
            {
                Phase::Confirming
            }
            _ => Phase::Notice,
        }
    }
}

/// Whether the funds seen are still confirming: fewer confirmations than required, or a
/// transfer the gateway does not count as confirmed yet.
fn funds_confirming(checkout: &Checkout) -> bool {
    let counting = checkout.confirmations.as_ref().is_some_and(|count| {
        count
            .required
            .is_some_and(|required| count.received < required)
    });
    counting || checkout.payments.iter().any(|transfer| !transfer.confirmed)
}

/// Whether an underpayment's remainder is less than the smallest transfer the gateway
/// processes: the payer cannot complete it with one more transfer.
fn remainder_below_minimum(checkout: &Checkout) -> bool {
    match (&checkout.remaining_amount, &checkout.minimum_amount) {
        (Some(remaining), Some(minimum)) => {
            checkout.state == State::Underpaid && !remaining.is_zero() && remaining < minimum
        }
        _ => false,
    }
}

/// The sentence for the state (the live region announces it when it changes).
pub fn sentence(checkout: &Checkout, phase: Phase, locale: &Locale) -> String {
    let coin = checkout.coin.map_or("", |coin| coin.ticker());
    let money = |amount: Option<String>| format!("{} {coin}", amount.unwrap_or_default());
    if phase == Phase::Expired {
        return locale.text(Text::Expired).to_owned();
    }
    match checkout.state {
        State::AwaitingPayment => locale.text(Text::Awaiting).to_owned(),
        State::Confirming => locale.text(Text::Confirming).to_owned(),
        State::Converting => locale.text(Text::Converting).to_owned(),
        State::Paid => locale.text(Text::Paid).to_owned(),
        State::Underpaid => {
            let paid = money(Some(checkout.paid_amount.to_string()));
            let amount = money(checkout.amount.as_ref().map(ToString::to_string));
            let received = locale.fill(Text::Underpaid, &[("paid", &paid), ("amount", &amount)]);
            match &checkout.remaining_amount {
                Some(remaining) if checkout.outcome == Outcome::Pending => {
                    let remaining = money(Some(remaining.to_string()));
                    let more = if remainder_below_minimum(checkout) {
                        let minimum =
                            money(checkout.minimum_amount.as_ref().map(ToString::to_string));
                        locale.fill(
                            Text::RemainderBelowMinimum,
                            &[("remaining", &remaining), ("minimum", &minimum)],
                        )
                    } else {
                        locale.fill(Text::SendMore, &[("remaining", &remaining)])
                    };
                    format!("{received} {more}")
                }
                _ => received,
            }
        }
        State::Overpaid => {
            let excess = money(checkout.excess_amount.as_ref().map(ToString::to_string));
            if phase == Phase::Confirming {
                let more = locale.fill(Text::OverpaidPending, &[("excess", &excess)]);
                format!("{} {more}", locale.text(Text::Confirming))
            } else {
                locale.fill(Text::Overpaid, &[("excess", &excess)])
            }
        }
        State::Expired => locale.text(Text::Expired).to_owned(),
        State::Failed => locale.text(Text::Failed).to_owned(),
        State::Refunded => locale.text(Text::Refunded).to_owned(),
        State::OnHold => locale.text(Text::OnHold).to_owned(),
        State::AddressReused => locale.text(Text::AddressReused).to_owned(),
        State::Cancelled => locale.text(Text::Cancelled).to_owned(),
        State::Unknown => locale.fill(Text::Unknown, &[("status", &checkout.provider_status)]),
    }
}

/// Props of [`Confirmations`].
#[derive(Properties, PartialEq)]
pub struct ConfirmationsProps {
    /// Confirmations so far.
    pub received: u64,
    /// Confirmations the gateway waits for.
    pub required: u64,
    /// The texts.
    pub locale: std::rc::Rc<Locale>,
}

/// "Confirmations: 3 of 19", with a progress bar: a label and two numbers, so the sentence
/// needs no plural forms (Arabic and Russian nouns change with the count).
#[function_component(Confirmations)]
pub fn confirmations(props: &ConfirmationsProps) -> Html {
    let (received, required) = (props.received.to_string(), props.required.to_string());
    let text = props.locale.fill(
        Text::ConfirmationCount,
        &[("received", &received), ("required", &required)],
    );
    html! {
        <div class="cc-confirmations">
            <progress max={required} value={props.received.min(props.required).to_string()}
                aria-label={text.clone()}></progress>
            <p>{ text }</p>
        </div>
    }
}
