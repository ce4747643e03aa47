//! Reading multipart uploads, for pages and the API alike. A page's form sends its CSRF token
//! before the file, and the token is checked the moment it arrives: a file part that comes
//! before a valid token is refused before any byte of it is stored (SPEC 8), so a forged
//! upload costs the server nothing. API callers (bearer tokens) have no CSRF token to send.
//! The `file` part is counted as it streams and cut off at its limit (413) without reading
//! the rest.

use crate::auth::CurrentUser;
use crate::domain::document::{DocumentKind, too_large};
use crate::domain::field::{FieldError, group_digits};
use crate::error::{AppError, AppResult};
use crate::services::documents::{Received, refusal_error};
use actix_multipart::{Field, Multipart};
use bytes::Bytes;
use futures_util::StreamExt;
use std::io::Write;

/// The longest CSRF part read before it is refused.
const CSRF_MAX: usize = 256;
/// How much of an upload is gathered for one blocking write to its temporary file.
const WRITE_BLOCK: usize = 256 * 1024;
/// How much of an upload arrives between two requests to the kernel to start writing it to
/// disk (`sync_file_range`), so the flush before its row commits has little left to do.
const WRITEBACK_STEP: u64 = 4 * 1024 * 1024;

/// What a multipart request may carry besides its file: the CSRF token, the part headers and
/// boundaries, a few small fields (SPEC 8: "a small allowance for the other parts").
const ALLOWANCE: u64 = 64 * 1024;
/// The most parts a multipart request may have (a page's upload form sends two).
const MAX_PARTS: usize = 16;

/// A multipart body read under a cap on its bytes (every part's, skipped ones too), on the
/// bytes of its parts other than the file ([`ALLOWANCE`]) and on its number of parts: past
/// any of them the request is refused with 413 and nothing more of it is read.
struct Body {
    payload: Multipart,
    left: u64,
    others_left: u64,
    parts: usize,
}

impl Body {
    /// `file_limit`: the most the file part may hold.
    fn new(payload: Multipart, file_limit: u64) -> Body {
        Body {
            payload,
            left: file_limit + ALLOWANCE,
            others_left: ALLOWANCE,
            parts: 0,
        }
    }

    async fn next_field(&mut self) -> AppResult<Option<Field>> {
        let Some(field) = self.payload.next().await else {
            return Ok(None);
        };
        self.parts += 1;
        if self.parts > MAX_PARTS {
            return Err(AppError::too_large(format!(
                "The upload has more than {MAX_PARTS} parts."
            )));
        }
        field.map(Some).map_err(bad)
    }

    /// The next chunk of `field`, counted against the cap; `over` is the error past it.
    async fn next_chunk(
        &mut self,
        field: &mut Field,
        over: impl FnOnce() -> AppError,
    ) -> AppResult<Option<Bytes>> {
        let Some(chunk) = field.next().await else {
            return Ok(None);
        };
        let chunk = chunk.map_err(bad)?;
        self.left = self.left.checked_sub(chunk.len() as u64).ok_or_else(over)?;
        Ok(Some(chunk))
    }

    /// The next chunk of a part that is not the file, counted against the allowance too.
    async fn next_small_chunk(&mut self, field: &mut Field) -> AppResult<Option<Bytes>> {
        let chunk = self.next_chunk(field, too_much).await?;
        if let Some(c) = &chunk {
            self.others_left = self
                .others_left
                .checked_sub(c.len() as u64)
                .ok_or_else(too_much)?;
        }
        Ok(chunk)
    }

    /// Reads a part that is not wanted, counting it.
    async fn skip(&mut self, field: &mut Field) -> AppResult<()> {
        while self.next_small_chunk(field).await?.is_some() {}
        Ok(())
    }
}

fn too_much() -> AppError {
    AppError::too_large("The upload carries more than its file and a few small fields.")
}

fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::bad_request(
        "bad_multipart",
        format!("The upload could not be read: {e}"),
    )
}

fn missing_file() -> AppError {
    AppError::field(&FieldError::new("file", "err-file-missing"))
}

/// The CSRF side of one multipart request: satisfied at once for API callers, and for a
/// page once its `csrf` part has been checked against the session.
struct CsrfGate<'a> {
    user: &'a CurrentUser,
    passed: bool,
}

