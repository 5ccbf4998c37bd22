//! The root component: the title, the live status, and the view of the payment's phase.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::countdown::Countdown;
use super::payment_details::{asset_names, PaymentDetails};
use super::status_message::{sentence, Confirmations, Phase};
use crate::payment::{unix_millis, Checkout, Mode, Outcome, State};
use crate::widget::hooks::{use_click, use_now, use_status};
use crate::widget::i18n::Text;
use crate::widget::poll::{Connection, Status};
use crate::widget::{EventDetail, Settings, WidgetEvent};

/// Props of [`CheckoutWidget`].
#[derive(Properties, PartialEq)]
pub struct CheckoutProps {
    /// Everything `mountCheckout` was told.
    pub settings: Rc<Settings>,
    /// Hears the widget's events.
    pub on_event: Callback<(WidgetEvent, EventDetail)>,
}

/// The checkout widget.
#[function_component(CheckoutWidget)]
pub fn checkout_widget(props: &CheckoutProps) -> Html {
    let settings = &props.settings;
    let locale = &settings.locale;
    let status = use_status(
        settings.status_url.clone(),
        settings.source,
        settings.poll_ms,
    );
    let expires_at = status
        .checkout
        .as_ref()
        .and_then(|checkout| checkout.expires_at.as_deref())
        .and_then(unix_millis);
    let waiting = status.checkout.as_ref().is_some_and(|checkout| {
        checkout.outcome == Outcome::Pending
            && matches!(checkout.state, State::AwaitingPayment | State::Underpaid)
    });
    // The backend's time: the device's clock may be set wrong.
    let now = use_now(waiting && expires_at.is_some()) + status.clock_offset_s as f64 * 1000.0;
    let past_expiry = expires_at.is_some_and(|expires_at| now >= expires_at);
    let phase = status
        .checkout
        .as_ref()
        .map(|checkout| Phase::of(checkout, past_expiry));
    use_events(&status, phase, &props.on_event);
    let new_payment = use_click({
        let (on_event, checkout) = (props.on_event.clone(), status.checkout.clone());
        Callback::from(move |()| {
            let detail = EventDetail {
                checkout: checkout.clone(),
                error: None,
            };
            on_event.emit((WidgetEvent::Cancel, detail));
        })
    });

    // At expiry the view that may have held the focus goes: where the focus is lost with it
    // (nothing on the page has it), it moves to "start a new payment", so that a keyboard or
    // screen reader user is not sent back to the top of the page.
    {
        let button = new_payment.clone();
        use_effect_with(phase == Some(Phase::Expired), move |&expired| {
            let lost = web_sys::window()
                .and_then(|window| window.document())
                .is_some_and(|document| {
                    document.active_element().is_none()
                        || document.active_element() == document.body().map(Into::into)
                });
            if expired && lost {
                if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                    // A button can always take the focus.
                    let _ = button.focus();
                }
            }
        });
    }

    let reconnecting = matches!(status.connection, Connection::Reconnecting { .. });
    let (title, announcement, body) = match (&status.checkout, phase) {
        (Some(checkout), Some(phase)) => {
            let (coin, network) = asset_names(checkout.coin, checkout.network);
            let title = locale.fill(Text::Title, &[("coin", &coin), ("network", &network)]);
            let body = view(checkout, phase, settings, expires_at.map(|at| (at, now)));
            (Some(title), sentence(checkout, phase, locale), body)
        }
        _ if reconnecting => (None, locale.text(Text::LoadError).to_owned(), html! {}),
        _ => (None, locale.text(Text::Loading).to_owned(), html! {}),
    };
    let state = match (&status.checkout, phase) {
        (_, Some(Phase::Expired)) => "expired",
        (_, Some(Phase::Confirming)) => "confirming",
        (Some(checkout), _) => checkout.state.as_str(),
        (None, _) => "loading",
    };
    html! {
        <section class="cc" part="root" lang={locale.language.code()} dir={locale.language.direction()}
            data-theme={settings.theme.as_str()} data-state={state}>
            if let Some(title) = title {
                <h2 class="cc-title" part="title">{ title }</h2>
            }
            <p class="cc-status" part="status" role="status" aria-live="polite" aria-atomic="true">{ announcement }</p>
            // Announced politely: the payment details shown stay right while the widget
            // reconnects, so nothing the payer is doing needs interrupting. The live region is
            // there (empty, taking no room) as long as a checkout is shown, and only its text
            // comes and goes: a region inserted with its text already in it may go unread.
            if status.checkout.is_some() {
                <p class="cc-notice" part="notice" role="status">
                    if reconnecting { { locale.text(Text::Reconnecting).to_owned() } }
                </p>
            }
            // Busy while the first document loads; not an ancestor of the live region, whose
            // announcements assistive technology may hold back inside a busy element.
            <div class="cc-body" aria-busy={status.checkout.is_none().to_string()}>{ body }</div>
            // Always rendered (hidden until expiry): its click listener attaches once, on mount.
            <div class="cc-expired" hidden={phase != Some(Phase::Expired)}>
                <p class="cc-note">{ locale.text(Text::ExpiredHelp).to_owned() }</p>
                <button type="button" class="cc-button cc-primary" part="button" ref={new_payment}>
                    { locale.text(Text::NewPayment).to_owned() }
                </button>
            </div>
        </section>
    }
}

