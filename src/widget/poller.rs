//! Runs [`Poll`] in the browser: `fetch` with `If-None-Match`, a timeout per request, timers,
//! and the Page Visibility API.
//!
//! Ownership: the [`Poller`] (held by the component's effect) owns the only strong reference to
//! `Inner`. The pending timer, the `visibilitychange` listener and the request in flight hold
//! only `Weak` references, so dropping the `Poller` cancels the timer (gloo's `Timeout` calls
//! `clearTimeout` on drop), removes the listener and aborts the request; a task that still
//! wakes up finds `Inner` gone and does nothing.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use web_sys::{AbortController, RequestCache};
use yew::Callback;

use super::document::read;
use super::poll::{Poll, Reply, Source, Status, REQUEST_TIMEOUT_MS};

/// Polls one status URL until dropped or until the payment is over.
pub struct Poller {
    inner: Rc<Inner>,
}

struct Inner {
    url: String,
    source: Source,
    poll: RefCell<Poll>,
    /// The wait before the next request.
    timer: RefCell<Option<Timeout>>,
    /// The request in flight, and its timeout.
    request: RefCell<Option<(AbortController, Timeout)>>,
    /// How many requests were started: the number of the one in flight, so that a late
    /// reply to an earlier one (already answered by its timeout) is told apart.
    requests: Cell<u64>,
    visibility: RefCell<Option<EventListener>>,
    on_status: Callback<Status>,
}

impl Poller {
    /// Starts polling `url` at once, from what is `shown` when the same checkout was polled
    /// before (at another interval); `on_status` hears every change of what to show.
    pub fn start(
        url: &str,
        source: Source,
        interval_ms: u32,
        shown: Option<Status>,
        on_status: Callback<Status>,
    ) -> Poller {
        let mut poll = Poll::new(interval_ms);
        if let Some(shown) = shown {
            poll.resume(shown);
        }
        let inner = Rc::new(Inner {
            url: url.to_owned(),
            source,
            poll: RefCell::new(poll),
            timer: RefCell::new(None),
            request: RefCell::new(None),
            requests: Cell::new(0),
            visibility: RefCell::new(None),
            on_status,
        });
        if let Some(document) = document() {
            let weak = Rc::downgrade(&inner);
            let listener = EventListener::new(&document, "visibilitychange", move |_| {
                if let Some(inner) = weak.upgrade() {
                    Inner::visibility_changed(&inner);
                }
            });
            *inner.visibility.borrow_mut() = Some(listener);
        }
        Inner::fetch(&inner);
        Poller { inner }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.inner.stop();
    }
}

/// What a failed request says: the browser's message (`Failed to fetch`). Read field by field:
/// formatting the whole error would link the JSON error messages of every error it can hold.
fn failure(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => error.message,
        gloo_net::Error::GlooError(message) => message,
        _ => "the response could not be read".to_owned(),
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|window| window.document())
}

fn tab_hidden() -> bool {
    document().is_some_and(|document| document.hidden())
}

impl Inner {
    /// Cancels the timer, aborts the request in flight and stops listening.
    fn stop(&self) {
        drop(self.timer.borrow_mut().take());
        if let Some((controller, _timeout)) = self.request.borrow_mut().take() {
            controller.abort();
        }
        drop(self.visibility.borrow_mut().take());
    }

    /// A payer coming back to the tab sees fresh status at once instead of after the slower
    /// hidden-tab wait.
    fn visibility_changed(this: &Rc<Self>) {
        if !tab_hidden() && this.timer.borrow_mut().take().is_some() {
            Self::fetch(this);
        }
    }

    fn schedule(this: &Rc<Self>) {
        let delay = this
            .poll
            .borrow()
            .next_delay(tab_hidden(), js_sys::Math::random());
        let Some(delay) = delay else {
            this.stop();
            return;
        };
        let weak: Weak<Self> = Rc::downgrade(this);
        let timeout = Timeout::new(delay, move || {
            if let Some(inner) = weak.upgrade() {
                // This timer has fired: drop its handle (gloo frees the closure after the call).
                drop(inner.timer.borrow_mut().take());
                Self::fetch(&inner);
            }
        });
        *this.timer.borrow_mut() = Some(timeout);
    }

    fn fetch(this: &Rc<Self>) {
        if this.request.borrow().is_some() {
            return;
        }
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let signal = controller.signal();
        let number = this.requests.get() + 1;
        this.requests.set(number);
        let weak = Rc::downgrade(this);
        // The timeout covers the whole reply: the response, its body and, with `provider`,
        // loading the SDK that reads it.
        let deadline = Timeout::new(REQUEST_TIMEOUT_MS, move || {
            if let Some(inner) = weak.upgrade() {
                if let Some((controller, _)) = inner.request.borrow().as_ref() {
                    controller.abort();
                }
                Self::received(&inner, number, None, Reply::Timeout);
            }
        });
        *this.request.borrow_mut() = Some((controller, deadline));
        let etag = this.poll.borrow().etag().map(str::to_owned);
        let (url, source) = (this.url.clone(), this.source);
        let weak = Rc::downgrade(this);
        wasm_bindgen_futures::spawn_local(async move {
            let mut request = Request::get(&url)
                .header("Accept", "application/json")
                // The 304 must reach the poller, not be answered from the HTTP cache.
                .cache(RequestCache::NoStore)
                .abort_signal(Some(&signal));
            if let Some(etag) = &etag {
                request = request.header("If-None-Match", etag);
            }
            let sent = request.send().await;
            // The backend's clock, and this device's when its reply came: a reply a cache
            // kept says its `Date` and for how many seconds since (`Age`).
            let clock = sent.as_ref().ok().and_then(|response| {
                let headers = response.headers();
                // An integer parse: a float one would bring the standard library's tables.
                let age_s = headers
                    .get("Age")
                    .and_then(|age| age.parse::<u32>().ok())
                    .unwrap_or(0);
                let date = headers.get("Date")?;
                Some((
                    js_sys::Date::parse(&date) + f64::from(age_s) * 1000.0,
                    js_sys::Date::now(),
                ))
            });
            let reply = match sent {
                Ok(response) if response.status() == 304 => Reply::NotModified,
                Ok(response) if response.ok() => {
                    let etag = response.headers().get("ETag");
                    match response.text().await {
                        Ok(body) => Reply::Document {
                            checkout: read(&body, source.provider, source.mode).await,
                            etag,
                        },
                        Err(error) => Reply::NetworkError(failure(error)),
                    }
                }
                Ok(response) => Reply::HttpError(response.status()),
                Err(error) => Reply::NetworkError(failure(error)),
            };
            // Destroyed meanwhile: `Inner` is gone and nothing happens.
            if let Some(inner) = weak.upgrade() {
                Self::received(&inner, number, clock, reply);
            }
        });
    }

    /// The reply to request `number`, with the backend's and this device's clocks when it came:
    /// ignored when polling stopped, or when that request was answered already (its timeout
    /// came first).
    fn received(this: &Rc<Self>, number: u64, clock: Option<(f64, f64)>, reply: Reply) {
        if number != this.requests.get() || this.request.borrow_mut().take().is_none() {
            return;
        }
        let changed = this.poll.borrow_mut().receive_at(reply, clock);
        if changed {
            let status = this.poll.borrow().status().clone();
            this.on_status.emit(status);
        }
        Self::schedule(this);
    }
}
