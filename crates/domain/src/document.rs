//! Collateral documents (SPEC section 4): kinds, formats and limits, and the inspection of an
//! uploaded file by its content (magic bytes, PDF structure, Office package structure), never
//! by its name or declared type. Works on a file on disk, reading only what it needs.

use super::field::{FieldError, group_digits};
use super::offer::code_enum;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

mod office_package;
pub mod pdf_page_tree;
pub mod pdf_render_limits;

code_enum!(
    /// The kinds of collateral a solution holds, one current file each.
    DocumentKind {
        OnePager = "one_pager",
        PitchDeck = "pitch_deck",
        ReferenceArchitecture = "reference_architecture",
        CaseStudy = "case_study",
        CustomerWin = "customer_win",
        ChannelPitchDeck = "channel_pitch_deck",
        Other = "other",
    }
);

code_enum!(
    /// File formats, as decided by content.
    Format {
        Pdf = "pdf",
        Pptx = "pptx",
        Docx = "docx",
        Xlsx = "xlsx",
        Vsdx = "vsdx",
        Png = "png",
        Jpeg = "jpeg",
        Svg = "svg",
    }
);

pub const MIB: u64 = 1024 * 1024;
/// A ZIP package with more entries than this is refused as a bomb.
pub const ZIP_MAX_ENTRIES: usize = 1000;
/// A ZIP package that unpacks to more than this is refused as a bomb.
pub const ZIP_MAX_UNCOMPRESSED: u64 = 200 * MIB;

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Vsdx => "application/vnd.ms-visio.drawing",
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Svg => "image/svg+xml",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            other => other.code(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Pptx => "PPTX",
            Format::Docx => "DOCX",
            Format::Xlsx => "XLSX",
            Format::Vsdx => "VSDX",
            Format::Png => "PNG",
            Format::Jpeg => "JPEG",
            Format::Svg => "SVG",
        }
    }

    /// The `[Content_Types].xml` main part of each Office format.
    fn office_main_part(self) -> Option<&'static str> {
        match self {
            Format::Pptx => Some(
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            ),
            Format::Docx => Some(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            ),
            Format::Xlsx => {
                Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
            }
            Format::Vsdx => Some("application/vnd.ms-visio.drawing.main+xml"),
            _ => None,
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, Format::Png | Format::Jpeg | Format::Svg)
    }
}

impl DocumentKind {
    pub fn formats(self) -> &'static [Format] {
        use Format::*;
        match self {
            DocumentKind::OnePager => &[Pdf],
            DocumentKind::PitchDeck => &[Pdf, Pptx],
            DocumentKind::ReferenceArchitecture => &[Pdf, Png, Jpeg, Svg, Vsdx],
            _ => &[Pdf, Docx, Pptx, Xlsx, Png, Jpeg],
        }
    }

    pub fn max_bytes(self) -> u64 {
        match self {
            DocumentKind::OnePager => 10 * MIB,
            DocumentKind::ReferenceArchitecture => 20 * MIB,
            _ => 50 * MIB,
        }
    }

    pub fn max_pages(self) -> Option<u32> {
        (self == DocumentKind::OnePager).then_some(2)
    }

    /// "PDF or PPTX" style list for messages.
    pub fn formats_label(self) -> String {
        self.formats()
            .iter()
            .map(|f| f.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What inspection found in an accepted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub format: Format,
    pub pages: Option<u32>,
    pub slides: Option<u32>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Why a file is refused; `status` tells the HTTP answer (413 too large, 415 not an
/// accepted format or not a readable one, 422 a rule of the kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub error: FieldError,
}

fn refuse(status: u16, key: &'static str) -> Refusal {
    Refusal {
        status,
        error: FieldError::new("file", key),
    }
}

impl Refusal {
    fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Refusal {
        self.error = self.error.arg(name, value);
        self
    }
}

/// The refusal for a body over the kind's limit (the caller stops reading at the limit).
pub fn too_large(kind: DocumentKind) -> Refusal {
    refuse(413, "err-doc-too-large")
        .arg("max", group_digits(kind.max_bytes()))
        .arg("mib", kind.max_bytes() / MIB)
}

/// Sniffs the format from the first bytes (and, for ZIP packages, nothing yet).
enum Sniffed {
    Pdf,
    Zip,
    Png,
    Jpeg,
    MaybeSvg,
    Unknown,
}

fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Sniffed::Png
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Jpeg
    } else if head.starts_with(b"PK\x03\x04") {
        Sniffed::Zip
    } else if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else {
        let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let trimmed: &[u8] = &text[text
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(text.len())..];
        if trimmed.starts_with(b"<") {
            Sniffed::MaybeSvg
        } else {
            Sniffed::Unknown
        }
    }
}

