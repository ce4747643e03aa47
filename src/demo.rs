//! `cosell demo`: fills an empty database with a realistic demo (organizations, offers,
//! solutions in every review state, documents, revenue, a technical validation) through the
//! same services the pages use, and prints the sign-ins.

use crate::auth::CurrentUser;
use crate::domain::document::DocumentKind;
use crate::domain::ids::{OfferId, OrgId, SolutionId};
use crate::domain::offer::OfferInput;
use crate::domain::org::ProfileInput;
use crate::domain::roles::RoleSet;
use crate::domain::solution::ContactInput;
use crate::services::access::{self, Access};
use crate::services::accounts::{self, NewUserInput};
use crate::services::orgs::FactsInput;
use crate::services::solutions::SolutionPatch;
use crate::services::{documents, offers, orgs, revenue, review, solutions, validation};
use crate::state::AppState;
use anyhow::{anyhow, bail};
use base64::Engine;
use chrono::{Duration, Utc};
use std::io::Write;

pub const PASSWORD: &str = "demo-password-1";

const ONE_PAGER: &[u8] = include_bytes!("../static/templates/one-pager-template.pdf");
const PITCH_DECK: &[u8] = include_bytes!("../static/templates/pitch-deck-template.pptx");
/// A 1x1 PNG, for logos and the architecture diagram.
const PNG_1X1: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/// The partner roles, each with a demo account of its own at Contoso, and what it shows.
const PARTNER_ACCOUNTS: [(&str, &str); 4] = [
    (
        "account_admin",
        "account admin only: users and the business profile",
    ),
    (
        "developer",
        "developer only: offers; reads the co-sell solutions",
    ),
    ("manager", "manager only: offers and revenue"),
    ("cosell_admin", "co-sell admin only: the co-sell solutions"),
];

fn err(e: crate::error::AppError) -> anyhow::Error {
    anyhow!("{}", e.message())
}

async fn user(
    state: &AppState,
    email: &str,
    roles: &[&str],
    org: Option<OrgId>,
) -> anyhow::Result<CurrentUser> {
    let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let input = NewUserInput {
        email,
        password: PASSWORD,
        roles: &roles,
        organization_id: org,
    };
    let id = accounts::create_user_unchecked(state, &input, None)
        .await
        .map_err(err)?;
    Ok(CurrentUser {
        id,
        email: email.to_string(),
        roles: RoleSet::parse(&roles).map_err(|e| anyhow!("{e:?}"))?,
        organization_id: org,
        csrf: None,
        session_hash: None,
        unread: 0,
        language: "en".into(),
    })
}

async fn upload(
    state: &AppState,
    actor: &CurrentUser,
    solution: SolutionId,
    kind: DocumentKind,
    bytes: &[u8],
    name: &str,
) -> anyhow::Result<()> {
    let mut file = tempfile::NamedTempFile::new()?;
    file.write_all(bytes)?;
    file.flush()?;
    let received = documents::Received {
        file,
        size: bytes.len() as u64,
        original_name: name.to_string(),
        may_leave_review: true,
    };
    let ctx = access::solution(state, actor, solution, Access::Edit)
        .await
        .map_err(err)?;
    documents::store_upload(state, actor, &ctx, kind, received)
        .await
        .map_err(err)?;
    Ok(())
}

struct Partner {
    org: OrgId,
    maker: CurrentUser,
}

async fn partner(
    state: &AppState,
    admin: &CurrentUser,
    name: &str,
    mpn: &str,
    slug: &str,
    types: &[&str],
    country: &str,
) -> anyhow::Result<Partner> {
    let facts = FactsInput {
        name: Some(name.to_string()),
        mpn_id: Some(Some(mpn.to_string())),
        marketplace_account_active: Some(true),
        seller_account_active: Some(true),
        partner_types: Some(types.iter().map(|t| t.to_string()).collect()),
        isv_connect_enrolled_on: Some(Some(Utc::now().date_naive() - Duration::days(200))),
    };
    let org = orgs::create(state, admin, &facts).await.map_err(err)?;
    let maker = user(
        state,
        &format!("maker@{slug}.example"),
        &["account_admin", "developer", "manager", "cosell_admin"],
        Some(org),
    )
    .await?;
    let profile = ProfileInput {
        company_name: name.to_string(),
        description: format!(
            "{name} builds software and services that help companies of every size run better on Microsoft Azure and Dynamics 365."
        ),
        website: format!("https://www.{slug}.example"),
        headquarters_country: country.to_string(),
        industries: vec!["retail".into(), "manufacturing".into()],
        contact_email: format!("partners@{slug}.example"),
    };
    orgs::update_profile(state, &maker, org, &profile)
        .await
        .map_err(err)?;
    let png = base64::engine::general_purpose::STANDARD.decode(PNG_1X1)?;
    orgs::put_logo(state, &maker, org, &png, png.len())
        .await
        .map_err(err)?;
    Ok(Partner { org, maker })
}

