//! Thumbnails of collateral (SPEC 11): page 1 of a PDF rendered by hayro (pure Rust, MIT or
//! Apache-2.0, with its permissively licensed substitutes for the standard fonts), a PPTX
//! deck's own `docProps/thumbnail.jpeg`, and a placeholder for everything else or for a file
//! that does not render. Bytes in, bytes out: where they are kept is `services::thumbnails`.
//!
//! A PDF is rendered in a child process of its own (`cosell render-thumbnail FILE OUT`) with
//! limits on its address space and CPU time and a deadline: a hostile file (nested forms
//! drawn billions of times, a content stream that inflates to gigabytes, a 30000x30000 image)
//! costs that process at most [`RENDER_MEMORY`] and [`RENDER_CPU_SECONDS`], then it is ended
//! and the placeholder shows. The server never holds the renderer's memory.

use crate::domain::document::Format;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The address space a rendering process may use (the renderer's own code and fonts
/// included); past it an allocation fails and the process ends.
pub const RENDER_MEMORY: u64 = 1024 * 1024 * 1024;
/// The CPU time a rendering process may use.
pub const RENDER_CPU_SECONDS: u64 = 10;
/// How long the server waits for a rendering process before ending it (it may be waiting,
/// not computing, on a busy machine).
pub const RENDER_DEADLINE: Duration = Duration::from_secs(20);
/// The largest PNG a rendering process may hand back (a 320x480 page is far below).
const RENDER_OUTPUT_MAX: u64 = 4 * 1024 * 1024;

static RENDERER: OnceLock<PathBuf> = OnceLock::new();

/// The program that renders in a child process: this executable unless set (the tests run
/// the server inside their own executable and point this at the built `cosell`).
pub fn set_renderer(program: PathBuf) {
    let _ = RENDERER.set(program);
}

fn renderer() -> Option<PathBuf> {
    RENDERER
        .get()
        .cloned()
        .or_else(|| std::env::current_exe().ok())
}

/// The width a thumbnail is rendered at (CSS shows it at half, sharp on dense screens).
pub const WIDTH: f32 = 320.0;
/// A page taller than wide is cut at this height (a very long page would be a needle).
pub const MAX_HEIGHT: f32 = 480.0;
/// A deck's own thumbnail larger than this is not a thumbnail: the placeholder shows.
const PPTX_THUMBNAIL_MAX: u64 = 2 * 1024 * 1024;
/// A PDF larger than this is not rendered (the renderer holds the whole file in memory): the
/// placeholder shows. One-pagers are at most 10 MiB; a deck this large is mostly images.
pub const PDF_RENDER_MAX: u64 = 16 * 1024 * 1024;

/// What stands in for a document that has no thumbnail: a page with a folded corner.
pub const PLACEHOLDER_SVG: &[u8] = include_bytes!("../static/document-placeholder.svg");

/// A rendered thumbnail and its media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

/// The thumbnail of a document of `format` in a file, or None where the placeholder shows (a
/// format without one, a deck without its own, a PDF too large or that does not render). A
/// deck's package is read from the file as needed, never whole.
pub fn of_file(format: Format, path: &std::path::Path) -> Option<Thumbnail> {
    let (bytes, content_type) = match format {
        Format::Pdf => (render_in_child(path)?, "image/png"),
        Format::Pptx => (
            pptx_thumbnail(std::fs::File::open(path).ok()?)?,
            "image/jpeg",
        ),
        _ => return None,
    };
    Some(Thumbnail {
        bytes,
        content_type,
    })
}

/// The thumbnail a deck carries, read from its package as needed (a stored object through
/// `storage::ObjectReader`, say), or None where the placeholder shows.
pub fn of_pptx(package: impl Read + std::io::Seek) -> Option<Thumbnail> {
    Some(Thumbnail {
        bytes: pptx_thumbnail(package)?,
        content_type: "image/jpeg",
    })
}

/// The media type of stored thumbnail bytes, from their first bytes; None for anything else
/// (an empty object marks a document that has no thumbnail).
pub fn content_type_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Renders page 1 of the PDF at `path` in a child process under the limits above; None when
/// it is too large, does not render, or the process ran out of memory, time or its deadline.
fn render_in_child(path: &Path) -> Option<Vec<u8>> {
    if std::fs::metadata(path).ok()?.len() > PDF_RENDER_MAX {
        return None;
    }
    let out = tempfile::NamedTempFile::new().ok()?;
    let mut child = std::process::Command::new(renderer()?)
        .arg("render-thumbnail")
        .arg(path)
        .arg(out.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| tracing::warn!(error = %e, "the thumbnail renderer did not start"))
        .ok()?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < RENDER_DEADLINE => {
                std::thread::sleep(Duration::from_millis(20))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                tracing::info!("a thumbnail took longer than its deadline; the placeholder shows");
                return None;
            }
        }
    };
    if !status.success() {
        tracing::info!(%status, "a PDF did not render; the placeholder shows");
        return None;
    }
    let mut png = Vec::new();
    std::fs::File::open(out.path())
        .ok()?
        .take(RENDER_OUTPUT_MAX + 1)
        .read_to_end(&mut png)
        .ok()?;
    (content_type_of(&png) == Some("image/png") && png.len() as u64 <= RENDER_OUTPUT_MAX)
        .then_some(png)
}

