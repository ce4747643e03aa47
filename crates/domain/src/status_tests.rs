//! Table tests for every requirement on both sides of each boundary, and property tests.

use super::*;
use crate::reference::CompetencyArea;
use crate::solution::ContactRole;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

const AS_OF: &str = "2026-11-24";

fn contact(role: ContactRole, geos: &[&str]) -> Contact {
    Contact {
        name: "Ann".into(),
        email: "ann@contoso.example".into(),
        job_title: None,
        role,
        geographies: geos.iter().map(|g| g.to_string()).collect(),
    }
}

/// A transactable SaaS offer that meets everything.
pub(crate) fn all_met() -> Facts {
    Facts {
        offer_type: OfferType::Saas,
        offer_live: true,
        offer_store_count: 1,
        transactable: true,
        competency_areas: vec![],
        has_mpn_id: true,
        marketplace_account_active: true,
        profile_missing: vec![],
        competencies: vec![],
        isv_connect_enrolled_on: None,
        geographies: vec!["DE".into(), "NL".into()],
        contacts: vec![contact(ContactRole::PartnerSales, &["OOO"])],
        listing_complete: true,
        documents: vec![
            DocumentKind::OnePager,
            DocumentKind::PitchDeck,
            DocumentKind::ReferenceArchitecture,
        ],
        azure_consumed: vec![(m("2026-10"), 10_000_000)],
        marketplace_billed: vec![],
        technical_validation: Some(5100),
    }
}

fn eval(f: &Facts) -> Checklist {
    evaluate(f, d(AS_OF))
}

fn state(c: &Checklist, id: &str) -> State {
    c.requirements
        .iter()
        .find(|r| r.id.code() == id)
        .unwrap()
        .state
}

#[test]
fn the_checklist_always_lists_the_thirteen_ids_in_two_groups() {
    for t in OfferType::ALL {
        let f = Facts {
            offer_type: *t,
            ..all_met()
        };
        let c = eval(&f);
        let ids: Vec<_> = c.requirements.iter().map(|r| r.id.code()).collect();
        assert_eq!(
            c.requirements.iter().map(|r| r.id).collect::<Vec<_>>(),
            RequirementId::ALL
        );
        assert_eq!(ids, REQUIREMENT_IDS.to_vec());
        assert_eq!(
            c.requirements
                .iter()
                .filter(|r| r.group == Group::CoSellReady)
                .count(),
            10
        );
        assert_eq!(
            c.requirements
                .iter()
                .filter(|r| r.group == Group::AzureIpCoSell)
                .count(),
            3
        );
        assert!(c.requirements.iter().all(|r| r.detail.starts_with("req-")));
    }
}

#[test]
fn a_fully_met_azure_ip_offer_reaches_the_azure_ip_incentive() {
    let c = eval(&all_met());
    assert_eq!(c.status, Status::AzureIpCoSell);
    assert!(
        c.requirements
            .iter()
            .filter(|r| r.id != RequirementId::GoldCompetency && r.id != RequirementId::IsvConnect)
            .all(|r| r.state == State::Met)
    );
    assert_eq!(state(&c, "gold_competency"), State::NotApplicable);
    assert_eq!(state(&c, "isv_connect"), State::NotApplicable);
    assert!(c.next_step().is_none());
}

#[test]
fn office_apps_never_reach_co_sell_ready() {
    for t in [
        OfferType::OfficeAddIn,
        OfferType::TeamsApp,
        OfferType::SharepointSolution,
    ] {
        let c = eval(&Facts {
            offer_type: t,
            ..all_met()
        });
        assert_eq!(state(&c, "offer_type_eligible"), State::Unmet, "{t}");
        let never = c
            .requirements
            .iter()
            .find(|r| r.id == RequirementId::OfferTypeEligible);
        assert_eq!(
            never.and_then(|r| r.fix),
            None,
            "nothing fixes an offer's type: {t}"
        );
        assert_eq!(c.status, Status::Marketplace, "{t}");
        assert_eq!(state(&c, "revenue_threshold"), State::NotApplicable);
    }
}