impl<'a> CsrfGate<'a> {
    fn new(user: &'a CurrentUser) -> CsrfGate<'a> {
        CsrfGate {
            passed: user.csrf.is_none(),
            user,
        }
    }

    async fn check(&mut self, body: &mut Body, field: &mut Field) -> AppResult<()> {
        let value = small_value(body, field).await?.ok_or_else(AppError::csrf)?;
        self.user.check_csrf(&value)?;
        self.passed = true;
        Ok(())
    }

    /// Before a file part: refused unless the token came first and matched.
    fn require(&self) -> AppResult<()> {
        if self.passed {
            Ok(())
        } else {
            Err(AppError::csrf())
        }
    }
}

/// A short text part (a token, a checkbox); None when it is longer than a token.
async fn small_value(body: &mut Body, field: &mut Field) -> AppResult<Option<String>> {
    let mut value = Vec::new();
    while let Some(chunk) = body.next_small_chunk(field).await? {
        if value.len() + chunk.len() > CSRF_MAX {
            return Ok(None);
        }
        value.extend_from_slice(&chunk);
    }
    Ok(Some(String::from_utf8_lossy(&value).into_owned()))
}

/// The temporary file an upload is written into. The multipart chunks (`Bytes` cut from the
/// request's buffer) are gathered, not copied, into batches of [`WRITE_BLOCK`], and each batch
/// is written on a blocking thread while the next one arrives: the bytes are copied once, by
/// the kernel into its page cache. When the file is to become the stored copy (local files),
/// every [`WRITEBACK_STEP`] the kernel is also asked to start writing what arrived to disk:
/// otherwise nothing is written until the flush before the row commits (far below the
/// kernel's own dirty-page thresholds), and the disk idles while the body arrives.
struct IncomingFile {
    /// The file, unless a batch is being written to it.
    file: Option<std::fs::File>,
    writing: Option<tokio::task::JoinHandle<std::io::Result<std::fs::File>>>,
    batch: Vec<Bytes>,
    batch_len: usize,
    /// Bytes handed to the blocking writes, and bytes handed on to the disk's writeback.
    written: u64,
    handed: u64,
    writeback: bool,
}

impl IncomingFile {
    fn new(file: std::fs::File, writeback: bool) -> IncomingFile {
        IncomingFile {
            file: Some(file),
            writing: None,
            batch: Vec::new(),
            batch_len: 0,
            written: 0,
            handed: 0,
            writeback,
        }
    }

    async fn write(&mut self, chunk: Bytes) -> AppResult<()> {
        self.batch_len += chunk.len();
        self.batch.push(chunk);
        if self.batch_len >= WRITE_BLOCK {
            self.send_batch().await?;
        }
        Ok(())
    }

    /// Waits for the batch being written (one at a time keeps at most two batches of an
    /// upload in memory), then hands the gathered one to a blocking thread.
    async fn send_batch(&mut self) -> AppResult<()> {
        let mut file = match self.writing.take() {
            Some(writing) => finished(writing.await)?,
            None => self.file.take().ok_or_else(AppError::internal)?,
        };
        let batch = std::mem::take(&mut self.batch);
        self.written += std::mem::take(&mut self.batch_len) as u64;
        let writeback = (self.writeback && self.written - self.handed >= WRITEBACK_STEP)
            .then(|| (self.handed, self.written - self.handed));
        if writeback.is_some() {
            self.handed = self.written;
        }
        self.writing = Some(tokio::task::spawn_blocking(move || {
            for chunk in &batch {
                file.write_all(chunk)?;
            }
            if let Some((from, len)) = writeback {
                start_writeback(&file, from, len);
            }
            Ok(file)
        }));
        Ok(())
    }

