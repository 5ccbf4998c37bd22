//! Checkout documents for the widget's tests: the scripted backend's default document
//! (scripts/checkout-backend.mjs), with any members replaced.

use crate::payment::Checkout;

/// `checkoutDocument()` of scripts/checkout-backend.mjs (50.00 USDT on TRON awaiting
/// payment), member by member, values as JSON text; fixed times instead of "now".
const DEFAULT_DOCUMENT: [(&str, &str); 23] = [
    ("schema", r#""crypto-checkout/v1""#),
    ("id", r#""chk_demo_1""#),
    ("provider", r#""heropayments""#),
    ("direction", r#""deposit""#),
    ("state", r#""awaiting_payment""#),
    ("outcome", r#""pending""#),
    ("provider_status", r#""waiting""#),
    ("order_id", r#""order-1001""#),
    ("coin", r#""USDT""#),
    ("network", r#""tron""#),
    ("address", r#""TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE""#),
    ("tag", "null"),
    ("amount", r#""50.00""#),
    ("minimum_amount", r#""5""#),
    ("paid_amount", r#""0""#),
    ("remaining_amount", r#""50.00""#),
    ("excess_amount", "null"),
    ("fiat", r#"{"currency":"USD","amount":"50.00"}"#),
    ("confirmations", "null"),
    ("expires_at", r#""2026-01-15T10:15:00Z""#),
    ("created_at", r#""2026-01-15T10:00:00Z""#),
    ("payments", "[]"),
    ("warnings", "[]"),
];

/// Members of a checkout document to replace: (name, value as JSON text).
pub type Fields = &'static [(&'static str, &'static str)];

/// The default checkout document as JSON text, with `fields` (name, JSON text) replaced.
pub fn checkout_json(fields: &[(&str, &str)]) -> String {
    for (name, _) in fields {
        assert!(
            DEFAULT_DOCUMENT.iter().any(|(member, _)| member == name) || *name == "revision",
            "the checkout document has no member `{name}`"
        );
    }
    let mut members: Vec<String> = DEFAULT_DOCUMENT
        .iter()
        .map(|(name, default)| {
            let value = fields
                .iter()
                .find(|(field, _)| field == name)
                .map_or(*default, |(_, value)| *value);
            format!("\"{name}\":{value}")
        })
        .collect();
    // `revision` is optional: there only when given.
    if let Some((_, revision)) = fields.iter().find(|(field, _)| *field == "revision") {
        members.push(format!("\"revision\":{revision}"));
    }
    format!("{{{}}}", members.join(","))
}

/// The default checkout with `fields` (name, JSON text) replaced, read strictly.
pub fn checkout(fields: &[(&str, &str)]) -> Checkout {
    Checkout::from_json(checkout_json(fields).as_str()).expect("a checkout document")
}