#[test]
fn each_co_sell_ready_requirement_decides_the_status() {
    let cases: Vec<(&str, Facts)> = vec![
        (
            "mpn_account",
            Facts {
                has_mpn_id: false,
                ..all_met()
            },
        ),
        (
            "mpn_account",
            Facts {
                marketplace_account_active: false,
                ..all_met()
            },
        ),
        (
            "business_profile",
            Facts {
                profile_missing: vec!["logo"],
                ..all_met()
            },
        ),
        (
            "offer_live",
            Facts {
                offer_live: false,
                ..all_met()
            },
        ),
        (
            "offer_live",
            Facts {
                offer_store_count: 0,
                ..all_met()
            },
        ),
        (
            "sales_contacts",
            Facts {
                geographies: vec![],
                ..all_met()
            },
        ),
        (
            "sales_contacts",
            Facts {
                contacts: vec![contact(ContactRole::PartnerSales, &["NL"])],
                ..all_met()
            },
        ),
        (
            "sales_contacts",
            Facts {
                contacts: vec![contact(ContactRole::PartnerMarketing, &["OOO"])],
                ..all_met()
            },
        ),
        (
            "listing_details",
            Facts {
                listing_complete: false,
                ..all_met()
            },
        ),
        (
            "one_pager",
            Facts {
                documents: vec![DocumentKind::PitchDeck, DocumentKind::ReferenceArchitecture],
                ..all_met()
            },
        ),
        (
            "pitch_deck",
            Facts {
                documents: vec![DocumentKind::OnePager, DocumentKind::ReferenceArchitecture],
                ..all_met()
            },
        ),
    ];
    for (id, f) in cases {
        let c = eval(&f);
        assert_eq!(state(&c, id), State::Unmet, "{id}");
        assert_eq!(c.status, Status::Marketplace, "{id}");
        assert_eq!(c.next_step().unwrap().id.code(), id);
        assert!(
            c.next_step().unwrap().fix.is_some(),
            "{id} says where to fix it"
        );
    }
    let c = eval(&Facts {
        contacts: vec![
            contact(ContactRole::PartnerSales, &["NL"]),
            contact(ContactRole::PartnerSales, &["DE"]),
        ],
        ..all_met()
    });
    assert_eq!(state(&c, "sales_contacts"), State::Met);
}

fn services() -> Facts {
    Facts {
        offer_type: OfferType::ConsultingService,
        competency_areas: vec![CompetencyArea::DataAnalytics, CompetencyArea::Devops],
        competencies: vec![
            Competency {
                area: CompetencyArea::DataAnalytics,
                expires_on: d(AS_OF),
            },
            Competency {
                area: CompetencyArea::Devops,
                expires_on: d("2027-12-31"),
            },
        ],
        ..all_met()
    }
}

#[test]
fn services_need_an_active_gold_competency_in_every_area() {
    let c = eval(&services());
    assert_eq!(
        state(&c, "gold_competency"),
        State::Met,
        "expiry on the evaluation date still counts"
    );
    assert_eq!(c.status, Status::CoSellReady);
    assert_eq!(state(&c, "revenue_threshold"), State::NotApplicable);

    let mut f = services();
    f.competencies[0].expires_on = d("2026-11-23");
    let c = eval(&f);
    assert_eq!(
        state(&c, "gold_competency"),
        State::Unmet,
        "the day before does not"
    );
    assert_eq!(c.status, Status::Marketplace);

    let mut f = services();
    f.competencies.pop();
    assert_eq!(
        state(&eval(&f), "gold_competency"),
        State::Unmet,
        "every area it covers"
    );

    let f = Facts {
        competency_areas: vec![],
        ..services()
    };
    assert_eq!(
        state(&eval(&f), "gold_competency"),
        State::Unmet,
        "a services offer covers at least one area"
    );
    let f = Facts {
        offer_type: OfferType::ManagedService,
        ..services()
    };
    assert_eq!(state(&eval(&f), "gold_competency"), State::Met);
}

