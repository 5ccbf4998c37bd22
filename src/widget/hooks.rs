//! Hooks of the widget. Every timer, listener and request lives in an RAII handle returned by
//! an effect's cleanup, so unmounting the widget (`CheckoutHandle.destroy()`) cancels it.

use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::poll::{Connection, Source, Status};
use super::poller::Poller;

/// The status at `url`, polled every `interval_ms`. A change of any argument restarts polling
/// (the old poller is dropped first). Another URL or source is another checkout: what was
/// shown goes, and nothing of it is shown meanwhile. A new interval alone keeps what is shown,
/// and a finished payment is not polled again.
#[hook]
pub fn use_status(url: AttrValue, source: Source, interval_ms: u32) -> Status {
    let initial = || Status {
        checkout: None,
        connection: Connection::Connecting,
        clock_offset_s: 0,
    };
    let status = use_state_eq(initial);
    let polled = use_mut_ref(|| None::<(AttrValue, Source)>);
    {
        let setter = status.setter();
        let shown = (*status).clone();
        let finished = status.connection == Connection::Finished;
        use_effect_with(
            (url, source, interval_ms),
            move |(url, source, interval_ms)| {
                let checkout = Some((url.clone(), *source));
                let same = polled
                    .replace(checkout.clone())
                    .is_none_or(|before| Some(before) == checkout);
                if !same {
                    setter.set(initial());
                }
                let poller = (!same || !finished).then(|| {
                    Poller::start(
                        url,
                        *source,
                        *interval_ms,
                        same.then_some(shown),
                        Callback::from(move |status| setter.set(status)),
                    )
                });
                move || drop(poller)
            },
        );
    }
    (*status).clone()
}

/// The current time (ms since the epoch), refreshed every second while `active`; while
/// inactive, the time it last was.
#[hook]
pub fn use_now(active: bool) -> f64 {
    let now = use_state(js_sys::Date::now);
    {
        let setter = now.setter();
        use_effect_with(active, move |&active| {
            let interval =
                active.then(|| Interval::new(1000, move || setter.set(js_sys::Date::now())));
            move || drop(interval)
        });
    }
    // While active, the time of this very render: the time kept while inactive is stale, and
    // an effect would refresh it only after this render (a checkout past its expiry would be
    // shown open for a moment).
    if active {
        js_sys::Date::now()
    } else {
        *now
    }
}

/// A `NodeRef` for an element whose clicks call `onclick`, through a listener on that element
/// itself, removed on unmount.
///
/// Not yew's `onclick`: yew delegates events to a listener on the app's root that it never
/// removes, which holds the root element: about 500 bytes and one detached element leak per
/// `mountCheckout` and `destroy()`. With no `on*` attribute anywhere, yew adds no listener.
#[hook]
pub fn use_click(onclick: Callback<()>) -> NodeRef {
    let node = use_node_ref();
    // The latest callback, without adding the listener again at each render.
    let latest = use_mut_ref(|| onclick.clone());
    *latest.borrow_mut() = onclick;
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let listener = node.get().map(|element| {
                EventListener::new(&element, "click", move |_| {
                    let callback = latest.borrow().clone();
                    callback.emit(());
                })
            });
            move || drop(listener)
        });
    }
    node
}

/// What a copy button shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyState {
    /// Ready to copy.
    Idle,
    /// Copied; back to `Idle` two seconds later.
    Copied,
    /// The clipboard refused (insecure page, permission denied).
    Failed,
}

/// A callback that copies `text` with `navigator.clipboard.writeText`, and the button's state.
#[hook]
pub fn use_copy(text: AttrValue) -> (CopyState, Callback<()>) {
    let state = use_state_eq(|| CopyState::Idle);
    let reset = use_mut_ref(|| None::<Timeout>);
    let alive = use_mut_ref(|| true);
    {
        let (alive, reset) = (alive.clone(), reset.clone());
        use_effect_with((), move |_| {
            move || {
                *alive.borrow_mut() = false;
                reset.borrow_mut().take();
            }
        });
    }
    let copy = {
        let state = state.clone();
        Callback::from(move |()| {
            let Some(promise) = write_text(&text) else {
                state.set(CopyState::Failed);
                return;
            };
            let (state, reset, alive) = (state.clone(), Rc::clone(&reset), Rc::clone(&alive));
            wasm_bindgen_futures::spawn_local(async move {
                let copied = JsFuture::from(promise).await.is_ok();
                if !*alive.borrow() {
                    return;
                }
                state.set(if copied {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
                let back = state.clone();
                *reset.borrow_mut() = Some(Timeout::new(2000, move || back.set(CopyState::Idle)));
            });
        })
    };
    (*state, copy)
}

/// `navigator.clipboard.writeText(text)`, or None where there is no clipboard (an insecure
/// page). Looked up first: calling `writeText` on `undefined` would throw through wasm.
fn write_text(text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    let clipboard: web_sys::Clipboard = clipboard.dyn_into().ok()?;
    Some(clipboard.write_text(text))
}
