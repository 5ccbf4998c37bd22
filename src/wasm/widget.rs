//! The widget's exports (feature `widget`): `mountCheckout`, `CheckoutHandle` and
//! `defineCheckoutElement` (the `<crypto-checkout>` element).
//!
//! Nothing here touches the DOM until called: no start function, and the custom element's
//! class is created inside a function of the JS snippet, so the module imports cleanly in Node.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, AttrValue, Callback};

use super::JsResult;
use crate::payment::{Gateway, Mode};
use crate::widget::components::checkout::{CheckoutProps, CheckoutWidget};
use crate::widget::i18n::{text_of_key, Locale};
use crate::widget::poll::{Source, DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS};
use crate::widget::{EventDetail, QrFormat, Settings, Theme, WidgetEvent, STYLE};

#[wasm_bindgen(typescript_custom_section)]
const TS_WIDGET: &'static str = r#"
/** What a widget event carries (`event.detail`, and the argument of the `on*` callbacks). */
export interface CheckoutEventDetail {
  /** The checkout document shown (`crypto-checkout/v1`), or null before the first one. */
  checkout: CheckoutDocument | null;
  /** For `error` events: why the last poll failed. */
  error?: string;
}

/**
 * Options of `mountCheckout` (the `<crypto-checkout>` element takes the same as attributes:
 * `status-url`, `provider`, `poll-interval`, `locale`, `mode`, `qr-format`, `theme`).
 *
 * The events are ADVISORY. They tell the page what the payer sees, nothing more: credit a
 * payment only from a verified webhook (`verifyWebhook`) or your backend's own status check,
 * never from a browser event, which anyone can fire.
 */
export interface CheckoutOptions {
  /** URL of your backend's checkout document (`crypto-checkout/v1`), polled with `If-None-Match`. */
  statusUrl: string;
  /** Set when `statusUrl` returns a gateway's own status document: it is normalized in the widget. */
  provider?: Provider;
  /** Milliseconds between polls while the tab is visible (default 3000, at least 500). */
  pollInterval?: number;
  /** BCP 47 language tag: en, es, pt, ru, tr or ar (default: `navigator.language`, then en). */
  locale?: string;
  /** `purchase` (default): a fixed amount; `topup`: every transfer to the address is credited. */
  mode?: "purchase" | "topup";
  /** What the QR code holds at first: the payment URI (default) or the bare address. */
  qrFormat?: "uri" | "address";
  /** `auto` (default, follows `prefers-color-scheme`), `light` or `dark`. */
  theme?: "auto" | "light" | "dark";
  /** Texts to replace, by key (`{ copy: "Copy it" }`); see the README for the keys. */
  labels?: Record<string, string>;
  /** The first checkout document is shown. */
  onOpen?: (detail: CheckoutEventDetail) => void;
  /** The document shown changed. */
  onUpdate?: (detail: CheckoutEventDetail) => void;
  /** The document says the payment is complete (advisory: see above). */
  onSuccess?: (detail: CheckoutEventDetail) => void;
  /** The document says less than the amount arrived. */
  onIncomplete?: (detail: CheckoutEventDetail) => void;
  /** The payment window closed. */
  onExpired?: (detail: CheckoutEventDetail) => void;
  /** A poll failed; the widget shows "reconnecting" and retries with backoff. */
  onError?: (detail: CheckoutEventDetail) => void;
  /** The payer pressed "Start a new payment". */
  onCancel?: (detail: CheckoutEventDetail) => void;
}

/** Mounts the checkout widget into the shadow root of `target` (an element or a CSS selector). Browser only. */
export function mountCheckout(target: Element | string, options: CheckoutOptions): CheckoutHandle;
"#;

/// A `TypeError` with `message`.
fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The string option `name`, if set.
fn string_option(options: &JsValue, name: &str) -> JsResult<Option<String>> {
    let value = Reflect::get(options, &JsValue::from_str(name))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| type_error(&format!("mountCheckout: options.{name} must be a string")))
}

