//! The append-only audit log: there is an insert and reads, and no update or delete path
//! (the migrations add triggers that refuse both).

use super::Db;
use super::events::{Notice, Said};
use crate::db_run;
use crate::domain::event::EventData;
use crate::domain::ids::AuditId;
use crate::domain::ids::{OrgId, SolutionId, UserId};
use chrono::{DateTime, Utc};

/// One entry to append: who did what, to which organization (and solution), the event it is
/// (SPEC 15), if it is one, and whom that is told to, if anyone.
#[derive(Debug, Clone)]
pub struct Entry {
    pub actor_user_id: Option<UserId>,
    pub actor_email: Option<String>,
    pub organization_id: Option<OrgId>,
    pub kind: &'static str,
    pub detail: String,
    pub solution_id: Option<SolutionId>,
    pub event: Option<EventData>,
    pub notice: Option<Notice>,
}

impl Entry {
    /// An entry with no person acting: the command line, a background job, a mailed link.
    pub fn system(
        organization_id: Option<OrgId>,
        kind: &'static str,
        detail: impl Into<String>,
    ) -> Entry {
        Entry {
            actor_user_id: None,
            actor_email: None,
            organization_id,
            kind,
            detail: detail.into(),
            solution_id: None,
            event: None,
            notice: None,
        }
    }

    /// The entry is about this solution.
    pub fn on(self, solution: SolutionId) -> Entry {
        Entry {
            solution_id: Some(solution),
            ..self
        }
    }

    /// The change is `event`, and nobody is told of it.
    pub fn event(self, event: EventData) -> Entry {
        Entry {
            event: Some(event),
            ..self
        }
    }

    /// The change is `event` (if it is one); `notice` says whom it is told to and in what
    /// words.
    pub fn told_to(self, event: Option<EventData>, notice: Notice) -> Entry {
        Entry {
            notice: Some(notice),
            event,
            ..self
        }
    }

    /// The change is `event`; the people it concerns are told of it in the app and by mail,
    /// in words that `said` completes.
    pub fn told(self, event: EventData, said: Said) -> Entry {
        Entry {
            notice: Notice::of(&event, self.organization_id, &said),
            event: Some(event),
            ..self
        }
    }
}

pub const INSERT_SQL: &str = "INSERT INTO audit_log (at, actor_user_id, actor_email, organization_id, kind, detail, solution_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Appends `entry` on any executor (a pool or an open transaction) of either backend, with
/// its notifications and mails when it is an event (see [`crate::db::events`]): on a
/// transaction they commit or roll back together.
#[macro_export]
macro_rules! audit_insert {
    ($exec:expr, $entry:expr) => {
        async {
            let entry: &$crate::db::audit::Entry = &$entry;
            let at = chrono::Utc::now();
            sqlx::query($crate::db::audit::INSERT_SQL)
                .bind(at)
                .bind(entry.actor_user_id)
                .bind(entry.actor_email.as_deref())
                .bind(entry.organization_id)
                .bind(entry.kind)
                .bind(&entry.detail)
                .bind(entry.solution_id)
                .execute($exec)
                .await?;
            if let Some(solution) = entry.solution_id
                && $crate::db::events::CLOSES_SUBMISSION.contains(&entry.kind)
            {
                sqlx::query($crate::db::events::SUBMISSION_DONE_SQL)
                    .bind(at)
                    .bind(solution)
                    .execute($exec)
                    .await?;
            }
            if let Some(notice) = &entry.notice {
                for sql in [$crate::db::events::NOTIFY_SQL, $crate::db::events::MAIL_SQL] {
                    sqlx::query(sql)
                        .bind(notice.kind)
                        .bind(entry.organization_id)
                        .bind(entry.solution_id)
                        .bind(&notice.args)
                        .bind(at)
                        .bind(notice.audience.role_patterns()[0])
                        .bind(notice.audience.organization())
                        .bind(entry.actor_user_id)
                        .bind(notice.audience.role_patterns()[1])
                        .bind(notice.audience.person())
                        .execute($exec)
                        .await?;
                }
            }
            Ok::<(), sqlx::Error>(())
        }
        .await
    };
}

pub async fn append(db: &Db, entry: &Entry) -> Result<(), sqlx::Error> {
    db_run!(db, pool => crate::audit_insert!(pool, entry))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<UserId>,
    pub actor_email: Option<String>,
    pub organization_id: Option<OrgId>,
    pub kind: String,
    pub detail: String,
    pub solution_id: Option<SolutionId>,
}

/// What the audit log is filtered on; None/empty means any.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub organization_id: Option<OrgId>,
    pub actor_email: Option<String>,
    pub kind: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// Newest first, filtered. Only the filters given go into the statement (a
/// `$n IS NULL OR column = $n` form would keep SQLite from its indexes and make it read the
/// whole log for a rare combination); the texts are fixed and every value is bound.
pub async fn list(db: &Db, f: &Filter, limit: i64, offset: i64) -> Result<Vec<Row>, sqlx::Error> {
    let since = f.since.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    // Far enough ahead for any entry, and within PostgreSQL's timestamp range.
    let until = f.until.unwrap_or_else(|| {
        chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    });
    let mut sql = String::from(
        "SELECT id, at, actor_user_id, actor_email, organization_id, kind, detail, solution_id FROM audit_log \
         WHERE at >= $1 AND at < $2",
    );
    let mut n = 2;
    for (given, column) in [
        (f.organization_id.is_some(), "organization_id"),
        (f.actor_email.is_some(), "actor_email"),
        (f.kind.is_some(), "kind"),
    ] {
        if given {
            n += 1;
            sql.push_str(&format!(" AND {column} = ${n}"));
        }
    }
    sql.push_str(&format!(
        " ORDER BY at DESC, id DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    ));
    db_run!(db, pool => {
        let mut q = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).bind(since).bind(until);
        if let Some(org) = f.organization_id {
            q = q.bind(org);
        }
        if let Some(actor) = f.actor_email.as_deref() {
            q = q.bind(actor);
        }
        if let Some(kind) = f.kind.as_deref() {
            q = q.bind(kind);
        }
        q.bind(limit).bind(offset).fetch_all(pool).await
    })
}
