//! The names of things a page refers to by number (organizations, offers, solutions by their
//! offer's name): one statement per kind, whatever the number of rows. The ids are integers,
//! written into the statement's text as such.

use super::Db;
use crate::db_run;
use std::collections::HashMap;

/// What is named, as the start of a statement that ends in `IN (...)` and reads `(id, name)`.
#[derive(Debug, Clone, Copy)]
pub enum Named {
    Organizations,
    Offers,
    /// A solution by its offer's name.
    Solutions,
}

impl Named {
    fn sql(self) -> &'static str {
        match self {
            Named::Organizations => "SELECT id, name FROM organizations WHERE id IN",
            Named::Offers => "SELECT id, name FROM offers WHERE id IN",
            Named::Solutions => {
                "SELECT s.id, o.name FROM solutions s JOIN offers o ON o.id = s.offer_id WHERE s.id IN"
            }
        }
    }
}

/// The names of `ids` (each once; an unknown id is left out).
pub async fn of(
    db: &Db,
    named: Named,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, String>, sqlx::Error> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let list = ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("{} ({list})", named.sql());
    let rows = db_run!(db, pool => sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)?;
    Ok(rows.into_iter().collect())
}

/// Every organization by name, for a filter's choices (at most `limit`, by name).
pub async fn organizations(db: &Db, limit: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (i64, String)>(
        "SELECT id, name FROM organizations ORDER BY name, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await)
}