/// The option `name`, one of `choices` (by name), or `default`.
fn choice_option<T: Copy>(
    options: &JsValue,
    name: &str,
    choices: &[(&str, T)],
    default: T,
) -> JsResult<T> {
    let Some(value) = string_option(options, name)? else {
        return Ok(default);
    };
    choices
        .iter()
        .find(|(choice, _)| *choice == value)
        .map(|&(_, choice)| choice)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(choice, _)| *choice).collect();
            type_error(&format!(
                "mountCheckout: options.{name} must be one of {}, not \"{value}\"",
                names.join(", ")
            ))
        })
}

/// The settings an options bag describes.
fn settings_of(options: &JsValue) -> JsResult<Settings> {
    if !options.is_object() {
        return Err(type_error("mountCheckout: options must be an object"));
    }
    let status_url = string_option(options, "statusUrl")?
        .filter(|url| !url.is_empty())
        .ok_or_else(|| type_error("mountCheckout: options.statusUrl must be a non-empty string"))?;
    let provider =
        match string_option(options, "provider")? {
            None => None,
            Some(name) => Some(Gateway::parse(&name).map_err(|error| {
                type_error(&format!("mountCheckout: options.provider: {error}"))
            })?),
        };
    let interval = Reflect::get(options, &JsValue::from_str("pollInterval"))?;
    let poll_ms = match interval.as_f64() {
        _ if interval.is_undefined() || interval.is_null() => DEFAULT_INTERVAL_MS,
        Some(ms) if ms.is_finite() && ms >= f64::from(MIN_INTERVAL_MS) => ms.min(3_600_000.0) as u32,
        _ => {
            return Err(type_error(&format!(
                "mountCheckout: options.pollInterval must be a number of milliseconds, at least {MIN_INTERVAL_MS}"
            )))
        }
    };
    let mode = choice_option(
        options,
        "mode",
        &[("purchase", Mode::Purchase), ("topup", Mode::Topup)],
        Mode::Purchase,
    )?;
    let qr_format = choice_option(
        options,
        "qrFormat",
        &[("uri", QrFormat::Uri), ("address", QrFormat::Address)],
        QrFormat::Uri,
    )?;
    let theme = match string_option(options, "theme")? {
        None => Theme::Auto,
        Some(name) => Theme::parse(&name).ok_or_else(|| {
            type_error(&format!(
                "mountCheckout: options.theme must be one of auto, light, dark, not \"{name}\""
            ))
        })?,
    };
    let requested = match string_option(options, "locale")? {
        Some(locale) => locale,
        None => web_sys::window()
            .and_then(|window| window.navigator().language())
            .unwrap_or_default(),
    };
    Ok(Settings {
        status_url: AttrValue::from(status_url),
        source: Source { provider, mode },
        poll_ms,
        locale: Rc::new(Locale::new(&requested, labels_of(options)?)),
        theme,
        qr_format,
    })
}

/// The `labels` option: texts to replace, by key.
fn labels_of(options: &JsValue) -> JsResult<Vec<(crate::widget::i18n::Text, String)>> {
    let labels = Reflect::get(options, &JsValue::from_str("labels"))?;
    if labels.is_undefined() || labels.is_null() {
        return Ok(Vec::new());
    }
    let labels: Object = labels
        .dyn_into()
        .map_err(|_| type_error("mountCheckout: options.labels must be an object"))?;
    let mut texts = Vec::new();
    for entry in Object::entries(&labels).iter() {
        let key = Reflect::get_u32(&entry, 0)?.as_string().unwrap_or_default();
        let text = text_of_key(&key).ok_or_else(|| {
            type_error(&format!(
                "mountCheckout: options.labels has an unknown key \"{key}\""
            ))
        })?;
        let value = Reflect::get_u32(&entry, 1)?.as_string().ok_or_else(|| {
            type_error(&format!(
                "mountCheckout: options.labels.{key} must be a string"
            ))
        })?;
        texts.push((text, value));
    }
    Ok(texts)
}

