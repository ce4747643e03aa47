//! Document storage through `object_store`: local files by default (`file://path`), Azure
//! Blob (`az://container/prefix`) or S3 (`s3://bucket/prefix`) with the usual credential
//! variables. Files go in and out as streams, so memory does not grow with their size, nor
//! with the number of uploads at once: an upload to local files arrives inside the store and
//! is renamed into place, and Azure blocks are small (bench/upload_concurrency.sh measures
//! both).

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, WriteMultipart};
use std::path::Path;
use std::sync::Arc;
use tokio::io::AsyncReadExt;

mod reader;
pub use reader::ObjectReader;

/// S3 refuses parts under 5 MiB (except the last), so its uploads hold that much per part.
const S3_PART: usize = 5 * 1024 * 1024;
/// Azure takes blocks of any size: small ones keep ten 50 MiB uploads at once within a few
/// MiB each (two blocks in flight and one filling).
const AZURE_BLOCK: usize = 512 * 1024;
/// Parts in flight per upload.
const PARTS_IN_FLIGHT: usize = 2;
/// The read buffer per upload when streaming a file into a store.
const READ_BUFFER: usize = 128 * 1024;

#[derive(Clone, Debug)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// The same store when it is local files: uploads arrive inside it and are renamed into
    /// place, other files are copied into it by the kernel.
    local: Option<Arc<LocalFileSystem>>,
    /// Where uploads arrive for local files (`solutions/.incoming`).
    incoming: Option<std::path::PathBuf>,
    /// The part size of multipart writes to a remote store.
    part_size: usize,
    prefix: StorePath,
    pub url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("STORAGE_URL: {0}")]
    Config(String),
    #[error("storage: {0}")]
    Store(#[from] object_store::Error),
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
}

impl Storage {
    pub fn from_url(url: &str) -> Result<Storage, StorageError> {
        let mut local = None;
        let mut incoming = None;
        let mut part_size = AZURE_BLOCK;
        let (store, prefix): (Arc<dyn ObjectStore>, String) =
            if let Some(path) = url.strip_prefix("file://") {
                std::fs::create_dir_all(path)
                    .and_then(|()| crate::private_files::make_private(Path::new(path)))
                    .map_err(|e| {
                        StorageError::Config(format!("cannot create the folder {path}: {e}"))
                    })?;
                let fs = Arc::new(
                    LocalFileSystem::new_with_prefix(path)
                        .map_err(|e| StorageError::Config(format!("{path}: {e}")))?,
                );
                local = Some(fs.clone());
                incoming = Some(
                    std::path::Path::new(path)
                        .join("solutions")
                        .join(".incoming"),
                );
                (fs, String::new())
            } else if url.starts_with("az://") || url.starts_with("s3://") {
                let parsed = url::Url::parse(url)
                    .map_err(|e| StorageError::Config(format!("{url}: {e}")))?;
                let prefix = parsed.path().trim_matches('/').to_string();
                let store: Arc<dyn ObjectStore> = if url.starts_with("az://") {
                    let container = parsed.host_str().unwrap_or_default();
                    Arc::new(
                        object_store::azure::MicrosoftAzureBuilder::from_env()
                            .with_container_name(container)
                            .build()
                            .map_err(|e| StorageError::Config(e.to_string()))?,
                    )
                } else {
                    part_size = S3_PART;
                    let bucket = parsed.host_str().unwrap_or_default();
                    Arc::new(
                        object_store::aws::AmazonS3Builder::from_env()
                            .with_bucket_name(bucket)
                            .build()
                            .map_err(|e| StorageError::Config(e.to_string()))?,
                    )
                };
                (store, prefix)
            } else {
                return Err(StorageError::Config(format!(
                    "{url:?} must start with file://, az:// or s3://"
                )));
            };
        Ok(Storage {
            store,
            local,
            incoming,
            part_size,
            prefix: StorePath::from(prefix),
            url: url.to_string(),
        })
    }

    fn location(&self, key: &str) -> StorePath {
        let mut loc = self.prefix.clone();
        for part in key.split('/') {
            loc = loc.child(part);
        }
        loc
    }

