//! A QR code as a small SVG: black modules on white, with the standard quiet zone of four
//! modules, error-correction level M (15 % of the symbol may be lost to a crease, a stain or a
//! glare spot on the projector screen and it still reads) and one path that strokes each
//! horizontal run of dark modules with a relative move from the run before, so a join address
//! is two or three kilobytes. The SVG holds geometry only, no text, script, style
//! or link, whatever the encoded text is. The `qrcode` crate makes the symbol and lays it out;
//! this module only draws it.

use qrcode::render::{Canvas, Pixel};
use qrcode::types::{Color, QrError};
use qrcode::{EcLevel, QrCode};

/// Pixels per module at the SVG's own size, for a viewer that does not scale it (it is a vector
/// image, so print and CSS sizes are sharp whatever this is).
const PIXELS_PER_MODULE: u32 = 8;

#[derive(Debug, thiserror::Error)]
#[error("the text does not fit a QR code: {0}")]
pub struct TooLong(QrError);

/// The SVG of a QR code holding `text`.
pub fn qr_svg(text: &str) -> Result<String, TooLong> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).map_err(TooLong)?;
    Ok(code.render::<Module>().module_dimensions(1, 1).build())
}

/// The renderer's pixel type: its colours are fixed, so it carries nothing.
#[derive(Clone, Copy)]
struct Module;

impl Pixel for Module {
    type Image = String;
    type Canvas = RunCanvas;

    fn default_color(_: Color) -> Self {
        Module
    }
}

/// Gathers dark modules into horizontal runs. The renderer visits modules row by row, left to
/// right, so a module right after the current run extends it.
struct RunCanvas {
    /// Modules per side, quiet zone included.
    size: u32,
    path: String,
    run: Option<Run>,
    /// Where the path's pen is: the end of the last run drawn (at mid-height of its row).
    pen: (i64, i64),
}

struct Run {
    x: u32,
    y: u32,
    width: u32,
}

impl RunCanvas {
    /// A run is a one-module-wide stroke along the middle of its row: `m` moves there from the
    /// end of the previous run (the first `m` of a path is absolute, from 0 0), `h` draws it.
    fn close_run(&mut self) {
        if let Some(Run { x, y, width }) = self.run.take() {
            let (x, y) = (i64::from(x), i64::from(y));
            let (dx, dy) = (x - self.pen.0, y - self.pen.1);
            self.path.push_str(&format!("m{dx} {dy}h{width}"));
            self.pen = (x + i64::from(width), y);
        }
    }
}

impl Canvas for RunCanvas {
    type Pixel = Module;
    type Image = String;

    fn new(width: u32, _height: u32, _dark: Module, _light: Module) -> Self {
        RunCanvas {
            size: width,
            path: String::new(),
            run: None,
            pen: (0, 0),
        }
    }

    fn draw_dark_pixel(&mut self, x: u32, y: u32) {
        match &mut self.run {
            Some(run) if run.y == y && run.x + run.width == x => run.width += 1,
            _ => {
                self.close_run();
                self.run = Some(Run { x, y, width: 1 });
            }
        }
    }

    fn into_image(mut self) -> String {
        self.close_run();
        let n = self.size;
        let px = n * PIXELS_PER_MODULE;
        // Strokes are one unit wide by default; half a unit down, each covers exactly its row.
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" width=\"{px}\" \
             height=\"{px}\" shape-rendering=\"crispEdges\"><rect width=\"{n}\" height=\"{n}\" \
             fill=\"#fff\"/><path transform=\"translate(0 .5)\" fill=\"none\" \
             stroke=\"#000\" d=\"{}\"/></svg>",
            self.path
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules of `text`'s symbol as the SVG draws them: true where a run covers a module.
    fn drawn_modules(svg: &str) -> (usize, Vec<bool>) {
        let n: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("a viewBox");
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a path");
        let mut dark = vec![false; n * n];
        let mut pen = (0i64, 0i64);
        for run in d.split('m').filter(|r| !r.is_empty()) {
            let (dxy, width) = run.split_once('h').expect("m dx dy h w");
            let (dx, dy) = dxy.split_once(' ').expect("dx dy");
            let (dx, dy, width): (i64, i64, i64) = (
                dx.parse().expect("dx"),
                dy.parse().expect("dy"),
                width.parse().expect("w"),
            );
            let (x, y) = (pen.0 + dx, pen.1 + dy);
            let start = usize::try_from(y * n as i64 + x).expect("inside");
            for module in &mut dark[start..start + width as usize] {
                assert!(!*module, "runs overlap");
                *module = true;
            }
            pen = (x + width, y);
        }
        (n, dark)
    }

    #[test]
    fn the_svg_draws_exactly_the_symbol_inside_a_quiet_zone() {
        let text = "https://talkoot.example.fi/#/join/48215903";
        let svg = qr_svg(text).expect("fits");
        let code = QrCode::with_error_correction_level(text, EcLevel::M).expect("fits");
        let (n, dark) = drawn_modules(&svg);
        let w = code.width();
        assert_eq!(n, w + 8, "four modules of quiet zone on each side");
        let colors = code.to_colors();
        for y in 0..n {
            for x in 0..n {
                let inside = (4..w + 4).contains(&x) && (4..w + 4).contains(&y);
                let expected = inside && colors[(y - 4) * w + (x - 4)] == Color::Dark;
                assert_eq!(dark[y * n + x], expected, "module ({x}, {y})");
            }
        }
        assert!(
            svg.len() < 2_500,
            "a join address is small: {} bytes",
            svg.len()
        );
    }
}
