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
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

/// The longest CSRF part read before it is refused.
const CSRF_MAX: usize = 256;
/// The block in which an upload is written to its temporary file.
const WRITE_BLOCK: usize = 256 * 1024;

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

    async fn check(&mut self, field: &mut Field) -> AppResult<()> {
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            if value.len() + chunk.len() > CSRF_MAX {
                return Err(AppError::csrf());
            }
            value.extend_from_slice(&chunk);
        }
        self.user.check_csrf(&String::from_utf8_lossy(&value))?;
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

async fn skip(field: &mut Field) -> AppResult<()> {
    while let Some(chunk) = field.next().await {
        chunk.map_err(bad)?;
    }
    Ok(())
}

/// Reads the `file` part of a document upload of `kind` into a temporary file where the
/// store wants it (`Storage::incoming_file`).
pub async fn receive(
    mut payload: Multipart,
    user: &CurrentUser,
    kind: DocumentKind,
    storage: &crate::storage::Storage,
) -> AppResult<Received> {
    let limit = kind.max_bytes();
    let mut gate = CsrfGate::new(user);
    let mut received = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut field).await?,
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
                // Written in blocks: each write to a tokio file is a hop to a blocking
                // thread, and the multipart chunks are small.
                let mut out = tokio::io::BufWriter::with_capacity(
                    WRITE_BLOCK,
                    tokio::fs::File::from_std(tmp.reopen().map_err(|_| AppError::internal())?),
                );
                let mut size: u64 = 0;
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(bad)?;
                    size += chunk.len() as u64;
                    if size > limit {
                        // Stop here: the rest of the body is not read, the temporary file goes.
                        return Err(refusal_error(too_large(kind)));
                    }
                    out.write_all(&chunk)
                        .await
                        .map_err(|_| AppError::internal())?;
                }
                // Written, not synced: the temporary file only has to outlive the request;
                // the stored copy is made durable before a row points at it.
                out.flush().await.map_err(|_| AppError::internal())?;
                received = Some(Received {
                    file: tmp,
                    size,
                    original_name,
                });
            }
            _ => skip(&mut field).await?,
        }
    }
    gate.require()?;
    received.ok_or_else(missing_file)
}

/// Reads a multipart body like [`receive`] (the CSRF gate, the `file` part counted as it
/// streams) but keeps nothing: `bench/upload_concurrency.sh` compares uploads against this.
#[cfg(feature = "bench")]
pub async fn discard(mut payload: Multipart, user: &CurrentUser) -> AppResult<u64> {
    let mut gate = CsrfGate::new(user);
    let mut size = 0u64;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut field).await?,
            "file" => {
                gate.require()?;
                while let Some(chunk) = field.next().await {
                    size += chunk.map_err(bad)?.len() as u64;
                }
            }
            _ => skip(&mut field).await?,
        }
    }
    gate.require()?;
    Ok(size)
}

/// A small upload held in memory (a CSV import) as UTF-8 text. Past `limit` bytes it is
/// refused with 413. The outer error is the request's (CSRF, unreadable body, too large); the
/// inner one is about the file, for the page to show next to it.
pub async fn read_text(
    mut payload: Multipart,
    user: &CurrentUser,
    limit: usize,
) -> AppResult<AppResult<String>> {
    let mut gate = CsrfGate::new(user);
    let mut file: Option<Vec<u8>> = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut field).await?,
            "file" if file.is_none() => {
                gate.require()?;
                let mut value = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(bad)?;
                    if value.len() + chunk.len() > limit {
                        return Err(AppError::too_large(format!(
                            "The file is larger than {} bytes.",
                            group_digits(limit as u64)
                        )));
                    }
                    value.extend_from_slice(&chunk);
                }
                file = Some(value);
            }
            _ => skip(&mut field).await?,
        }
    }
    gate.require()?;
    Ok(match file {
        Some(bytes) => String::from_utf8(bytes)
            .map_err(|_| AppError::bad_request("invalid_csv", "The CSV must be UTF-8 text.")),
        None => Err(missing_file()),
    })
}

/// How much of an oversized logo is read to report its size before giving up.
const LOGO_MEASURE_LIMIT: usize = 16 * 1024 * 1024;

/// A logo upload: at most one byte more than the logo limit kept in memory, but the whole
/// file counted so a refusal can say how large it was. Returns the bytes and the size.
pub async fn read_logo(mut payload: Multipart, user: &CurrentUser) -> AppResult<(Vec<u8>, usize)> {
    let max = crate::domain::org::LOGO_MAX_BYTES;
    let mut gate = CsrfGate::new(user);
    let mut bytes = Vec::new();
    let mut total = 0usize;
    let mut saw_file = false;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        match field.name().unwrap_or_default() {
            "csrf" => gate.check(&mut field).await?,
            "file" if !saw_file => {
                gate.require()?;
                saw_file = true;
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(bad)?;
                    total += chunk.len();
                    if total > LOGO_MEASURE_LIMIT {
                        return Err(AppError::too_large(format!(
                            "file: the logo is larger than {} bytes; at most {} bytes (1 MiB) are allowed",
                            group_digits(LOGO_MEASURE_LIMIT as u64),
                            group_digits(max as u64)
                        )));
                    }
                    let room = (max + 1).saturating_sub(bytes.len());
                    bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
            }
            _ => skip(&mut field).await?,
        }
    }
    gate.require()?;
    if !saw_file {
        return Err(missing_file());
    }
    Ok((bytes, total))
}
