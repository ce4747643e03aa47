//! Real files in real formats, made by the tests: PDFs with a given page count (lopdf),
//! Office packages (zip), and ZIP bombs.

use lopdf::{Document, Object, Stream, dictionary};
use std::io::Write;

pub fn pdf(pages: usize) -> Vec<u8> {
    pdf_declaring(pages, pages as i64)
}

/// A PDF of `pages` leaf pages whose page tree declares `/Count declared`.
pub fn pdf_declaring(pages: usize, declared: i64) -> Vec<u8> {
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
        "Count" => declared,
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
    package_with_main(
        main_part,
        b"<?xml version=\"1.0\"?><root/>",
        extra,
        overrides,
    )
}

fn package_with_main(
    main_part: (&str, &str),
    main_xml: &[u8],
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
        zip.write_all(main_xml).unwrap();
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
    deck_listing(slides, slides, extra)
}

/// A deck holding `files` slide parts whose presentation lists the first `listed` of them.
pub fn pptx_listing(listed: usize, files: usize) -> Vec<u8> {
    deck_listing(listed, files, Vec::new())
}

fn deck_listing(listed: usize, slides: usize, extra: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let ids: String = (1..=listed)
        .map(|i| format!(r#"<p:sldId id="{}" r:id="rId{}"/>"#, 255 + i, i + 1))
        .collect();
    let presentation = format!(
        r#"<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>"#
    );
    let rels: String = (1..=slides)
        .map(|i| {
            format!(
                r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide{i}.xml"/>"#,
                i + 1
            )
        })
        .collect();
    let extra: Vec<(String, Vec<u8>)> = std::iter::once((
        "ppt/_rels/presentation.xml.rels".to_string(),
        format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes(),
    ))
    .chain(extra)
    .collect();
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
    package_with_main(
        (
            "/ppt/presentation.xml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
        presentation.as_bytes(),
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

/// A PPTX-looking package whose one media entry declares 1,000 bytes and really inflates
/// to `inflated` bytes of zeros (the sizes in the local header and the central directory are
/// rewritten after the package is made).
pub fn zip_bomb_lying(inflated: usize) -> Vec<u8> {
    let name = "ppt/media/zero.bin";
    let mut bytes = deck(1, vec![(name.to_string(), vec![0u8; inflated])]);
    let declared: u32 = 1000;
    // The local file header: signature, then the sizes at 18 (compressed) and 22 (uncompressed).
    let name_at = |bytes: &[u8], from: usize| {
        bytes[from..]
            .windows(name.len())
            .position(|w| w == name.as_bytes())
            .map(|p| p + from)
    };
    let local = name_at(&bytes, 0).expect("local header") - 30;
    assert_eq!(&bytes[local..local + 4], b"PK\x03\x04");
    bytes[local + 22..local + 26].copy_from_slice(&declared.to_le_bytes());
    let central = name_at(&bytes, local + 30 + name.len()).expect("central header") - 46;
    assert_eq!(&bytes[central..central + 4], b"PK\x01\x02");
    bytes[central + 24..central + 28].copy_from_slice(&declared.to_le_bytes());
    bytes
}

/// A one-page PDF whose page draws `resources` with `content`, for the hostile PDFs below.
fn one_page_with(
    doc: &mut Document,
    pages_id: lopdf::ObjectId,
    resources: lopdf::Dictionary,
    content: Stream,
) -> Vec<u8> {
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A few kilobytes whose page draws a form that draws the next form 40 times, six levels deep
/// (as deep as the renderer follows): 40^5 drawings for a renderer that follows them all.
pub fn pdf_nested_forms() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut inner: Option<lopdf::ObjectId> = None;
    for _ in 0..6 {
        let (resources, content) = match inner {
            Some(id) => (
                dictionary! { "XObject" => dictionary! { "F" => id } },
                "q 0.5 0 0 0.5 0 0 cm /F Do Q ".repeat(40).into_bytes(),
            ),
            None => (dictionary! {}, b"0 0 m 100 100 l S".to_vec()),
        };
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => resources,
            },
            content,
        );
        inner = Some(doc.add_object(form));
    }
    let resources = dictionary! { "XObject" => dictionary! { "F" => inner.unwrap() } };
    one_page_with(
        &mut doc,
        pages_id,
        resources,
        Stream::new(dictionary! {}, b"/F Do".to_vec()),
    )
}

/// `total` bytes of `unit` repeated, deflated as they are written (never all in memory).
fn deflated_repeat(unit: &[u8], total: usize) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block: Vec<u8> = unit.iter().copied().cycle().take(1 << 20).collect();
    let mut left = total;
    while left > 0 {
        let n = left.min(block.len());
        z.write_all(&block[..n]).unwrap();
        left -= n;
    }
    z.finish().unwrap()
}

/// A page whose content stream is a couple of megabytes that inflate to 2 GiB of drawing.
pub fn pdf_content_bomb() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        deflated_repeat(b"0 0 m 595 842 l S\n", 2 << 30),
    )
    .with_compression(false);
    one_page_with(&mut doc, pages_id, dictionary! {}, content)
}

/// A page that draws a 30000x30000 RGB image (2.5 GiB once decoded) kept as a few megabytes.
pub fn pdf_huge_image() -> Vec<u8> {
    let side: i64 = 30_000;
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = doc.add_object(
        Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image",
                "Width" => side, "Height" => side,
                "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
                "Filter" => "FlateDecode",
            },
            deflated_repeat(&[0], (side * side * 3) as usize),
        )
        .with_compression(false),
    );
    let resources = dictionary! { "XObject" => dictionary! { "I" => image } };
    one_page_with(
        &mut doc,
        pages_id,
        resources,
        Stream::new(dictionary! {}, b"q 595 0 0 842 0 0 cm /I Do Q".to_vec()),
    )
}

/// A PDF whose page tree lists its own root among the kids of a node below it.
pub fn pdf_page_tree_cycle() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let root = doc.new_object_id();
    let node = doc.new_object_id();
    let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => node });
    doc.objects.insert(
        node,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Parent" => root, "Kids" => vec![page.into(), root.into()], "Count" => 1,
        }),
    );
    doc.objects.insert(
        root,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![node.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => root});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
