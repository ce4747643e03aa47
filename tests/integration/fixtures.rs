//! Real files in real formats, made by the tests: PDFs with a given page count (lopdf),
//! Office packages (zip), and ZIP bombs.

use lopdf::{Document, Object, Stream, dictionary};
use std::io::Write;

pub fn pdf(pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(
        dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"},
    );
    let resources_id = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => font_id}});
    let mut kids: Vec<Object> = Vec::new();
    for i in 0..pages {
        let text = format!(
            "BT /F1 24 Tf 72 760 Td (Contoso one-pager, page {}) Tj ET",
            i + 1
        );
        let content_id = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
        let page_id = doc.add_object(
            dictionary! {"Type" => "Page", "Parent" => pages_id, "Contents" => content_id},
        );
        kids.push(page_id.into());
    }
    let pages_dict = dictionary! {
        "Type" => "Pages",
        "Kids" => kids,
        "Count" => pages as i64,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages_dict));
    let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn package(
    main_part: (&str, &str),
    extra: &[(String, Vec<u8>)],
    overrides: &[(&str, &str)],
) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#,
        );
        types.push_str(&format!(
            r#"<Override PartName="{}" ContentType="{}"/>"#,
            main_part.0, main_part.1
        ));
        for (part, ct) in overrides {
            types.push_str(&format!(
                r#"<Override PartName="{part}" ContentType="{ct}"/>"#
            ));
        }
        types.push_str("</Types>");
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(types.as_bytes()).unwrap();
        zip.start_file("_rels/.rels", opts).unwrap();
        zip.write_all(format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{}"/></Relationships>"#, &main_part.0[1..]).as_bytes()).unwrap();
        zip.start_file(&main_part.0[1..], opts).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><root/>").unwrap();
        for (name, bytes) in extra {
            zip.start_file(name.as_str(), opts).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

pub fn pptx(slides: usize) -> Vec<u8> {
    deck(slides, Vec::new())
}

/// A deck of `slides` slides with `extra` parts beside them.
fn deck(slides: usize, extra: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = (1..=slides)
        .map(|i| {
            (
                format!("ppt/slides/slide{i}.xml"),
                format!("<p:sld><!-- slide {i} --></p:sld>").into_bytes(),
            )
        })
        .chain(extra)
        .collect();
    let overrides: Vec<String> = (1..=slides)
        .map(|i| format!("/ppt/slides/slide{i}.xml"))
        .collect();
    let overrides: Vec<(&str, &str)> = overrides
        .iter()
        .map(|p| {
            (
                p.as_str(),
                "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
            )
        })
        .collect();
    package(
        (
            "/ppt/presentation.xml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
        &parts,
        &overrides,
    )
}

/// The smallest JPEG header: what PowerPoint's own deck thumbnail starts with.
pub const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 0xFF, 0xD9,
];

/// A deck of `slides` slides carrying PowerPoint's own thumbnail (`docProps/thumbnail.jpeg`).
pub fn pptx_with_thumbnail(slides: usize) -> Vec<u8> {
    deck(
        slides,
        vec![("docProps/thumbnail.jpeg".into(), JPEG.to_vec())],
    )
}

/// A deck of `slides` slides carrying a picture of `media_bytes` bytes that do not compress
/// (a fixed pseudo-random sequence), so the package is about that large.
pub fn pptx_with_media(slides: usize, media_bytes: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let media = (0..media_bytes)
        .map(|_| {
            // xorshift64: cheap bytes that deflate cannot shrink.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    deck(slides, vec![("ppt/media/image1.bin".into(), media)])
}

pub fn docx() -> Vec<u8> {
    package(
        (
            "/word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ),
        &[],
        &[],
    )
}

/// A ZIP that is no Office package at all.
pub fn plain_zip() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"hello").unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// A PPTX-looking package with too many entries.
pub fn zip_bomb_entries() -> Vec<u8> {
    let extra: Vec<(String, Vec<u8>)> = (0..1001)
        .map(|i| (format!("ppt/media/x{i}.bin"), vec![b'x']))
        .collect();
    package(
        (
            "/ppt/presentation.xml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
        &extra,
        &[],
    )
}

/// A PPTX-looking package that unpacks to more than 200 MiB of zeros.
pub fn zip_bomb_size() -> Vec<u8> {
    let zeros = vec![0u8; 70 * 1024 * 1024];
    let extra: Vec<(String, Vec<u8>)> = (0..3)
        .map(|i| (format!("ppt/media/zero{i}.bin"), zeros.clone()))
        .collect();
    package(
        (
            "/ppt/presentation.xml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
        &extra,
        &[],
    )
}
