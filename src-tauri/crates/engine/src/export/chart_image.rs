//! Chart images for reports and exports (plotters): line, bar and stacked bar over periods, as
//! PNG or SVG, with a title, a legend, axis labels, thousands separators, readable period
//! labels and the same colour palette as the window. The font is built in, so an image looks
//! the same on every machine and needs no system fonts.

use std::path::Path;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use serde::{Deserialize, Serialize};

use crate::error::EngineError;
use crate::fsio::{plain_io, temp_path};
use crate::pivot::Chart;

const FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Microsoft's data colours, as in the window: distinct in print and for common colour-vision
/// deficiencies.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(0x0F, 0x6C, 0xBD),
    RGBColor(0xD8, 0x3B, 0x01),
    RGBColor(0x10, 0x7C, 0x10),
    RGBColor(0x87, 0x64, 0xB8),
    RGBColor(0x00, 0xB7, 0xC3),
    RGBColor(0xFF, 0xB9, 0x00),
    RGBColor(0xE3, 0x00, 0x8C),
    RGBColor(0x4F, 0x6B, 0xED),
    RGBColor(0x49, 0x82, 0x05),
    RGBColor(0x8A, 0x88, 0x86),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ChartKind {
    Line,
    Bar,
    #[default]
    StackedBar,
}

#[derive(Debug, Clone)]
pub struct ChartStyle {
    pub kind: ChartKind,
    pub title: String,
    /// What the numbers are, e.g. "Subscriptions".
    pub y_label: String,
    /// What the periods are, e.g. "Week of creation date".
    pub x_label: String,
    pub width: u32,
    pub height: u32,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            kind: ChartKind::StackedBar,
            title: String::new(),
            y_label: String::new(),
            x_label: String::new(),
            width: 1200,
            height: 675,
        }
    }
}

fn register_font() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        // The bytes are a valid TrueType font built into the binary; failure is impossible.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

/// 1234567.8 → "1,234,568"; small fractions keep two decimals.
pub fn thousands(v: f64) -> String {
    if v.abs() < 10.0 && v.fract().abs() > 1e-9 {
        return format!("{v:.2}");
    }
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, chart: &Chart, style: &ChartStyle) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    root.fill(&WHITE).map_err(e)?;
    let n = chart.x.len().max(1);
    let values = |s: &crate::pivot::Series, i: usize| s.values.get(i).copied().flatten().unwrap_or(0.0);
    let ymax = match style.kind {
        ChartKind::StackedBar => {
            (0..n).map(|i| chart.series.iter().map(|s| values(s, i)).sum::<f64>()).fold(0.0, f64::max)
        }
        _ => chart.series.iter().flat_map(|s| s.values.iter().flatten()).copied().fold(0.0, f64::max),
    };
    // A value (or a stack of them) past the largest number there is cannot be scaled to an
    // axis: the drawing library would look for tick marks without end.
    let finite = chart.series.iter().flat_map(|s| s.values.iter().flatten()).all(|v| v.is_finite());
    if !finite || !(ymax * 1.1).is_finite() {
        return Err("some values are too large to draw (beyond 10^308); export the table instead".into());
    }
    let ymax = if ymax <= 0.0 { 1.0 } else { ymax * 1.1 };
    let mut c = ChartBuilder::on(&root)
        .caption(&style.title, ("sans-serif", 26).into_font())
        .margin(18)
        .x_label_area_size(56)
        .y_label_area_size(84)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..ymax)
        .map_err(e)?;
    let labels = chart.labels.clone();
    let label_at = move |x: &f64| {
        let i = x.round();
        if (x - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels.get(i as usize).cloned().unwrap_or_default()
    };
    c.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(RGBColor(0xE1, 0xDF, 0xDD))
        .light_line_style(WHITE)
        .x_labels(n.min(12))
        .x_label_formatter(&label_at)
        .y_labels(8)
        .y_label_formatter(&|y| thousands(*y))
        .x_desc(&style.x_label)
        .y_desc(&style.y_label)
        .label_style(("sans-serif", 15))
        .axis_desc_style(("sans-serif", 17))
        .draw()
        .map_err(e)?;

    let k = chart.series.len().max(1) as f64;
    let mut base = vec![0.0f64; n];
    for (si, s) in chart.series.iter().enumerate() {
        let color = PALETTE[si % PALETTE.len()];
        let anno = match style.kind {
            ChartKind::Line => c
                .draw_series(LineSeries::new((0..n).map(|i| (i as f64, values(s, i))), color.stroke_width(3)))
                .map_err(e)?,
            ChartKind::Bar => c
                .draw_series((0..n).map(|i| {
                    let w = 0.8 / k;
                    let x0 = i as f64 - 0.4 + w * si as f64;
                    Rectangle::new([(x0, 0.0), (x0 + w, values(s, i))], color.filled())
                }))
                .map_err(e)?,
            ChartKind::StackedBar => {
                let rects: Vec<_> = (0..n)
                    .map(|i| {
                        let v = values(s, i);
                        let r = Rectangle::new(
                            [(i as f64 - 0.38, base[i]), (i as f64 + 0.38, base[i] + v)],
                            color.filled(),
                        );
                        base[i] += v;
                        r
                    })
                    .collect();
                c.draw_series(rects).map_err(e)?
            }
        };
        anno.label(&s.name).legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled()));
    }
    if !chart.series.is_empty() {
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(0xC8, 0xC6, 0xC4))
            .label_font(("sans-serif", 15))
            .draw()
            .map_err(e)?;
    }
    root.present().map_err(e)?;
    Ok(())
}

