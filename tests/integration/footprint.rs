//! What keeps the idle server small (issue 14, bench/RESULTS.md): each SQLite connection's
//! page cache is capped, on every connection the pool opens.

use crate::helpers::*;

#[tokio::test]
async fn every_sqlite_connection_caps_its_page_cache_at_one_mebibyte() {
    let app = spawn_app().await;
    let cosell::db::Db::Sqlite(pool) = &app.state.db else {
        return; // PostgreSQL's caches are its server's, not this process's.
    };
    // Three connections held at once, so the pool has to open new ones.
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(pool.acquire().await.expect("connection"));
    }
    for conn in &mut held {
        let (kib,): (i64,) = sqlx::query_as("PRAGMA cache_size")
            .fetch_one(&mut **conn)
            .await
            .expect("cache_size");
        assert_eq!(
            kib, -1024,
            "a negative cache_size is KiB: 1 MiB per connection"
        );
    }
}