/// Inspects the file at `path` for `kind`. The caller has already enforced the size limit.
pub fn inspect(path: &Path, kind: DocumentKind) -> Result<Inspection, Refusal> {
    let size = std::fs::metadata(path)
        .map_err(|_| refuse(422, "err-doc-unreadable"))?
        .len();
    if size == 0 {
        return Err(refuse(422, "err-doc-empty"));
    }
    if size > kind.max_bytes() {
        return Err(too_large(kind));
    }
    let mut head = vec![0u8; 4096];
    let n = File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .map_err(|_| refuse(422, "err-doc-unreadable"))?;
    head.truncate(n);
    let found = match sniff(&head) {
        Sniffed::Pdf => inspect_pdf(path)?,
        Sniffed::Zip => inspect_office(path)?,
        Sniffed::Png => inspect_image(Format::Png, &head)?,
        Sniffed::Jpeg => inspect_jpeg(path)?,
        Sniffed::MaybeSvg if is_svg(path) => Inspection {
            format: Format::Svg,
            pages: None,
            slides: None,
            width: None,
            height: None,
        },
        _ => return Err(wrong_format(kind)),
    };
    if !kind.formats().contains(&found.format) {
        return Err(wrong_format(kind).arg("found", found.format.label()));
    }
    if kind == DocumentKind::PitchDeck && found.pages.or(found.slides) == Some(0) {
        return Err(refuse(422, "err-doc-no-slides"));
    }
    if let (Some(max), Some(pages)) = (kind.max_pages(), found.pages)
        && pages > max
    {
        return Err(refuse(422, "err-doc-pages")
            .arg("pages", pages)
            .arg("max", max));
    }
    Ok(found)
}

fn wrong_format(kind: DocumentKind) -> Refusal {
    refuse(415, "err-doc-format")
        .arg("allowed", kind.formats_label())
        .arg("found", "?")
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match f.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn inspect_pdf(path: &Path) -> Result<Inspection, Refusal> {
    let file = File::open(path).map_err(|_| refuse(422, "err-doc-unreadable"))?;
    // Mapped, not read: both readers look at the cross-reference table and the page tree
    // only, so memory does not grow with the file's size.
    // SAFETY: the file is the upload's private temporary file; nothing else writes to it.
    let map =
        unsafe { memmap2::Mmap::map(&file) }.map_err(|_| refuse(422, "err-doc-unreadable"))?;
    let meta = std::panic::catch_unwind(|| lopdf::Document::load_metadata_mem(&map))
        .map_err(|_| refuse(415, "err-doc-pdf"))?
        .map_err(|_| refuse(415, "err-doc-pdf"))?;
    if meta.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed) {
        return Err(refuse(415, "err-doc-pdf"));
    }
    // The `/Count` a PDF declares is not trusted: the pages are the leaves of its tree.
    let pages = std::panic::catch_unwind(move || pdf_page_tree::count_leaves(map))
        .map_err(|_| refuse(415, "err-doc-pdf"))?
        .map_err(|_| refuse(415, "err-doc-pdf"))?;
    if pages == 0 {
        return Err(refuse(415, "err-doc-pdf"));
    }
    Ok(Inspection {
        format: Format::Pdf,
        pages: Some(pages),
        slides: None,
        width: None,
        height: None,
    })
}

