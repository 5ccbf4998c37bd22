//! The QR codes of `src/qr.rs`, read back from the SVG text by an independent decoder (rqrr):
//! every payment URI of `tests/vectors/uri/cases.json` and texts up to the largest code.

use crypto_checkout::qr::{qr_svg, QrError, QUIET_ZONE};

/// The dark modules of an SVG drawn by `qr_svg`, as a grid of `size × size` modules.
fn modules(svg: &str) -> (usize, Vec<bool>) {
    let view_box = svg.split("viewBox=\"0 0 ").nth(1).expect("a viewBox");
    let size: usize = view_box.split(' ').next().unwrap().parse().unwrap();
    let path = svg
        .split(" d=\"")
        .nth(1)
        .expect("a path")
        .split('"')
        .next()
        .unwrap();
    let mut grid = vec![false; size * size];
    for command in path.split('M').filter(|command| !command.is_empty()) {
        // `{x} {y}h{run}v1h-{run}z`
        let (position, rest) = command.split_once('h').expect("a run");
        let (x, y) = position.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
        assert!(rest.ends_with(&format!("v1h-{run}z")), "{command}");
        for column in x..x + run {
            grid[y * size + column] = true;
        }
    }
    (size, grid)
}

/// Decodes the SVG as a scanner would see it: 2 pixels per module, then rqrr.
fn decode(svg: &str) -> String {
    let (size, grid) = modules(svg);
    for edge in 0..size {
        for (x, y) in [(edge, 0), (0, edge), (edge, size - 1), (size - 1, edge)] {
            assert!(!grid[y * size + x], "the quiet zone is light");
        }
    }
    let scale = 2;
    let pixels = size * scale;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| {
        if grid[(y / scale) * size + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    let (_, content) = grids[0].decode().expect("a readable code");
    content
}

#[test]
fn every_payment_uri_reads_back() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/uri/cases.json");
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut count = 0;
    for case in cases["cases"].as_array().unwrap() {
        let Some(uri) = case["uri"].as_str() else {
            continue;
        };
        let svg = qr_svg(uri).unwrap();
        assert_eq!(decode(&svg), uri, "{}", case["name"]);
        count += 1;
    }
    assert!(count > 250, "{count} URIs");
}

#[test]
fn sizes_up_to_the_largest_code() {
    for length in [1, 50, 300, 1_000, 2_331] {
        let text: String = (0..length)
            .map(|index| char::from(b'a' + (index % 26) as u8))
            .collect();
        let svg = qr_svg(&text).unwrap();
        assert_eq!(decode(&svg), text, "{length} bytes");
        let (size, _) = modules(&svg);
        assert!(size >= 21 + 2 * QUIET_ZONE);
    }
    assert_eq!(qr_svg(&"a".repeat(2_332)), Err(QrError::TooLong(2_332)));
    // Text is data, never markup: the SVG holds only the path.
    let svg = qr_svg("<script>alert(1)</script>\"&").unwrap();
    assert!(!svg.contains("script") && svg.matches('"').count() % 2 == 0);
}
