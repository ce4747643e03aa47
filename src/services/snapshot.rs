//! The frozen copy of a solution page: what a submission puts in the queue, what a reviewer
//! compares, and what the catalog shows once it is approved.

use super::access::SolutionCtx;
use super::documents::DocumentView;
use super::solutions::{ContactView, view_of};
use crate::domain::document::DocumentKind;
use crate::domain::ids::DocumentId;
use crate::domain::ids::{OfferId, OrgId, SolutionId};
use crate::domain::offer::OfferType;
use crate::domain::reference::{Industry, SolutionArea};
use crate::domain::review::ReviewState;
use crate::domain::solution::CustomerSize;
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The frozen copy of what the partner submitted: the page as the API shows it, plus the
/// offer and the ids of the documents current at that moment. Stored as JSON in
/// `solution_revisions.snapshot`; its members are those of the first version's snapshots, so
/// every stored revision still reads.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Snapshot {
    pub id: SolutionId,
    pub offer_id: OfferId,
    pub organization_id: OrgId,
    #[schema(schema_with = crate::domain::openapi::review_state)]
    pub review_state: ReviewState,
    pub version: i64,
    pub geographies: Vec<String>,
    #[schema(schema_with = crate::domain::openapi::solution_areas)]
    pub solution_areas: Vec<SolutionArea>,
    #[schema(schema_with = crate::domain::openapi::industries)]
    pub industries: Vec<Industry>,
    #[schema(schema_with = crate::domain::openapi::customer_sizes)]
    pub customer_sizes: Vec<CustomerSize>,
    pub pitch: String,
    pub landing_page: Option<String>,
    pub contacts: Vec<ContactView>,
    pub documents: Vec<DocumentView>,
    #[serde(default)]
    pub review_reason: Option<String>,
    pub offer_name: String,
    #[schema(schema_with = crate::domain::openapi::offer_type)]
    pub offer_type: OfferType,
    /// Document kind -> the id of the version that was current.
    #[serde(default)]
    pub document_ids: BTreeMap<DocumentKind, DocumentId>,
}

impl Snapshot {
    pub fn of(ctx: &SolutionCtx) -> Snapshot {
        let v = view_of(ctx);
        Snapshot {
            document_ids: v.documents.iter().map(|d| (d.kind, d.id)).collect(),
            id: v.id,
            offer_id: v.offer_id,
            organization_id: v.organization_id,
            review_state: v.review_state,
            version: v.version,
            geographies: v.geographies,
            solution_areas: v.solution_areas,
            industries: v.industries,
            customer_sizes: v.customer_sizes,
            pitch: v.pitch,
            landing_page: v.landing_page,
            contacts: v.contacts,
            documents: v.documents,
            review_reason: v.review_reason,
            offer_name: v.offer_name,
            offer_type: v.offer_type,
        }
    }

    /// A stored snapshot; a revision that does not read is a fault of ours (500, logged).
    pub fn parse(stored: &str) -> AppResult<Snapshot> {
        serde_json::from_str(stored).map_err(|e| {
            tracing::error!(error = %e, "a stored revision does not read");
            AppError::internal()
        })
    }

    /// A field of the page: the listing's text fields as text, its lists and the contacts as
    /// members (empty text for a field it does not have).
    pub fn value(&self, field: &str) -> Value {
        fn codes<C: AsRef<str>>(list: &[C]) -> Value {
            Value::Members(
                list.iter()
                    .map(|c| Member::Code(c.as_ref().to_string()))
                    .collect(),
            )
        }
        match field {
            "geographies" => codes(&self.geographies),
            "solution_areas" => codes(&self.solution_areas),
            "industries" => codes(&self.industries),
            "customer_sizes" => codes(&self.customer_sizes),
            "contacts" => Value::Members(
                self.contacts
                    .iter()
                    .map(|c| {
                        let mut c = c.clone();
                        c.geographies.sort();
                        Member::Contact(c)
                    })
                    .collect(),
            ),
            "pitch" => Value::Text(self.pitch.clone()),
            "landing_page" => Value::Text(self.landing_page.clone().unwrap_or_default()),
            _ => Value::Text(String::new()),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A field's value in a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// A list, whose order says nothing (the partner's order of industries is not a change).
    Members(Vec<Member>),
}

/// One member of a list field: a code, or a contact (its geographies sorted, so that their
/// order is not a change either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    Code(String),
    Contact(ContactView),
}

