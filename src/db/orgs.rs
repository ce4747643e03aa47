//! Organizations: program facts, the business profile, the logo and gold competencies.

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::codes::CodeList;
use crate::domain::ids::OrgId;
use crate::domain::reference::{CompetencyArea, Industry, PartnerType};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgRow {
    pub id: OrgId,
    pub name: String,
    pub mpn_id: Option<String>,
    pub marketplace_account_active: bool,
    pub seller_account_active: bool,
    pub partner_types: CodeList<PartnerType>,
    pub isv_connect_enrolled_on: Option<NaiveDate>,
    pub company_name: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub headquarters_country: Option<String>,
    pub industries: CodeList<Industry>,
    pub contact_email: Option<String>,
    pub logo_size: Option<i64>,
    pub logo_width: Option<i64>,
    pub logo_height: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT o.id, o.name, o.mpn_id, o.marketplace_account_active, o.seller_account_active, \
     o.partner_types, o.isv_connect_enrolled_on, o.company_name, o.description, o.website, \
     o.headquarters_country, o.industries, o.contact_email, l.size AS logo_size, l.width AS logo_width, \
     l.height AS logo_height, o.created_at, o.updated_at \
     FROM organizations o LEFT JOIN organization_logos l ON l.organization_id = o.id";

/// The program facts that a program admin sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramFacts {
    pub name: String,
    pub mpn_id: Option<String>,
    pub marketplace_account_active: bool,
    pub seller_account_active: bool,
    pub partner_types: CodeList<PartnerType>,
    pub isv_connect_enrolled_on: Option<NaiveDate>,
}

impl OrgRow {
    pub fn program_facts(&self) -> ProgramFacts {
        ProgramFacts {
            name: self.name.clone(),
            mpn_id: self.mpn_id.clone(),
            marketplace_account_active: self.marketplace_account_active,
            seller_account_active: self.seller_account_active,
            partner_types: self.partner_types.clone(),
            isv_connect_enrolled_on: self.isv_connect_enrolled_on,
        }
    }
}

pub async fn find(db: &Db, id: OrgId) -> Result<Option<OrgRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE o.id = $1");
    db_run!(db, pool => sqlx::query_as::<_, OrgRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn list(db: &Db, limit: i64, offset: i64) -> Result<Vec<OrgRow>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY o.name, o.id LIMIT $1 OFFSET $2");
    db_run!(db, pool => sqlx::query_as::<_, OrgRow>(sqlx::AssertSqlSafe(sql)).bind(limit).bind(offset).fetch_all(pool).await)
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM organizations").fetch_one(pool).await.map(|r| r.0))
}

/// Creates an organization with its program facts; the audit entry gets the new id.
pub async fn insert(db: &Db, facts: &ProgramFacts, mut audit: Entry) -> Result<OrgId, sqlx::Error> {
    db_run!(db, pool => {
        let now = Utc::now();
        let mut tx = pool.begin().await?;
        let (id,): (OrgId,) = sqlx::query_as(
            "INSERT INTO organizations (name, mpn_id, marketplace_account_active, seller_account_active, \
             partner_types, isv_connect_enrolled_on, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(&facts.name)
        .bind(facts.mpn_id.as_deref())
        .bind(facts.marketplace_account_active)
        .bind(facts.seller_account_active)
        .bind(&facts.partner_types)
        .bind(facts.isv_connect_enrolled_on)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        audit.organization_id = Some(id);
        crate::audit_insert!(&mut *tx, &audit)?;
        tx.commit().await?;
        Ok(id)
    })
}

pub async fn update_program_facts(
    db: &Db,
    id: OrgId,
    facts: &ProgramFacts,
    audit: &Entry,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE organizations SET name = $2, mpn_id = $3, marketplace_account_active = $4, \
             seller_account_active = $5, partner_types = $6, isv_connect_enrolled_on = $7, updated_at = $8 \
             WHERE id = $1",
        )
        .bind(id)
        .bind(&facts.name)
        .bind(facts.mpn_id.as_deref())
        .bind(facts.marketplace_account_active)
        .bind(facts.seller_account_active)
        .bind(&facts.partner_types)
        .bind(facts.isv_connect_enrolled_on)
        .bind(Utc::now())
        .execute(&mut *tx)
        .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(())
    })
}

pub struct ProfileColumns<'a> {
    pub company_name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub website: Option<&'a str>,
    pub headquarters_country: Option<&'a str>,
    pub industries: CodeList<Industry>,
    pub contact_email: Option<&'a str>,
}

pub async fn update_profile(db: &Db, id: OrgId, p: &ProfileColumns<'_>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query(
        "UPDATE organizations SET company_name = $2, description = $3, website = $4, \
         headquarters_country = $5, industries = $6, contact_email = $7, updated_at = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(p.company_name)
    .bind(p.description)
    .bind(p.website)
    .bind(p.headquarters_country)
    .bind(&p.industries)
    .bind(p.contact_email)
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|_| ()))
}

pub struct Logo<'a> {
    pub content: &'a [u8],
    pub content_type: &'a str,
    pub width: i64,
    pub height: i64,
}

pub async fn put_logo(
    db: &Db,
    id: OrgId,
    logo: &Logo<'_>,
    audit: &Entry,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO organization_logos (organization_id, content, content_type, width, height, size, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (organization_id) DO UPDATE SET content = excluded.content, \
             content_type = excluded.content_type, width = excluded.width, height = excluded.height, \
             size = excluded.size, uploaded_at = excluded.uploaded_at",
        )
        .bind(id)
        .bind(logo.content)
        .bind(logo.content_type)
        .bind(logo.width)
        .bind(logo.height)
        .bind(logo.content.len() as i64)
        .bind(Utc::now())
        .execute(&mut *tx)
        .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(())
    })
}

/// An organization's logo; with `in_catalog`, only when it has a solution in the catalog.
pub async fn logo(
    db: &Db,
    id: OrgId,
    in_catalog: bool,
) -> Result<Option<(Vec<u8>, String)>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (Vec<u8>, String)>(
        "SELECT content, content_type FROM organization_logos WHERE organization_id = $1 \
         AND (NOT $2 OR EXISTS (SELECT 1 FROM catalog_entries c WHERE c.organization_id = $1))",
    )
    .bind(id)
    .bind(in_catalog)
    .fetch_optional(pool)
    .await)
}

pub async fn competencies(
    db: &Db,
    id: OrgId,
) -> Result<Vec<(CompetencyArea, NaiveDate)>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (CompetencyArea, NaiveDate)>(
        "SELECT area, expires_on FROM competencies WHERE organization_id = $1 ORDER BY area",
    )
    .bind(id)
    .fetch_all(pool)
    .await)
}

pub async fn replace_competencies(
    db: &Db,
    id: OrgId,
    list: &[(CompetencyArea, NaiveDate)],
    audit: &Entry,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM competencies WHERE organization_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (area, expires_on) in list {
            sqlx::query("INSERT INTO competencies (organization_id, area, expires_on) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(area)
                .bind(expires_on)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE organizations SET updated_at = $2 WHERE id = $1")
            .bind(id)
            .bind(Utc::now())
            .execute(&mut *tx)
            .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(())
    })
}