    /// A temporary file for an upload on its way in. With local files it is made inside the
    /// store (`solutions/.incoming/upload#…`), so [`Storage::put_file`] renames it into
    /// place instead of copying it, and one a crash left behind is removed by
    /// [`Storage::sweep_unfinished`] (its name has a `#`). Otherwise it is an ordinary
    /// temporary file. Either way it is removed when dropped unless it was stored.
    pub fn incoming_file(&self) -> std::io::Result<tempfile::NamedTempFile> {
        match &self.incoming {
            Some(dir) => {
                std::fs::create_dir_all(dir)?;
                tempfile::Builder::new().prefix("upload#").tempfile_in(dir)
            }
            None => tempfile::NamedTempFile::new(),
        }
    }

    /// True when a file from [`Storage::incoming_file`] becomes the stored copy itself (local
    /// files), so it is worth writing to disk while it arrives; elsewhere it is sent on and
    /// removed, and need never reach the disk.
    pub fn keeps_incoming(&self) -> bool {
        self.incoming.is_some()
    }

    /// Puts a local file into the store under `key`, durably: once this returns, the bytes
    /// are on the store's disk (a database row may point at them). A file from
    /// [`Storage::incoming_file`] on local files is moved there; any other is copied. On
    /// failure nothing is left behind.
    pub async fn put_file(&self, key: &str, path: &Path) -> Result<(), StorageError> {
        match &self.local {
            Some(local) => {
                let dest = local.path_to_filesystem(&self.location(key))?;
                let from = path.to_path_buf();
                let arrived = self.incoming.as_deref() == from.parent();
                tokio::task::spawn_blocking(move || {
                    if arrived {
                        move_durably(&from, &dest)
                    } else {
                        copy_durably(&from, &dest)
                    }
                })
                .await
                .map_err(|e| StorageError::Io(std::io::Error::other(e)))??;
                Ok(())
            }
            None => self.stream_file(key, path).await,
        }
    }

    /// The file behind `key` when the store is local files, to be read in place.
    pub fn local_path(&self, key: &str) -> Option<std::path::PathBuf> {
        self.local
            .as_ref()
            .and_then(|local| local.path_to_filesystem(&self.location(key)).ok())
    }

