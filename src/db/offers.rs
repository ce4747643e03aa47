//! Offers.

use super::audit::Entry;
use super::{Db, Window};
use crate::db_run;
use crate::domain::codes::CodeList;
use crate::domain::ids::SolutionId;
use crate::domain::ids::{OfferId, OrgId};
use crate::domain::offer::Store;
use crate::domain::offer::{OfferState, OfferType};
use crate::domain::reference::CompetencyArea;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferRow {
    pub id: OfferId,
    pub organization_id: OrgId,
    pub name: String,
    pub offer_type: OfferType,
    pub stores: CodeList<Store>,
    pub transactable: bool,
    pub competency_areas: CodeList<CompetencyArea>,
    pub state: OfferState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub solution_id: Option<SolutionId>,
}

const SELECT: &str = "SELECT o.id, o.organization_id, o.name, o.offer_type, o.stores, o.transactable, \
     o.competency_areas, o.state, o.created_at, o.updated_at, s.id AS solution_id \
     FROM offers o LEFT JOIN solutions s ON s.offer_id = o.id";

pub struct OfferColumns<'a> {
    pub name: &'a str,
    pub offer_type: OfferType,
    pub stores: CodeList<Store>,
    pub transactable: bool,
    pub competency_areas: CodeList<CompetencyArea>,
}

pub async fn find(db: &Db, id: OfferId) -> Result<Option<OfferRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE o.id = $1");
    db_run!(db, pool => sqlx::query_as::<_, OfferRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn list(
    db: &Db,
    organization_id: OrgId,
    w: Window,
) -> Result<Vec<OfferRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE o.organization_id = $1 ORDER BY o.name, o.id{}",
        w.clause(2)
    );
    db_run!(db, pool => crate::bind_window!(sqlx::query_as::<_, OfferRow>(sqlx::AssertSqlSafe(sql)).bind(organization_id), w).fetch_all(pool).await)
}

pub async fn count(db: &Db, organization_id: OrgId) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM offers WHERE organization_id = $1").bind(organization_id).fetch_one(pool).await.map(|r| r.0))
}

pub async fn insert(
    db: &Db,
    organization_id: OrgId,
    c: &OfferColumns<'_>,
    audit: &Entry,
) -> Result<OfferId, sqlx::Error> {
    db_run!(db, pool => {
        let now = Utc::now();
        let mut tx = pool.begin().await?;
        let (id,): (OfferId,) = sqlx::query_as(
            "INSERT INTO offers (organization_id, name, offer_type, stores, transactable, competency_areas, state, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $7) RETURNING id",
        )
        .bind(organization_id)
        .bind(c.name)
        .bind(c.offer_type)
        .bind(&c.stores)
        .bind(c.transactable)
        .bind(&c.competency_areas)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(id)
    })
}

pub async fn update(db: &Db, id: OfferId, c: &OfferColumns<'_>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query(
        "UPDATE offers SET name = $2, offer_type = $3, stores = $4, transactable = $5, competency_areas = $6, updated_at = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(c.name)
    .bind(c.offer_type)
    .bind(&c.stores)
    .bind(c.transactable)
    .bind(&c.competency_areas)
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Moves the offer from `from` to `to`; false when its state was no longer `from`.
pub async fn set_state(
    db: &Db,
    id: OfferId,
    from: OfferState,
    to: OfferState,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query("UPDATE offers SET state = $3, updated_at = $4 WHERE id = $1 AND state = $2")
            .bind(id)
            .bind(from)
            .bind(to)
            .bind(Utc::now())
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        if changed {
            crate::audit_insert!(&mut *tx, audit)?;
        }
        tx.commit().await?;
        Ok(changed)
    })
}