fn dataverse() -> Facts {
    Facts {
        offer_type: OfferType::Dynamics365DataversePowerApps,
        isv_connect_enrolled_on: Some(d(AS_OF)),
        ..all_met()
    }
}

#[test]
fn dynamics_365_needs_isv_connect_and_reaches_the_bizapps_incentive() {
    let c = eval(&dataverse());
    assert_eq!(
        state(&c, "isv_connect"),
        State::Met,
        "enrolled on the evaluation date counts"
    );
    assert_eq!(c.status, Status::BizappsCoSell);
    for id in [
        "revenue_threshold",
        "technical_validation",
        "reference_architecture",
    ] {
        assert_eq!(state(&c, id), State::NotApplicable);
    }
    let c = eval(&Facts {
        isv_connect_enrolled_on: Some(d("2026-11-25")),
        ..dataverse()
    });
    assert_eq!(
        state(&c, "isv_connect"),
        State::Unmet,
        "enrolled the day after does not"
    );
    assert_eq!(c.status, Status::Marketplace);
    let c = eval(&Facts {
        isv_connect_enrolled_on: None,
        ..dataverse()
    });
    assert_eq!(c.status, Status::Marketplace);
    let c = eval(&Facts {
        offer_type: OfferType::Dynamics365OperationsApps,
        ..dataverse()
    });
    assert_eq!(c.status, Status::BizappsCoSell);
    let c = eval(&Facts {
        offer_type: OfferType::Dynamics365BusinessCentral,
        isv_connect_enrolled_on: None,
        ..all_met()
    });
    assert_eq!(state(&c, "isv_connect"), State::NotApplicable);
    assert_eq!(
        c.status,
        Status::CoSellReady,
        "Business Central has no incentive status"
    );
    let c = eval(&Facts {
        offer_type: OfferType::PowerBiApp,
        ..all_met()
    });
    assert_eq!(c.status, Status::CoSellReady);
}

#[test]
fn revenue_threshold_boundaries_and_window() {
    let with = |consumed: Vec<(&str, i64)>, billed: Vec<(&str, i64)>, transactable: bool| {
        let f = Facts {
            azure_consumed: consumed.into_iter().map(|(mo, c)| (m(mo), c)).collect(),
            marketplace_billed: billed.into_iter().map(|(mo, c)| (m(mo), c)).collect(),
            transactable,
            ..all_met()
        };
        state(&eval(&f), "revenue_threshold")
    };
    assert_eq!(
        with(vec![("2026-10", 9_999_999)], vec![], true),
        State::Unmet,
        "USD 99,999.99"
    );
    assert_eq!(
        with(vec![("2026-10", 10_000_000)], vec![], true),
        State::Met,
        "USD 100,000.00"
    );
    assert_eq!(
        with(
            vec![("2025-11", 5_000_000), ("2026-10", 5_000_000)],
            vec![],
            true
        ),
        State::Met,
        "summed over the window"
    );
    assert_eq!(
        with(
            vec![("2025-10", 5_000_000), ("2026-10", 5_000_000)],
            vec![],
            true
        ),
        State::Unmet,
        "month 13 is excluded"
    );
    assert_eq!(
        with(
            vec![("2026-11", 5_000_000), ("2026-10", 5_000_000)],
            vec![],
            true
        ),
        State::Unmet,
        "the evaluation month is excluded"
    );
    assert_eq!(
        with(
            vec![("2026-10", 6_000_000)],
            vec![("2026-10", 6_000_000)],
            true
        ),
        State::Unmet,
        "consumed and billed are never added"
    );
    assert_eq!(
        with(vec![], vec![("2026-01", 10_000_000)], true),
        State::Met,
        "billed counts for a transactable offer"
    );
    assert_eq!(
        with(vec![], vec![("2026-01", 10_000_000)], false),
        State::Unmet,
        "billed does not count for a listing-only offer"
    );
    assert_eq!(
        with(vec![("2026-10", 10_000_000)], vec![], false),
        State::Met,
        "consumed counts either way"
    );
    let c = eval(&Facts {
        azure_consumed: vec![],
        ..all_met()
    });
    assert_eq!(c.status, Status::CoSellReady);
    let r = c
        .requirements
        .iter()
        .find(|r| r.id == RequirementId::RevenueThreshold)
        .unwrap();
    assert!(
        r.args.contains(&("from", "2025-11".into())) && r.args.contains(&("to", "2026-10".into()))
    );
}

