//! What an Office package's parts say: the slides a presentation lists (SPEC 4: a deck's
//! slides are the ones its presentation part lists, not the slide files it happens to hold).

use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::{Read, Seek};

/// The slides the presentation part `main_part` lists in its `sldIdLst` whose relationship
/// leads to a part the package holds.
pub fn listed_slides<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, main_part: &str) -> u32 {
    let Some(presentation) = super::read_part(zip, main_part) else {
        return 0;
    };
    let rels_name = match main_part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{main_part}.rels"),
    };
    let targets = super::read_part(zip, &rels_name)
        .map(|rels| relationship_targets(&rels, main_part))
        .unwrap_or_default();
    slide_relationship_ids(&presentation)
        .iter()
        .filter(|id| {
            targets
                .get(id.as_str())
                .is_some_and(|part| zip.index_for_name(part).is_some())
        })
        .count() as u32
}

/// The `r:id` of each `sldId` inside the presentation's `sldIdLst`.
fn slide_relationship_ids(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut in_list = false;
    let mut ids = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"sldIdLst" => in_list = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"sldIdLst" => in_list = false,
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if in_list && e.local_name().as_ref() == b"sldId" =>
            {
                if let Some(id) = e.attributes().flatten().find_map(|a| {
                    (a.key.local_name().as_ref() == b"id" && a.key.prefix().is_some())
                        .then(|| String::from_utf8_lossy(&a.value).into_owned())
                }) {
                    ids.push(id);
                }
            }
            Ok(Event::Eof) | Err(_) => return ids,
            _ => {}
        }
    }
}

/// Relationship id -> the part it leads to, resolved against the folder of `source_part`.
fn relationship_targets(xml: &str, source_part: &str) -> HashMap<String, String> {
    let folder = source_part.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut targets = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) | Ok(Event::Start(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let (mut id, mut target) = (None, None);
                for a in e.attributes().flatten() {
                    let value = String::from_utf8_lossy(&a.value).into_owned();
                    match a.key.local_name().as_ref() {
                        b"Id" => id = Some(value),
                        b"Target" => target = Some(value),
                        _ => {}
                    }
                }
                if let (Some(id), Some(target)) = (id, target) {
                    targets.insert(id, resolve(folder, &target));
                }
            }
            Ok(Event::Eof) | Err(_) => return targets,
            _ => {}
        }
    }
}

/// A relationship target as a part name: absolute (`/ppt/slides/slide1.xml`) or relative to
/// the source's folder, with `..` and `.` steps applied.
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => folder.split('/').filter(|p| !p.is_empty()).collect(),
    };
    for step in target.trim_start_matches('/').split('/') {
        match step {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides_are_those_listed() {
        let xml = r#"<p:presentation xmlns:p="p" xmlns:r="r"><p:sldMasterIdLst><p:sldMasterId id="1" r:id="rId9"/></p:sldMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/><p:sldId id="257" r:id="rId3"/></p:sldIdLst></p:presentation>"#;
        assert_eq!(slide_relationship_ids(xml), ["rId2", "rId3"]);
        assert!(slide_relationship_ids("<p:presentation/>").is_empty());
        assert!(slide_relationship_ids("<p:sldIdLst><p:sldId id=\"1\"/>").is_empty());
    }

    #[test]
    fn targets_resolve_against_the_source_folder() {
        for (folder, target, want) in [
            ("ppt", "slides/slide1.xml", "ppt/slides/slide1.xml"),
            ("ppt", "/ppt/slides/slide2.xml", "ppt/slides/slide2.xml"),
            ("ppt", "../ppt/./slides/slide3.xml", "ppt/slides/slide3.xml"),
            ("", "ppt/x.xml", "ppt/x.xml"),
            ("ppt", "../../../x.xml", "x.xml"),
        ] {
            assert_eq!(resolve(folder, target), want, "{folder} {target}");
        }
        let rels = r#"<Relationships><Relationship Id="rId2" Type="slide" Target="slides/slide1.xml"/></Relationships>"#;
        assert_eq!(
            relationship_targets(rels, "ppt/presentation.xml")["rId2"],
            "ppt/slides/slide1.xml"
        );
    }
}
