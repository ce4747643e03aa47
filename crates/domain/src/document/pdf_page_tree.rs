//! The pages of a PDF, counted as the leaves of its page tree (SPEC 4): the `/Count` a file
//! declares is never trusted. The tree is read through hayro-syntax's lazy cross-reference
//! table, so only the tree's own objects are parsed.

use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, MaybeRef, Name, ObjectIdentifier};
use std::collections::HashSet;

/// Deeper trees than this are refused (real files nest a handful of levels).
pub const MAX_DEPTH: usize = 64;

/// Why a page tree cannot be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageTreeError {
    /// The file does not parse, or has no catalog or page tree.
    Unreadable,
    /// A node is reached twice (a cycle, or a page listed in two places).
    Cycle,
    /// The tree nests deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A kid is not a reference to a dictionary.
    BadKid,
}

/// The number of leaf pages under the catalog's `/Pages`.
pub fn count_leaves(data: impl AsRef<[u8]> + Send + Sync + 'static) -> Result<u32, PageTreeError> {
    let pdf = Pdf::new(std::sync::Arc::new(data)).map_err(|_| PageTreeError::Unreadable)?;
    let xref = pdf.xref();
    let catalog = xref
        .get::<Dict<'_>>(xref.root_id())
        .ok_or(PageTreeError::Unreadable)?;
    let root = match catalog.get_raw::<Dict<'_>>(b"Pages") {
        Some(MaybeRef::Ref(r)) => ObjectIdentifier::from(r),
        _ => return Err(PageTreeError::Unreadable),
    };
    let mut seen: HashSet<ObjectIdentifier> = HashSet::new();
    let mut leaves: u32 = 0;
    // Depth-first with an explicit stack: a hostile depth cannot overflow the thread's stack.
    let mut stack: Vec<(ObjectIdentifier, usize)> = vec![(root, 0)];
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            return Err(PageTreeError::Cycle);
        }
        let node = xref.get::<Dict<'_>>(id).ok_or(PageTreeError::BadKid)?;
        let is_tree = node.get::<Name<'_>>(b"Type").as_deref() == Some(&b"Pages"[..]);
        if !is_tree {
            leaves = leaves.saturating_add(1);
            continue;
        }
        if depth >= MAX_DEPTH {
            return Err(PageTreeError::TooDeep);
        }
        let Some(kids) = node.get::<Array<'_>>(b"Kids") else {
            continue;
        };
        for kid in kids.raw_iter() {
            match kid {
                MaybeRef::Ref(r) => stack.push((r.into(), depth + 1)),
                MaybeRef::NotRef(_) => return Err(PageTreeError::BadKid),
            }
        }
    }
    Ok(leaves)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object, ObjectId, dictionary};

    /// A PDF whose page tree is built by `tree` from the id of the root node; the root
    /// declares `count`.
    fn pdf_with(count: i64, tree: impl FnOnce(&mut Document, ObjectId) -> Vec<Object>) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let root = doc.new_object_id();
        let kids = tree(&mut doc, root);
        doc.objects.insert(
            root,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn page(doc: &mut Document, parent: ObjectId) -> Object {
        doc.add_object(dictionary! { "Type" => "Page", "Parent" => parent })
            .into()
    }

    fn node(doc: &mut Document, parent: ObjectId, kids: usize, count: i64) -> (ObjectId, Object) {
        let id = doc.new_object_id();
        let kids: Vec<Object> = (0..kids).map(|_| page(doc, id)).collect();
        doc.objects.insert(
            id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Parent" => parent, "Kids" => kids, "Count" => count },
            ),
        );
        (id, id.into())
    }

    #[test]
    fn pages_are_the_leaves_whatever_the_tree_declares() {
        struct Case {
            name: &'static str,
            pdf: Vec<u8>,
            want: Result<u32, PageTreeError>,
        }
        let cases = [
            Case {
                name: "ten leaves declaring one",
                pdf: pdf_with(1, |d, root| (0..10).map(|_| page(d, root)).collect()),
                want: Ok(10),
            },
            Case {
                name: "two pages as declared",
                pdf: pdf_with(2, |d, root| (0..2).map(|_| page(d, root)).collect()),
                want: Ok(2),
            },
            Case {
                name: "nested trees declaring zero",
                pdf: pdf_with(0, |d, root| {
                    let (_, a) = node(d, root, 3, 0);
                    let (_, b) = node(d, root, 4, 1);
                    vec![a, b, page(d, root)]
                }),
                want: Ok(8),
            },
            Case {
                name: "no pages at all",
                pdf: pdf_with(5, |_, _| vec![]),
                want: Ok(0),
            },
            Case {
                name: "a node that lists the root again",
                pdf: pdf_with(1, |d, root| {
                    let (id, obj) = node(d, root, 1, 1);
                    if let Ok(Object::Dictionary(dict)) = d.get_object_mut(id)
                        && let Ok(Object::Array(kids)) = dict.get_mut(b"Kids")
                    {
                        kids.push(root.into());
                    }
                    vec![obj]
                }),
                want: Err(PageTreeError::Cycle),
            },
            Case {
                name: "the same page listed twice",
                pdf: pdf_with(2, |d, root| {
                    let p = page(d, root);
                    vec![p.clone(), p]
                }),
                want: Err(PageTreeError::Cycle),
            },
            Case {
                name: "a kid that is no reference",
                pdf: pdf_with(1, |_, _| vec![Object::Integer(7)]),
                want: Err(PageTreeError::BadKid),
            },
            Case {
                name: "a chain deeper than the limit",
                pdf: pdf_with(1, |d, root| {
                    let mut parent = root;
                    let mut first = None;
                    let mut previous: Option<ObjectId> = None;
                    for _ in 0..(MAX_DEPTH + 2) {
                        let id = d.new_object_id();
                        d.objects.insert(
                            id,
                            Object::Dictionary(
                                dictionary! { "Type" => "Pages", "Parent" => parent, "Kids" => Vec::<Object>::new(), "Count" => 1 },
                            ),
                        );
                        if let Some(prev) = previous
                            && let Ok(Object::Dictionary(dict)) = d.get_object_mut(prev)
                        {
                            dict.set("Kids", vec![Object::from(id)]);
                        }
                        first.get_or_insert(id);
                        previous = Some(id);
                        parent = id;
                    }
                    vec![first.unwrap().into()]
                }),
                want: Err(PageTreeError::TooDeep),
            },
        ];
        for case in cases {
            assert_eq!(count_leaves(case.pdf), case.want, "{}", case.name);
        }
        assert_eq!(
            count_leaves(b"not a pdf".to_vec()),
            Err(PageTreeError::Unreadable)
        );
    }
}
