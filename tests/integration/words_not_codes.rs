//! SPEC 11: people read words, not codes. Every page the demo's accounts reach is read in
//! English and in Dutch; its visible text (not its markup or attribute values) must hold no
//! code of the program's lists, and the Dutch pages no English country name.

use crate::helpers::*;
use cosell::domain::document::DocumentKind;
use cosell::domain::offer::{OfferState, OfferType, Store};
use cosell::domain::reference::{CompetencyArea, Industry, SolutionArea};
use cosell::domain::review::ReviewState;
use cosell::domain::solution::{ContactRole, CustomerSize};
use cosell::domain::status::{RequirementId, Status};
use cosell::services::audit::KINDS;

/// The codes a person could be shown by mistake: those with an underscore, which no word of
/// either language has (single-word codes such as `retail` read like their own label).
fn codes() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    all.extend(OfferType::ALL.iter().map(|c| c.code()));
    all.extend(Store::ALL.iter().map(|c| c.code()));
    all.extend(OfferState::ALL.iter().map(|c| c.code()));
    all.extend(ReviewState::ALL.iter().map(|c| c.code()));
    all.extend(CustomerSize::ALL.iter().map(|c| c.code()));
    all.extend(ContactRole::ALL.iter().map(|c| c.code()));
    all.extend(DocumentKind::ALL.iter().map(|c| c.code()));
    all.extend(Status::ALL.iter().map(|c| c.code()));
    all.extend(Industry::ALL.iter().map(|c| c.code()));
    all.extend(SolutionArea::ALL.iter().map(|c| c.code()));
    all.extend(CompetencyArea::ALL.iter().map(|c| c.code()));
    all.extend(RequirementId::ALL.iter().map(|r| r.code()));
    all.extend(KINDS);
    all.retain(|c| c.contains('_'));
    all
}

/// What a reader sees of a page: the text between the tags, without scripts and styles.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tail = &rest[open..];
        let skip_to = if tail.starts_with("<script") {
            tail.find("</script>").map(|i| i + 9)
        } else if tail.starts_with("<style") {
            tail.find("</style>").map(|i| i + 8)
        } else {
            tail.find('>').map(|i| i + 1)
        };
        rest = &tail[skip_to.unwrap_or(tail.len())..];
    }
    text.push_str(rest);
    text
}

#[tokio::test]
async fn no_page_shows_a_code_in_either_language() {
    let app = spawn_app().await;
    cosell::demo::run(&app.state).await.unwrap();
    let codes = codes();
    let english_countries = [
        "Germany",
        "Netherlands",
        "Belgium",
        "United States",
        "Switzerland",
    ];
    let as_who: [(&str, Vec<String>); 4] = [
        (
            "maker@contoso.example",
            vec![
                "/organizations/1/dashboard".into(),
                "/organizations/1/offers".into(),
                "/offers/1".into(),
                "/solutions/1".into(),
                "/solutions/1/documents".into(),
                "/solutions/1/preview".into(),
                "/organizations/1/profile".into(),
                "/organizations/1/users".into(),
                "/organizations/1/revenue".into(),
                "/audit".into(),
                "/account".into(),
            ],
        ),
        (
            "reviewer@demo.example",
            vec!["/review".into(), "/review/2".into(), "/catalog".into()],
        ),
        (
            "seller@demo.example",
            vec!["/catalog".into(), "/catalog/1".into()],
        ),
        (
            "admin@demo.example",
            vec![
                "/organizations".into(),
                "/organizations/1".into(),
                "/program-users".into(),
                "/audit".into(),
                "/revenue/import".into(),
            ],
        ),
    ];
    let mut found = Vec::new();
    for (email, paths) in &as_who {
        let b = app.browser();
        assert_eq!(
            app.login(&b, email, "demo-password-1").await.status(),
            303,
            "{email}"
        );
        for path in paths {
            for lang in ["en", "nl"] {
                let res = b
                    .get(app.url(path))
                    .header("accept-language", lang)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "{path} as {email}");
                let html = res.text().await.unwrap();
                // Messages are escaped once, when the translations are read (i18n::Html):
                // escaped again, a reader would see `&#38;` as text.
                if html.contains("&#38;#") {
                    found.push(format!("{lang} {path}: a message escaped twice"));
                }
                if path == "/solutions/1" && lang == "en" {
                    // An industry whose name has an ampersand, escaped exactly once.
                    assert!(html.contains(">Healthcare &#38; Life Sciences</label>"));
                }
                let text = visible_text(&html);
                for code in &codes {
                    if text.contains(code) {
                        found.push(format!("{lang} {path}: {code}"));
                    }
                }
                if lang == "nl" {
                    for name in english_countries {
                        if text.contains(name) {
                            found.push(format!("{lang} {path}: {name}"));
                        }
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "codes shown to people:\n{}",
        found.join("\n")
    );
}