    /// Written, not synced: the temporary file only has to outlive the request; the stored
    /// copy is made durable before a row points at it.
    async fn finish(mut self) -> AppResult<()> {
        if self.batch_len > 0 {
            self.send_batch().await?;
        }
        if let Some(writing) = self.writing.take() {
            finished(writing.await)?;
        }
        Ok(())
    }
}

/// The file back from a blocking write. A write that failed (a full disk) is the store's
/// failure, answered as the store being unavailable, as when the stored copy cannot be made.
fn finished(
    joined: Result<std::io::Result<std::fs::File>, tokio::task::JoinError>,
) -> AppResult<std::fs::File> {
    joined.map_err(|_| AppError::internal())?.map_err(|e| {
        tracing::error!(error = %e, "writing an upload to its temporary file failed");
        AppError::storage_unavailable()
    })
}

/// Asks the kernel to start writing `len` bytes of `file` from `from` to disk, without
/// waiting for them. Advisory: a failure here shows again at the flush that must succeed.
fn start_writeback(file: &std::fs::File, from: u64, len: u64) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor belongs to `file`, which outlives the call; the call only
        // reads its arguments.
        unsafe {
            libc::sync_file_range(
                file.as_raw_fd(),
                from as libc::off64_t,
                len as libc::off64_t,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, from, len);
}

/// Reads the `file` part of a document upload of `kind` into a temporary file where the
/// store wants it (`Storage::incoming_file`).
pub async fn receive(
    payload: Multipart,
    user: &CurrentUser,
    kind: DocumentKind,
    storage: &crate::storage::Storage,
) -> AppResult<Received> {
    let limit = kind.max_bytes();
    let mut body = Body::new(payload, limit);
    let mut gate = CsrfGate::new(user);
    let mut received = None;
    let mut may_leave_review = false;
    while let Some(mut field) = body.next_field().await? {
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut body, &mut field).await?,
            "leave_review" => {
                may_leave_review = small_value(&mut body, &mut field).await?.as_deref() == Some("1")
            }
            "file" if received.is_none() => {
                gate.require()?;
                let original_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or_default()
                    .to_string();
                let tmp = storage.incoming_file().map_err(|e| {
                    tracing::error!(error = %e, "no temporary file for an upload");
                    AppError::internal()
                })?;
                let file = tmp.reopen().map_err(|_| AppError::internal())?;
                let mut out = IncomingFile::new(file, storage.keeps_incoming());
                let mut size: u64 = 0;
                let over = || refusal_error(too_large(kind));
                while let Some(chunk) = body.next_chunk(&mut field, over).await? {
                    size += chunk.len() as u64;
                    if size > limit {
                        // Stop here: the rest of the body is not read, the temporary file goes.
                        return Err(refusal_error(too_large(kind)));
                    }
                    out.write(chunk).await?;
                }
                out.finish().await?;
                received = Some(Received {
                    file: tmp,
                    size,
                    original_name,
                    may_leave_review: false,
                });
            }
            _ => body.skip(&mut field).await?,
        }
    }
    gate.require()?;
    // The box may come after the file part in the body: it counts wherever it is.
    received
        .map(|r| Received {
            may_leave_review,
            ..r
        })
        .ok_or_else(missing_file)
}

/// Reads a multipart body like [`receive`] (the CSRF gate, the `file` part counted as it
/// streams) but keeps nothing: `bench/upload_concurrency.sh` compares uploads against this.
#[cfg(feature = "bench")]
pub async fn discard(payload: Multipart, user: &CurrentUser) -> AppResult<u64> {
    let mut body = Body::new(payload, DocumentKind::PitchDeck.max_bytes());
    let mut gate = CsrfGate::new(user);
    let mut size = 0u64;
    while let Some(mut field) = body.next_field().await? {
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut body, &mut field).await?,
            "file" => {
                gate.require()?;
                while let Some(chunk) = body.next_chunk(&mut field, too_much).await? {
                    size += chunk.len() as u64;
                }
            }
            _ => body.skip(&mut field).await?,
        }
    }
    gate.require()?;
    Ok(size)
}

/// A small upload held in memory (a CSV import) as UTF-8 text. Past `limit` bytes it is
/// refused with 413. The outer error is the request's (CSRF, unreadable body, too large); the
/// inner one is about the file, for the page to show next to it.
pub async fn read_text(
    payload: Multipart,
    user: &CurrentUser,
    limit: usize,
) -> AppResult<AppResult<String>> {
    let mut body = Body::new(payload, limit as u64);
    let mut gate = CsrfGate::new(user);
    let mut file: Option<Vec<u8>> = None;
    let over = || {
        AppError::too_large(format!(
            "The file is larger than {} bytes.",
            group_digits(limit as u64)
        ))
    };
    while let Some(mut field) = body.next_field().await? {
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut body, &mut field).await?,
            "file" if file.is_none() => {
                gate.require()?;
                let mut value = Vec::new();
                while let Some(chunk) = body.next_chunk(&mut field, over).await? {
                    if value.len() + chunk.len() > limit {
                        return Err(over());
                    }
                    value.extend_from_slice(&chunk);
                }
                file = Some(value);
            }
            _ => body.skip(&mut field).await?,
        }
    }
    gate.require()?;
    Ok(match file {
        Some(bytes) => super::csv::text(&bytes).map(str::to_owned),
        None => Err(missing_file()),
    })
}

