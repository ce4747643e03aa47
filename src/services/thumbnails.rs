//! Where thumbnails are kept and when they are made: once per document version, in the
//! background after an upload (or on the first request that finds none, after a restart),
//! stored beside the document under a key derived from its key, so that the orphan sweep
//! keeps them exactly as long as their document. A document that has no thumbnail gets an
//! empty object there, so it is not rendered again; pages then show the placeholder.

use crate::db::documents::DocumentRow;
use crate::domain::document::Format;
use crate::state::AppState;
use crate::thumbnail;
use bytes::Bytes;
use std::collections::HashSet;
use std::sync::Mutex;
use tokio::sync::Semaphore;

/// What follows a document's storage key in its thumbnail's key.
pub const SUFFIX: &str = ".thumb";

/// One render at a time: a thumbnail is worth little next to the requests of the people
/// waiting for pages on a two-core machine.
static RENDERS: Semaphore = Semaphore::const_new(1);
/// Documents being made now in this process, so that a burst of requests renders once.
static IN_FLIGHT: Mutex<Option<HashSet<String>>> = Mutex::new(None);

pub fn key_of(document_key: &str) -> String {
    format!("{document_key}{SUFFIX}")
}

/// The document key a stored object belongs to: itself, or the document of a thumbnail.
pub fn owner_of(object_key: &str) -> &str {
    object_key.strip_suffix(SUFFIX).unwrap_or(object_key)
}

/// What a page shows for a document.
pub enum Shown {
    /// A made thumbnail, or an image document itself; fixed for this version.
    Image(Bytes, &'static str),
    /// The document is itself a small picture: its own bytes are the thumbnail.
    Original,
    /// The placeholder: none exists (`pending`: not made yet, so do not keep it long).
    Placeholder { pending: bool },
}

fn claim(key: &str) -> bool {
    let mut guard = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    guard
        .get_or_insert_with(HashSet::new)
        .insert(key.to_string())
}

/// Thumbnails this instance is making or waiting to make now (for the metrics).
pub fn pending() -> usize {
    let guard = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    guard.as_ref().map_or(0, HashSet::len)
}

fn release(key: &str) {
    let mut guard = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(set) = guard.as_mut() {
        set.remove(key);
    }
}

fn renders(format: Format) -> bool {
    matches!(format, Format::Pdf | Format::Pptx)
}

/// Makes the thumbnail of a new document version in the background.
pub fn schedule(state: &AppState, row: &DocumentRow) {
    if !renders(row.format) || !claim(&row.storage_key) {
        return;
    }
    let state = state.clone();
    let row = row.clone();
    tokio::spawn(async move {
        make(&state, &row).await;
        release(&row.storage_key);
    });
}

/// Reads the document, renders it (off the async threads, one at a time) and stores the
/// result, or an empty object when it has none. Failures are logged, never raised: a page
/// shows the placeholder meanwhile and the next request tries again.
pub async fn make(state: &AppState, row: &DocumentRow) {
    let format = row.format;
    let Ok(_turn) = RENDERS.acquire().await else {
        return;
    };
    let rendered = if format == Format::Pdf && row.size as u64 > thumbnail::PDF_RENDER_MAX {
        // Too large to render: no need to read it at all.
        None
    } else {
        match render(state, format, &row.storage_key).await {
            Ok(rendered) => rendered,
            Err(e) => {
                tracing::warn!(error = %e, key = %row.storage_key, "reading a document for its thumbnail failed");
                return;
            }
        }
    };
    let stored = rendered.map_or_else(Bytes::new, |t| Bytes::from(t.bytes));
    if let Err(e) = state
        .storage
        .put_bytes(&key_of(&row.storage_key), stored)
        .await
    {
        tracing::warn!(error = %e, key = %row.storage_key, "storing a thumbnail failed");
    }
}

/// Renders the stored document, read in place from local files. From a remote store a deck
/// is read in ranges (its ZIP directory and the thumbnail's entry, a few small requests, not
/// the whole 50 MiB), and a PDF from a temporary copy streamed out of the store: memory holds
/// at most what rendering needs (see `thumbnail::PDF_RENDER_MAX`), never a whole deck.
async fn render(
    state: &AppState,
    format: Format,
    key: &str,
) -> anyhow::Result<Option<thumbnail::Thumbnail>> {
    let rendered = match (state.storage.local_path(key), format) {
        (Some(path), _) => {
            tokio::task::spawn_blocking(move || thumbnail::of_file(format, &path)).await
        }
        (None, Format::Pptx) => return deck_from_store(state, key).await,
        (None, _) => {
            let copy = download(state, key).await?;
            tokio::task::spawn_blocking(move || thumbnail::of_file(format, copy.path())).await
        }
    };
    Ok(rendered.ok().flatten())
}

/// The thumbnail of a deck on a remote store, read in ranges. A request that failed is an
/// error (tried again later), not a deck without a thumbnail: the ZIP reader cannot tell them
/// apart.
async fn deck_from_store(
    state: &AppState,
    key: &str,
) -> anyhow::Result<Option<thumbnail::Thumbnail>> {
    let mut package = state.storage.reader(key).await?;
    // A reader that panicked is a deck without a thumbnail, as for the other formats.
    let Ok((rendered, package)) =
        tokio::task::spawn_blocking(move || (thumbnail::of_pptx(&mut package), package)).await
    else {
        return Ok(None);
    };
    if let Some(failure) = package.failure() {
        anyhow::bail!("the store failed while the deck was read: {failure}");
    }
    Ok(rendered)
}

/// A stored object in a temporary file (removed when dropped).
async fn download(state: &AppState, key: &str) -> anyhow::Result<tempfile::NamedTempFile> {
    use futures_util::StreamExt;
    use tokio::io::AsyncWriteExt;
    let file = tempfile::NamedTempFile::new()?;
    let mut out = tokio::fs::File::create(file.path()).await?;
    let mut stream = state.storage.get(key).await?;
    while let Some(chunk) = stream.next().await {
        out.write_all(&chunk?).await?;
    }
    out.flush().await?;
    Ok(file)
}

/// What to show for a document: its thumbnail when made; else the placeholder, and the
/// thumbnail is made in the background for the next request.
pub async fn shown(state: &AppState, row: &DocumentRow) -> Shown {
    let format = row.format;
    if matches!(format, Format::Png | Format::Jpeg) {
        return Shown::Original;
    }
    if !renders(format) {
        return Shown::Placeholder { pending: false };
    }
    match state.storage.get_bytes(&key_of(&row.storage_key)).await {
        Ok(Some(bytes)) => match thumbnail::content_type_of(&bytes) {
            Some(content_type) => Shown::Image(bytes, content_type),
            None => Shown::Placeholder { pending: false },
        },
        Ok(None) => {
            schedule(state, row);
            Shown::Placeholder { pending: true }
        }
        Err(e) => {
            tracing::warn!(error = %e, key = %row.storage_key, "reading a thumbnail failed");
            Shown::Placeholder { pending: true }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thumbnail_belongs_to_its_document() {
        let doc = "solutions/7/one_pager/abc.pdf";
        assert_eq!(owner_of(&key_of(doc)), doc);
        assert_eq!(owner_of(doc), doc);
    }
}