#[test]
fn technical_validation_is_strictly_more_than_half() {
    let tv = |offer_type: OfferType, transactable: bool, recorded: Option<i64>| {
        state(
            &eval(&Facts {
                offer_type,
                transactable,
                technical_validation: recorded,
                ..all_met()
            }),
            "technical_validation",
        )
    };
    assert_eq!(
        tv(OfferType::Saas, true, Some(5000)),
        State::Unmet,
        "50% is not more than 50%"
    );
    assert_eq!(tv(OfferType::Saas, true, Some(5001)), State::Met, "50.01%");
    assert_eq!(tv(OfferType::Saas, true, Some(5100)), State::Met, "51%");
    assert_eq!(tv(OfferType::Saas, true, None), State::Unmet);
    assert_eq!(
        tv(OfferType::AzureVirtualMachine, true, None),
        State::Met,
        "transactable VMs pass by default"
    );
    assert_eq!(
        tv(OfferType::AzureApplication, true, None),
        State::Met,
        "transactable applications pass by default"
    );
    assert_eq!(
        tv(OfferType::AzureVirtualMachine, false, None),
        State::Unmet,
        "only when transactable"
    );
    assert_eq!(
        tv(OfferType::AzureContainer, true, None),
        State::Unmet,
        "only those two types"
    );
    assert_eq!(
        tv(OfferType::AzureVirtualMachine, true, Some(4000)),
        State::Unmet,
        "a recorded validation always decides"
    );
}

#[test]
fn reference_architecture_is_needed_for_the_azure_ip_incentive() {
    let c = eval(&Facts {
        documents: vec![DocumentKind::OnePager, DocumentKind::PitchDeck],
        ..all_met()
    });
    assert_eq!(state(&c, "reference_architecture"), State::Unmet);
    assert_eq!(c.status, Status::CoSellReady);
}

#[test]
fn a_document_is_required_only_where_its_requirement_applies() {
    use DocumentKind::*;
    // Table: the solution, and for each kind the group that needs it (None: optional).
    type Needs = [(DocumentKind, Option<Group>); 4];
    let cases: [(&str, Facts, Needs); 3] = [
        (
            "an Azure IP offer",
            all_met(),
            [
                (OnePager, Some(Group::CoSellReady)),
                (PitchDeck, Some(Group::CoSellReady)),
                (ReferenceArchitecture, Some(Group::AzureIpCoSell)),
                (CaseStudy, None),
            ],
        ),
        (
            "Dynamics 365",
            dataverse(),
            [
                (OnePager, Some(Group::CoSellReady)),
                (PitchDeck, Some(Group::CoSellReady)),
                (ReferenceArchitecture, None),
                (CaseStudy, None),
            ],
        ),
        (
            "consulting services",
            services(),
            [
                (OnePager, Some(Group::CoSellReady)),
                (PitchDeck, Some(Group::CoSellReady)),
                (ReferenceArchitecture, None),
                (Other, None),
            ],
        ),
    ];
    for (what, facts, kinds) in cases {
        let checklist = eval(&facts);
        for (kind, group) in kinds {
            let required =
                RequirementId::of_document(kind).and_then(|id| checklist.required_for(id));
            assert_eq!(required, group, "{what}: {kind}");
        }
    }
}

#[test]
fn the_shown_status_is_the_lower_one() {
    assert_eq!(
        Status::AzureIpCoSell.lower(Status::CoSellReady),
        Status::CoSellReady
    );
    assert_eq!(
        Status::CoSellReady.lower(Status::AzureIpCoSell),
        Status::CoSellReady
    );
    assert_eq!(
        Status::Marketplace.lower(Status::BizappsCoSell),
        Status::Marketplace
    );
}

