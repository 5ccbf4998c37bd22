//! A button that copies one exact text and says so.

use yew::prelude::*;

use crate::widget::hooks::{use_click, use_copy, CopyState};
use crate::widget::i18n::{Locale, Text};
use std::rc::Rc;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// Exactly what lands on the clipboard.
    pub text: AttrValue,
    /// What the button copies, for screen readers ("Copy the address").
    pub label: AttrValue,
    /// The texts.
    pub locale: Rc<Locale>,
}

/// "Copy", then "Copied" for two seconds (or the failure, which stays until the next try).
#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let (state, copy) = use_copy(props.text.clone());
    let button = use_click(copy);
    let (shown, name) = match state {
        CopyState::Idle => (Text::Copy, "idle"),
        CopyState::Copied => (Text::Copied, "copied"),
        CopyState::Failed => (Text::CopyFailed, "failed"),
    };
    let shown = props.locale.text(shown);
    let label = match state {
        CopyState::Idle => props.label.clone(),
        _ => AttrValue::from(shown.to_owned()),
    };
    html! {
        <>
            <button type="button" class="cc-button cc-copy" part="button" ref={button}
                aria-label={label} data-state={name}>
                { shown.to_owned() }
            </button>
            // Says "Copied" (or the failure) aloud: screen readers may not announce the
            // focused button's new label.
            <span class="cc-sr-only" role="status">
                if state != CopyState::Idle {
                    { shown.to_owned() }
                }
            </span>
        </>
    }
}
