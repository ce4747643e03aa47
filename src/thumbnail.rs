//! Thumbnails of collateral (SPEC 11): page 1 of a PDF rendered by hayro (pure Rust, MIT or
//! Apache-2.0, with its permissively licensed substitutes for the standard fonts), a PPTX
//! deck's own `docProps/thumbnail.jpeg`, and a placeholder for everything else or for a file
//! that does not render. Bytes in, bytes out: where they are kept is `services::thumbnails`.

use crate::domain::document::Format;
use std::io::Read;

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
        Format::Pdf => {
            if std::fs::metadata(path).ok()?.len() > PDF_RENDER_MAX {
                return None;
            }
            (pdf_first_page(&std::fs::read(path).ok()?)?, "image/png")
        }
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

/// Page 1 at [`WIDTH`] pixels wide on white, as PNG. A renderer's panic on a hostile file is
/// caught here: it means no thumbnail, never a failed request.
fn pdf_first_page(bytes: &[u8]) -> Option<Vec<u8>> {
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

    /// The thumbnail of these bytes, as stored in a file.
    fn of(format: Format, bytes: &[u8]) -> Option<Thumbnail> {
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
        assert_eq!(of(Format::Pdf, &big), None);
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