/// The element to mount into: an `Element`, or a CSS selector looked up in `document`.
fn resolve_target(target: &JsValue) -> JsResult<Element> {
    if let Some(element) = target.dyn_ref::<Element>() {
        return Ok(element.clone());
    }
    let selector = target
        .as_string()
        .ok_or_else(|| type_error("mountCheckout: target must be an Element or a CSS selector"))?;
    // `web_sys::window()` is None in Node: a clear error, not a crash.
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| type_error("mountCheckout needs a DOM (a browser page)"))?;
    document
        .query_selector(&selector)?
        .ok_or_else(|| type_error(&format!("mountCheckout: no element matches \"{selector}\"")))
}

/// The host's open shadow root: the existing one (`attachShadow` works once per element, and a
/// custom element moved in the document keeps its root), or a new one.
fn shadow_root_of(host: &Element) -> JsResult<ShadowRoot> {
    match host.shadow_root() {
        Some(root) => Ok(root),
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)),
    }
}

/// Dispatches the widget's events on the host element and calls the options' callbacks.
fn event_sink(
    host: Element,
    options: Rc<RefCell<JsValue>>,
) -> Callback<(WidgetEvent, EventDetail)> {
    Callback::from(move |(event, detail): (WidgetEvent, EventDetail)| {
        let detail_object = Object::new();
        let checkout = detail
            .checkout
            .as_ref()
            .and_then(|checkout| JSON::parse(&checkout.to_json()).ok())
            .unwrap_or(JsValue::NULL);
        let _ = Reflect::set(&detail_object, &JsValue::from_str("checkout"), &checkout);
        if let Some(error) = &detail.error {
            let _ = Reflect::set(
                &detail_object,
                &JsValue::from_str("error"),
                &JsValue::from_str(error),
            );
        }
        let init = CustomEventInit::new();
        init.set_detail(&detail_object);
        if let Ok(custom) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
            let _ = host.dispatch_event(&custom);
        }
        let callback = Reflect::get(&options.borrow(), &JsValue::from_str(event.callback()));
        if let Some(callback) = callback
            .ok()
            .and_then(|value| value.dyn_into::<Function>().ok())
        {
            // A merchant callback that throws is reported, and the widget carries on.
            if let Err(error) = callback.call1(&JsValue::UNDEFINED, &detail_object) {
                web_sys::console::error_1(&error);
            }
        }
    })
}

/// A mounted widget. `destroy()` unmounts it: the DOM it added goes, its timers stop, the
/// request in flight is aborted and its listeners are removed.
#[wasm_bindgen]
pub struct CheckoutHandle {
    app: Option<AppHandle<CheckoutWidget>>,
    root: ShadowRoot,
    /// The `<style>` element, where the browser has no constructable style sheets.
    style: Option<Element>,
    container: Element,
    options: Rc<RefCell<JsValue>>,
    on_event: Callback<(WidgetEvent, EventDetail)>,
}

#[wasm_bindgen]
impl CheckoutHandle {
    /// Unmounts the widget. Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
            self.container.remove();
            match &self.style {
                Some(style) => style.remove(),
                None => {
                    adopt_style(&self.root, None);
                }
            }
        }
    }

    /// Whether the widget is mounted (`destroy()` not called yet).
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        self.app.is_some()
    }

    /// Gives the widget new options, over the ones it has (as `Object.assign` would: what
    /// `options` leaves out stays, callbacks included; `undefined` clears an option): a new
    /// `statusUrl`, `provider`, `mode` or `pollInterval` restarts polling; the rest re-renders.
    pub fn update(&mut self, options: CheckoutOptionsUpdate) -> JsResult<()> {
        let options = JsValue::from(options);
        if !options.is_object() {
            return Err(type_error(
                "CheckoutHandle.update: options must be an object",
            ));
        }
        let merged = Object::assign(&Object::new(), self.options.borrow().unchecked_ref());
        let options = JsValue::from(Object::assign(&merged, options.unchecked_ref()));
        let settings = settings_of(&options)?;
        let app = self.app.as_mut().ok_or_else(|| {
            JsValue::from(js_sys::Error::new(
                "CheckoutHandle.update: the widget was destroyed",
            ))
        })?;
        *self.options.borrow_mut() = options;
        app.update(CheckoutProps {
            settings: Rc::new(settings),
            on_event: self.on_event.clone(),
        });
        Ok(())
    }
}

