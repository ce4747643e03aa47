//! `cosell bench-fill` (only with the `bench` feature): fills an empty, migrated database with
//! synthetic organizations and solutions of realistic shape for `bench/scale.sh`. Per solution:
//! one offer, two contacts, three current documents, 18 months of marketplace revenue, about
//! three audit entries; per organization: 20 months of Azure consumption, often a
//! competency; a third of the solutions approved into the catalog (with their revision and
//! tags), 2 % waiting in the review queue. Organization 1 has 50 solutions (the dashboard's
//! case). Rows go in as multi-row statements; document rows point at no stored file.

use crate::db::Db;
use crate::domain::reference;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// One bound value.
enum V {
    I(i64),
    T(String),
    B(bool),
    At(DateTime<Utc>),
    D(NaiveDate),
    /// Nulls typed for their column (PostgreSQL refuses a bigint null in a text column).
    NoInt,
    NoText,
    NoTime,
}

/// Rows of one table.
struct Rows {
    table: &'static str,
    columns: &'static [&'static str],
    values: Vec<V>,
}

const SQLITE_BINDS: usize = 900;
const POSTGRES_BINDS: usize = 30_000;

impl Rows {
    fn new(table: &'static str, columns: &'static [&'static str]) -> Rows {
        Rows {
            table,
            columns,
            values: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<V>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.values.extend(row);
    }

    /// Writes the rows in one transaction, in statements of at most `binds` values (SQLite
    /// looks numbered parameters up one by one, so long statements cost it dearly).
    async fn write(self, db: &Db) -> anyhow::Result<usize> {
        let width = self.columns.len();
        let binds = match db {
            Db::Sqlite(_) => SQLITE_BINDS,
            Db::Postgres(_) => POSTGRES_BINDS,
        };
        let per_statement = (binds / width).max(1);
        let total = self.values.len() / width;
        let mut values = self.values.into_iter();
        let mut statements = Vec::new();
        let mut planned = 0;
        while planned < total {
            let n = per_statement.min(total - planned);
            let mut sql = format!(
                "INSERT INTO {} ({}) VALUES ",
                self.table,
                self.columns.join(", ")
            );
            for r in 0..n {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                for c in 0..width {
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("${}", r * width + c + 1));
                }
                sql.push(')');
            }
            statements.push((sql, values.by_ref().take(n * width).collect::<Vec<V>>()));
            planned += n;
        }
        macro_rules! run_all {
            ($pool:expr) => {{
                let mut tx = $pool.begin().await?;
                for (sql, batch) in statements {
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for v in batch {
                        q = match v {
                            V::I(i) => q.bind(i),
                            V::T(t) => q.bind(t),
                            V::B(b) => q.bind(b),
                            V::At(t) => q.bind(t),
                            V::D(d) => q.bind(d),
                            V::NoInt => q.bind(None::<i64>),
                            V::NoText => q.bind(None::<String>),
                            V::NoTime => q.bind(None::<DateTime<Utc>>),
                        };
                    }
                    q.execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }};
        }
        match db {
            Db::Sqlite(pool) => run_all!(pool),
            Db::Postgres(pool) => run_all!(pool),
        }
        Ok(total)
    }
}

/// Words the pitches and offer names are made of, so searches find some and not all.
const WORDS: &[&str] = &[
    "analytics",
    "retail",
    "insight",
    "forecast",
    "security",
    "identity",
    "supply",
    "chain",
    "health",
    "records",
    "factory",
    "sensor",
    "learning",
    "portal",
    "billing",
    "energy",
    "fleet",
    "logistics",
    "banking",
    "claims",
    "pricing",
    "inventory",
    "customer",
    "service",
];
const COUNTRIES: &[&str] = &["NL", "DE", "FR", "BE", "GB", "US", "ES", "IT", "SE", "PL"];
const OFFER_TYPES: &[&str] = &[
    "saas",
    "azure_application",
    "azure_container",
    "consulting_service",
    "dynamics_365_dataverse_power_apps",
    "power_bi_app",
];
const STATUSES: &[&str] = &["co_sell_ready", "azure_ip_co_sell", "marketplace"];

/// A deterministic pseudo-random number for (row, salt), so two fills are the same.
fn pick(i: usize, salt: usize, n: usize) -> usize {
    let mut x = (i as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((salt as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    (x % n as u64) as usize
}

fn text(i: usize, salt: usize, words: usize) -> String {
    (0..words)
        .map(|w| WORDS[pick(i, salt + w, WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fills the database, computes the catalog's shown statuses as the server would, then
/// updates the planner's statistics: the state a running portal is in.
pub async fn run(state: &crate::state::AppState, solutions: usize) -> anyhow::Result<()> {
    fill(&state.db, solutions).await?;
    let started = std::time::Instant::now();
    let refreshed = crate::services::catalog::refresh_shown(state, Utc::now().date_naive())
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    println!(
        "shown statuses computed: {refreshed} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // PostgreSQL's autovacuum would vacuum the freshly written tables of a running portal
    // soon; doing it here marks their pages visible, so index-only scans are measured as
    // they run there, not as they run in the minutes after a bulk load.
    let settle = match state.db {
        crate::db::Db::Sqlite(_) => "ANALYZE",
        crate::db::Db::Postgres(_) => "VACUUM ANALYZE",
    };
    crate::db_run!(&state.db, pool => sqlx::query(settle).execute(pool).await.map(|_| ()))?;
    Ok(())
}

/// Fills `solutions` solutions across `solutions / 10` organizations; prints what it wrote.
async fn fill(db: &Db, solutions: usize) -> anyhow::Result<()> {
    let (count,): (i64,) = crate::db_run!(db, pool => sqlx::query_as("SELECT COUNT(*) FROM solutions").fetch_one(pool).await)?;
    anyhow::ensure!(count == 0, "bench-fill needs an empty database");
    let orgs = (solutions / 10).max(1);
    let now = Utc::now();
    let today = now.date_naive();
    // Organization of solution i: the first 50 go to organization 1, the rest spread out.
    let org_of = |i: usize| if i < 50 { 1 } else { 1 + i % orgs };
    let industries: Vec<&str> = reference::Industry::ALL.iter().map(|c| c.code()).collect();
    let areas: Vec<&str> = reference::SolutionArea::ALL
        .iter()
        .map(|c| c.code())
        .collect();

    let mut o = Rows::new(
        "organizations",
        &[
            "id",
            "name",
            "mpn_id",
            "marketplace_account_active",
            "seller_account_active",
            "partner_types",
            "company_name",
            "description",
            "website",
            "headquarters_country",
            "industries",
            "contact_email",
            "created_at",
            "updated_at",
        ],
    );
    let mut k = Rows::new("competencies", &["organization_id", "area", "expires_on"]);
    let mut revenue = Rows::new(
        "revenue",
        &[
            "organization_id",
            "offer_key",
            "month",
            "kind",
            "amount_cents",
            "imported_at",
        ],
    );
    let month = crate::domain::money::Month::of(today);
    for g in 1..=orgs {
        o.push(vec![
            V::I(g as i64),
            V::T(format!("Partner {g} {}", text(g, 1, 1))),
            V::T(format!("{}", 1_000_000 + g)),
            V::B(true),
            V::B(true),
            V::T("isv".into()),
            V::T(format!("Partner {g} Ltd")),
            V::T(format!(
                "Partner {g} builds {} for customers of every size.",
                text(g, 2, 3)
            )),
            V::T(format!("https://partner{g}.example")),
            V::T(COUNTRIES[pick(g, 3, COUNTRIES.len())].into()),
            V::T(industries[pick(g, 4, industries.len())].into()),
            V::T(format!("partners@partner{g}.example")),
            V::At(now),
            V::At(now),
        ]);
        if pick(g, 5, 3) > 0 {
            let expires = today + Duration::days(pick(g, 6, 400) as i64 - 30);
            k.push(vec![
                V::I(g as i64),
                V::T(
                    reference::CompetencyArea::ALL
                        [pick(g, 7, reference::CompetencyArea::ALL.len())]
                    .code()
                    .into(),
                ),
                V::D(expires),
            ]);
        }
        for m in 1..=20 {
            revenue.push(vec![
                V::I(g as i64),
                V::I(0),
                V::T(month.minus(m).to_string()),
                V::T("azure_consumed".into()),
                V::I(pick(g, 100 + m as usize, 3_000_000) as i64),
                V::At(now),
            ]);
        }
    }

    let mut offers = Rows::new(
        "offers",
        &[
            "id",
            "organization_id",
            "name",
            "offer_type",
            "stores",
            "transactable",
            "state",
            "created_at",
            "updated_at",
        ],
    );
    let mut sols = Rows::new(
        "solutions",
        &[
            "id",
            "offer_id",
            "organization_id",
            "review_state",
            "geographies",
            "solution_areas",
            "industries",
            "customer_sizes",
            "pitch",
            "created_at",
            "updated_at",
            "submitted_at",
            "submitted_revision_id",
            "awarded_status",
            "approved_revision_id",
            "approved_at",
        ],
    );
    let mut contacts = Rows::new(
        "solution_contacts",
        &[
            "solution_id",
            "position",
            "name",
            "email",
            "role",
            "geographies",
        ],
    );
    let mut docs = Rows::new(
        "documents",
        &[
            "id",
            "solution_id",
            "kind",
            "storage_key",
            "file_name",
            "format",
            "content_type",
            "size",
            "pages",
            "slides",
            "uploaded_at",
            "uploaded_by_email",
        ],
    );
    let mut revisions = Rows::new(
        "solution_revisions",
        &[
            "id",
            "solution_id",
            "snapshot",
            "created_at",
            "created_by_email",
        ],
    );
    let mut entries = Rows::new(
        "catalog_entries",
        &[
            "solution_id",
            "organization_id",
            "organization_name",
            "offer_id",
            "offer_name",
            "offer_type",
            "pitch",
            "awarded_status",
            "revision_id",
            "approved_at",
        ],
    );
    let mut tags = Rows::new("catalog_tags", &["solution_id", "kind", "code"]);
    let mut fts = Rows::new("catalog_fts", &["rowid", "offer_name", "pitch"]);
    let mut audit = Rows::new(
        "audit_log",
        &[
            "at",
            "actor_email",
            "organization_id",
            "kind",
            "detail",
            "solution_id",
        ],
    );
    let mut revision_id = 0i64;
    for i in 0..solutions {
        let id = i as i64 + 1;
        let org = org_of(i) as i64;
        let offer_type = OFFER_TYPES[pick(i, 10, OFFER_TYPES.len())];
        let name = format!("{} {id}", text(i, 11, 2));
        let pitch = format!("{} for {} teams.", text(i, 12, 6), text(i, 13, 1));
        let geo = COUNTRIES[pick(i, 14, COUNTRIES.len())];
        let area = areas[pick(i, 15, areas.len())];
        let industry = industries[pick(i, 16, industries.len())];
        let created = now - Duration::minutes(i as i64);
        let approved = i % 3 == 0;
        let queued = !approved && i % 50 == 1;
        let status = STATUSES[pick(i, 17, STATUSES.len())];
        offers.push(vec![
            V::I(id),
            V::I(org),
            V::T(name.clone()),
            V::T(offer_type.into()),
            V::T("azure_marketplace".into()),
            V::B(true),
            V::T("live".into()),
            V::At(created),
            V::At(created),
        ]);
        let state = if approved {
            "approved"
        } else if queued {
            "submitted"
        } else {
            "draft"
        };
        if approved || queued {
            revision_id += 1;
            let snapshot = serde_json::json!({
                "id": id, "offer_id": id, "organization_id": org, "review_state": state, "version": 1,
                "geographies": [geo], "solution_areas": [area], "industries": [industry],
                "customer_sizes": ["smb"], "pitch": pitch, "landing_page": null,
                "contacts": [], "documents": [], "review_reason": null,
                "offer_name": name, "offer_type": offer_type, "document_ids": {},
            });
            revisions.push(vec![
                V::I(revision_id),
                V::I(id),
                V::T(snapshot.to_string()),
                V::At(created),
                V::T(format!("maker@partner{org}.example")),
            ]);
        }
        let revision = if approved || queued {
            V::I(revision_id)
        } else {
            V::NoInt
        };
        sols.push(vec![
            V::I(id),
            V::I(id),
            V::I(org),
            V::T(state.into()),
            V::T(geo.into()),
            V::T(area.into()),
            V::T(industry.into()),
            V::T("smb".into()),
            V::T(pitch.clone()),
            V::At(created),
            V::At(created),
            if approved || queued {
                V::At(created)
            } else {
                V::NoTime
            },
            revision,
            if approved {
                V::T(status.into())
            } else {
                V::NoText
            },
            if approved {
                V::I(revision_id)
            } else {
                V::NoInt
            },
            if approved { V::At(created) } else { V::NoTime },
        ]);
        for position in 0..2 {
            contacts.push(vec![
                V::I(id),
                V::I(position),
                V::T(format!("Seller {position}")),
                V::T(format!("seller{position}@partner{org}.example")),
                V::T("partner_sales".into()),
                V::T(if position == 0 {
                    "OOO".into()
                } else {
                    geo.into()
                }),
            ]);
        }
        for (n, (kind, format, content_type)) in [
            ("one_pager", "pdf", "application/pdf"),
            (
                "pitch_deck",
                "pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ),
            ("reference_architecture", "pdf", "application/pdf"),
        ]
        .into_iter()
        .enumerate()
        {
            docs.push(vec![
                V::I(id * 3 + n as i64),
                V::I(id),
                V::T(kind.into()),
                V::T(format!("solutions/{id}/{kind}/bench.{format}")),
                V::T(format!("{kind}.{format}")),
                V::T(format.into()),
                V::T(content_type.into()),
                V::I(200_000 + pick(i, 20 + n, 800_000) as i64),
                if format == "pdf" { V::I(2) } else { V::NoInt },
                if format == "pptx" { V::I(12) } else { V::NoInt },
                V::At(created),
                V::T(format!("maker@partner{org}.example")),
            ]);
        }
        for m in 1..=18 {
            revenue.push(vec![
                V::I(org),
                V::I(id),
                V::T(month.minus(m).to_string()),
                V::T("marketplace_billed".into()),
                V::I(pick(i, 200 + m as usize, 2_000_000) as i64),
                V::At(now),
            ]);
        }
        for (n, kind) in ["solution_created", "solution_saved", "document_uploaded"]
            .into_iter()
            .enumerate()
        {
            audit.push(vec![
                V::At(created + Duration::seconds(n as i64)),
                V::T(format!("maker@partner{org}.example")),
                V::I(org),
                V::T(kind.into()),
                V::T(format!("solution {id}: {kind}")),
                V::I(id),
            ]);
        }
        if approved {
            entries.push(vec![
                V::I(id),
                V::I(org),
                V::T(format!("Partner {org} Ltd")),
                V::I(id),
                V::T(name.clone()),
                V::T(offer_type.into()),
                V::T(pitch.clone()),
                V::T(status.into()),
                V::I(revision_id),
                V::At(created),
            ]);
            for (kind, code) in [
                ("geography", geo),
                ("solution_area", area),
                ("industry", industry),
            ] {
                tags.push(vec![V::I(id), V::T(kind.into()), V::T(code.into())]);
            }
            fts.push(vec![V::I(id), V::T(name), V::T(pitch)]);
        }
    }
    // Revenue before the catalog, so its triggers find no entry to mark stale.
    for rows in [
        o, k, offers, sols, contacts, docs, revenue, revisions, entries, tags, audit,
    ] {
        let table = rows.table;
        let started = std::time::Instant::now();
        let n = rows.write(db).await?;
        println!(
            "{table}: {n} rows in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    match db {
        Db::Sqlite(_) => println!("catalog_fts: {} rows", fts.write(db).await?),
        Db::Postgres(pool) => {
            // The ids were given, so the identity sequences start after them.
            for table in [
                "organizations",
                "offers",
                "solutions",
                "documents",
                "solution_revisions",
            ] {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
            }
        }
    }
    Ok(())
}
