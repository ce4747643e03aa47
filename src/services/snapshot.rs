//! The frozen copy of a solution page: what a submission puts in the queue, what a reviewer
//! compares, and what the catalog shows once it is approved.

use super::access::SolutionCtx;
use super::documents::DocumentView;
use super::solutions::{ContactView, view_of};
use crate::domain::ids::{OrgId, SolutionId};
use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The frozen copy of what the partner submitted: the page as the API shows it, plus the
/// offer and the ids of the documents current at that moment. Stored as JSON in
/// `solution_revisions.snapshot`; its members are those of the first version's snapshots, so
/// every stored revision still reads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: SolutionId,
    pub offer_id: i64,
    pub organization_id: OrgId,
    pub review_state: String,
    pub version: i64,
    pub geographies: Vec<String>,
    pub solution_areas: Vec<String>,
    pub industries: Vec<String>,
    pub customer_sizes: Vec<String>,
    pub pitch: String,
    pub landing_page: Option<String>,
    pub contacts: Vec<ContactView>,
    pub documents: Vec<DocumentView>,
    #[serde(default)]
    pub review_reason: Option<String>,
    pub offer_name: String,
    pub offer_type: String,
    /// Document kind -> the id of the version that was current.
    #[serde(default)]
    pub document_ids: BTreeMap<String, i64>,
}

impl Snapshot {
    pub fn of(ctx: &SolutionCtx) -> Snapshot {
        let v = view_of(ctx);
        Snapshot {
            document_ids: v.documents.iter().map(|d| (d.kind.clone(), d.id)).collect(),
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

    /// A listing field or the contacts as one line of text (lists joined with commas), for
    /// the review page's diff and the catalog.
    pub fn field_text(&self, field: &str) -> String {
        match field {
            "geographies" => self.geographies.join(", "),
            "solution_areas" => self.solution_areas.join(", "),
            "industries" => self.industries.join(", "),
            "customer_sizes" => self.customer_sizes.join(", "),
            "pitch" => self.pitch.clone(),
            "landing_page" => self.landing_page.clone().unwrap_or_default(),
            "contacts" => self
                .contacts
                .iter()
                .map(|c| {
                    let geographies = c.geographies.join(", ");
                    format!("{} <{}> {} [{geographies}]", c.name, c.email, c.role)
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
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
        assert_eq!(s.document_ids.get("one_pager"), Some(&11));
        // And what is written now reads back the same.
        let again = Snapshot::parse(&s.to_json()).expect("round trip");
        assert_eq!(again.to_json(), s.to_json());
    }

    #[test]
    fn a_damaged_revision_is_a_failure_of_ours_not_a_panic() {
        assert!(matches!(
            Snapshot::parse("{\"id\": 1}"),
            Err(AppError::Internal(_))
        ));
    }
}
