//! Receiving a multipart upload: the `file` part is streamed into a temporary file while its
//! size is counted, and cut off at the limit (413) without reading the rest.

use crate::domain::document::{DocumentKind, too_large};
use crate::domain::field::FieldError;
use crate::error::{AppError, AppResult};
use crate::services::documents::{Received, refusal_error};
use actix_multipart::Multipart;
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

pub struct Upload {
    pub csrf: Option<String>,
    pub received: Received,
}

fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::bad_request(
        "bad_multipart",
        format!("The upload could not be read: {e}"),
    )
}

/// Reads `csrf` (pages) and `file` of a multipart body for a document of `kind`.
pub async fn receive(mut payload: Multipart, kind: DocumentKind) -> AppResult<Upload> {
    let limit = kind.max_bytes();
    let mut csrf = None;
    let mut received = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        match field.name().unwrap_or_default() {
            "csrf" => {
                let mut value = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(bad)?;
                    if value.len() + chunk.len() > 256 {
                        return Err(AppError::csrf());
                    }
                    value.extend_from_slice(&chunk);
                }
                csrf = Some(String::from_utf8_lossy(&value).into_owned());
            }
            "file" if received.is_none() => {
                let original_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or_default()
                    .to_string();
                let tmp = tempfile::NamedTempFile::new().map_err(|e| {
                    tracing::error!(error = %e, "no temporary file for an upload");
                    AppError::internal()
                })?;
                let mut out =
                    tokio::fs::File::from_std(tmp.reopen().map_err(|_| AppError::internal())?);
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
                out.flush().await.map_err(|_| AppError::internal())?;
                out.sync_all().await.map_err(|_| AppError::internal())?;
                received = Some(Received {
                    file: tmp,
                    size,
                    original_name,
                });
            }
            _ => {
                while let Some(chunk) = field.next().await {
                    chunk.map_err(bad)?;
                }
            }
        }
    }
    let received =
        received.ok_or_else(|| AppError::field(&FieldError::new("file", "err-file-missing")))?;
    Ok(Upload { csrf, received })
}

/// A small multipart form held in memory (a CSV import): the CSRF token, and the `file` part as
/// UTF-8 text (or why it cannot be used). Past `limit` bytes the upload is refused with 413.
pub async fn read_text_upload(
    mut payload: Multipart,
    limit: usize,
) -> AppResult<(String, AppResult<String>)> {
    let mut csrf = String::new();
    let mut file: Option<Vec<u8>> = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(bad)?;
        let name = field.name().unwrap_or_default().to_string();
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            if value.len() + chunk.len() > limit {
                return Err(AppError::too_large(format!(
                    "The file is larger than {} bytes.",
                    crate::domain::field::group_digits(limit as u64)
                )));
            }
            value.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&value).into_owned(),
            "file" => file = Some(value),
            _ => {}
        }
    }
    let text = match file {
        Some(bytes) => String::from_utf8(bytes)
            .map_err(|_| AppError::bad_request("invalid_csv", "The CSV must be UTF-8 text.")),
        None => Err(AppError::field(&FieldError::new(
            "file",
            "err-file-missing",
        ))),
    };
    Ok((csrf, text))
}
