//! The components rendered by yew into the test page (headless Chromium), read back from the
//! DOM: what a payer sees for each kind of checkout.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{AppHandle, AttrValue, BaseComponent, Callback};

use super::checkout::{CheckoutProps, CheckoutWidget};
use super::countdown::{Countdown, CountdownProps};
use super::payment_details::{PaymentDetails, PaymentDetailsProps};
use super::qr_code::{QrCode, QrCodeProps};
use super::status_message::{sentence, Confirmations, ConfirmationsProps, Phase};
use crate::payment::{Mode, State};
use crate::widget::fixtures::{checkout, checkout_json};
use crate::widget::i18n::Locale;
use crate::widget::poll::Source;
use crate::widget::{EventDetail, QrFormat, Settings, Theme, WidgetEvent};

wasm_bindgen_test_configure!(run_in_browser);

/// An XRP address, and the fields of an XRP checkout with a destination tag.
const XRP_ADDRESS: &str = "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY";
const XRP_FIELDS: &[(&str, &str)] = &[
    ("coin", r#""XRP""#),
    ("network", r#""ripple""#),
    ("address", r#""rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY""#),
    ("tag", r#""123456""#),
    ("amount", r#""25""#),
    ("remaining_amount", r#""25""#),
    ("minimum_amount", r#""1""#),
];

/// Resolves `ms` milliseconds later, once yew has then rendered and run its effects.
async fn settle(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("the timer resolves");
    yew::scheduler::flush().await;
}

/// A component rendered into a new `<div>` of the test page; dropping it unmounts the component
/// and removes the `<div>`.
struct Rendered<C: BaseComponent> {
    root: Element,
    app: Option<AppHandle<C>>,
}

impl<C: BaseComponent> Rendered<C> {
    async fn new(props: C::Properties) -> Rendered<C> {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let app = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Rendered {
            root,
            app: Some(app),
        }
    }

    /// The first element matching `selector`, if any.
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    /// The first element matching `selector`; panics when there is none.
    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no `{selector}` in {}", self.root.inner_html()))
    }

    /// The text of the first element matching `selector`.
    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    /// The attribute `name` of the first element matching `selector`.
    fn attribute(&self, selector: &str, name: &str) -> Option<String> {
        self.get(selector).get_attribute(name)
    }

    /// The texts of every element matching `selector`.
    fn texts(&self, selector: &str) -> Vec<String> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|index| list.item(index).unwrap().text_content().unwrap_or_default())
            .collect()
    }

    /// Clicks the first element matching `selector`, then lets yew render.
    async fn click(&self, selector: &str) {
        self.get(selector).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }
}

impl<C: BaseComponent> Drop for Rendered<C> {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

fn english() -> Rc<Locale> {
    Rc::new(Locale::new("en", vec![]))
}

fn details_props(fields: &[(&str, &str)], due: Option<&str>) -> PaymentDetailsProps {
    PaymentDetailsProps {
        checkout: Rc::new(checkout(fields)),
        due: due.map(|due| AttrValue::from(due.to_owned())),
        fiat: None,
        qr_format: QrFormat::Uri,
        locale: english(),
    }
}

/// An XRP payment: the destination tag as its own required field with a copy button, the
/// network warning and the minimum, and a QR code and wallet link with the amount and `dt`.
#[wasm_bindgen_test]
async fn ripple_details_show_the_destination_tag_and_its_uri() {
    let details = Rendered::<PaymentDetails>::new(details_props(XRP_FIELDS, Some("25"))).await;
    assert_eq!(
        details.text(".cc-warning"),
        "Send only XRP on the XRP Ledger network. Funds sent on any other network are lost."
    );
    assert_eq!(details.text(".cc-amount .cc-value"), "25");
    assert_eq!(details.text(".cc-address"), XRP_ADDRESS);
    assert_eq!(
        details.text(".cc-tag-field dt"),
        "Destination tag (required)"
    );
    assert_eq!(details.text(".cc-tag"), "123456");
    assert_eq!(
        details.text(".cc-tag-field .cc-note"),
        "Enter it exactly as shown, or the payment cannot be credited."
    );
    assert_eq!(
        details.texts(".cc-copy").len(),
        3,
        "amount, address and tag each have a copy button"
    );
    assert_eq!(
        details.text(".cc-minimum"),
        "Minimum amount: 1 XRP. Smaller transfers are not processed."
    );
    let uri = format!("ripple:{XRP_ADDRESS}?amount=25&dt=123456");
    assert_eq!(
        details.attribute(".cc-qr", "data-content").as_deref(),
        Some(uri.as_str())
    );
    assert_eq!(
        details.attribute(".cc-qr", "aria-label"),
        Some(format!("QR code: {uri}"))
    );
    assert_eq!(
        details.attribute(".cc-wallet", "href").as_deref(),
        Some(uri.as_str())
    );
    assert!(details.find(".cc-qr svg").is_some(), "the code is drawn");
}

/// Each chain's tag is named as the chain names it, and its copy button says which field it
/// copies, in plain words.
#[wasm_bindgen_test]
async fn tag_fields_and_copy_buttons_name_the_chains_tag() {
    let cases: [(&[(&str, &str)], &str, &str); 3] = [
        (
            XRP_FIELDS,
            "Destination tag (required)",
            "Copy the destination tag",
        ),
        (
            &[
                ("coin", r#""XLM""#),
                ("network", r#""stellar""#),
                (
                    "address",
                    r#""GCEZWKCA5VLDNRLN3RPRJMRZOX3Z6G5CHCGSNFHEYVXM3XOJMDS674JZ""#,
                ),
                ("tag", r#""1234567890""#),
            ],
            "Memo (required)",
            "Copy the memo",
        ),
        (
            &[
                ("coin", r#""TON""#),
                ("network", r#""ton""#),
                (
                    "address",
                    r#""EQD4FPq-PRDieyQKkizFTRtSDyucUIqrj0v_zXJmqaDp6_0t""#,
                ),
                ("tag", r#""deposit 9f3a""#),
            ],
            "Comment (required)",
            "Copy the comment",
        ),
    ];
    for (fields, name, copy) in cases {
        let details = Rendered::<PaymentDetails>::new(details_props(fields, Some("25"))).await;
        assert_eq!(details.text(".cc-tag-field dt"), name);
        assert_eq!(
            details
                .attribute(".cc-tag-field .cc-copy", "aria-label")
                .as_deref(),
            Some(copy)
        );
    }
}

/// The address is grouped by four characters (the last group shorter), and the groups join to
/// exactly the address: nothing but CSS separates them.
#[wasm_bindgen_test]
async fn address_groups_join_to_exactly_the_address() {
    let details = Rendered::<PaymentDetails>::new(details_props(&[], Some("50.00"))).await;
    let groups = details.texts(".cc-address .cc-group");
    assert_eq!(
        groups,
        ["TQn9", "Y2kh", "EsLJ", "W1Ch", "VWFM", "SMeR", "Dow5", "KcbL", "SE"]
    );
    assert_eq!(groups.concat(), "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE");
}

/// What the QR code says beside a code of the bare address when an amount is due.
const ADDRESS_ONLY: &str = "This code holds the address only: enter the amount in your wallet.";

/// On TRON the payment "URI" is the bare address: no wallet link, no switch, and no tag field
/// where the checkout has none; the code says the amount is entered by hand, when one is due.
#[wasm_bindgen_test]
async fn tron_details_have_no_wallet_link_switch_or_tag() {
    let nothing_due = Rendered::<PaymentDetails>::new(details_props(&[], None)).await;
    assert!(nothing_due.find(".cc-qr-block .cc-note").is_none());
    let details = Rendered::<PaymentDetails>::new(details_props(&[], Some("50.00"))).await;
    assert_eq!(details.text(".cc-qr-block .cc-note"), ADDRESS_ONLY);
    assert_eq!(
        details.attribute(".cc-qr", "data-content").as_deref(),
        Some("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE")
    );
    assert!(details.find(".cc-wallet").is_none());
    assert!(details.get(".cc-switch").has_attribute("hidden"));
    assert!(details.find(".cc-tag-field").is_none());
    assert_eq!(details.texts(".cc-copy").len(), 2);
}

/// A checkout without an address shows no payment details at all (nothing to send to).
#[wasm_bindgen_test]
async fn no_address_no_details() {
    let details =
        Rendered::<PaymentDetails>::new(details_props(&[("address", "null")], Some("50.00"))).await;
    assert_eq!(details.root.child_element_count(), 0);
}

/// The switch shows the bare address, then the URI again, with `aria-pressed` following; the
/// bare address comes with the note that the amount is entered by hand.
#[wasm_bindgen_test]
async fn qr_switch_toggles_between_uri_and_address() {
    let uri = format!("ripple:{XRP_ADDRESS}?dt=7");
    let qr = Rendered::<QrCode>::new(QrCodeProps {
        uri: Some(AttrValue::from(uri.clone())),
        address: AttrValue::Static(XRP_ADDRESS),
        amount_due: true,
        format: QrFormat::Uri,
        locale: english(),
    })
    .await;
    let content = |qr: &Rendered<QrCode>| qr.attribute(".cc-qr", "data-content").unwrap();
    let pressed = |qr: &Rendered<QrCode>| qr.texts(".cc-switch [aria-pressed=true]");
    assert_eq!(content(&qr), uri);
    assert_eq!(pressed(&qr), ["Payment request"]);
    assert!(qr.find(".cc-note").is_none(), "the URI carries the amount");
    let drawn = qr.get(".cc-qr svg").outer_html();

    qr.click(".cc-switch button:last-child").await;
    assert_eq!(content(&qr), XRP_ADDRESS);
    assert_eq!(pressed(&qr), ["Address only"]);
    assert_eq!(qr.text(".cc-note"), ADDRESS_ONLY);
    assert_ne!(
        qr.get(".cc-qr svg").outer_html(),
        drawn,
        "a new code is drawn"
    );

    qr.click(".cc-switch button:first-child").await;
    assert_eq!(content(&qr), uri);
    assert_eq!(qr.get(".cc-qr svg").outer_html(), drawn);
    assert!(qr.find(".cc-note").is_none());
}

/// The countdown writes hours only when there are some, never goes below zero, and carries the
/// document's own expiry in `<time datetime>`.
#[wasm_bindgen_test]
async fn countdown_formats_the_time_left() {
    for (left_ms, shown) in [
        (3_725_400.0, "Expires in 1:02:05"),
        (899_999.0, "Expires in 14:59"),
        (59_000.0, "Expires in 0:59"),
        (-5_000.0, "Expires in 0:00"),
    ] {
        let countdown = Rendered::<Countdown>::new(CountdownProps {
            expires_at: 1_000_000_000_000.0 + left_ms,
            now: 1_000_000_000_000.0,
            datetime: AttrValue::Static("2026-01-15T10:15:00Z"),
            locale: english(),
        })
        .await;
        assert_eq!(countdown.text(".cc-countdown"), shown);
        assert_eq!(
            countdown.attribute("time", "datetime").as_deref(),
            Some("2026-01-15T10:15:00Z")
        );
    }
}

/// Confirmations: the sentence says the true count; the bar stops at full.
#[wasm_bindgen_test]
async fn confirmations_show_the_count_and_a_full_bar_at_most() {
    for (received, required, value) in [(3, 19, "3"), (25, 19, "19")] {
        let bar = Rendered::<Confirmations>::new(ConfirmationsProps {
            received,
            required,
            locale: english(),
        })
        .await;
        let text = format!("Confirmations: {received} of {required}");
        assert_eq!(bar.text(".cc-confirmations p"), text);
        assert_eq!(bar.attribute("progress", "value").as_deref(), Some(value));
        assert_eq!(bar.attribute("progress", "max"), Some(required.to_string()));
        assert_eq!(bar.attribute("progress", "aria-label"), Some(text));
    }
}

/// The phase of a checkout: paying while waiting (until the countdown ends), confirming, or a
/// notice; a final outcome is never "pay".
#[wasm_bindgen_test]
fn phase_follows_state_outcome_and_the_countdown() {
    let waiting = checkout(&[]);
    assert_eq!(Phase::of(&waiting, false), Phase::Pay);
    assert_eq!(Phase::of(&waiting, true), Phase::Expired);
    let underpaid = checkout(&[("state", r#""underpaid""#)]);
    assert_eq!(Phase::of(&underpaid, false), Phase::Pay);
    let confirming = checkout(&[("state", r#""confirming""#)]);
    assert_eq!(Phase::of(&confirming, true), Phase::Confirming);
    let expired = checkout(&[("state", r#""expired""#), ("outcome", r#""failure""#)]);
    assert_eq!(Phase::of(&expired, false), Phase::Expired);
    let failed_underpaid = checkout(&[("state", r#""underpaid""#), ("outcome", r#""failure""#)]);
    assert_eq!(Phase::of(&failed_underpaid, true), Phase::Notice);
}

/// The underpaid sentence names what arrived, of what, and what is left, in the payer's
/// language; once the outcome is final it asks for nothing more.
#[wasm_bindgen_test]
fn underpaid_sentence_asks_for_the_remainder_only_while_pending() {
    let fields = [
        ("state", r#""underpaid""#),
        ("paid_amount", r#""20.00""#),
        ("remaining_amount", r#""30.00""#),
    ];
    let underpaid = checkout(&fields);
    assert_eq!(
        sentence(&underpaid, Phase::Pay, &Locale::new("es", vec![])),
        "Recibido 20.00 USDT de 50.00 USDT. Envíe 30.00 USDT más para completar el pago."
    );
    let closed = checkout(&[fields[0], fields[1], fields[2], ("outcome", r#""failure""#)]);
    assert_eq!(
        sentence(&closed, Phase::Notice, &english()),
        "Received 20.00 USDT of 50.00 USDT."
    );
}

/// A remainder below the gateway's minimum transfer is not asked for: no QR code for it, and
/// the payer is told to contact the merchant.
#[wasm_bindgen_test]
fn a_remainder_below_the_minimum_is_not_asked_for() {
    let fields = [
        ("state", r#""underpaid""#),
        ("paid_amount", r#""47.00""#),
        ("remaining_amount", r#""3.00""#),
        ("minimum_amount", r#""5""#),
    ];
    let short = checkout(&fields);
    assert_eq!(Phase::of(&short, false), Phase::Notice);
    assert_eq!(
        sentence(&short, Phase::Notice, &english()),
        "Received 47.00 USDT of 50.00 USDT. The remaining 3.00 USDT is less than the smallest \
         transfer processed (5 USDT): contact the merchant."
    );
    let payable = checkout(&[
        fields[0],
        fields[1],
        fields[2],
        ("minimum_amount", r#""3.00""#),
    ]);
    assert_eq!(Phase::of(&payable, false), Phase::Pay);
}

/// An overpayment whose funds still confirm is confirming: nothing says "received" before
/// they are (HAYVN holds a confirmed overpayment, pending, for the merchant to decide).
#[wasm_bindgen_test]
fn an_overpayment_is_received_only_once_its_funds_are() {
    let fields = [
        ("state", r#""overpaid""#),
        ("paid_amount", r#""55.00""#),
        ("excess_amount", r#""5.00""#),
        ("confirmations", r#"{"received":3,"required":19}"#),
    ];
    let pending = checkout(&fields);
    assert_eq!(Phase::of(&pending, false), Phase::Confirming);
    assert_eq!(
        sentence(&pending, Phase::Confirming, &english()),
        "Payment detected. Waiting for network confirmations. You sent 5.00 USDT more than \
         requested: contact the merchant about the difference."
    );
    let unconfirmed = checkout(&[
        fields[0],
        fields[1],
        fields[2],
        (
            "payments",
            r#"[{"id":null,"txid":"t1","amount":"55.00","sequence":null,"confirmed":false,"created_at":null}]"#,
        ),
    ]);
    assert_eq!(Phase::of(&unconfirmed, false), Phase::Confirming);
    let held = checkout(&[
        fields[0],
        fields[1],
        fields[2],
        ("confirmations", r#"{"received":19,"required":19}"#),
    ]);
    assert_eq!(Phase::of(&held, false), Phase::Notice);
    let paid = checkout(&[fields[0], fields[1], fields[2], ("outcome", r#""success""#)]);
    assert_eq!(Phase::of(&paid, false), Phase::Notice);
    assert_eq!(
        sentence(&paid, Phase::Notice, &english()),
        "Payment received. You sent 5.00 USDT more than requested: contact the merchant about \
         the difference."
    );
}

/// The root component polling a `data:` URL (a backend that always answers with the same
/// document), in top-up mode, with the events it fired.
async fn widget_serving(
    fields: &[(&str, &str)],
) -> (
    Rendered<CheckoutWidget>,
    Rc<RefCell<Vec<(WidgetEvent, Option<State>)>>>,
) {
    let events = Rc::new(RefCell::new(Vec::new()));
    let widget = Rendered::<CheckoutWidget>::new(serving(fields, &events)).await;
    widget.loaded().await;
    (widget, events)
}

/// The props of a root component polling a `data:` URL that serves `fields`, recording its
/// events in `events`.
fn serving(
    fields: &[(&str, &str)],
    events: &Rc<RefCell<Vec<(WidgetEvent, Option<State>)>>>,
) -> CheckoutProps {
    let body = checkout_json(fields);
    let url = format!(
        "data:application/json,{}",
        js_sys::encode_uri_component(&body)
    );
    polling(url, 500, events)
}

/// The props of a root component polling `url` every `poll_ms`, in top-up mode, recording its
/// events in `events`.
fn polling(
    url: String,
    poll_ms: u32,
    events: &Rc<RefCell<Vec<(WidgetEvent, Option<State>)>>>,
) -> CheckoutProps {
    let heard = events.clone();
    CheckoutProps {
        settings: Rc::new(Settings {
            status_url: AttrValue::from(url),
            source: Source {
                provider: None,
                mode: Mode::Topup,
            },
            poll_ms,
            locale: english(),
            theme: Theme::Dark,
            qr_format: QrFormat::Uri,
        }),
        on_event: Callback::from(move |(event, detail): (WidgetEvent, EventDetail)| {
            let state = detail.checkout.map(|checkout| checkout.state);
            heard.borrow_mut().push((event, state));
        }),
    }
}

impl Rendered<CheckoutWidget> {
    /// Waits (up to a second) until the widget shows a document.
    async fn loaded(&self) {
        for _ in 0..50 {
            if self.attribute(".cc", "data-state").as_deref() != Some("loading") {
                break;
            }
            settle(20).await;
        }
    }
}

/// An overpayment still confirming renders as confirming, with its progress.
#[wasm_bindgen_test]
async fn checkout_widget_shows_an_unconfirmed_overpayment_as_confirming() {
    let (widget, _events) = widget_serving(&[
        ("state", r#""overpaid""#),
        ("paid_amount", r#""55.00""#),
        ("excess_amount", r#""5.00""#),
        ("confirmations", r#"{"received":3,"required":19}"#),
    ])
    .await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("confirming")
    );
    assert!(widget.text(".cc-status").starts_with("Payment detected. "));
    assert_eq!(widget.text(".cc-confirmations p"), "Confirmations: 3 of 19");
}

/// Another status URL is another checkout: the one shown goes at once, and the new one opens
/// (and succeeds) with events of its own.
#[wasm_bindgen_test]
async fn a_new_status_url_shows_only_the_new_checkout() {
    let later = ("expires_at", r#""2099-01-01T00:00:00Z""#);
    let (mut widget, events) = widget_serving(&[later]).await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("awaiting_payment")
    );
    let paid = [
        ("state", r#""paid""#),
        ("outcome", r#""success""#),
        ("address", r#""TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7""#),
        ("paid_amount", r#""50.00""#),
        ("remaining_amount", r#""0""#),
        later,
    ];
    widget.app.as_mut().unwrap().update(serving(&paid, &events));
    yew::scheduler::flush().await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("loading")
    );
    assert!(
        widget.find(".cc-address").is_none(),
        "the old address is gone"
    );
    widget.loaded().await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("paid")
    );
    assert_eq!(
        *events.borrow(),
        [
            (WidgetEvent::Open, Some(State::AwaitingPayment)),
            (WidgetEvent::Open, Some(State::Paid)),
            (WidgetEvent::Success, Some(State::Paid)),
        ]
    );
}

/// A new poll interval alone goes on with the checkout shown: a failed reply after it shows
/// "reconnecting" over the same checkout, and `open` does not fire again.
#[wasm_bindgen_test]
async fn a_new_interval_keeps_the_checkout_shown_through_a_failure() {
    let body = checkout_json(&[("expires_at", r#""2099-01-01T00:00:00Z""#)]);
    let url = js_sys::Function::new_with_args(
        "body",
        "return URL.createObjectURL(new Blob([body], { type: 'application/json' }))",
    )
    .call1(&JsValue::NULL, &body.into())
    .unwrap()
    .as_string()
    .unwrap();
    let events = Rc::new(RefCell::new(Vec::new()));
    let mut widget = Rendered::<CheckoutWidget>::new(polling(url.clone(), 60_000, &events)).await;
    widget.loaded().await;
    assert!(widget.find(".cc-address").is_some());
    // The status URL stops answering, and the interval changes.
    js_sys::Function::new_with_args("url", "URL.revokeObjectURL(url)")
        .call1(&JsValue::NULL, &url.clone().into())
        .unwrap();
    widget
        .app
        .as_mut()
        .unwrap()
        .update(polling(url, 30_000, &events));
    settle(300).await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("awaiting_payment")
    );
    assert!(widget.find(".cc-address").is_some(), "the address stays");
    assert_eq!(
        *events.borrow(),
        [
            (WidgetEvent::Open, Some(State::AwaitingPayment)),
            (WidgetEvent::Error, Some(State::AwaitingPayment)),
        ]
    );
}

/// The root shows the title, the status, the countdown, the top-up note, and fires `open`
/// once: a second poll of the unchanged document fires nothing more.
#[wasm_bindgen_test]
async fn checkout_widget_shows_the_served_document_and_fires_open() {
    let (widget, events) = widget_serving(&[("expires_at", r#""2099-01-01T00:00:00Z""#)]).await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("awaiting_payment")
    );
    assert_eq!(widget.text(".cc-title"), "Pay with USDT on TRON (TRC-20)");
    assert_eq!(widget.text(".cc-status"), "Waiting for your payment.");
    assert!(widget.text(".cc-countdown").starts_with("Expires in "));
    assert_eq!(
        widget.attribute(".cc", "data-theme").as_deref(),
        Some("dark")
    );
    assert_eq!(
        widget.attribute(".cc-body", "aria-busy").as_deref(),
        Some("false")
    );
    // The live region is never inside a busy element.
    assert!(widget
        .get(".cc-status")
        .closest("[aria-busy]")
        .unwrap()
        .is_none());
    assert!(
        widget
            .texts(".cc-note")
            .iter()
            .any(|note| note
                == "You can send more to this address later: every transfer is credited.")
    );
    assert!(widget.get(".cc-expired").has_attribute("hidden"));
    settle(700).await;
    assert_eq!(
        *events.borrow(),
        [(WidgetEvent::Open, Some(State::AwaitingPayment))]
    );
}

/// A document still awaiting payment after its `expires_at` shows as expired here (the
/// backend may not have said so yet): no address, the "new payment" action, and the `open`
/// then `expired` events.
#[wasm_bindgen_test]
async fn checkout_widget_past_expiry_shows_expired() {
    let (widget, events) = widget_serving(&[]).await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("expired")
    );
    assert_eq!(
        widget.text(".cc-status"),
        "This payment request has expired."
    );
    assert!(widget.find(".cc-address").is_none());
    assert!(!widget.get(".cc-expired").has_attribute("hidden"));
    assert_eq!(
        *events.borrow(),
        [
            (WidgetEvent::Open, Some(State::AwaitingPayment)),
            (WidgetEvent::Expired, Some(State::AwaitingPayment))
        ]
    );
    widget.click(".cc-expired button").await;
    assert_eq!(
        events.borrow().last(),
        Some(&(WidgetEvent::Cancel, Some(State::AwaitingPayment)))
    );
}

/// When the view that held the focus goes at expiry, the focus moves to "start a new payment".
#[wasm_bindgen_test]
async fn at_expiry_the_lost_focus_moves_to_the_new_payment_button() {
    let soon = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + 1_200.0));
    let expires_at = format!("\"{}\"", String::from(soon.to_iso_string()));
    let (widget, _events) = widget_serving(&[("expires_at", &expires_at)]).await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("awaiting_payment")
    );
    let copy = widget.get(".cc-copy").dyn_into::<HtmlElement>().unwrap();
    copy.focus().unwrap();
    settle(2_500).await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("expired")
    );
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element();
    assert_eq!(focused, widget.find(".cc-expired button"));
}

/// Focus elsewhere on the page stays there at expiry.
#[wasm_bindgen_test]
async fn at_expiry_focus_elsewhere_on_the_page_stays() {
    let soon = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + 1_200.0));
    let expires_at = format!("\"{}\"", String::from(soon.to_iso_string()));
    let (widget, _events) = widget_serving(&[("expires_at", &expires_at)]).await;
    let document = web_sys::window().unwrap().document().unwrap();
    let input = document.create_element("input").unwrap();
    document.body().unwrap().append_child(&input).unwrap();
    input
        .clone()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .focus()
        .unwrap();
    settle(2_500).await;
    assert_eq!(
        widget.attribute(".cc", "data-state").as_deref(),
        Some("expired")
    );
    assert_eq!(document.active_element(), Some(input.clone()));
    input.remove();
}