/// The child's side (`cosell render-thumbnail FILE OUT`): limits itself, renders page 1 of
/// FILE into OUT as PNG. False when it does not render (the process exits non-zero).
pub fn render_child_main(input: &Path, output: &Path) -> bool {
    limit_self(libc::RLIMIT_AS, RENDER_MEMORY);
    limit_self(libc::RLIMIT_CPU, RENDER_CPU_SECONDS);
    let rendered = std::fs::read(input)
        .ok()
        .and_then(|bytes| pdf_first_page(&bytes));
    matches!(
        rendered.map(|png| std::fs::write(output, png)),
        Some(Ok(()))
    )
}

fn limit_self(resource: libc::__rlimit_resource_t, value: u64) {
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: setrlimit reads the struct it is given; a failure leaves the limit as it was.
    unsafe {
        libc::setrlimit(resource, &limit);
    }
}

/// Page 1 at [`WIDTH`] pixels wide on white, as PNG. A renderer's panic on a hostile file is
/// caught here: it means no thumbnail, never a failed request.
pub fn pdf_first_page(bytes: &[u8]) -> Option<Vec<u8>> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::vello_cpu::color::palette::css::WHITE;
    use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

    let data = bytes.to_vec();
    std::panic::catch_unwind(move || {
        let pdf = Pdf::new(data).ok()?;
        let page = pdf.pages().first()?;
        let (width, height) = page.render_dimensions();
        if !(width >= 1.0 && height >= 1.0) {
            return None;
        }
        let scale = (WIDTH / width).min(MAX_HEIGHT / height);
        let pixmap = render(
            page,
            &RenderCache::new(),
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        pixmap.into_png().ok()
    })
    .ok()
    .flatten()
}

/// The JPEG PowerPoint writes into a deck at `docProps/thumbnail.jpeg`, when it is one.
fn pptx_thumbnail(package: impl Read + std::io::Seek) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(package).ok()?;
    let entry = archive.by_name("docProps/thumbnail.jpeg").ok()?;
    if entry.size() > PPTX_THUMBNAIL_MAX {
        return None;
    }
    let mut out = Vec::new();
    entry
        .take(PPTX_THUMBNAIL_MAX + 1)
        .read_to_end(&mut out)
        .ok()?;
    (content_type_of(&out) == Some("image/jpeg") && out.len() as u64 <= PPTX_THUMBNAIL_MAX)
        .then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// The thumbnail of these bytes, as stored in a file. PDFs are rendered in this process
    /// (this test executable cannot be the child renderer; the integration tests run the real
    /// one through the server).
    fn of(format: Format, bytes: &[u8]) -> Option<Thumbnail> {
        if format == Format::Pdf {
            return pdf_first_page(bytes).map(|bytes| Thumbnail {
                bytes,
                content_type: "image/png",
            });
        }
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        of_file(format, file.path())
    }

    /// A one-page PDF with a line of text in a standard (not embedded) font.
    fn pdf(width: i64, height: i64) -> Vec<u8> {
        use lopdf::content::{Content, Operation};
        use lopdf::{Document, Object, Stream, dictionary};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources_id = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => font_id },
        });
        let content = Content {
            operations: vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 36.into()]),
                Operation::new("Td", vec![50.into(), 700.into()]),
                Operation::new("Tj", vec![Object::string_literal("Contoso")]),
                Operation::new("ET", vec![]),
            ],
        };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            }),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn png_size(png: &[u8]) -> (u32, u32) {
        let at = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
        (at(16), at(20))
    }

    fn pptx_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn page_one_of_a_pdf_renders_to_a_png_of_the_thumbnail_width() {
        let t = of(Format::Pdf, &pdf(612, 792)).expect("a thumbnail");
        assert_eq!(t.content_type, "image/png");
        assert_eq!(content_type_of(&t.bytes), Some("image/png"));
        let (w, h) = png_size(&t.bytes);
        assert_eq!(w, 320);
        assert!((410..=416).contains(&h), "the page's proportions: {h}");
    }

    #[test]
    fn a_needle_of_a_page_is_held_to_the_maximum_height() {
        let t = of(Format::Pdf, &pdf(100, 10_000)).expect("a thumbnail");
        let (w, h) = png_size(&t.bytes);
        assert!(h <= MAX_HEIGHT as u32 && w >= 1, "{w}x{h}");
    }

    #[test]
    fn what_does_not_render_has_no_thumbnail_and_never_panics() {
        let cases: [(&str, Format, Vec<u8>); 5] = [
            ("not a PDF", Format::Pdf, b"hello".to_vec()),
            ("a cut PDF", Format::Pdf, pdf(612, 792)[..200].to_vec()),
            (
                "a deck without its thumbnail",
                Format::Pptx,
                pptx_with(&[("ppt/presentation.xml", b"<p/>")]),
            ),
            (
                "a deck whose thumbnail is no JPEG",
                Format::Pptx,
                pptx_with(&[("docProps/thumbnail.jpeg", b"GIF89a")]),
            ),
            ("a spreadsheet", Format::Xlsx, pptx_with(&[])),
        ];
        for (what, format, bytes) in cases {
            assert_eq!(of(format, &bytes), None, "{what}");
        }
    }

    #[test]
    fn a_pdf_too_large_to_hold_in_memory_is_not_rendered() {
        let mut big = pdf(612, 792);
        big.resize(PDF_RENDER_MAX as usize + 1, b' ');
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&big).unwrap();
        assert_eq!(of_file(Format::Pdf, file.path()), None);
    }

    #[test]
    fn a_deck_brings_its_own_thumbnail() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
        let t = of(
            Format::Pptx,
            &pptx_with(&[("docProps/thumbnail.jpeg", &jpeg)]),
        )
        .expect("its own");
        assert_eq!(
            (t.content_type, t.bytes.as_slice()),
            ("image/jpeg", &jpeg[..])
        );
    }
}