/// How much of an oversized logo is read to report its size before giving up.
const LOGO_MEASURE_LIMIT: usize = 16 * 1024 * 1024;

/// A logo upload: at most one byte more than the logo limit kept in memory, but the whole
/// file counted so a refusal can say how large it was. Returns the bytes and the size.
pub async fn read_logo(payload: Multipart, user: &CurrentUser) -> AppResult<(Vec<u8>, usize)> {
    let max = crate::domain::org::LOGO_MAX_BYTES;
    let mut body = Body::new(payload, LOGO_MEASURE_LIMIT as u64);
    let mut gate = CsrfGate::new(user);
    let mut bytes = Vec::new();
    let mut total = 0usize;
    let mut saw_file = false;
    let over = || {
        AppError::too_large(format!(
            "file: the logo is larger than {} bytes; at most {} bytes (1 MiB) are allowed",
            group_digits(LOGO_MEASURE_LIMIT as u64),
            group_digits(max as u64)
        ))
    };
    while let Some(mut field) = body.next_field().await? {
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut body, &mut field).await?,
            "file" if !saw_file => {
                gate.require()?;
                saw_file = true;
                while let Some(chunk) = body.next_chunk(&mut field, over).await? {
                    total += chunk.len();
                    if total > LOGO_MEASURE_LIMIT {
                        return Err(over());
                    }
                    let room = (max + 1).saturating_sub(bytes.len());
                    bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
            }
            _ => body.skip(&mut field).await?,
        }
    }
    gate.require()?;
    if !saw_file {
        return Err(missing_file());
    }
    Ok((bytes, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chunks of the sizes multipart parsing hands over, from a few bytes to more than a
    /// write block, over several writeback steps.
    fn chunks(total: usize) -> Vec<Bytes> {
        let sizes = [
            1,
            7,
            4096,
            65_536,
            WRITE_BLOCK - 3,
            WRITE_BLOCK + 5,
            300_001,
        ];
        let mut out = Vec::new();
        let (mut at, mut i) = (0usize, 0usize);
        while at < total {
            let n = sizes[i % sizes.len()].min(total - at);
            out.push(Bytes::from(
                (at..at + n).map(|b| (b % 251) as u8).collect::<Vec<u8>>(),
            ));
            at += n;
            i += 1;
        }
        out
    }

    #[tokio::test]
    async fn an_upload_is_written_whole_and_in_order_with_or_without_early_writeback() {
        let step = WRITEBACK_STEP as usize;
        for total in [0, 1, WRITE_BLOCK - 1, WRITE_BLOCK, 2 * step + 12_345] {
            for writeback in [false, true] {
                let tmp = tempfile::NamedTempFile::new().unwrap();
                let sent = chunks(total);
                let mut out = IncomingFile::new(tmp.reopen().unwrap(), writeback);
                for chunk in sent.iter().cloned() {
                    out.write(chunk).await.unwrap();
                }
                let handed = out.handed;
                out.finish().await.unwrap();
                let expected: Vec<u8> = sent.concat();
                let written = std::fs::read(tmp.path()).unwrap();
                assert_eq!(written.len(), total, "{total} bytes, writeback {writeback}");
                assert!(written == expected, "{total} bytes, writeback {writeback}");
                let expected_early = writeback && total >= step;
                assert_eq!(
                    handed >= WRITEBACK_STEP,
                    expected_early,
                    "{total} bytes, writeback {writeback}: {handed} handed to the disk early"
                );
                if !expected_early {
                    assert_eq!(handed, 0);
                }
            }
        }
    }

    #[tokio::test]
    async fn a_write_that_fails_says_the_store_is_unavailable() {
        // /dev/full refuses every write as a full disk does.
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut out = IncomingFile::new(full, true);
        let mut failed = None;
        for chunk in chunks(WRITE_BLOCK * 3) {
            if let Err(e) = out.write(chunk).await {
                failed = Some(e);
                break;
            }
        }
        let failed = match failed {
            Some(e) => e,
            None => out.finish().await.unwrap_err(),
        };
        assert_eq!(actix_web::ResponseError::status_code(&failed).as_u16(), 503);
    }
}
