//! Referrals (SPEC 13) in the database. A change is one UPDATE guarded by the version the
//! change was decided on, in one transaction with its audit entry (and so its event, its
//! notifications and its mails): of two people acting at once, the second finds the version
//! moved and writes nothing. The jobs (reminders, expiry, blanking old contact details) take
//! one referral at a time the same way, so two instances never act twice on one.

use super::{Db, Window};
use crate::db::audit::Entry;
use crate::db_run;
use crate::domain::ids::{OrgId, ReferralCommentId, ReferralId, SolutionId, UserId};
use crate::domain::reference::Industry;
use crate::domain::referral::{LostReason, Origin, ReferralState, Stage};
use crate::domain::solution::CustomerSize;
use crate::domain::status::Status;
use chrono::{DateTime, NaiveDate, Utc};

const COLUMNS: &str = "r.id, r.origin, r.state, r.stage, r.solution_id, r.organization_id, \
     r.seller_id, r.partner_owner_id, r.customer_company, r.customer_country, r.customer_industry, \
     r.customer_size, r.contact_name, r.contact_email, r.contact_phone, r.contacts_blanked_at, r.need, \
     r.deal_value_cents, r.target_close_date, r.next_steps, r.decline_reason, r.contract_value_cents, \
     r.won_on, r.lost_reason, r.lost_note, r.answer_by, r.reminded_at, r.created_at, r.updated_at, \
     r.closed_at, r.version, o.name AS offer_name, g.name AS organization_name, \
     s.email AS seller_email, p.email AS partner_owner_email, c.shown_status AS solution_status, \
     (SELECT MAX(a.at) FROM audit_log a WHERE a.kind = 'shown_status_lowered' AND a.solution_id = r.solution_id) \
     AS solution_lowered_at";

const FROM: &str = "FROM referrals r JOIN solutions sol ON sol.id = r.solution_id \
     JOIN offers o ON o.id = sol.offer_id JOIN organizations g ON g.id = r.organization_id \
     LEFT JOIN users s ON s.id = r.seller_id LEFT JOIN users p ON p.id = r.partner_owner_id \
     LEFT JOIN catalog_entries c ON c.solution_id = r.solution_id";

/// A referral as stored, with the names its answers and words need.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Row {
    pub id: ReferralId,
    pub origin: Origin,
    pub state: ReferralState,
    pub stage: Option<Stage>,
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub seller_id: Option<UserId>,
    pub partner_owner_id: Option<UserId>,
    pub customer_company: String,
    pub customer_country: String,
    pub customer_industry: Industry,
    pub customer_size: CustomerSize,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contacts_blanked_at: Option<DateTime<Utc>>,
    pub need: String,
    pub deal_value_cents: Option<i64>,
    pub target_close_date: Option<NaiveDate>,
    pub next_steps: String,
    pub decline_reason: Option<String>,
    pub contract_value_cents: Option<i64>,
    pub won_on: Option<NaiveDate>,
    pub lost_reason: Option<LostReason>,
    pub lost_note: Option<String>,
    pub answer_by: DateTime<Utc>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub offer_name: String,
    pub organization_name: String,
    pub seller_email: Option<String>,
    pub partner_owner_email: Option<String>,
    /// The status the solution shows in the catalog now (None: no longer in it).
    pub solution_status: Option<Status>,
    /// When the catalog last lowered the solution's shown status.
    pub solution_lowered_at: Option<DateTime<Utc>>,
}

/// A new referral's columns.
#[derive(Debug, Clone)]
pub struct NewRow<'a> {
    pub origin: Origin,
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub seller_id: Option<UserId>,
    pub partner_owner_id: Option<UserId>,
    pub company: &'a str,
    pub company_key: &'a str,
    pub country: &'a str,
    pub industry: Industry,
    pub size: CustomerSize,
    pub contact_name: Option<&'a str>,
    pub contact_email: Option<&'a str>,
    pub contact_phone: Option<&'a str>,
    pub consent_at: Option<DateTime<Utc>>,
    pub need: &'a str,
    pub deal_value_cents: Option<i64>,
    pub target_close_date: Option<NaiveDate>,
    pub answer_by: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// Writes a new referral and the entry `audit` makes of its id, in one transaction.