fn arb_facts() -> impl Strategy<Value = Facts> {
    let types = proptest::sample::select(OfferType::ALL.to_vec());
    let geos = proptest::sample::subsequence(vec!["DE", "FR", "NL"], 0..=3);
    let contact_geo = proptest::sample::select(vec!["DE", "FR", "NL", "OOO"]);
    let contacts = proptest::collection::vec((any::<bool>(), contact_geo), 0..3);
    let docs = proptest::sample::subsequence(
        vec![
            DocumentKind::OnePager,
            DocumentKind::PitchDeck,
            DocumentKind::ReferenceArchitecture,
        ],
        0..=3,
    );
    let areas = proptest::sample::subsequence(
        vec![CompetencyArea::DataAnalytics, CompetencyArea::Devops],
        0..=2,
    );
    let comps = proptest::collection::vec(
        (
            proptest::sample::select(vec![CompetencyArea::DataAnalytics, CompetencyArea::Devops]),
            -40i64..40,
        ),
        0..3,
    );
    let revenue = proptest::collection::vec((0i32..15, 0i64..12_000_000), 0..4);
    (
        (
            types,
            any::<bool>(),
            0usize..3,
            any::<bool>(),
            areas,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            comps,
            proptest::option::of(-40i64..40),
            geos,
            contacts,
            any::<bool>(),
            docs,
        ),
        (
            revenue.clone(),
            revenue,
            proptest::option::of(4900i64..5200),
        ),
    )
        .prop_map(|(a, b, c)| {
            let base = d(AS_OF);
            Facts {
                offer_type: a.0,
                offer_live: a.1,
                offer_store_count: a.2,
                transactable: a.3,
                competency_areas: a.4,
                has_mpn_id: a.5,
                marketplace_account_active: a.6,
                profile_missing: if a.7 { vec![] } else { vec!["logo"] },
                competencies: b
                    .0
                    .into_iter()
                    .map(|(area, days)| Competency {
                        area,
                        expires_on: base + chrono::Duration::days(days),
                    })
                    .collect(),
                isv_connect_enrolled_on: b.1.map(|days| base + chrono::Duration::days(days)),
                geographies: b.2.into_iter().map(String::from).collect(),
                contacts: b
                    .3
                    .into_iter()
                    .map(|(sales, g)| {
                        contact(
                            if sales {
                                ContactRole::PartnerSales
                            } else {
                                ContactRole::CustomerSuccess
                            },
                            &[g],
                        )
                    })
                    .collect(),
                listing_complete: b.4,
                documents: b.5,
                azure_consumed: c
                    .0
                    .into_iter()
                    .map(|(back, cents)| (Month::of(base).minus(back), cents))
                    .collect(),
                marketplace_billed: c
                    .1
                    .into_iter()
                    .map(|(back, cents)| (Month::of(base).minus(back), cents))
                    .collect(),
                technical_validation: c.2,
            }
        })
}

/// Adds one satisfied fact (never removes anything).
fn improve(f: &Facts, which: u8) -> Facts {
    let mut g = f.clone();
    let base = d(AS_OF);
    match which % 12 {
        0 => g.has_mpn_id = true,
        1 => g.marketplace_account_active = true,
        2 => g.profile_missing.clear(),
        3 => {
            g.offer_live = true;
            g.offer_store_count = g.offer_store_count.max(1);
        }
        4 => g
            .contacts
            .push(contact(ContactRole::PartnerSales, &["OOO"])),
        5 => g.listing_complete = true,
        6 => {
            for k in [
                DocumentKind::OnePager,
                DocumentKind::PitchDeck,
                DocumentKind::ReferenceArchitecture,
            ] {
                if !g.documents.contains(&k) {
                    g.documents.push(k);
                    break;
                }
            }
        }
        7 => {
            for area in g.competency_areas.clone() {
                g.competencies.push(Competency {
                    area,
                    expires_on: base + chrono::Duration::days(365),
                });
            }
        }
        8 => g.isv_connect_enrolled_on = Some(base - chrono::Duration::days(1)),
        9 => g
            .azure_consumed
            .push((Month::of(base).minus(1), 10_000_000)),
        10 => g.technical_validation = Some(5100),
        _ => g
            .marketplace_billed
            .push((Month::of(base).minus(2), 10_000_000)),
    }
    g
}

