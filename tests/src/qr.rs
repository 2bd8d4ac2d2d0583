//! Reading a served QR code the way a phone would: the SVG is rasterised by a real SVG renderer
//! (resvg), and the picture is read by a real QR decoder (rqrr), which knows nothing of how the
//! server drew it.

use anyhow::{Context, bail};

/// The text in the QR code an SVG shows; fails unless there is exactly one readable code.
pub fn decode_qr_svg(svg: &str) -> anyhow::Result<String> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .context("the SVG does not parse")?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .context("the SVG has no size")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let (width, height) = (pixmap.width() as usize, pixmap.height() as usize);
    let pixels = pixmap.data();
    // Anything the SVG leaves transparent counts as white paper.
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let i = (y * width + x) * 4;
        let (red, alpha) = (u16::from(pixels[i]), u16::from(pixels[i + 3]));
        (red + (255 - alpha)).min(255) as u8
    });
    let grids = image.detect_grids();
    if grids.len() != 1 {
        bail!("expected one QR code in the picture, found {}", grids.len());
    }
    let (_, text) = grids[0].decode().context("the QR code does not decode")?;
    Ok(text)
}
