//! `cosell backup` and `cosell restore`: the demo, backed up and restored elsewhere, is the
//! same row for row and file for file, on SQLite and on PostgreSQL.

use crate::helpers::*;
use cosell::backup;
use cosell::db::Db;
use cosell::storage::Storage;
use std::collections::BTreeMap;

/// The one text column of a statement's rows, sorted.
async fn sorted_texts(db: &Db, sql: String) -> Vec<String> {
    let mut found: Vec<String> =
        cosell::db_run!(db, pool => sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await)
        .unwrap()
        .into_iter()
        .map(|(r,)| r)
        .collect();
    found.sort();
    found
}

/// Every row of every table, as text, sorted: what "the same database" means here.
async fn rows(db: &Db) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    match db {
        Db::Sqlite(pool) => {
            let tables: Vec<(String,)> = sqlx::query_as(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name NOT LIKE 'catalog_fts%' ORDER BY name",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for (table,) in tables {
                let columns: Vec<(String,)> =
                    sqlx::query_as("SELECT name FROM pragma_table_info($1)")
                        .bind(&table)
                        .fetch_all(pool)
                        .await
                        .unwrap();
                // quote() writes every value, blobs too, as SQL text.
                let list = columns
                    .iter()
                    .map(|(c,)| format!("quote(\"{c}\")"))
                    .collect::<Vec<_>>()
                    .join(" || ',' || ");
                let sql = format!("SELECT {list} FROM \"{table}\"");
                out.insert(table, sorted_texts(db, sql).await);
            }
        }
        Db::Postgres(pool) => {
            let tables: Vec<(String,)> = sqlx::query_as(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
                 AND table_type = 'BASE TABLE' ORDER BY 1",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for (table,) in tables {
                let sql = format!("SELECT row_to_json(t)::text FROM \"{table}\" t");
                out.insert(table, sorted_texts(db, sql).await);
            }
        }
    }
    out
}

/// Every stored document's bytes, by key (thumbnails, which are made in the background at
/// any moment, aside).
async fn files(storage: &Storage) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for object in storage.list("solutions").await.unwrap() {
        if object.key.ends_with(".thumb") {
            continue;
        }
        let bytes = storage.get_bytes(&object.key).await.unwrap().unwrap();
        out.insert(object.key, bytes.to_vec());
    }
    out
}

#[tokio::test]
async fn the_demo_backed_up_and_restored_elsewhere_is_the_same_row_for_row_and_file_for_file() {
    let app = spawn_app().await;
    cosell::demo::run(&app.state).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("backup");
    let manifest = backup::backup(&app.state.db, &app.database_url, &app.state.storage, &dir)
        .await
        .unwrap();
    assert!(manifest.documents >= 10, "{manifest:?}");
    assert!(
        backup::backup(&app.state.db, &app.database_url, &app.state.storage, &dir)
            .await
            .is_err(),
        "a backup never writes over another"
    );

    let target_url = fresh_database(work.path()).await;
    let target_store =
        Storage::from_url(&format!("file://{}/restored", work.path().display())).unwrap();
    let restored = backup::restore(&target_url, &target_store, &dir)
        .await
        .unwrap();
    assert_eq!(restored, manifest);

    let target = Db::connect(&target_url).await.unwrap();
    let (before, after) = (rows(&app.state.db).await, rows(&target).await);
    assert!(
        before.values().map(Vec::len).sum::<usize>() > 100,
        "the demo has rows"
    );
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (table, list) in &before {
        assert_eq!(list, &after[table], "table {table}");
    }
    let originals = files(&app.state.storage).await;
    assert_eq!(
        originals,
        files(&target_store).await,
        "every document, byte for byte"
    );

    // The restored database takes new rows (its sequences came along).
    let state = cosell::state::AppState {
        db: target,
        storage: target_store.clone(),
        hasher: app.state.hasher.clone(),
        trusted_proxies: app.state.trusted_proxies.clone(),
        mail: app.state.mail.clone(),
        ..app.state.clone()
    };
    let input = cosell::services::accounts::NewUserInput {
        email: "after-restore@program.example",
        password: PASSWORD,
        roles: &["reviewer".to_string()],
        organization_id: None,
    };
    cosell::services::accounts::create_user_unchecked(&state, &input, None)
        .await
        .expect("a new user after the restore");

    // A second restore into the now filled database and store is refused, and changes nothing.
    assert!(
        backup::restore(&target_url, &target_store, &dir)
            .await
            .is_err()
    );
    assert_eq!(files(&target_store).await.len(), originals.len());
}

fn cosell(database_url: &str, storage_url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cosell"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("STORAGE_URL", storage_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run cosell")
}

#[tokio::test]
async fn the_command_line_backs_up_and_restores_and_refuses_to_overwrite() {
    let app = spawn_app().await;
    cosell::demo::run(&app.state).await.unwrap();
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("backup");
    let dir = dir.to_str().unwrap();
    let out = cosell(
        &app.database_url,
        &app.settings.storage_url,
        &["backup", dir],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("documents"));

    let target = fresh_database(work.path()).await;
    let store = format!("file://{}/restored", work.path().display());
    let out = cosell(&target, &store, &["restore", dir]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cosell(&target, &store, &["restore", dir]);
    assert!(!out.status.success(), "a second restore is refused");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not empty"),
        "and says why: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