/// Mounts the checkout widget into the shadow root of `target` (an `Element` or a CSS
/// selector) and returns its handle.
#[wasm_bindgen(js_name = mountCheckout, skip_typescript)]
pub fn mount_checkout(target: JsValue, options: JsValue) -> JsResult<JsValue> {
    let settings = settings_of(&options)?;
    let host = resolve_target(&target)?;
    let handle = JsValue::from(mount_into(host, settings, options)?);
    // Without it, `using` still frees the handle: the widget stays, as when a page drops it.
    let _ = disposable(&handle);
    Ok(handle)
}

fn mount_into(host: Element, settings: Settings, options: JsValue) -> JsResult<CheckoutHandle> {
    let root = shadow_root_of(&host)?;
    if root.query_selector(".cc-host")?.is_some() {
        return Err(js_sys::Error::new(
            "mountCheckout: a widget is already mounted there (destroy() it first)",
        )
        .into());
    }
    let document = host
        .owner_document()
        .ok_or_else(|| type_error("mountCheckout: the target is not in a document"))?;
    // A constructed style sheet is outside CSP's style-src: the widget keeps its looks under
    // `default-src 'self'`. Older browsers get a <style> element.
    let style = if adopt_style(&root, Some(STYLE)) {
        None
    } else {
        let style = document.create_element("style")?;
        style.set_text_content(Some(STYLE));
        root.append_child(&style)?;
        Some(style)
    };
    let container = document.create_element("div")?;
    container.set_class_name("cc-host");
    root.append_child(&container)?;
    let options = Rc::new(RefCell::new(options));
    let on_event = event_sink(host, options.clone());
    let props = CheckoutProps {
        settings: Rc::new(settings),
        on_event: on_event.clone(),
    };
    let app =
        yew::Renderer::<CheckoutWidget>::with_root_and_props(container.clone(), props).render();
    Ok(CheckoutHandle {
        app: Some(app),
        root,
        style,
        container,
        options,
        on_event,
    })
}

#[wasm_bindgen]
extern "C" {
    /// The options of `CheckoutHandle.update`: any of `mountCheckout`'s.
    #[wasm_bindgen(typescript_type = "Partial<CheckoutOptions>")]
    pub type CheckoutOptionsUpdate;
}

#[wasm_bindgen(inline_js = r#"
// The <crypto-checkout> element. The class is created inside `define`, never at module load:
// `HTMLElement` does not exist in Node, where this module is imported too.
export function define(tag, mount) {
  if (typeof customElements === "undefined" || typeof HTMLElement === "undefined") return false;
  if (customElements.get(tag)) return false;
  const attributes = ["status-url", "provider", "poll-interval", "locale", "mode", "qr-format", "theme"];
  customElements.define(tag, class CryptoCheckoutElement extends HTMLElement {
    static get observedAttributes() { return attributes; }
    connectedCallback() {
      if (this._handle || !this.getAttribute("status-url")) return;
      try {
        this._handle = mount(this, this._options());
      } catch (error) {
        console.error(error);
        this.dispatchEvent(new CustomEvent("error", { detail: { checkout: null, error: String(error.message || error) } }));
      }
    }
    disconnectedCallback() {
      const handle = this._handle;
      this._handle = null;
      if (handle) { handle.destroy(); handle.free(); }
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this.isConnected) return;
      if (!this._handle) return this.connectedCallback();
      try { this._handle.update(this._options()); } catch (error) { console.error(error); }
    }
    _options() {
      const value = (name) => this.getAttribute(name) || undefined;
      const interval = value("poll-interval");
      return {
        statusUrl: value("status-url"),
        provider: value("provider"),
        pollInterval: interval === undefined ? undefined : Number(interval),
        locale: value("locale") || document.documentElement.lang || undefined,
        mode: value("mode"),
        qrFormat: value("qr-format"),
        theme: value("theme"),
      };
    }
  });
  return true;
}

