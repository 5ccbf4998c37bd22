//! Reads the status URL's response into a checkout.
//!
//! A checkout document's amounts are strings, so the browser's own `JSON.parse` reads it
//! exactly, and the widget needs no JSON parser of its own: the parsed object becomes a
//! [`Value`] and goes through [`Checkout::from_value`], as strict as on the server. A gateway's
//! own status document (option `provider`) has amounts as JSON numbers that only the SDK reads
//! exactly: the SDK module is loaded for it on first use.

use js_sys::{Array, JsString, Object, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::json::value::{Value, MAX_VALUE_DEPTH};
use crate::payment::{Checkout, Gateway, Mode};

/// The checkout in `body`: a checkout document, or with `provider` that gateway's status
/// document, normalized by the SDK.
pub async fn read(body: &str, provider: Option<Gateway>, mode: Mode) -> Result<Checkout, String> {
    let document = match provider {
        None => JSON::parse(body)
            .map_err(|error| format!("the response is not JSON: {}", message(&error)))?,
        Some(gateway) => {
            let mode = match mode {
                Mode::Purchase => "purchase",
                Mode::Topup => "topup",
            };
            let promise = crate::wasm::normalize_gateway_document(gateway.as_str(), body, mode);
            JsFuture::from(promise)
                .await
                .map_err(|error| message(&error))?
        }
    };
    let value = value_of(&document, 0)?;
    Checkout::from_value(&value).map_err(|error| error.to_string())
}

/// The message of a thrown value.
pub fn message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => error
            .as_string()
            .unwrap_or_else(|| "unknown error".to_owned()),
    }
}

/// A value `JSON.parse` (or the SDK) made, as a [`Value`]: numbers keep the text JavaScript
/// writes for them, and nesting beyond [`MAX_VALUE_DEPTH`] is an error, not a deep recursion.
fn value_of(js: &JsValue, depth: usize) -> Result<Value, String> {
    if depth > MAX_VALUE_DEPTH {
        return Err(format!(
            "the document nests deeper than {MAX_VALUE_DEPTH} levels"
        ));
    }
    if js.is_null() || js.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(flag) = js.as_bool() {
        return Ok(Value::Bool(flag));
    }
    if let Some(text) = js.as_string() {
        return Ok(Value::String(text));
    }
    if js.as_f64().is_some() {
        let text: JsString = js
            .unchecked_ref::<js_sys::Number>()
            .to_string_with_radix(10)
            .unwrap_or_default();
        return Ok(Value::Number(text.into()));
    }
    if let Some(items) = js.dyn_ref::<Array>() {
        return items
            .iter()
            .map(|item| value_of(&item, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    let object: &Object = js.unchecked_ref();
    Object::entries(object)
        .iter()
        .map(|entry| {
            let entry: Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            Ok((key, value_of(&entry.get(1), depth + 1)?))
        })
        .collect::<Result<_, _>>()
        .map(Value::Object)
}
