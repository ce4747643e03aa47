//! What page 1 of a PDF asks of a renderer, judged before anything is decoded (SPEC 11's
//! thumbnails; issue 31): its size, the pixels of the images it draws and how deep its forms
//! nest. A page past these limits is not rendered (the placeholder shows). The renderer also
//! runs in a process of its own with memory and CPU limits (`cosell::thumbnail`): these
//! checks only spare it the work that could never succeed.

use hayro_syntax::Pdf;
use hayro_syntax::object::{Dict, Name, ObjectIdentifier, Stream};
use std::collections::HashSet;

/// A page side larger than this, in points, is not a page (PDF's own limit is 14,400).
pub const MAX_PAGE_SIDE: f32 = 14_400.0;
/// An image with more pixels than this is not decoded (8,192 x 8,192).
pub const MAX_IMAGE_PIXELS: u64 = 8_192 * 8_192;
/// Forms drawn inside forms deeper than this are not followed.
pub const MAX_FORM_DEPTH: usize = 6;
/// At most this many distinct images and forms are looked at on a page.
pub const MAX_XOBJECTS: usize = 1_000;

/// Why page 1 is not rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beyond {
    /// Not a readable PDF, or no page.
    Unreadable,
    PageSize,
    ImagePixels,
    FormDepth,
    TooManyObjects,
}

/// Whether page 1 of `data` is within the limits above.
pub fn check_first_page(data: impl AsRef<[u8]> + Send + Sync + 'static) -> Result<(), Beyond> {
    let pdf = Pdf::new(std::sync::Arc::new(data)).map_err(|_| Beyond::Unreadable)?;
    let page = pdf.pages().first().ok_or(Beyond::Unreadable)?;
    let (width, height) = page.render_dimensions();
    if !(width.is_finite() && height.is_finite()) || width > MAX_PAGE_SIDE || height > MAX_PAGE_SIDE
    {
        return Err(Beyond::PageSize);
    }
    let mut seen: HashSet<ObjectIdentifier> = HashSet::new();
    // (resources of a page or form, how deep that form is)
    let mut pending: Vec<(Dict<'_>, usize)> = vec![(page.resources().x_objects.clone(), 0)];
    while let Some((x_objects, depth)) = pending.pop() {
        for key in x_objects.keys() {
            let Some(stream) = x_objects.get::<Stream<'_>>(key.as_ref()) else {
                continue;
            };
            if !seen.insert(stream.obj_id()) {
                continue;
            }
            if seen.len() > MAX_XOBJECTS {
                return Err(Beyond::TooManyObjects);
            }
            let dict = stream.dict();
            match dict.get::<Name<'_>>(b"Subtype").as_deref() {
                Some(b"Image") => {
                    let side = |k: &[u8]| dict.get::<u32>(k).unwrap_or(0) as u64;
                    if side(b"Width").saturating_mul(side(b"Height")) > MAX_IMAGE_PIXELS {
                        return Err(Beyond::ImagePixels);
                    }
                }
                Some(b"Form") => {
                    if depth + 1 > MAX_FORM_DEPTH {
                        return Err(Beyond::FormDepth);
                    }
                    if let Some(inner) = dict
                        .get::<Dict<'_>>(b"Resources")
                        .and_then(|r| r.get::<Dict<'_>>(b"XObject"))
                    {
                        pending.push((inner, depth + 1));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object, Stream as PdfStream, dictionary};

    /// A one-page PDF of `side` points square whose page has `x_objects` as its XObjects;
    /// `build` adds objects and returns that dictionary.
    fn page_with(side: i64, build: impl FnOnce(&mut Document) -> lopdf::Dictionary) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let x_objects = build(&mut doc);
        let content = doc.add_object(PdfStream::new(dictionary! {}, b"0 0 m 1 1 l S".to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "Resources" => dictionary! { "XObject" => x_objects },
            "MediaBox" => vec![0.into(), 0.into(), side.into(), side.into()],
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn image(doc: &mut Document, side: i64) -> lopdf::ObjectId {
        doc.add_object(PdfStream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => side, "Height" => side,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            vec![0; 4],
        ))
    }

    /// Forms drawing forms `depth` deep, the innermost drawing an image of `side` pixels.
    fn forms(doc: &mut Document, depth: usize, side: i64) -> lopdf::Dictionary {
        let mut inner = dictionary! { "I" => image(doc, side) };
        for _ in 0..depth {
            let form = doc.add_object(PdfStream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                    "Resources" => dictionary! { "XObject" => inner },
                },
                b"/I Do".to_vec(),
            ));
            inner = dictionary! { "F" => form };
        }
        inner
    }

    #[test]
    fn page_one_is_judged_before_anything_is_decoded() {
        let cases: [(&str, Vec<u8>, Result<(), Beyond>); 7] = [
            (
                "an A4 page with a photo",
                page_with(842, |d| dictionary! { "I" => image(d, 3000) }),
                Ok(()),
            ),
            (
                "an image at the limit",
                page_with(842, |d| dictionary! { "I" => image(d, 8192) }),
                Ok(()),
            ),
            (
                "a 20000 x 20000 image",
                page_with(842, |d| dictionary! { "I" => image(d, 20_000) }),
                Err(Beyond::ImagePixels),
            ),
            (
                "forms six deep",
                page_with(842, |d| forms(d, MAX_FORM_DEPTH, 10)),
                Ok(()),
            ),
            (
                "forms seven deep",
                page_with(842, |d| forms(d, MAX_FORM_DEPTH + 1, 10)),
                Err(Beyond::FormDepth),
            ),
            (
                "a huge image inside a form",
                page_with(842, |d| forms(d, 2, 30_000)),
                Err(Beyond::ImagePixels),
            ),
            (
                "a page 20,000 points wide",
                page_with(20_000, |_| dictionary! {}),
                Err(Beyond::PageSize),
            ),
        ];
        for (what, pdf, want) in cases {
            assert_eq!(check_first_page(pdf), want, "{what}");
        }
        assert_eq!(
            check_first_page(b"%PDF-1.7 nothing".to_vec()),
            Err(Beyond::Unreadable)
        );
    }
}