    /// Streams a local file into a remote store in parts.
    async fn stream_file(&self, key: &str, path: &Path) -> Result<(), StorageError> {
        let upload = self.store.put_multipart(&self.location(key)).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, self.part_size);
        let result: Result<(), StorageError> = async {
            let mut file = tokio::fs::File::open(path).await?;
            let mut buf = vec![0u8; READ_BUFFER];
            loop {
                let n = file.read(&mut buf).await?;
                if n == 0 {
                    break;
                }
                writer.wait_for_capacity(PARTS_IN_FLIGHT).await?;
                writer.write(&buf[..n]);
            }
            Ok(())
        }
        .await;
        match result {
            Ok(()) => {
                writer.finish().await?;
                Ok(())
            }
            Err(e) => {
                let _ = writer.abort().await;
                Err(e)
            }
        }
    }

    /// The stored bytes of `key`, as a stream.
    pub async fn get(
        &self,
        key: &str,
    ) -> Result<BoxStream<'static, Result<Bytes, std::io::Error>>, StorageError> {
        let result = self.store.get(&self.location(key)).await?;
        Ok(result.into_stream().map_err(std::io::Error::other).boxed())
    }

    /// A reader of `key` that fetches only the parts read (see [`ObjectReader`]).
    pub async fn reader(&self, key: &str) -> Result<ObjectReader, StorageError> {
        let location = self.location(key);
        let size = self.store.head(&location).await?.size;
        Ok(ObjectReader::new(self.store.clone(), location, size))
    }

    /// Writes a small object (a thumbnail) in one request.
    pub async fn put_bytes(&self, key: &str, bytes: Bytes) -> Result<(), StorageError> {
        self.store.put(&self.location(key), bytes.into()).await?;
        Ok(())
    }

    /// A whole object in memory, or None when there is none under `key`.
    pub async fn get_bytes(&self, key: &str) -> Result<Option<Bytes>, StorageError> {
        match self.store.get(&self.location(key)).await {
            Ok(result) => Ok(Some(result.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes `key`; one that is gone already (another instance's sweep) is no failure.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&self.location(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// True when the store answers a listing (for health checks and start-up).
    pub async fn check(&self) -> Result<(), StorageError> {
        let mut list = self.store.list(Some(&self.prefix));
        if let Some(item) = list.next().await {
            item?;
        }
        Ok(())
    }
}

/// The folder `dest` goes in, made if it is not there.
fn folder_of(dest: &Path) -> std::io::Result<&Path> {
    let folder = dest
        .parent()
        .ok_or_else(|| std::io::Error::other("a stored file needs a folder"))?;
    std::fs::create_dir_all(folder)?;
    Ok(folder)
}

/// Moves an arrived upload to `dest` (the same file system): its bytes flushed to disk, then
/// the rename, then the rename flushed too.
fn move_durably(from: &Path, dest: &Path) -> std::io::Result<()> {
    let folder = folder_of(dest)?;
    std::fs::File::open(from)?.sync_data()?;
    std::fs::rename(from, dest)?;
    std::fs::File::open(folder)?.sync_all()
}

/// Copies `from` to `dest` through a staging file beside it (`dest#copy`: object_store's
/// listing skips names with `#`, and `sweep_unfinished` removes those a crash left), flushed
/// to disk before it is renamed into place, then the rename flushed too. The copy is the
/// kernel's (`copy_file_range`), so no part of the file passes through this process's memory.
fn copy_durably(from: &Path, dest: &Path) -> std::io::Result<()> {
    let folder = folder_of(dest)?;
    let mut staging = dest.as_os_str().to_owned();
    staging.push("#copy");
    let staging = std::path::PathBuf::from(staging);
    let copied = std::fs::copy(from, &staging)
        .and_then(|_| std::fs::File::open(&staging)?.sync_all())
        .and_then(|()| std::fs::rename(&staging, dest));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&staging);
        return Err(e);
    }
    std::fs::File::open(folder)?.sync_all()
}

/// One stored object: its key (relative to the storage prefix) and when it was written.
#[derive(Debug, Clone)]
pub struct StoredObject {
    pub key: String,
    pub last_modified: chrono::DateTime<chrono::Utc>,
}

impl Storage {
    /// Removes the staging files of multipart writes that never finished (a crash during an
    /// upload) under `dir`, older than `cutoff`, and says how many. Only local files have
    /// them: `object_store` writes the parts of `key` to `key#N` and renames on completion,
    /// and its listing never shows them, so nothing else would ever remove them. (Azure and
    /// S3 discard uncommitted blocks and parts themselves.)
    pub async fn sweep_unfinished(
        &self,
        dir: &str,
        cutoff: chrono::DateTime<chrono::Utc>,
    ) -> Result<usize, StorageError> {
        let Some(root) = self.url.strip_prefix("file://") else {
            return Ok(0);
        };
        let start = std::path::Path::new(root).join(dir);
        let cutoff = std::time::SystemTime::from(cutoff);
        tokio::task::spawn_blocking(move || {
            let mut removed = 0;
            let mut pending = vec![start];
            while let Some(folder) = pending.pop() {
                let Ok(entries) = std::fs::read_dir(&folder) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    let Ok(meta) = entry.metadata() else { continue };
                    if meta.is_dir() {
                        pending.push(path);
                    } else if path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().contains('#'))
                        && meta.modified().is_ok_and(|m| m < cutoff)
                        && std::fs::remove_file(&path).is_ok()
                    {
                        removed += 1;
                    }
                }
            }
            Ok(removed)
        })
        .await
        .map_err(|e| StorageError::Io(std::io::Error::other(e)))?
    }

    /// Every object under `dir` (a key prefix such as `solutions`).
    pub async fn list(&self, dir: &str) -> Result<Vec<StoredObject>, StorageError> {
        let base = self.location(dir);
        let prefix_len = if self.prefix.as_ref().is_empty() {
            0
        } else {
            self.prefix.as_ref().len() + 1
        };
        let mut out = Vec::new();
        let mut stream = self.store.list(Some(&base));
        while let Some(meta) = stream.next().await {
            let meta = meta?;
            let full = meta.location.as_ref();
            out.push(StoredObject {
                key: full.get(prefix_len..).unwrap_or(full).to_string(),
                last_modified: meta.last_modified,
            });
        }
        Ok(out)
    }
}