/// The fields of the page a reviewer compares, in the page's order.
pub const COMPARED_FIELDS: [&str; 7] = [
    "geographies",
    "solution_areas",
    "industries",
    "customer_sizes",
    "pitch",
    "landing_page",
    "contacts",
];

/// How one field differs between the last approved revision and the one under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: &'static str,
    pub changed: bool,
    /// Members of a list that are new, and members that are gone (empty for text fields).
    pub added: Vec<Member>,
    pub removed: Vec<Member>,
}

/// Field by field, what changed from `before` (none: a first submission, where everything
/// is new) to `after`; lists compare as sets, so a new order alone is no change.
pub fn compare(before: Option<&Snapshot>, after: &Snapshot) -> Vec<Change> {
    COMPARED_FIELDS
        .into_iter()
        .map(|field| {
            let old = before.map(|b| b.value(field));
            match (old, after.value(field)) {
                (Some(Value::Members(old)), Value::Members(new)) => {
                    let added = missing_from(&new, &old);
                    let removed = missing_from(&old, &new);
                    Change {
                        field,
                        changed: !added.is_empty() || !removed.is_empty(),
                        added,
                        removed,
                    }
                }
                (None, Value::Members(new)) => Change {
                    field,
                    changed: !new.is_empty(),
                    added: new,
                    removed: Vec::new(),
                },
                (old, new) => Change {
                    field,
                    changed: old.map_or_else(|| new != Value::Text(String::new()), |o| o != new),
                    added: Vec::new(),
                    removed: Vec::new(),
                },
            }
        })
        .collect()
}

