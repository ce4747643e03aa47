//! The seven roles of SPEC section 1 and which side of the program they are on.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    AccountAdmin,
    Developer,
    Manager,
    CosellAdmin,
    Reviewer,
    ProgramAdmin,
    Seller,
}

pub const ALL_ROLES: &[Role] = &[
    Role::AccountAdmin,
    Role::Developer,
    Role::Manager,
    Role::CosellAdmin,
    Role::Reviewer,
    Role::ProgramAdmin,
    Role::Seller,
];

pub const PARTNER_ROLES: &[Role] = &[
    Role::AccountAdmin,
    Role::Developer,
    Role::Manager,
    Role::CosellAdmin,
];

pub const PROGRAM_ROLES: &[Role] = &[Role::Reviewer, Role::ProgramAdmin, Role::Seller];

// The role groups of the program: the route table, the services and the pages read these,
// and nothing else lists roles.

/// Every partner role.
pub const PARTNERS: &[Role] = PARTNER_ROLES;
/// Who reads an organization's pages, offers and solutions: its own people, and the program's
/// reviewers and admins.
pub const ORG_READERS: &[Role] = &[
    Role::AccountAdmin,
    Role::Developer,
    Role::Manager,
    Role::CosellAdmin,
    Role::Reviewer,
    Role::ProgramAdmin,
];
/// Who manages an organization's users and business profile.
pub const ACCOUNT_ADMINS: &[Role] = &[Role::AccountAdmin, Role::ProgramAdmin];
/// Who creates, edits and publishes offers.
pub const OFFER_EDITORS: &[Role] = &[Role::Developer, Role::Manager];
/// Who edits and submits co-sell solutions.
pub const SOLUTION_EDITORS: &[Role] = &[Role::CosellAdmin];
/// Who works the review queue.
pub const REVIEWERS: &[Role] = &[Role::Reviewer, Role::ProgramAdmin];
/// Who reads every organization (the program's staff who are not sellers).
pub const PROGRAM_READERS: &[Role] = &[Role::ProgramAdmin, Role::Reviewer];
/// Who searches the catalog of approved solutions.
pub const CATALOG_READERS: &[Role] = &[Role::Seller, Role::Reviewer, Role::ProgramAdmin];
/// Who works co-sell referrals (SPEC 13): sellers, the partners' co-sell admins and
/// managers, and program admins (every referral).
pub const REFERRAL_WORKERS: &[Role] = &[
    Role::Seller,
    Role::CosellAdmin,
    Role::Manager,
    Role::ProgramAdmin,
];
/// The partner roles that work their organization's referrals.
pub const REFERRAL_PARTNERS: &[Role] = &[Role::CosellAdmin, Role::Manager];
/// The program roles that refer customers and take partners' requests.
pub const REFERRAL_SELLERS: &[Role] = &[Role::Seller, Role::ProgramAdmin];
/// Who runs the program: organizations, facts, revenue, the audit log.
pub const PROGRAM_ADMINS: &[Role] = &[Role::ProgramAdmin];
/// Everyone with a role (scoped to their organization on the partner side).
pub const ALL: &[Role] = ALL_ROLES;

/// Who may do a thing (use a route): partner roles reach only their own organization's
/// things; program roles reach every organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Anyone, signed in or not.
    Anyone,
    /// Any signed-in user.
    SignedIn,
    /// Users holding one of these roles.
    Roles(&'static [Role]),
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::AccountAdmin => "account_admin",
            Role::Developer => "developer",
            Role::Manager => "manager",
            Role::CosellAdmin => "cosell_admin",
            Role::Reviewer => "reviewer",
            Role::ProgramAdmin => "program_admin",
            Role::Seller => "seller",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        ALL_ROLES.iter().copied().find(|r| r.code() == code)
    }

    pub fn is_partner_side(self) -> bool {
        PARTNER_ROLES.contains(&self)
    }
}

impl crate::codes::Code for Role {
    fn code(self) -> &'static str {
        Role::code(self)
    }

    fn parse(code: &str) -> Option<Role> {
        Role::parse(code)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of roles that a user may hold: not empty, and all on one side of the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSet(Vec<Role>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleSetError {
    Empty,
    Unknown(String),
    MixedSides,
}

impl RoleSet {
    pub fn parse<S: AsRef<str>>(codes: &[S]) -> Result<RoleSet, RoleSetError> {
        let mut roles = Vec::new();
        for code in codes {
            let code = code.as_ref().trim();
            if code.is_empty() {
                continue;
            }
            let role = Role::parse(code).ok_or_else(|| RoleSetError::Unknown(code.to_string()))?;
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        if roles.is_empty() {
            return Err(RoleSetError::Empty);
        }
        let partner = roles[0].is_partner_side();
        if roles.iter().any(|r| r.is_partner_side() != partner) {
            return Err(RoleSetError::MixedSides);
        }
        roles.sort_by_key(|r| ALL_ROLES.iter().position(|x| x == r));
        Ok(RoleSet(roles))
    }

    /// Roles as they were stored (the set was checked when it was written).
    pub fn from_roles(roles: Vec<Role>) -> RoleSet {
        RoleSet(roles)
    }

    pub fn to_stored(&self) -> String {
        self.codes().join(",")
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|r| r.code()).collect()
    }

    pub fn roles(&self) -> &[Role] {
        &self.0
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn is_partner_side(&self) -> bool {
        self.0.first().is_some_and(|r| r.is_partner_side())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_in_a_stable_order_without_duplicates() {
        let set = RoleSet::parse(&["manager", "account_admin", "manager"]).unwrap();
        assert_eq!(set.codes(), vec!["account_admin", "manager"]);
        let stored = crate::codes::CodeList::<Role>::from_stored(&set.to_stored()).unwrap();
        assert_eq!(RoleSet::from_roles(stored.0), set);
    }

    #[test]
    fn refuses_empty_unknown_and_mixed_sets() {
        assert_eq!(RoleSet::parse::<&str>(&[]), Err(RoleSetError::Empty));
        assert_eq!(RoleSet::parse(&[" "]), Err(RoleSetError::Empty));
        assert_eq!(
            RoleSet::parse(&["admin"]),
            Err(RoleSetError::Unknown("admin".into()))
        );
        assert_eq!(
            RoleSet::parse(&["developer", "reviewer"]),
            Err(RoleSetError::MixedSides)
        );
    }

    #[test]
    fn every_role_has_a_side() {
        for role in ALL_ROLES {
            assert_eq!(role.is_partner_side(), !PROGRAM_ROLES.contains(role));
            assert_eq!(Role::parse(role.code()), Some(*role));
        }
    }
}