/// The view of one phase.
fn view(
    checkout: &Rc<Checkout>,
    phase: Phase,
    settings: &Settings,
    clock: Option<(f64, f64)>,
) -> Html {
    let locale = &settings.locale;
    let topup = settings.source.mode == Mode::Topup;
    match phase {
        Phase::Pay => {
            let underpaid = checkout.state == State::Underpaid;
            let due = if underpaid {
                checkout.remaining_amount.as_ref()
            } else {
                checkout.amount.as_ref()
            };
            let fiat = checkout
                .fiat
                .as_ref()
                .filter(|_| !underpaid)
                .and_then(|fiat| {
                    let amount = fiat.amount.as_ref()?.to_string();
                    Some(AttrValue::from(format_fiat(
                        &locale.tag,
                        &fiat.currency,
                        &amount,
                    )))
                });
            html! {
                <>
                    <PaymentDetails checkout={checkout.clone()} due={due.map(|due| AttrValue::from(due.to_string()))}
                        {fiat} qr_format={settings.qr_format} locale={locale.clone()} />
                    if let Some((expires_at, now)) = clock {
                        <Countdown {expires_at} {now} datetime={checkout.expires_at.clone().unwrap_or_default()}
                            locale={locale.clone()} />
                    }
                    if topup {
                        <p class="cc-note">{ locale.text(Text::Topup).to_owned() }</p>
                    }
                </>
            }
        }
        Phase::Confirming => match checkout.confirmations.as_ref() {
            Some(confirmations) => match confirmations.required {
                Some(required) => html! {
                    <Confirmations received={confirmations.received} {required} locale={locale.clone()} />
                },
                None => html! {},
            },
            None => html! {},
        },
        Phase::Expired | Phase::Notice => html! {},
    }
}

/// Fires the widget's events when what it shows changes.
#[hook]
fn use_events(
    status: &Status,
    phase: Option<Phase>,
    on_event: &Callback<(WidgetEvent, EventDetail)>,
) {
    let last = use_mut_ref(|| (None::<Rc<Checkout>>, None::<Phase>, 0u32));
    let on_event = on_event.clone();
    use_effect_with((status.clone(), phase), move |(status, phase)| {
        fire_events(&mut last.borrow_mut(), status, *phase, &on_event);
    });
}

/// The events between what was shown (`last`) and what is shown now.
fn fire_events(
    last: &mut (Option<Rc<Checkout>>, Option<Phase>, u32),
    status: &Status,
    phase: Option<Phase>,
    on_event: &Callback<(WidgetEvent, EventDetail)>,
) {
    let (shown, shown_phase, failures_seen) = last;
    // Nothing shown (another checkout is loading): the next document opens anew.
    if status.checkout.is_none() {
        *shown = None;
    }
    let emit = |event, error: Option<Rc<str>>| {
        let detail = EventDetail {
            checkout: status.checkout.clone(),
            error,
        };
        on_event.emit((event, detail));
    };
    if let Some(checkout) = &status.checkout {
        if shown.as_ref() != Some(checkout) {
            let before = shown.replace(checkout.clone());
            emit(
                if before.is_none() {
                    WidgetEvent::Open
                } else {
                    WidgetEvent::Update
                },
                None,
            );
            let (was_success, was_underpaid) = before.as_ref().map_or((false, false), |before| {
                (
                    before.outcome == Outcome::Success,
                    before.state == State::Underpaid,
                )
            });
            if checkout.outcome == Outcome::Success && !was_success {
                emit(WidgetEvent::Success, None);
            }
            if checkout.state == State::Underpaid && !was_underpaid {
                emit(WidgetEvent::Incomplete, None);
            }
        }
    }
    if phase == Some(Phase::Expired) && *shown_phase != Some(Phase::Expired) {
        emit(WidgetEvent::Expired, None);
    }
    *shown_phase = phase;
    match &status.connection {
        Connection::Reconnecting { reason, failures } if *failures > *failures_seen => {
            *failures_seen = *failures;
            emit(WidgetEvent::Error, Some(reason.clone()));
        }
        Connection::Reconnecting { .. } => {}
        _ => *failures_seen = 0,
    }
}

/// A fiat amount in the locale's format (`$50.00`, `50,00 US$`), through
/// `Intl.NumberFormat`, which reads the decimal string exactly; the plain amount and currency
/// code where the browser cannot format it.
fn format_fiat(locale: &str, currency: &str, amount: &str) -> String {
    let formatted = (|| {
        let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
        let constructor: Function = Reflect::get(&intl, &JsValue::from_str("NumberFormat"))
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        Reflect::set(
            &options,
            &JsValue::from_str("style"),
            &JsValue::from_str("currency"),
        )
        .ok()?;
        Reflect::set(
            &options,
            &JsValue::from_str("currency"),
            &JsValue::from_str(currency),
        )
        .ok()?;
        // `Reflect.construct` and `call` return a thrown RangeError (a malformed locale or
        // currency) as an error instead of unwinding through wasm.
        let format = Reflect::construct(
            &constructor,
            &Array::of2(&JsValue::from_str(locale), &options),
        )
        .ok()?;
        let format: Function = Reflect::get(&format, &JsValue::from_str("format"))
            .ok()?
            .dyn_into()
            .ok()?;
        format
            .call1(&JsValue::UNDEFINED, &JsValue::from_str(amount))
            .ok()?
            .as_string()
    })();
    formatted.unwrap_or_else(|| format!("{amount} {currency}"))
}
