//! The checkout document and the payment event as JSON text, keys in the schemas' order
//! (`schema/checkout-document.v1.json`, `schema/payment-event.v1.json`), and the checkout
//! document read back.

use super::money::Amount;
use super::read::{is_document_time, Node};
use super::{
    Checkout, Confirmations, Direction, Fiat, Gateway, Outcome, PaymentEvent, State, Transfer,
    Warning,
};
use crate::asset::{Coin, Network};
use crate::error::{PaymentError, PaymentErrorKind};
use crate::json::string::push_json_string;
use crate::json::value::{self, Value};
use crate::json::Text;
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
        .string("code", &warning.code)
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
    let mut object = Object::new();
    object
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
        .optional_string("created_at", checkout.created_at.as_deref());
    // Optional in the schema: written only where the backend gives one.
    if let Some(revision) = checkout.revision {
        object.raw("revision", &revision.to_string());
    }
    object
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

/// The name of the checkout document in errors, in place of a gateway's.
const CHECKOUT_DOCUMENT: &str = "checkout document";

/// Reads a checkout document strictly (see [`Checkout::from_json`]).
pub(super) fn read_checkout<'a>(text: impl Into<Text<'a>>) -> Result<Checkout, PaymentError> {
    let value = value::parse(text).map_err(|error| {
        PaymentError::new(CHECKOUT_DOCUMENT, PaymentErrorKind::InvalidJson(error))
    })?;
    read_checkout_value(&value)
}

