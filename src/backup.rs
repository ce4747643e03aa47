//! `cosell backup DIR` and `cosell restore DIR`: a consistent copy of the database and of the
//! stored documents, and bringing it back into an empty database and an empty store.
//!
//! The database is copied first, by the database itself (SQLite's `VACUUM INTO`, which reads
//! one transaction's snapshot; `pg_dump`, which does the same on PostgreSQL); the documents
//! after it. Document keys are never reused and a document's bytes are stored before its row
//! is written, so every key the copied rows name is in the store by then; a document stored
//! after the snapshot is copied too and is an orphan in the restore, which the sweep removes.

use crate::db::Db;
use crate::storage::Storage;
use anyhow::{Context, bail, ensure};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;
use tokio::io::AsyncWriteExt;

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "database.sqlite";
const POSTGRES_FILE: &str = "database.pgdump";
const DOCUMENTS: &str = "documents";
/// Everything the portal stores lives under this key prefix.
const STORED: &str = "solutions";

/// What a backup holds, written last: a folder without it is not a finished backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub backend: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub documents: usize,
    pub document_bytes: u64,
}

fn backend_of(url: &str) -> anyhow::Result<&'static str> {
    if url.starts_with("sqlite:") {
        Ok("sqlite")
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok("postgres")
    } else {
        bail!("DATABASE_URL must start with sqlite: or postgres:")
    }
}

/// Runs a PostgreSQL client program (`pg_dump`, `pg_restore`) and fails with its message.
async fn run(program: &'static str, args: Vec<String>) -> anyhow::Result<()> {
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(program).args(&args).output()
    })
    .await?
    .with_context(|| format!("running {program} (install the PostgreSQL client programs)"))?;
    ensure!(
        output.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&output.stderr).trim()
    );
    Ok(())
}

/// Copies the database and the documents into `dir`, which must not exist or be empty.
pub async fn backup(
    db: &Db,
    database_url: &str,
    storage: &Storage,
    dir: &Path,
) -> anyhow::Result<Manifest> {
    if dir.exists() {
        ensure!(
            std::fs::read_dir(dir)?.next().is_none(),
            "{} is not empty: a backup goes into a new or empty folder",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir.join(DOCUMENTS))
        .and_then(|()| crate::private_files::make_private(dir))
        .and_then(|()| crate::private_files::make_private(&dir.join(DOCUMENTS)))
        .with_context(|| format!("creating {}", dir.display()))?;
    let backend = backend_of(database_url)?;
    match db {
        Db::Sqlite(pool) => {
            let target = dir.join(SQLITE_FILE);
            sqlx::query("VACUUM INTO $1")
                .bind(target.to_string_lossy().as_ref())
                .execute(pool)
                .await
                .context("copying the SQLite database")?;
        }
        Db::Postgres(_) => {
            let file = dir.join(POSTGRES_FILE).to_string_lossy().into_owned();
            run(
                "pg_dump",
                vec![
                    "--format=custom".into(),
                    "--no-owner".into(),
                    "--no-privileges".into(),
                    format!("--file={file}"),
                    format!("--dbname={database_url}"),
                ],
            )
            .await?;
        }
    }
    for file in [SQLITE_FILE, POSTGRES_FILE] {
        crate::private_files::make_private(&dir.join(file))?;
    }
    let (mut documents, mut document_bytes) = (0, 0);
    for object in storage.list(STORED).await? {
        let path = dir.join(DOCUMENTS).join(relative(&object.key)?);
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .await?;
        let mut stream = storage.get(&object.key).await?;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            document_bytes += chunk.len() as u64;
            file.write_all(&chunk).await?;
        }
        file.sync_all().await?;
        documents += 1;
    }
    let manifest = Manifest {
        format: 1,
        backend: backend.into(),
        created_at: chrono::Utc::now(),
        documents,
        document_bytes,
    };
    std::fs::write(dir.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(manifest)
}

/// A stored key as a relative path, refusing anything that could leave the folder.
fn relative(key: &str) -> anyhow::Result<PathBuf> {
    let path = PathBuf::from(key);
    ensure!(
        !key.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_))),
        "a stored key that is not a plain path: {key:?}"
    );
    Ok(path)
}

/// Brings a backup back into an empty database (of the same kind) and an empty store, then
/// applies any migration newer than the backup.
pub async fn restore(
    database_url: &str,
    storage: &Storage,
    dir: &Path,
) -> anyhow::Result<Manifest> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(dir.join(MANIFEST))
            .with_context(|| format!("{} holds no finished backup", dir.display()))?,
    )?;
    ensure!(
        manifest.format == 1,
        "backup format {} is not known",
        manifest.format
    );
    let backend = backend_of(database_url)?;
    ensure!(
        manifest.backend == backend,
        "this backup is of a {} database; DATABASE_URL names a {backend} one",
        manifest.backend
    );
    ensure!(
        storage.list(STORED).await?.is_empty(),
        "the document store is not empty: restore into an empty one"
    );
    if backend == "sqlite" {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(database_url)?;
        let target = options.get_filename();
        ensure!(
            std::fs::metadata(target).map_or(true, |m| m.len() == 0),
            "{} exists: restore into a new database",
            target.display()
        );
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(dir.join(SQLITE_FILE), target).context("copying the SQLite database")?;
    } else {
        let db = Db::connect(database_url).await?;
        let Db::Postgres(pool) = &db else {
            bail!("DATABASE_URL names no PostgreSQL database");
        };
        let (tables,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        )
        .fetch_one(pool)
        .await?;
        db.close().await;
        ensure!(
            tables == 0,
            "the database is not empty: restore into a new one"
        );
        run(
            "pg_restore",
            vec![
                "--no-owner".into(),
                "--no-privileges".into(),
                "--exit-on-error".into(),
                format!("--dbname={database_url}"),
                dir.join(POSTGRES_FILE).to_string_lossy().into_owned(),
            ],
        )
        .await?;
    }
    let db = Db::connect(database_url).await?;
    db.migrate().await?;
    db.close().await;
    let root = dir.join(DOCUMENTS);
    let mut pending = vec![root.clone()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let key = path
                .strip_prefix(&root)?
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            storage.put_file(&key, &path).await?;
        }
    }
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_keys_never_leave_the_backup_folder() {
        assert!(relative("solutions/1/one_pager/a.pdf").is_ok());
        for bad in ["", "../x", "solutions/../../x", "/etc/passwd"] {
            assert!(relative(bad).is_err(), "{bad:?}");
        }
    }
}