/// The members of `list` that `other` lacks, counting repeats (two equal contacts are two).
fn missing_from(list: &[Member], other: &[Member]) -> Vec<Member> {
    let mut left: Vec<&Member> = other.iter().collect();
    list.iter()
        .filter(|m| match left.iter().position(|o| o == m) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A revision as the first version stored it (a `SolutionView` as JSON plus three members).
    const FIRST_VERSION: &str = r#"{"id":7,"offer_id":3,"organization_id":2,"review_state":"draft","version":4,
        "geographies":["NL","DE"],"solution_areas":["data_ai"],"industries":["retail"],"customer_sizes":["smb"],
        "pitch":"Analytics for every store.","landing_page":null,
        "contacts":[{"name":"Ann","email":"ann@contoso.example","job_title":null,"role":"partner_sales","geographies":["OOO"]}],
        "documents":[{"kind":"one_pager","file_name":"one.pdf","size":1234,"content_type":"application/pdf","pages":1,
          "uploaded_at":"2026-11-25T10:00:00.123456+00:00","download_url":"/api/v1/solutions/7/documents/one_pager"}],
        "review_reason":null,"offer_name":"Contoso Analytics","offer_type":"saas","document_ids":{"one_pager":11}}"#;

    #[test]
    fn revisions_stored_by_the_first_version_still_read() {
        let s = Snapshot::parse(FIRST_VERSION).expect("reads");
        assert_eq!(s.offer_name, "Contoso Analytics");
        assert_eq!(s.geographies, vec!["NL", "DE"]);
        assert_eq!(s.contacts[0].geographies, vec!["OOO"]);
        assert_eq!(s.documents[0].pages, Some(1));
        assert_eq!(
            s.document_ids.get(&DocumentKind::OnePager),
            Some(&DocumentId(11))
        );
        // And what is written now reads back the same.
        let again = Snapshot::parse(&s.to_json()).expect("round trip");
        assert_eq!(again.to_json(), s.to_json());
    }

    fn code(c: &str) -> Member {
        Member::Code(c.to_string())
    }

    fn changed_fields(before: &Snapshot, after: &Snapshot) -> Vec<&'static str> {
        compare(Some(before), after)
            .into_iter()
            .filter(|c| c.changed)
            .map(|c| c.field)
            .collect()
    }

    #[test]
    fn the_diff_sets_order_aside_and_names_what_came_and_went() {
        let mut before = Snapshot::parse(FIRST_VERSION).expect("reads");
        before.contacts[0].geographies = vec!["NL".into(), "DE".into()];
        // Table: an edit of the revision, and the fields that count as changed.
        type Edit = fn(&mut Snapshot);
        let cases: [(&str, Edit, &[&str]); 7] = [
            ("nothing", |_| {}, &[]),
            ("geographies reordered", |s| s.geographies.reverse(), &[]),
            (
                "a contact's geographies reordered",
                |s| s.contacts[0].geographies.reverse(),
                &[],
            ),
            (
                "a geography added",
                |s| s.geographies.push("BE".into()),
                &["geographies"],
            ),
            (
                "an industry swapped",
                |s| s.industries = vec![Industry::Healthcare],
                &["industries"],
            ),
            ("the pitch", |s| s.pitch.push('!'), &["pitch"]),
            (
                "a landing page set",
                |s| s.landing_page = Some("https://x.example".into()),
                &["landing_page"],
            ),
        ];
        for (what, edit, expected) in cases {
            let mut after = before.clone();
            edit(&mut after);
            assert_eq!(changed_fields(&before, &after), expected, "{what}");
        }

        let mut after = before.clone();
        after.industries = vec![Industry::Healthcare, Industry::Retail];
        after.geographies = vec!["DE".into(), "BE".into()];
        let changes = compare(Some(&before), &after);
        let geo = changes
            .iter()
            .find(|c| c.field == "geographies")
            .expect("geographies");
        assert_eq!(
            (geo.added.clone(), geo.removed.clone()),
            (vec![code("BE")], vec![code("NL")])
        );
        let ind = changes
            .iter()
            .find(|c| c.field == "industries")
            .expect("industries");
        assert_eq!(
            (ind.added.clone(), ind.removed.clone()),
            (vec![code("healthcare")], vec![])
        );
    }

    #[test]
    fn a_first_submission_is_all_new_and_empty_fields_are_no_change() {
        let after = Snapshot::parse(FIRST_VERSION).expect("reads");
        let changes = compare(None, &after);
        let changed: Vec<_> = changes
            .iter()
            .filter(|c| c.changed)
            .map(|c| c.field)
            .collect();
        // No landing page was given, so there is nothing to look at there.
        assert_eq!(
            changed,
            [
                "geographies",
                "solution_areas",
                "industries",
                "customer_sizes",
                "pitch",
                "contacts"
            ]
        );
        assert_eq!(changes[0].added, vec![code("NL"), code("DE")]);
    }

    #[test]
    fn two_equal_contacts_are_two_members() {
        let before = Snapshot::parse(FIRST_VERSION).expect("reads");
        let mut after = before.clone();
        after.contacts.push(after.contacts[0].clone());
        let changes = compare(Some(&before), &after);
        let contacts = changes
            .iter()
            .find(|c| c.field == "contacts")
            .expect("contacts");
        assert!(contacts.changed);
        assert_eq!(contacts.added.len(), 1);
        assert!(contacts.removed.is_empty());
    }

    #[test]
    fn a_damaged_revision_is_a_failure_of_ours_not_a_panic() {
        assert!(matches!(
            Snapshot::parse("{\"id\": 1}"),
            Err(AppError::Internal(_))
        ));
    }
}