/// Reads a checkout document already parsed into a [`Value`].
pub(super) fn read_checkout_value(value: &Value) -> Result<Checkout, PaymentError> {
    let root = Node::root(CHECKOUT_DOCUMENT, value).object()?;
    root.exactly_and(
        &[
            "schema",
            "id",
            "provider",
            "direction",
            "state",
            "outcome",
            "provider_status",
            "order_id",
            "coin",
            "network",
            "address",
            "tag",
            "amount",
            "minimum_amount",
            "paid_amount",
            "remaining_amount",
            "excess_amount",
            "fiat",
            "confirmations",
            "expires_at",
            "created_at",
            "payments",
            "warnings",
        ],
        &["revision"],
    )?;
    let schema = root.require("schema")?;
    if schema.string()? != CHECKOUT_SCHEMA {
        return Err(schema.invalid(format!("is not `{CHECKOUT_SCHEMA}`")));
    }
    let provider = root.require("provider")?;
    let provider = Gateway::ALL
        .into_iter()
        .find(|gateway| gateway.as_str() == provider.string().unwrap_or_default())
        .ok_or_else(|| provider.invalid("names no supported gateway"))?;
    let direction = named(&root.require("direction")?, &Direction::ALL, |d| d.as_str())?;
    let state = named(&root.require("state")?, &State::ALL, |s| s.as_str())?;
    let outcome_node = root.require("outcome")?;
    let outcome = named(&outcome_node, &Outcome::ALL, |o| o.as_str())?;
    if !state.outcomes(direction).contains(&outcome) {
        return Err(outcome_node.invalid(format!(
            "is `{}`, which contradicts state `{}` of a {}",
            outcome.as_str(),
            state.as_str(),
            direction.as_str()
        )));
    }
    let coin = match root.get("coin") {
        Some(node) => Some(named(&node, &Coin::ALL, |c| c.ticker())?),
        None => None,
    };
    let network = match root.get("network") {
        Some(node) => Some(named(&node, &Network::ALL, |n| n.as_str())?),
        None => None,
    };
    let fiat = match root.get("fiat") {
        Some(node) => {
            let node = node.object()?;
            node.exactly(&["currency", "amount"])?;
            Some(Fiat {
                currency: node.require("currency")?.string()?.to_owned(),
                amount: decimal(&node, "amount")?,
            })
        }
        None => None,
    };
    let confirmations = match root.get("confirmations") {
        Some(node) => {
            let node = node.object()?;
            node.exactly(&["received", "required"])?;
            Some(Confirmations {
                received: integer(&node.require("received")?)?,
                required: node
                    .get("required")
                    .map(|node| integer(&node))
                    .transpose()?,
            })
        }
        None => None,
    };
    let payments =
        root.require("payments")?
            .items()?
            .into_iter()
            .map(|item| {
                let item = item.object()?;
                item.exactly(&[
                    "id",
                    "txid",
                    "amount",
                    "sequence",
                    "confirmed",
                    "created_at",
                ])?;
                let confirmed = item.require("confirmed")?;
                Ok(Transfer {
                    id: optional_string(&item, "id")?,
                    txid: optional_string(&item, "txid")?,
                    amount: required_decimal(&item, "amount")?,
                    sequence: optional_string(&item, "sequence")?,
                    confirmed: match confirmed.value {
                        Value::Bool(confirmed) => *confirmed,
                        other => {
                            return Err(confirmed
                                .invalid(format!("must be a boolean, not {}", other.kind())))
                        }
                    },
                    created_at: time(&item, "created_at")?,
                })
            })
            .collect::<Result<Vec<_>, PaymentError>>()?;
    let warnings = root
        .require("warnings")?
        .items()?
        .into_iter()
        .map(|item| {
            let item = item.object()?;
            item.exactly(&["code", "message"])?;
            Ok(Warning {
                code: item.require("code")?.string()?.to_owned(),
                message: item.require("message")?.string()?.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, PaymentError>>()?;
    Ok(Checkout {
        id: root.require("id")?.string()?.to_owned(),
        provider,
        direction,
        state,
        outcome,
        provider_status: root.require("provider_status")?.string()?.to_owned(),
        order_id: optional_string(&root, "order_id")?,
        coin,
        network,
        address: optional_string(&root, "address")?,
        tag: optional_string(&root, "tag")?,
        amount: decimal(&root, "amount")?,
        minimum_amount: decimal(&root, "minimum_amount")?,
        paid_amount: required_decimal(&root, "paid_amount")?,
        remaining_amount: decimal(&root, "remaining_amount")?,
        excess_amount: decimal(&root, "excess_amount")?,
        fiat,
        confirmations,
        expires_at: time(&root, "expires_at")?,
        created_at: time(&root, "created_at")?,
        revision: root
            .get("revision")
            .map(|node| integer(&node))
            .transpose()?,
        payments,
        warnings,
    })
}

/// The member of `all` whose name (by `name`) the string at `node` is.
fn named<T: Copy>(
    node: &Node<'_>,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Result<T, PaymentError> {
    let text = node.string()?;
    all.iter()
        .copied()
        .find(|item| name(*item) == text)
        .ok_or_else(|| node.invalid(format!("`{text}` is not one of the schema's values")))
}

/// A string member that may be `null`.
fn optional_string(node: &Node<'_>, key: &str) -> Result<Option<String>, PaymentError> {
    node.get(key)
        .map(|node| node.string().map(str::to_owned))
        .transpose()
}

/// A time as the schema writes it (RFC 3339, the fraction of a second and the offset
/// optional), or `null`.
fn time(node: &Node<'_>, key: &str) -> Result<Option<String>, PaymentError> {
    let Some(node) = node.get(key) else {
        return Ok(None);
    };
    let text = node.string()?;
    if !is_document_time(text) {
        return Err(node.invalid("is not an RFC 3339 time (`2024-01-15T10:30:00Z`)"));
    }
    Ok(Some(text.to_owned()))
}

/// A decimal amount written as a string (`"50.00"`: no exponent, not negative), or `null`.
fn decimal(node: &Node<'_>, key: &str) -> Result<Option<Amount>, PaymentError> {
    let Some(node) = node.get(key) else {
        return Ok(None);
    };
    let text = node.string()?;
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte == b'.')
        && text.bytes().filter(|&byte| byte == b'.').count() <= 1;
    if !plain {
        return Err(node.invalid(format!("`{text}` is not decimal text like \"50.00\"")));
    }
    node.amount().map(Some)
}

fn required_decimal(node: &Node<'_>, key: &str) -> Result<Amount, PaymentError> {
    decimal(node, key)?.ok_or_else(|| node.error(PaymentErrorKind::MissingField(key.to_owned())))
}

/// A non-negative integer that is a JSON number.
fn integer(node: &Node<'_>) -> Result<u64, PaymentError> {
    match node.value {
        Value::Number(_) => node.count(),
        other => Err(node.invalid(format!("must be an integer, not {}", other.kind()))),
    }
}
