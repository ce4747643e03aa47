//! The internal catalog: written when a solution is approved (from the approved revision), read
//! by sellers. Full-text search differs per backend (SQLite FTS5, PostgreSQL tsvector): the two
//! texts sit side by side; everything else is one SQL text.

use super::Db;
use super::audit::Entry;
use crate::domain::ids::RevisionId;
use crate::domain::ids::{OfferId, OrgId, SolutionId};
use crate::domain::offer::OfferType;
use crate::domain::review::ReviewState;
use crate::domain::status::Status;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone)]
pub struct NewEntry {
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub organization_name: String,
    pub offer_id: OfferId,
    pub offer_name: String,
    pub offer_type: OfferType,
    pub pitch: String,
    pub awarded_status: Status,
    /// (kind, code): `geography`, `industry`, `solution_area`.
    pub tags: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub organization_name: String,
    pub offer_id: OfferId,
    pub offer_name: String,
    pub offer_type: OfferType,
    pub pitch: String,
    pub awarded_status: Status,
    /// As stored: current once `refresh_shown` has run for the day (services/catalog.rs).
    pub shown_status: Status,
    pub revision_id: RevisionId,
    pub approved_at: DateTime<Utc>,
    pub has_logo: bool,
}

const UPDATE_APPROVED: &str = "UPDATE solutions SET review_state = 'approved', awarded_status = $3, approved_at = $4, \
     approved_revision_id = submitted_revision_id, review_reason = NULL WHERE id = $1 AND review_state = $2 \
     RETURNING approved_revision_id";
const UPSERT_ENTRY: &str = "INSERT INTO catalog_entries (solution_id, organization_id, organization_name, offer_id, offer_name, \
     offer_type, pitch, awarded_status, revision_id, approved_at, shown_status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8) \
     ON CONFLICT (solution_id) DO UPDATE SET organization_name = excluded.organization_name, offer_name = excluded.offer_name, \
     offer_type = excluded.offer_type, pitch = excluded.pitch, awarded_status = excluded.awarded_status, \
     revision_id = excluded.revision_id, approved_at = excluded.approved_at, shown_status = excluded.shown_status, \
     shown_until = '1970-01-01', facts_version = catalog_entries.facts_version + 1";