pub async fn insert(
    db: &Db,
    new: &NewRow<'_>,
    audit: impl FnOnce(ReferralId) -> Entry,
) -> Result<ReferralId, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let (id,): (ReferralId,) = sqlx::query_as(
            "INSERT INTO referrals (origin, state, solution_id, organization_id, seller_id, partner_owner_id, \
             customer_company, customer_company_key, customer_country, customer_industry, customer_size, \
             contact_name, contact_email, contact_phone, contacts_consent_at, need, deal_value_cents, \
             target_close_date, answer_by, created_at, updated_at) \
             VALUES ($1, 'new', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) \
             RETURNING id",
        )
        .bind(new.origin)
        .bind(new.solution_id)
        .bind(new.organization_id)
        .bind(new.seller_id)
        .bind(new.partner_owner_id)
        .bind(new.company)
        .bind(new.company_key)
        .bind(new.country)
        .bind(new.industry)
        .bind(new.size)
        .bind(new.contact_name)
        .bind(new.contact_email)
        .bind(new.contact_phone)
        .bind(new.consent_at)
        .bind(new.need)
        .bind(new.deal_value_cents)
        .bind(new.target_close_date)
        .bind(new.answer_by)
        .bind(new.now)
        .fetch_one(&mut *tx)
        .await?;
        crate::audit_insert!(&mut *tx, audit(id))?;
        tx.commit().await?;
        Ok(id)
    })
}

pub async fn find(db: &Db, id: ReferralId) -> Result<Option<Row>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE r.id = $1");
    db_run!(db, pool => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The open referrals of `solution` for the same customer company (the duplicate warning).
pub async fn open_for_customer(
    db: &Db,
    solution: SolutionId,
    company_key: &str,
) -> Result<Vec<ReferralId>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_scalar(
        "SELECT id FROM referrals WHERE solution_id = $1 AND customer_company_key = $2 \
         AND state IN ('new', 'accepted') ORDER BY id",
    )
    .bind(solution)
    .bind(company_key)
    .fetch_all(pool)
    .await)
}

/// Which referrals a caller may list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every referral (program admins).
    All,
    /// One organization's (its co-sell admins and managers).
    Organization(OrgId),
    /// A seller's own, and the partners' requests still waiting for one.
    Seller(UserId),
}

/// What a list is filtered on; None means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// States (one, or the closed ones).
    pub states: Vec<ReferralState>,
    pub stage: Option<Stage>,
    pub solution_id: Option<SolutionId>,
    pub country: Option<String>,
    pub seller_id: Option<UserId>,
}

enum Value {
    Int(i64),
    Text(String),
}

/// A WHERE clause being built: fixed texts, every value bound.
#[derive(Default)]
struct Clause {
    sql: String,
    values: Vec<Value>,
}

impl Clause {
    /// Appends `text`, its `$?` standing for `value`.
    fn and(&mut self, text: &str, value: Value) {
        self.values.push(value);
        self.sql
            .push_str(&text.replace("$?", &format!("${}", self.values.len())));
    }
}

/// The WHERE clause and its values for `reach` and `filter`.
fn conditions(reach: Reach, filter: &Filter) -> Clause {
    let mut c = Clause {
        sql: String::from(" WHERE 1 = 1"),
        values: Vec::new(),
    };
    match reach {
        Reach::All => {}
        Reach::Organization(org) => c.and(" AND r.organization_id = $?", Value::Int(org.0)),
        Reach::Seller(me) => c.and(
            " AND (r.seller_id = $? OR (r.origin = 'partner' AND r.state = 'new'))",
            Value::Int(me.0),
        ),
    }
    if !filter.states.is_empty() {
        // Codes from the enum only: nothing a caller typed.
        let codes: Vec<String> = filter
            .states
            .iter()
            .map(|s| format!("'{}'", s.code()))
            .collect();
        c.sql
            .push_str(&format!(" AND r.state IN ({})", codes.join(", ")));
    }
    if let Some(stage) = filter.stage {
        c.and(" AND r.stage = $?", Value::Text(stage.code().into()));
    }
    if let Some(solution) = filter.solution_id {
        c.and(" AND r.solution_id = $?", Value::Int(solution.0));
    }
    if let Some(country) = &filter.country {
        c.and(" AND r.customer_country = $?", Value::Text(country.clone()));
    }
    if let Some(seller) = filter.seller_id {
        c.and(" AND r.seller_id = $?", Value::Int(seller.0));
    }
    c
}

