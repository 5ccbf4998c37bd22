//! QR codes of payment URIs, drawn as SVG.
//!
//! The SVG is one `<path>` of the dark modules (each row's runs merged) on a light square
//! with the 4-module quiet zone that scanners need, and a `viewBox` in modules, so it scales
//! to any size without blurring. Dark on light, always: many wallet scanners cannot read an
//! inverted code, so a dark theme must not recolour it.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::{self, Write};

/// Modules of light margin around the code, as ISO/IEC 18004 requires.
pub const QUIET_ZONE: usize = 4;

/// Why a text has no QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// The text is longer than a QR code (version 40, error correction M) holds.
    TooLong(usize),
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::TooLong(length) => write!(
                f,
                "a text of {length} bytes is too long for a qr code (at most 2331)"
            ),
        }
    }
}

impl std::error::Error for QrError {}

/// The QR code of `text` (error correction level M: 15% of the code may be damaged) as an
/// SVG document.
pub fn qr_svg(text: &str) -> Result<String, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| QrError::TooLong(text.len()))?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d=""##
    );
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let run = row[x..]
                .iter()
                .take_while(|&&color| color == Color::Dark)
                .count();
            // Writing to a String cannot fail.
            let _ = write!(
                svg,
                "M{} {}h{run}v1h-{run}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE
            );
            x += run;
        }
    }
    svg.push_str(r#""/></svg>"#);
    Ok(svg)
}