#[test]
fn a_status_holds_until_the_next_expiry_enrolment_or_month() {
    let competency = |expires: &str| Competency {
        area: CompetencyArea::DataAnalytics,
        expires_on: d(expires),
    };
    let cases: &[(&str, Option<&str>, Option<&str>, &str)] = &[
        // (as of, competency expires, ISV Connect enrolment, holds until)
        ("2026-11-24", None, None, "2026-12-01"),
        ("2026-12-31", None, None, "2027-01-01"),
        ("2026-11-30", None, None, "2026-12-01"),
        ("2026-11-24", Some("2026-11-24"), None, "2026-11-25"),
        ("2026-11-24", Some("2026-11-27"), None, "2026-11-28"),
        ("2026-11-24", Some("2026-11-30"), None, "2026-12-01"),
        ("2026-11-24", Some("2027-01-30"), None, "2026-12-01"),
        // Expired already: nothing more to lose.
        ("2026-11-24", Some("2026-11-23"), None, "2026-12-01"),
        ("2026-11-24", None, Some("2026-11-26"), "2026-11-26"),
        // Enrolled already: nothing more to gain.
        ("2026-11-24", None, Some("2026-11-24"), "2026-12-01"),
        (
            "2026-11-24",
            Some("2026-11-28"),
            Some("2026-11-26"),
            "2026-11-26",
        ),
    ];
    for (as_of, expires, enrolled, until) in cases {
        let mut f = all_met();
        f.competencies = expires.iter().map(|e| competency(e)).collect();
        f.isv_connect_enrolled_on = enrolled.map(d);
        assert_eq!(
            holds_until(&f, d(as_of)),
            d(until),
            "as of {as_of}, expires {expires:?}, enrolled {enrolled:?}"
        );
    }
}

proptest! {
    #[test]
    fn the_checklist_stays_the_same_until_the_day_it_holds_until(f in arb_facts(), days in -400i64..400) {
        let on = d(AS_OF) + chrono::Duration::days(days);
        let until = holds_until(&f, on);
        prop_assert!(until > on);
        let first = evaluate(&f, on);
        let mut day = on;
        while day < until {
            prop_assert_eq!(&evaluate(&f, day).requirements, &first.requirements, "on {} (evaluated {}, holds until {})", day, on, until);
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn adding_a_satisfied_fact_never_lowers_the_status(f in arb_facts(), which in 0u8..12, days in 0i64..400) {
        let on = d(AS_OF) + chrono::Duration::days(days);
        let before = evaluate(&f, on).status;
        let after = evaluate(&improve(&f, which), on).status;
        prop_assert!(after.level() >= before.level(), "{:?} -> {:?} after improvement {}", before, after, which);
    }

    #[test]
    fn the_same_facts_and_date_give_the_same_checklist(f in arb_facts(), days in -400i64..400) {
        let on = d(AS_OF) + chrono::Duration::days(days);
        prop_assert_eq!(evaluate(&f, on), evaluate(&f.clone(), on));
    }
}

/// The requirement ids are a contract (the API answers with them, SPEC 5): pinned here, in
/// checklist order.
const REQUIREMENT_IDS: [&str; 13] = [
    "offer_type_eligible",
    "mpn_account",
    "business_profile",
    "offer_live",
    "sales_contacts",
    "listing_details",
    "one_pager",
    "pitch_deck",
    "gold_competency",
    "isv_connect",
    "revenue_threshold",
    "technical_validation",
    "reference_architecture",
];