/// A page of the referrals `reach` allows, newest first, and how many match in all.
pub async fn list(
    db: &Db,
    reach: Reach,
    filter: &Filter,
    window: Window,
) -> Result<(Vec<Row>, i64), sqlx::Error> {
    let Clause {
        sql: clause,
        values,
    } = conditions(reach, filter);
    let n = values.len();
    let rows_sql = format!(
        "SELECT {COLUMNS} {FROM}{clause} ORDER BY r.id DESC{}",
        window.clause(n + 1)
    );
    let count_sql = format!("SELECT COUNT(*) FROM referrals r{clause}");
    macro_rules! bind_all {
        ($q:expr) => {{
            let mut q = $q;
            for v in &values {
                q = match v {
                    Value::Int(i) => q.bind(*i),
                    Value::Text(t) => q.bind(t.as_str()),
                };
            }
            q
        }};
    }
    db_run!(db, pool => {
        let rows = crate::bind_window!(
            bind_all!(sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(rows_sql))),
            window
        )
        .fetch_all(pool)
        .await?;
        let total: i64 = bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)))
            .fetch_one(pool)
            .await?;
        Ok((rows, total))
    })
}

/// Writes the columns a change sets, if the referral is still at `version`; false when it
/// moved meanwhile (nothing is written then). The audit entry commits with it.
pub async fn save(db: &Db, row: &Row, version: i64, audit: &Entry) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE referrals SET state = $3, stage = $4, seller_id = $5, partner_owner_id = $6, \
             deal_value_cents = $7, target_close_date = $8, next_steps = $9, decline_reason = $10, \
             contract_value_cents = $11, won_on = $12, lost_reason = $13, lost_note = $14, \
             closed_at = $15, updated_at = $16, version = version + 1 \
             WHERE id = $1 AND version = $2",
        )
        .bind(row.id)
        .bind(version)
        .bind(row.state)
        .bind(row.stage)
        .bind(row.seller_id)
        .bind(row.partner_owner_id)
        .bind(row.deal_value_cents)
        .bind(row.target_close_date)
        .bind(&row.next_steps)
        .bind(row.decline_reason.as_deref())
        .bind(row.contract_value_cents)
        .bind(row.won_on)
        .bind(row.lost_reason)
        .bind(row.lost_note.as_deref())
        .bind(row.closed_at)
        .bind(row.updated_at)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !moved {
            tx.rollback().await?;
            return Ok(false);
        }
        crate::audit_insert!(&mut *tx, *audit)?;
        tx.commit().await?;
        Ok(true)
    })
}

/// A comment, with its audit entry (which tells the other party).
pub async fn comment(
    db: &Db,
    referral: ReferralId,
    author: UserId,
    author_email: &str,
    body: &str,
    now: DateTime<Utc>,
    audit: &Entry,
) -> Result<ReferralCommentId, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let (id,): (ReferralCommentId,) = sqlx::query_as(
            "INSERT INTO referral_comments (referral_id, author_id, author_email, body, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(referral)
        .bind(author)
        .bind(author_email)
        .bind(body)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        crate::audit_insert!(&mut *tx, *audit)?;
        tx.commit().await?;
        Ok(id)
    })
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Comment {
    pub id: ReferralCommentId,
    pub author_email: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub async fn comments(db: &Db, referral: ReferralId) -> Result<Vec<Comment>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, Comment>(
        "SELECT id, author_email, body, created_at FROM referral_comments WHERE referral_id = $1 ORDER BY id",
    )
    .bind(referral)
    .fetch_all(pool)
    .await)
}

/// Whether `user` may own a side of referrals of `org`: a co-sell admin or manager of it
/// (`org` given), or a seller (`org` None).
pub async fn may_own(db: &Db, user: UserId, org: Option<OrgId>) -> Result<bool, sqlx::Error> {
    let found: Option<(i64,)> = db_run!(db, pool => sqlx::query_as(
        "SELECT id FROM users WHERE id = $1 AND \
         (($2 IS NULL AND organization_id IS NULL AND (',' || roles || ',') LIKE '%,seller,%') \
          OR (organization_id = $2 AND ((',' || roles || ',') LIKE '%,cosell_admin,%' \
                                        OR (',' || roles || ',') LIKE '%,manager,%')))",
    )
    .bind(user)
    .bind(org)
    .fetch_optional(pool)
    .await)?;
    Ok(found.is_some())
}