/// A live offer with a co-sell solution that meets the co-sell ready requirements.
async fn ready_solution(
    state: &AppState,
    p: &Partner,
    name: &str,
    offer_type: &str,
    transactable: bool,
    areas: &[&str],
    geographies: &[&str],
) -> anyhow::Result<(OfferId, SolutionId)> {
    let input = OfferInput {
        name: name.to_string(),
        offer_type: offer_type.to_string(),
        stores: vec!["azure_marketplace".into(), "appsource".into()],
        transactable,
        competency_areas: areas.iter().map(|a| a.to_string()).collect(),
    };
    let offer = offers::create(state, &p.maker, p.org, &input)
        .await
        .map_err(err)?;
    offers::publish(state, &p.maker, offer).await.map_err(err)?;
    let solution = solutions::create(state, &p.maker, offer)
        .await
        .map_err(err)?;
    let patch = SolutionPatch {
        geographies: Some(geographies.iter().map(|g| g.to_string()).collect()),
        solution_areas: Some(vec!["data_ai".into(), "digital_app_innovation".into()]),
        industries: Some(vec!["retail".into(), "manufacturing".into()]),
        customer_sizes: Some(vec!["corporate".into(), "enterprise".into()]),
        pitch: Some(format!(
            "{name} turns store, stock and sales data into decisions your teams can act on the same day."
        )),
        landing_page: Some(format!(
            "https://www.example.com/{}",
            offer_type.replace('_', "-")
        )),
        contacts: Some(vec![ContactInput {
            name: "Sanne de Vries".into(),
            email: "sanne.devries@example.com".into(),
            job_title: "Partner sales lead".into(),
            role: "partner_sales".into(),
            geographies: vec!["OOO".into()],
        }]),
        version: None,
        may_leave_review: true,
    };
    let ctx = access::solution(state, &p.maker, solution, Access::Edit)
        .await
        .map_err(err)?;
    solutions::save(state, &p.maker, &ctx, patch)
        .await
        .map_err(err)?;
    upload(
        state,
        &p.maker,
        solution,
        DocumentKind::OnePager,
        ONE_PAGER,
        "one-pager.pdf",
    )
    .await?;
    upload(
        state,
        &p.maker,
        solution,
        DocumentKind::PitchDeck,
        PITCH_DECK,
        "pitch-deck.pptx",
    )
    .await?;
    Ok((offer, solution))
}