/// Approves (guarded by the state `from`) and publishes the catalog entry, in one transaction.
/// False when the solution had moved meanwhile.
macro_rules! approve_in {
    ($tx:ident, $pool:expr, $id:expr, $from:expr, $entry:expr, $audit:expr $(, $fts:block)?) => {{
        let now = Utc::now();
        let mut $tx = $pool.begin().await?;
        let row: Option<(Option<i64>,)> = sqlx::query_as(UPDATE_APPROVED)
            .bind($id)
            .bind($from)
            .bind(&$entry.awarded_status)
            .bind(now)
            .fetch_optional(&mut *$tx)
            .await?;
        let Some((Some(revision),)) = row else {
            $tx.rollback().await?;
            return Ok(false);
        };
        sqlx::query(UPSERT_ENTRY)
            .bind($entry.solution_id)
            .bind($entry.organization_id)
            .bind(&$entry.organization_name)
            .bind($entry.offer_id)
            .bind(&$entry.offer_name)
            .bind(&$entry.offer_type)
            .bind(&$entry.pitch)
            .bind(&$entry.awarded_status)
            .bind(revision)
            .bind(now)
            .execute(&mut *$tx)
            .await?;
        sqlx::query("DELETE FROM catalog_tags WHERE solution_id = $1").bind($entry.solution_id).execute(&mut *$tx).await?;
        sqlx::query(crate::db::review::DECIDED_DROPS_REASONS).bind($id).execute(&mut *$tx).await?;
        for (kind, code) in &$entry.tags {
            sqlx::query("INSERT INTO catalog_tags (solution_id, kind, code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind($entry.solution_id)
                .bind(*kind)
                .bind(code)
                .execute(&mut *$tx)
                .await?;
        }
        $($fts)?
        crate::audit_insert!(&mut *$tx, $audit)?;
        $tx.commit().await?;
        Ok(true)
    }};
}

pub async fn approve(
    db: &Db,
    id: SolutionId,
    from: ReviewState,
    entry: &NewEntry,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    match db {
        Db::Sqlite(pool) => approve_in!(tx, pool, id, from, entry, audit, {
            sqlx::query("DELETE FROM catalog_fts WHERE rowid = $1")
                .bind(entry.solution_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO catalog_fts (rowid, offer_name, pitch) VALUES ($1, $2, $3)")
                .bind(entry.solution_id)
                .bind(&entry.offer_name)
                .bind(&entry.pitch)
                .execute(&mut *tx)
                .await?;
        }),
        // PostgreSQL keeps the search vector in a generated column.
        Db::Postgres(pool) => approve_in!(tx, pool, id, from, entry, audit),
    }
}

pub struct Search<'a> {
    /// Words to find in the offer name and pitch (already reduced to letters and digits).
    pub words: &'a [String],
    pub offer_type: &'a str,
    pub industry: &'a str,
    pub geography: &'a str,
    pub solution_area: &'a str,
    /// A status code, or '' for any: compared with the stored shown status.
    pub shown_status: &'a str,
}

const COLUMNS: &str = "c.solution_id, c.organization_id, c.organization_name, c.offer_id, c.offer_name, c.offer_type, c.pitch, \
     c.awarded_status, c.shown_status, c.revision_id, c.approved_at, \
     EXISTS (SELECT 1 FROM organization_logos l WHERE l.organization_id = c.organization_id) AS has_logo";

/// The conditions of a search on `catalog_entries c`, naming only what was asked for (a
/// `$n = '' OR …` for a filter left out would keep both planners from driving the search by
/// the index of the filter given), and the texts they bind, `$1` onwards.
fn conditions(db: &Db, s: &Search<'_>) -> (String, Vec<String>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut binds: Vec<String> = Vec::new();
    let mut add = |clause: &str, value: String| {
        binds.push(value);
        clauses.push(clause.replace("$?", &format!("${}", binds.len())));
    };
    if !s.words.is_empty() {
        let (clause, query) = words_clause(db, s.words);
        add(clause, query);
    }
    if !s.offer_type.is_empty() {
        add("c.offer_type = $?", s.offer_type.to_owned());
    }
    // Each tag filter is a lookup in the tags' primary key (kind, code, solution_id), so a
    // rare tag reads only its own entries.
    for (kind, code) in [
        ("industry", s.industry),
        ("geography", s.geography),
        ("solution_area", s.solution_area),
    ] {
        if !code.is_empty() {
            add(
                &format!(
                    "c.solution_id IN (SELECT t.solution_id FROM catalog_tags t WHERE t.kind = '{kind}' AND t.code = $?)"
                ),
                code.to_owned(),
            );
        }
    }
    if !s.shown_status.is_empty() {
        add("c.shown_status = $?", s.shown_status.to_owned());
    }
    let text = if clauses.is_empty() {
        "TRUE".to_owned()
    } else {
        clauses.join(" AND ")
    };
    (text, binds)
}

/// The words clause of a search (with `$?` for its one bound text) and that text, per
/// backend. Words are quoted, so no search syntax leaks in; `words` is not empty (an empty
/// MATCH is an error).
fn words_clause(db: &Db, words: &[String]) -> (&'static str, String) {
    match db {
        Db::Sqlite(_) => {
            // FTS5: every word must appear, as a prefix.
            let query = words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            (
                "c.solution_id IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH $?)",
                query,
            )
        }
        Db::Postgres(_) => {
            let query = words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            ("c.search @@ to_tsquery('simple', $?)", query)
        }
    }
}

/// Newest approvals first. The page is found on the ids alone (the index on approval time
/// and id), and only its rows are read in full: an offset deep in the catalog then skips index
/// entries, not rows with their logo lookups.
pub async fn search(
    db: &Db,
    s: &Search<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    let (conditions, binds) = conditions(db, s);
    let n = binds.len();
    let sql = format!(
        "SELECT {COLUMNS} FROM catalog_entries c WHERE c.solution_id IN ( \
           SELECT c.solution_id FROM catalog_entries c WHERE {conditions} \
           ORDER BY c.approved_at DESC, c.solution_id DESC LIMIT ${} OFFSET ${}) \
         ORDER BY c.approved_at DESC, c.solution_id DESC",
        n + 1,
        n + 2
    );
    crate::db_run!(db, pool => {
        let mut query = sqlx::query_as::<_, EntryRow>(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b);
        }
        query.bind(limit).bind(offset).fetch_all(pool).await
    })
}

/// How many entries match the words and filters.
pub async fn count(db: &Db, s: &Search<'_>) -> Result<i64, sqlx::Error> {
    let (conditions, binds) = conditions(db, s);
    let sql = format!("SELECT COUNT(*) FROM catalog_entries c WHERE {conditions}");
    crate::db_run!(db, pool => {
        let mut query = sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            query = query.bind(b);
        }
        query.fetch_one(pool).await.map(|(n,)| n)
    })
}

/// The tags (kind, code) of the given entries, in one statement.
pub async fn tags(
    db: &Db,
    ids: &[SolutionId],
) -> Result<Vec<(SolutionId, String, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT solution_id, kind, code FROM catalog_tags WHERE solution_id IN ({}) ORDER BY solution_id, kind, code",
        super::id_list(ids)
    );
    crate::db_run!(db, pool => sqlx::query_as::<_, (SolutionId, String, String)>(sqlx::AssertSqlSafe(sql))
        .persistent(false)
        .fetch_all(pool)
        .await)
}

