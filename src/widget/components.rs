//! The widget's yew components, one per file.

pub mod checkout;
pub mod copy_button;
pub mod countdown;
pub mod payment_details;
pub mod qr_code;
pub mod status_message;

#[cfg(test)]
mod tests;