// The jobs. Each picks candidates, then acts on each with a statement guarded on what made
// it a candidate, so a second instance acting at the same moment finds nothing to do.

/// Candidates a job reads at a time.
pub const JOB_BATCH: i64 = 500;

/// New referrals whose reminder is due at `now` (`remind_from` = now + 24 hours) and not sent.
pub async fn due_reminders(
    db: &Db,
    now: DateTime<Utc>,
    remind_from: DateTime<Utc>,
) -> Result<Vec<Row>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE r.state = 'new' AND r.reminded_at IS NULL \
         AND r.answer_by <= $1 AND r.answer_by > $2 ORDER BY r.id LIMIT $3"
    );
    db_run!(db, pool => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).bind(remind_from).bind(now).bind(JOB_BATCH).fetch_all(pool).await)
}

/// Marks the reminder sent, with its entry (which tells the receiver); false when another
/// instance sent it, or the referral was answered, meanwhile.
pub async fn remind(
    db: &Db,
    id: ReferralId,
    now: DateTime<Utc>,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    guarded(
        db,
        "UPDATE referrals SET reminded_at = $2 WHERE id = $1 AND state = 'new' AND reminded_at IS NULL",
        id,
        now,
        audit,
    )
    .await
}

/// New referrals whose time to answer ended by `now`.
pub async fn due_expiry(db: &Db, now: DateTime<Utc>) -> Result<Vec<Row>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE r.state = 'new' AND r.answer_by <= $1 ORDER BY r.id LIMIT $2"
    );
    db_run!(db, pool => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).bind(now).bind(JOB_BATCH).fetch_all(pool).await)
}

/// Closes an unanswered referral as `expired`, with its entry; false when it was answered or
/// expired by another instance meanwhile.
pub async fn expire(
    db: &Db,
    id: ReferralId,
    now: DateTime<Utc>,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    guarded(
        db,
        "UPDATE referrals SET state = 'expired', closed_at = $2, updated_at = $2, version = version + 1 \
         WHERE id = $1 AND state = 'new' AND answer_by <= $2",
        id,
        now,
        audit,
    )
    .await
}

/// Closed referrals that still hold contact details and closed before `cutoff`.
pub async fn due_blanking(
    db: &Db,
    cutoff: DateTime<Utc>,
) -> Result<Vec<(ReferralId, OrgId)>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as(
        "SELECT id, organization_id FROM referrals WHERE contacts_blanked_at IS NULL AND closed_at IS NOT NULL \
         AND closed_at <= $1 AND (contact_name IS NOT NULL OR contact_email IS NOT NULL OR contact_phone IS NOT NULL) \
         ORDER BY id LIMIT $2",
    )
    .bind(cutoff)
    .bind(JOB_BATCH)
    .fetch_all(pool)
    .await)
}

/// Blanks the customer's contact details, with its entry; false when done meanwhile.
pub async fn blank_contacts(
    db: &Db,
    id: ReferralId,
    now: DateTime<Utc>,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    guarded(
        db,
        "UPDATE referrals SET contact_name = NULL, contact_email = NULL, contact_phone = NULL, \
         contacts_blanked_at = $2 WHERE id = $1 AND contacts_blanked_at IS NULL AND closed_at IS NOT NULL",
        id,
        now,
        audit,
    )
    .await
}

/// One guarded statement (binds: id, time) and its audit entry, in one transaction.
async fn guarded(
    db: &Db,
    sql: &'static str,
    id: ReferralId,
    now: DateTime<Utc>,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(sql).bind(id).bind(now).execute(&mut *tx).await?.rows_affected() == 1;
        if !done {
            tx.rollback().await?;
            return Ok(false);
        }
        crate::audit_insert!(&mut *tx, *audit)?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Referrals by state, and the new ones whose time to answer has passed unanswered (the
/// expiry job has not run since), for the metrics.
pub async fn counts(db: &Db, now: DateTime<Utc>) -> Result<(Vec<(String, i64)>, i64), sqlx::Error> {
    db_run!(db, pool => {
        let by_state: Vec<(String, i64)> =
            sqlx::query_as("SELECT state, COUNT(*) FROM referrals GROUP BY state")
                .fetch_all(pool)
                .await?;
        let overdue: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM referrals WHERE state = 'new' AND answer_by <= $1",
        )
        .bind(now)
        .fetch_one(pool)
        .await?;
        Ok((by_state, overdue))
    })
}