fn inspect_office(path: &Path) -> Result<Inspection, Refusal> {
    let file = File::open(path).map_err(|_| refuse(422, "err-doc-unreadable"))?;
    let mut zip =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|_| refuse(415, "err-doc-zip"))?;
    if zip.len() > ZIP_MAX_ENTRIES {
        return Err(refuse(422, "err-doc-zip-entries")
            .arg("count", group_digits(zip.len() as u64))
            .arg("max", group_digits(ZIP_MAX_ENTRIES as u64)));
    }
    inflated_within_limit(&mut zip)?;
    let types =
        read_part(&mut zip, "[Content_Types].xml").ok_or_else(|| refuse(415, "err-doc-office"))?;
    let (format, main_part) = [Format::Pptx, Format::Docx, Format::Xlsx, Format::Vsdx]
        .into_iter()
        .find_map(|f| {
            let main = f.office_main_part()?;
            part_with_content_type(&types, main).map(|part| (f, part))
        })
        .ok_or_else(|| refuse(415, "err-doc-office"))?;
    let slides = match format {
        Format::Pptx => Some(office_package::listed_slides(&mut zip, &main_part)),
        _ => None,
    };
    Ok(Inspection {
        format,
        pages: None,
        slides,
        width: None,
        height: None,
    })
}

/// Refuses a package whose entries really inflate to more than [`ZIP_MAX_UNCOMPRESSED`]:
/// every entry is inflated (into nothing), and inflating stops at the limit, whatever sizes
/// the entries declare.
fn inflated_within_limit<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<(), Refusal> {
    let mut total: u64 = 0;
    let mut corrupt = false;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| refuse(415, "err-doc-zip"))?;
        if entry.is_dir() {
            continue;
        }
        let room = ZIP_MAX_UNCOMPRESSED - total;
        let mut limited = entry.take(room + 1);
        match std::io::copy(&mut limited, &mut std::io::sink()) {
            Ok(n) => total += n,
            // A checksum or stream error: the package is damaged, unless it was already too big.
            Err(_) => {
                corrupt = true;
                break;
            }
        }
        if total > ZIP_MAX_UNCOMPRESSED {
            return Err(
                refuse(422, "err-doc-zip-size").arg("max", group_digits(ZIP_MAX_UNCOMPRESSED))
            );
        }
    }
    if corrupt {
        return Err(refuse(415, "err-doc-zip"));
    }
    Ok(())
}

/// A part of a package as text, at most 4 MiB of it (the declared size may lie); None when
/// the part is missing or is not text.
fn read_part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    let mut text = String::new();
    entry.take(4 * MIB).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The part name (without its leading `/`) of the `Override` in `[Content_Types].xml` with
/// this content type.
fn part_with_content_type(xml: &str, wanted: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Empty(e)) | Ok(quick_xml::events::Event::Start(e))
                if e.local_name().as_ref() == b"Override" =>
            {
                let mut part = None;
                let mut matches = false;
                for a in e.attributes().flatten() {
                    match a.key.local_name().as_ref() {
                        b"ContentType" => matches = a.value.as_ref() == wanted.as_bytes(),
                        b"PartName" => {
                            part = std::str::from_utf8(&a.value)
                                .ok()
                                .map(|p| p.trim_start_matches('/').to_string())
                        }
                        _ => {}
                    }
                }
                if matches && part.is_some() {
                    return part;
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

fn inspect_image(format: Format, head: &[u8]) -> Result<Inspection, Refusal> {
    let size = imagesize::blob_size(head).map_err(|_| refuse(415, "err-doc-image"))?;
    if size.width == 0 || size.height == 0 {
        return Err(refuse(415, "err-doc-image"));
    }
    Ok(Inspection {
        format,
        pages: None,
        slides: None,
        width: Some(size.width as u32),
        height: Some(size.height as u32),
    })
}

fn inspect_jpeg(path: &Path) -> Result<Inspection, Refusal> {
    // JPEG keeps its size in a frame header that may come after large metadata segments.
    let size = imagesize::size(path).map_err(|_| refuse(415, "err-doc-image"))?;
    if size.width == 0 || size.height == 0 {
        return Err(refuse(415, "err-doc-image"));
    }
    Ok(Inspection {
        format: Format::Jpeg,
        pages: None,
        slides: None,
        width: Some(size.width as u32),
        height: Some(size.height as u32),
    })
}

/// An SVG is well-formed XML whose first element is `svg`.
fn is_svg(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                return e.local_name().as_ref() == b"svg";
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return false,
            _ => buf.clear(),
        }
    }
}