// The SDK module (JSON, signing, payment model), loaded and initialised once, on first use:
// only a widget given a gateway's own status document (option `provider`) needs it. A load
// that failed (the network dropped) is tried again with the next reply.
let sdk;
export function normalizeGatewayDocument(provider, body, mode) {
  sdk ??= import("../../crypto_checkout.js").then(async (module) => {
    await module.default();
    return module;
  }).catch((error) => {
    sdk = undefined;
    throw error;
  });
  return sdk.then((module) => module.normalizePayment(provider, body, { mode }));
}

// Makes `using` unmount a handle: wasm-bindgen's own `[Symbol.dispose]` only frees it, which
// would leave the widget on the page, polling, with no handle left to destroy it. Set on the
// handles' prototype the first time one is made; throws where the prototype is frozen.
let disposing = false;
export function disposable(handle) {
  if (!disposing && typeof Symbol.dispose === "symbol") {
    Object.getPrototypeOf(handle)[Symbol.dispose] = function () {
      this.destroy();
      this.free();
    };
    disposing = true;
  }
}

// The widget's constructed style sheet: made once, shared by every widget of the page.
let sheet;

// Adds the widget's style sheet (`css`) to the shadow root's, or takes it away again
// (`css === undefined`), leaving any sheets of the root's own; false where the browser cannot.
export function adopt(root, css) {
  if (!("adoptedStyleSheets" in root) || typeof CSSStyleSheet === "undefined") return false;
  try {
    if (css === undefined) {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
      return true;
    }
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return true;
  } catch {
    return false;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = define)]
    fn define_element(tag: &str, mount: &JsValue) -> bool;

    #[wasm_bindgen(js_name = adopt)]
    fn adopt_style(root: &ShadowRoot, css: Option<&str>) -> bool;

    /// Makes the handles' `[Symbol.dispose]()` destroy the widget before freeing the handle.
    /// An error (a page that froze the prototype) leaves wasm-bindgen's own.
    #[wasm_bindgen(catch)]
    fn disposable(handle: &JsValue) -> Result<(), JsValue>;

    /// A promise of the checkout document the SDK's `normalizePayment` makes of a gateway's
    /// status document `body`.
    #[wasm_bindgen(js_name = normalizeGatewayDocument)]
    pub(crate) fn normalize_gateway_document(
        provider: &str,
        body: &str,
        mode: &str,
    ) -> js_sys::Promise;
}

/// Defines the custom element `<crypto-checkout>` (or `tag`). Returns false where there is no
/// `customElements` (Node, workers) or when the name is already defined.
#[wasm_bindgen(js_name = defineCheckoutElement)]
pub fn define_checkout_element(tag: Option<String>) -> bool {
    let tag = tag.unwrap_or_else(|| "crypto-checkout".into());
    let mount = Closure::<dyn Fn(Element, JsValue) -> JsResult<CheckoutHandle>>::new(
        |host: Element, options: JsValue| mount_into(host, settings_of(&options)?, options),
    );
    // The element class keeps `mount` for the life of the page: JavaScript owns it.
    define_element(&tag, &mount.into_js_value())
}