pub async fn run(state: &AppState) -> anyhow::Result<()> {
    if crate::db::users::count(&state.db).await? > 0 {
        bail!("the database is not empty: `cosell demo` only fills an empty database");
    }
    let admin = user(state, "admin@demo.example", &["program_admin"], None).await?;
    let reviewer = user(state, "reviewer@demo.example", &["reviewer"], None).await?;
    user(state, "seller@demo.example", &["seller"], None).await?;

    let contoso = partner(
        state,
        &admin,
        "Contoso Analytics",
        "4412345",
        "contoso",
        &["isv"],
        "NL",
    )
    .await?;
    // One account per partner role besides the maker who has them all, to see each role's view.
    for (role, _) in PARTNER_ACCOUNTS {
        let email = format!("{}@contoso.example", role.replace('_', "-"));
        user(state, &email, &[role], Some(contoso.org)).await?;
    }
    let fabrikam = partner(
        state,
        &admin,
        "Fabrikam Consulting",
        "5598765",
        "fabrikam",
        &["services"],
        "DE",
    )
    .await?;
    let today = Utc::now().date_naive();
    orgs::replace_competencies(
        state,
        &admin,
        fabrikam.org,
        &[("data_analytics".into(), today + Duration::days(300))],
    )
    .await
    .map_err(err)?;

    // Approved with the Azure IP co-sell incentive: revenue, validation, architecture.
    let (retail_offer, retail) = ready_solution(
        state,
        &contoso,
        "Contoso Retail Insights",
        "saas",
        true,
        &[],
        &["NL", "DE", "BE"],
    )
    .await?;
    let png = base64::engine::general_purpose::STANDARD.decode(PNG_1X1)?;
    upload(
        state,
        &contoso.maker,
        retail,
        DocumentKind::ReferenceArchitecture,
        &png,
        "architecture.png",
    )
    .await?;
    let last = crate::domain::money::Month::of(today);
    let mut csv = String::from("mpn_id,month,kind,amount_usd,offer_id\n");
    for back in 1..=12 {
        csv.push_str(&format!(
            "4412345,{},azure_consumed,9500.00,\n",
            last.minus(back)
        ));
    }
    csv.push_str(&format!(
        "4412345,{},marketplace_billed,12500.50,{retail_offer}\n",
        last.minus(1)
    ));
    revenue::import(state, &admin, &csv).await.map_err(err)?;
    let retail_ctx = access::solution(state, &reviewer, retail, Access::Review)
        .await
        .map_err(err)?;
    validation::record(
        state,
        &reviewer,
        &retail_ctx,
        "78.5",
        "ARM templates and AKS manifests checked: 78.5% of the workload runs on Azure.",
    )
    .await
    .map_err(err)?;
    review::submit(state, &contoso.maker, retail)
        .await
        .map_err(err)?;
    review::claim(state, &reviewer, retail).await.map_err(err)?;
    review::decide(state, &reviewer, retail, "approve", None)
        .await
        .map_err(err)?;

    // Submitted and waiting in the queue.
    let (_, vm) = ready_solution(
        state,
        &contoso,
        "Contoso Edge Appliance",
        "azure_virtual_machine",
        true,
        &[],
        &["NL"],
    )
    .await?;
    review::submit(state, &contoso.maker, vm)
        .await
        .map_err(err)?;

    // Changes requested.
    let (_, apps) = ready_solution(
        state,
        &contoso,
        "Contoso Field Service App",
        "dynamics_365_dataverse_power_apps",
        false,
        &[],
        &["NL", "US"],
    )
    .await?;
    review::submit(state, &contoso.maker, apps)
        .await
        .map_err(err)?;
    review::claim(state, &reviewer, apps).await.map_err(err)?;
    review::decide(
        state,
        &reviewer,
        apps,
        "request_changes",
        Some("Please add a US partner sales contact and a customer story."),
    )
    .await
    .map_err(err)?;

    // In review, a services solution.
    let (_, advisory) = ready_solution(
        state,
        &fabrikam,
        "Fabrikam Data Advisory",
        "consulting_service",
        false,
        &["data_analytics"],
        &["DE"],
    )
    .await?;
    review::submit(state, &fabrikam.maker, advisory)
        .await
        .map_err(err)?;
    review::claim(state, &reviewer, advisory)
        .await
        .map_err(err)?;

    // Withdrawn, and a draft that can never be co-sell ready.
    let (_, bi) = ready_solution(
        state,
        &fabrikam,
        "Fabrikam Sales Dashboards",
        "power_bi_app",
        false,
        &[],
        &["DE", "AT"],
    )
    .await?;
    review::submit(state, &fabrikam.maker, bi)
        .await
        .map_err(err)?;
    review::withdraw(state, &fabrikam.maker, bi)
        .await
        .map_err(err)?;
    let teams = OfferInput {
        name: "Contoso Shift Planner for Teams".into(),
        offer_type: "teams_app".into(),
        stores: vec!["appsource".into()],
        transactable: false,
        competency_areas: vec![],
    };
    let teams_offer = offers::create(state, &contoso.maker, contoso.org, &teams)
        .await
        .map_err(err)?;
    solutions::create(state, &contoso.maker, teams_offer)
        .await
        .map_err(err)?;

    println!("Demo data is in. Every account below signs in with the password {PASSWORD}:");
    for (email, what) in [
        (
            "admin@demo.example",
            "program admin: organizations, facts, revenue import, audit log",
        ),
        (
            "reviewer@demo.example",
            "reviewer: the review queue (one waiting, one claimed)",
        ),
        (
            "seller@demo.example",
            "seller: the catalog (one approved solution)",
        ),
        (
            "maker@contoso.example",
            "Contoso: account admin, developer, manager and co-sell admin",
        ),
        (
            "maker@fabrikam.example",
            "Fabrikam: account admin, developer, manager and co-sell admin",
        ),
    ] {
        println!("  {email:<30} {what}");
    }
    for (role, what) in PARTNER_ACCOUNTS {
        let email = format!("{}@contoso.example", role.replace('_', "-"));
        println!("  {email:<30} Contoso, {what}");
    }
    Ok(())
}