pub async fn find(db: &Db, solution_id: SolutionId) -> Result<Option<EntryRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM catalog_entries c WHERE c.solution_id = $1");
    crate::db_run!(db, pool => sqlx::query_as::<_, EntryRow>(sqlx::AssertSqlSafe(sql)).bind(solution_id).fetch_optional(pool).await)
}

pub async fn revision(db: &Db, revision_id: RevisionId) -> Result<Option<String>, sqlx::Error> {
    crate::db_run!(db, pool => sqlx::query_as::<_, (String,)>("SELECT snapshot FROM solution_revisions WHERE id = $1")
        .bind(revision_id)
        .fetch_optional(pool)
        .await
        .map(|r| r.map(|(s,)| s)))
}

/// An entry whose stored shown status may no longer hold: its `shown_until` day has come, or
/// a fact it depends on changed (the triggers of migration 11 set it to 1970-01-01).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StaleEntry {
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub facts_version: i64,
    pub shown_status: Status,
    pub offer_name: String,
}

/// Up to `limit` stale entries on `today`, in no order: an order would make SQLite walk the
/// whole table by id instead of looking the few stale ones up in `catalog_shown_until`.
pub async fn stale(db: &Db, today: NaiveDate, limit: i64) -> Result<Vec<StaleEntry>, sqlx::Error> {
    crate::db_run!(db, pool => sqlx::query_as::<_, StaleEntry>(
        "SELECT solution_id, organization_id, facts_version, shown_status, offer_name FROM catalog_entries \
         WHERE shown_until <= $1 LIMIT $2")
        .bind(today)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// A recomputed shown status, for the entry and facts version it was computed from, with the
/// audit entry to write when it is stored and lower than before.
pub struct Recomputed {
    pub solution_id: SolutionId,
    pub facts_version: i64,
    pub status: Status,
    pub holds_until: NaiveDate,
    pub lowered: Option<Entry>,
}

const STORE_SHOWN: &str = "UPDATE catalog_entries SET shown_status = $1, shown_until = $2 \
     WHERE solution_id = $3 AND facts_version = $4 AND shown_until <= $5";

/// Stores recomputed statuses and their lapse entries in one transaction. Each is stored only
/// where the entry is still stale on `today` and its facts are still the version it was
/// computed from: a fact changed meanwhile (or another instance stored it first) leaves it to
/// the next recomputation. On PostgreSQL the rows are locked first with SKIP LOCKED, so this
/// transaction never waits for a fact change in flight (whose trigger marks the entry stale
/// again once it commits) and can take no part in a deadlock. Returns how many were stored.
pub async fn store_shown(
    db: &Db,
    today: NaiveDate,
    list: &[Recomputed],
) -> Result<usize, sqlx::Error> {
    macro_rules! store_in {
        ($pool:expr, $tx:ident, $locked:block) => {{
            let mut $tx = $pool.begin().await?;
            let locked: Option<Vec<i64>> = $locked;
            let tx = &mut $tx;
            let mut stored = 0;
            for r in list {
                if locked
                    .as_ref()
                    .is_some_and(|l| !l.contains(&r.solution_id.0))
                {
                    continue;
                }
                let done = sqlx::query(STORE_SHOWN)
                    .bind(r.status)
                    .bind(r.holds_until)
                    .bind(r.solution_id)
                    .bind(r.facts_version)
                    .bind(today)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected();
                if done == 1 {
                    stored += 1;
                    if let Some(entry) = &r.lowered {
                        crate::audit_insert!(&mut **tx, entry)?;
                    }
                }
            }
            $tx.commit().await?;
            Ok(stored)
        }};
    }
    if list.is_empty() {
        return Ok(0);
    }
    crate::db::query_count::bump();
    match db {
        // One writer at a time: nothing to lock row by row.
        Db::Sqlite(pool) => store_in!(pool, tx, { None }),
        Db::Postgres(pool) => store_in!(pool, tx, {
            let ids: Vec<i64> = list.iter().map(|r| r.solution_id.0).collect();
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT solution_id FROM catalog_entries WHERE solution_id = ANY($1) \
                 ORDER BY solution_id FOR UPDATE SKIP LOCKED",
            )
            .bind(ids)
            .fetch_all(&mut *tx)
            .await?;
            Some(rows.into_iter().map(|(id,)| id).collect())
        }),
    }
}

/// How many catalog entries show each status (statuses none shows are left out).
pub async fn count_by_shown_status(db: &Db) -> Result<Vec<(Status, i64)>, sqlx::Error> {
    crate::db_run!(db, pool => sqlx::query_as(
        "SELECT shown_status, COUNT(*) FROM catalog_entries GROUP BY shown_status")
        .fetch_all(pool)
        .await)
}