/// Draws the chart to `path`: PNG or SVG by its extension.
pub fn write_chart(chart: &Chart, style: &ChartStyle, path: &Path) -> Result<(), EngineError> {
    register_font();
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let tmp = temp_path(path).with_extension(&ext);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            EngineError::file(format!("Could not create the folder for {}", path.display()), plain_io(&e))
        })?;
    }
    let size = (style.width, style.height);
    let drawn = match ext.as_str() {
        "png" => draw(BitMapBackend::new(&tmp, size).into_drawing_area(), chart, style),
        "svg" => draw(SVGBackend::new(&tmp, size).into_drawing_area(), chart, style),
        other => return Err(EngineError::BadQuestion(format!("Charts are saved as .png or .svg, not .{other}"))),
    };
    let result = drawn
        .map_err(|why| {
            // The drawing library's error is text by the time it reaches us; the system's words
            // for a full disk are the one thing to recognise in it.
            let why = why.to_string();
            if why.contains("No space left on device") || why.contains("os error 28") {
                EngineError::DiskFull { what: path.display().to_string() }
            } else {
                EngineError::file(format!("Could not draw {}", path.display()), why)
            }
        })
        .and_then(|_| {
            std::fs::rename(&tmp, path)
                .map_err(|e| EngineError::file(format!("Could not save {}", path.display()), plain_io(&e)))
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_too_large_to_draw_are_refused_in_words() {
        let dir = tempfile::tempdir().unwrap();
        for values in [vec![Some(f64::MAX), Some(f64::MAX)], vec![Some(f64::INFINITY), Some(1.0)]] {
            let chart = Chart {
                x: vec!["2026-01-01".into(), "2026-02-01".into()],
                x_field: None,
                series_fields: vec![],
                labels: vec!["Jan 2026".into(), "Feb 2026".into()],
                series: vec![
                    crate::pivot::Series { name: "A".into(), keys: vec![], values: values.clone() },
                    crate::pivot::Series { name: "B".into(), keys: vec![], values },
                ],
                metric: "Rows".into(),
            };
            let out = dir.path().join("chart.png");
            let err = write_chart(&chart, &ChartStyle::default(), &out).unwrap_err().to_string();
            assert!(err.contains("too large to draw"), "{err}");
            assert!(!out.exists());
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left behind");
        }
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1_234_567.8), "1,234,568");
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(-4200.0), "-4,200");
        assert_eq!(thousands(2.5), "2.50");
    }
}
