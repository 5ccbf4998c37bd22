//! The checkout widget (feature `widget`, WebAssembly only): yew components that show a payer
//! what to send, on which network, to which address, and how the payment stands.
//!
//! - [`poll`]: what to do with each reply of the status URL (no browser: tested with scripted
//!   replies and a fake clock); [`poller`] runs it with `fetch` and timers.
//! - [`document`]: reads a response into a checkout (the browser's `JSON.parse`, or the SDK
//!   for a gateway's own document).
//! - [`components`]: the yew components, one per file; [`hooks`]: their timers, listeners and
//!   polling, each dropped on unmount.
//! - [`i18n`]: the texts in six languages.
//!
//! The JavaScript entry points (`mountCheckout`, the `<crypto-checkout>` element) are in the
//! binding layer, `wasm/widget.rs`. The widget shows what the merchant's backend says; it
//! never decides that a payment is complete, and its events are advisory.

pub mod components;
pub mod document;
#[cfg(test)]
pub mod fixtures;
pub mod hooks;
pub mod i18n;
pub mod poll;
pub mod poller;

use std::rc::Rc;

use yew::AttrValue;

use crate::payment::Checkout;
use i18n::Locale;
use poll::Source;

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// The theme named `name` (`auto`, `light`, `dark`).
    pub fn parse(name: &str) -> Option<Theme> {
        match name {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The theme's name, for the `data-theme` attribute the style sheet reads.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What the QR code holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrFormat {
    /// The payment URI (address, amount, token, tag), which most wallets read.
    Uri,
    /// The bare address, for wallets that reject URIs.
    Address,
}

/// Everything `mountCheckout` was told.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The URL of the checkout document (or of a gateway's status document).
    pub status_url: AttrValue,
    /// What that URL returns.
    pub source: Source,
    /// Milliseconds between polls while the tab is visible.
    pub poll_ms: u32,
    /// Language, number formats and the merchant's labels.
    pub locale: Rc<Locale>,
    /// Colour scheme.
    pub theme: Theme,
    /// What the QR code holds at first (the payer can switch).
    pub qr_format: QrFormat,
}

/// The events the widget fires (as DOM `CustomEvent`s and option callbacks). Advisory only:
/// a merchant credits a payment from its verified webhooks or its own status check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetEvent {
    /// The first checkout document is shown.
    Open,
    /// The document shown changed.
    Update,
    /// The document says the payment is complete.
    Success,
    /// The document says less than the amount arrived.
    Incomplete,
    /// The payment window closed.
    Expired,
    /// A poll failed (the widget shows "reconnecting" and retries).
    Error,
    /// The payer asked for a new payment.
    Cancel,
}

impl WidgetEvent {
    /// The DOM event's type.
    pub fn name(self) -> &'static str {
        match self {
            WidgetEvent::Open => "open",
            WidgetEvent::Update => "update",
            WidgetEvent::Success => "success",
            WidgetEvent::Incomplete => "incomplete",
            WidgetEvent::Expired => "expired",
            WidgetEvent::Error => "error",
            WidgetEvent::Cancel => "cancel",
        }
    }

    /// The name of the callback in the options (`onOpen`, ...).
    pub fn callback(self) -> &'static str {
        match self {
            WidgetEvent::Open => "onOpen",
            WidgetEvent::Update => "onUpdate",
            WidgetEvent::Success => "onSuccess",
            WidgetEvent::Incomplete => "onIncomplete",
            WidgetEvent::Expired => "onExpired",
            WidgetEvent::Error => "onError",
            WidgetEvent::Cancel => "onCancel",
        }
    }
}

/// What an event carries: the checkout shown, and for `error` what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDetail {
    /// The checkout document shown when the event fired.
    pub checkout: Option<Rc<Checkout>>,
    /// Why the last poll failed (`error` events).
    pub error: Option<Rc<str>>,
}

/// The widget's style sheet, put into its shadow root (see the README for the custom
/// properties and parts it offers for theming).
pub const STYLE: &str = include_str!("widget/style.css");