/// A file name safe for `Content-Disposition`: ASCII letters, digits, `-`, `_` and `.`,
/// ending in the detected format's extension.
pub fn safe_file_name(original: &str, format: Format) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let mut clean: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    while clean.contains("__") {
        clean = clean.replace("__", "_");
    }
    clean = clean.trim_matches('_').chars().take(80).collect();
    if clean.is_empty() {
        clean = "document".into();
    }
    format!("{clean}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_the_spec_formats_and_limits() {
        assert_eq!(DocumentKind::OnePager.formats(), &[Format::Pdf]);
        assert_eq!(DocumentKind::OnePager.max_bytes(), 10 * MIB);
        assert_eq!(
            DocumentKind::PitchDeck.formats(),
            &[Format::Pdf, Format::Pptx]
        );
        assert_eq!(DocumentKind::PitchDeck.max_bytes(), 50 * MIB);
        assert_eq!(DocumentKind::ReferenceArchitecture.max_bytes(), 20 * MIB);
        assert!(
            DocumentKind::ReferenceArchitecture
                .formats()
                .contains(&Format::Vsdx)
        );
        for k in [
            DocumentKind::CaseStudy,
            DocumentKind::CustomerWin,
            DocumentKind::ChannelPitchDeck,
            DocumentKind::Other,
        ] {
            assert_eq!(k.max_bytes(), 50 * MIB);
            assert_eq!(k.formats().len(), 6);
        }
        assert_eq!(DocumentKind::OnePager.max_pages(), Some(2));
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(
            safe_file_name("My Deck (final).pptx", Format::Pptx),
            "My_Deck_final.pptx"
        );
        assert_eq!(
            safe_file_name("../../etc/passwd", Format::Pdf),
            "passwd.pdf"
        );
        assert_eq!(safe_file_name("\"evil\r\n.pdf", Format::Pdf), "evil.pdf");
        assert_eq!(safe_file_name("", Format::Png), "document.png");
        assert_eq!(safe_file_name("photo.jpeg", Format::Jpeg), "photo.jpg");
    }

    #[test]
    fn sniffing_uses_magic_bytes() {
        assert!(matches!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf));
        assert!(matches!(sniff(b"PK\x03\x04rest"), Sniffed::Zip));
        assert!(matches!(sniff(b"\x89PNG\r\n\x1a\nxxxx"), Sniffed::Png));
        assert!(matches!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Sniffed::Jpeg));
        assert!(matches!(
            sniff(b"  <svg xmlns='http://www.w3.org/2000/svg'/>"),
            Sniffed::MaybeSvg
        ));
        assert!(matches!(sniff(b"hello"), Sniffed::Unknown));
    }

    #[test]
    fn office_main_parts_are_read_from_content_types() {
        let xml = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>"#;
        assert_eq!(
            part_with_content_type(xml, Format::Pptx.office_main_part().unwrap()).as_deref(),
            Some("ppt/presentation.xml")
        );
        assert_eq!(
            part_with_content_type(xml, Format::Docx.office_main_part().unwrap()),
            None
        );
        assert_eq!(
            part_with_content_type("<not xml", Format::Docx.office_main_part().unwrap()),
            None
        );
    }
}
