//! The checkout document and the payment event as JSON text, keys in the schemas' order
//! (`schema/checkout-document.v1.json`, `schema/payment-event.v1.json`).

use super::{Checkout, Confirmations, Fiat, PaymentEvent, Transfer, Warning};
use crate::json::string::push_json_string;
use std::fmt::Display;

/// The `schema` of a checkout document.
pub const CHECKOUT_SCHEMA: &str = "crypto-checkout/v1";
/// The `schema` of a payment event.
pub const EVENT_SCHEMA: &str = "crypto-checkout/event/v1";

/// Writes one JSON object, member by member.
struct Object {
    out: String,
    first: bool,
}

impl Object {
    fn new() -> Self {
        Object {
            out: String::from("{"),
            first: true,
        }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_json_string(&mut self.out, key, false);
        self.out.push(':');
        &mut self.out
    }

    fn string(&mut self, key: &str, value: &str) -> &mut Self {
        push_json_string(self.key(key), value, false);
        self
    }

    fn optional_string(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.string(key, value),
            None => self.raw(key, "null"),
        }
    }

    /// A decimal amount, as a string.
    fn decimal(&mut self, key: &str, value: Option<&impl Display>) -> &mut Self {
        let text = value.map(ToString::to_string);
        self.optional_string(key, text.as_deref())
    }

    fn raw(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key).push_str(json);
        self
    }

    fn finish(&mut self) -> String {
        self.out.push('}');
        std::mem::take(&mut self.out)
    }
}

fn array<T>(items: &[T], write: impl Fn(&T) -> String) -> String {
    let parts: Vec<String> = items.iter().map(write).collect();
    format!("[{}]", parts.join(","))
}

fn fiat(fiat: Option<&Fiat>) -> String {
    fiat.map_or_else(
        || "null".to_owned(),
        |fiat| {
            Object::new()
                .string("currency", &fiat.currency)
                .decimal("amount", fiat.amount.as_ref())
                .finish()
        },
    )
}

fn confirmations(confirmations: Option<&Confirmations>) -> String {
    confirmations.map_or_else(
        || "null".to_owned(),
        |confirmations| {
            let required = confirmations
                .required
                .map_or_else(|| "null".to_owned(), |required| required.to_string());
            Object::new()
                .raw("received", &confirmations.received.to_string())
                .raw("required", &required)
                .finish()
        },
    )
}

fn transfer(transfer: &Transfer) -> String {
    Object::new()
        .optional_string("id", transfer.id.as_deref())
        .optional_string("txid", transfer.txid.as_deref())
        .decimal("amount", Some(&transfer.amount))
        .optional_string("sequence", transfer.sequence.as_deref())
        .raw(
            "confirmed",
            if transfer.confirmed { "true" } else { "false" },
        )
        .optional_string("created_at", transfer.created_at.as_deref())
        .finish()
}

fn warning(warning: &Warning) -> String {
    Object::new()
        .string("code", warning.code)
        .string("message", &warning.message)
        .finish()
}

fn string(text: &str) -> String {
    let mut out = String::new();
    push_json_string(&mut out, text, false);
    out
}

/// The checkout document as JSON.
pub(super) fn checkout(checkout: &Checkout) -> String {
    Object::new()
        .string("schema", CHECKOUT_SCHEMA)
        .string("id", &checkout.id)
        .string("provider", checkout.provider.as_str())
        .string("direction", checkout.direction.as_str())
        .string("state", checkout.state.as_str())
        .string("outcome", checkout.outcome.as_str())
        .string("provider_status", &checkout.provider_status)
        .optional_string("order_id", checkout.order_id.as_deref())
        .optional_string("coin", checkout.coin.map(|coin| coin.ticker()))
        .optional_string("network", checkout.network.map(|network| network.as_str()))
        .optional_string("address", checkout.address.as_deref())
        .optional_string("tag", checkout.tag.as_deref())
        .decimal("amount", checkout.amount.as_ref())
        .decimal("minimum_amount", checkout.minimum_amount.as_ref())
        .decimal("paid_amount", Some(&checkout.paid_amount))
        .decimal("remaining_amount", checkout.remaining_amount.as_ref())
        .decimal("excess_amount", checkout.excess_amount.as_ref())
        .raw("fiat", &fiat(checkout.fiat.as_ref()))
        .raw(
            "confirmations",
            &confirmations(checkout.confirmations.as_ref()),
        )
        .optional_string("expires_at", checkout.expires_at.as_deref())
        .optional_string("created_at", checkout.created_at.as_deref())
        .raw("payments", &array(&checkout.payments, transfer))
        .raw("warnings", &array(&checkout.warnings, warning))
        .finish()
}

/// The payment event as JSON.
pub(super) fn event(event: &PaymentEvent) -> String {
    Object::new()
        .string("schema", EVENT_SCHEMA)
        .string("provider", event.provider.as_str())
        .string("event_key", &event.event_key)
        .optional_string("event_type", event.event_type.as_deref())
        .optional_string("payment_id", event.payment_id.as_deref())
        .optional_string("order_id", event.order_id.as_deref())
        .string("direction", event.direction.as_str())
        .string("state", event.state.as_str())
        .string("outcome", event.outcome.as_str())
        .string("provider_status", &event.provider_status)
        .optional_string("coin", event.coin.map(|coin| coin.ticker()))
        .optional_string("network", event.network.map(|network| network.as_str()))
        .optional_string("address", event.address.as_deref())
        .optional_string("tag", event.tag.as_deref())
        .decimal("amount", event.amount.as_ref())
        .decimal("paid_amount", event.paid_amount.as_ref())
        .raw("txids", &array(&event.txids, |txid| string(txid)))
        .raw("payments", &array(&event.payments, transfer))
        .optional_string("sequence", event.sequence.as_deref())
        .raw(
            "confirmations",
            &confirmations(event.confirmations.as_ref()),
        )
        .raw("fiat", &fiat(event.fiat.as_ref()))
        .raw("warnings", &array(&event.warnings, warning))
        .finish()
}
