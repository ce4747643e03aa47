//! English and Dutch through Fluent files (`locales/{en,nl}/*.ftl`).
//! Templates and error messages never hold user-facing literals: they ask a [`Tr`].

use crate::domain::field::FieldError;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use icu_experimental::displaynames::{DisplayNamesOptions, multi::RegionDisplayNames};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around arguments would end up in plain-text messages.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// CLDR's names of the ISO 3166 countries and regions in each language, read once from the
/// data baked into the binary (no files) and kept as plain text.
fn region_names(lang: Lang) -> &'static HashMap<&'static str, String> {
    static NAMES: [OnceLock<HashMap<&'static str, String>>; 2] = [OnceLock::new(), OnceLock::new()];
    let (slot, locale) = match lang {
        Lang::En => (&NAMES[0], icu_locale_core::locale!("en")),
        Lang::Nl => (&NAMES[1], icu_locale_core::locale!("nl")),
    };
    slot.get_or_init(|| {
        let Ok(names) = RegionDisplayNames::try_new(locale.into(), DisplayNamesOptions::default())
        else {
            return HashMap::new();
        };
        crate::domain::reference::countries()
            .into_iter()
            .filter_map(|(code, _)| {
                let region = icu_locale_core::subtags::Region::try_from_str(code).ok()?;
                Some((code, names.of(region)?.to_string()))
            })
            .collect()
    })
}

/// A message of the translation files as the catalog keeps it.
enum Message {
    /// Text only: kept formatted, and escaped for HTML (the same text when it has nothing to
    /// escape), so a page writes it as it is.
    Plain {
        text: &'static str,
        html: &'static str,
    },
    /// Text and `{ $argument }` placeables only, in order.
    Pieces(Vec<Piece>),
    /// Anything else (selectors, plurals, functions): Fluent formats it.
    Fluent,
}

enum Piece {
    Text(&'static str),
    Arg(&'static str),
}

type Messages = HashMap<&'static str, Message, foldhash::fast::RandomState>;

/// The translation files of each language (the ones `LOCALES` compiles in).
fn sources(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../locales/en/main.ftl"),
        Lang::Nl => include_str!("../locales/nl/main.ftl"),
    }
}

/// One language's messages, parsed once from the files Fluent reads. Most messages are text,
/// or text and arguments; those are looked up and copied instead of going through Fluent,
/// which was a tenth of a page's cost. A test checks that both give the same text.
fn catalog(lang: Lang) -> &'static Messages {
    static CATALOGS: [OnceLock<Messages>; 2] = [OnceLock::new(), OnceLock::new()];
    CATALOGS[lang as usize].get_or_init(|| {
        let resource = match fluent_syntax::parser::parse(sources(lang)) {
            Ok(resource) => resource,
            // Fluent reads what it can of a file with errors; so does the catalog.
            Err((resource, _)) => resource,
        };
        resource
            .body
            .into_iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => {
                    Some((m.id.name, m.value.map_or(Message::Fluent, message_of)))
                }
                _ => None,
            })
            .collect()
    })
}

fn message_of(pattern: fluent_syntax::ast::Pattern<&'static str>) -> Message {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let mut pieces = Vec::with_capacity(pattern.elements.len());
    for element in pattern.elements {
        match element {
            PatternElement::TextElement { value } => pieces.push(Piece::Text(value)),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => pieces.push(Piece::Arg(id.name)),
            PatternElement::Placeable { .. } => return Message::Fluent,
        }
    }
    if pieces.iter().all(|p| matches!(p, Piece::Text(_))) {
        let text: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => *t,
                Piece::Arg(_) => "",
            })
            .collect();
        let text: &'static str = Box::leak(text.into_boxed_str());
        let html = match escape_html(text) {
            Cow::Borrowed(same) => same,
            Cow::Owned(escaped) => Box::leak(escaped.into_boxed_str()),
        };
        Message::Plain { text, html }
    } else {
        Message::Pieces(pieces)
    }
}

/// The message's text with the arguments in place; None when one is not given (Fluent then
/// writes its own placeholder for it).
fn put_together(pieces: &[Piece], args: &[(&str, String)]) -> Option<String> {
    let mut out = String::with_capacity(64);
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Arg(name) => out.push_str(&args.iter().find(|(k, _)| k == name)?.1),
        }
    }
    Some(out)
}

/// `text` as HTML writes it (askama's escaping, the one every template uses); borrowed when
/// nothing in it needs escaping.
pub fn escape_html(text: &str) -> Cow<'_, str> {
    if !text.contains(['<', '>', '&', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let Ok(escaped) = askama::filters::escape(text, askama::filters::Html);
    Cow::Owned(escaped.to_string())
}

/// A message escaped for HTML already, so askama writes it as it is: a page shows some
/// hundred messages, and escaping them once when the catalog is read saves escaping them on
/// every request. Only [`Tr::html`] and [`Tr::label_html`] make one.
pub struct Html(Cow<'static, str>);

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::FastWritable for Html {
    fn write_into<W: std::fmt::Write + ?Sized>(
        &self,
        dest: &mut W,
        _: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(dest.write_str(&self.0)?)
    }
}

// Sound because an `Html` is only ever made from escaped text (see `Tr::html`).
impl askama::filters::HtmlSafe for Html {}

/// `f` of the key `{list}-{code}`, put together on the stack: a page asks for dozens of labels.
fn with_label_key<T>(list: &str, code: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buf = [0u8; 96];
    let n = list.len() + 1 + code.len();
    if n > buf.len() {
        return f(&format!("{list}-{code}"));
    }
    buf[..list.len()].copy_from_slice(list.as_bytes());
    buf[list.len()] = b'-';
    buf[list.len() + 1..n].copy_from_slice(code.as_bytes());
    match std::str::from_utf8(&buf[..n]) {
        Ok(key) => f(key),
        Err(_) => f(&format!("{list}-{code}")),
    }
}

static EN: LanguageIdentifier = langid!("en");
static NL: LanguageIdentifier = langid!("nl");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

pub const LANGS: &[Lang] = &[Lang::En, Lang::Nl];

/// The cookie that remembers the language a person picked with the switch.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut choices: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut bits = part.split(';');
                let tag = bits.next()?.trim();
                let primary = tag.split('-').next()?;
                let lang = Lang::parse(primary)?;
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q=").map(str::to_string))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, lang))
            })
            .collect();
        // Stable sort keeps header order among equal qualities.
        choices.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        choices.first().map(|c| c.1)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Nl => &NL,
        }
    }
}

/// Translates for one language.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    pub fn en() -> Tr {
        Tr { lang: Lang::En }
    }

    /// The message for `key`; the key itself when it is missing (a test keeps them complete).
    pub fn t(&self, key: &str) -> Cow<'static, str> {
        match catalog(self.lang).get(key) {
            Some(Message::Plain { text, .. }) => Cow::Borrowed(text),
            Some(_) => Cow::Owned(
                LOCALES
                    .try_lookup(self.lang.id(), key)
                    .unwrap_or_else(|| key.to_string()),
            ),
            None => Cow::Owned(key.to_string()),
        }
    }

    /// A message with arguments: put together from the catalog when it is text and
    /// arguments only (and every argument is given), by Fluent otherwise.
    pub fn t_args(&self, key: &str, args: &[(&str, String)]) -> String {
        match catalog(self.lang).get(key) {
            Some(Message::Plain { text, .. }) => return text.to_string(),
            Some(Message::Pieces(pieces)) => {
                if let Some(text) = put_together(pieces, args) {
                    return text;
                }
            }
            _ => {}
        }
        self.fluent_args(key, args)
    }

    fn fluent_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        LOCALES
            .try_lookup_with_args(self.lang.id(), key, &map)
            .unwrap_or_else(|| key.to_string())
    }

    /// A message with a count, so Fluent can pick the plural form ("1 page", "3 pages").
    pub fn count(&self, key: &str, n: &i64) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        map.insert(Cow::Borrowed("n"), FluentValue::from(*n));
        LOCALES
            .try_lookup_with_args(self.lang.id(), key, &map)
            .unwrap_or_else(|| format!("{n} {key}"))
    }

    pub fn field_error(&self, e: &FieldError) -> String {
        self.t_args(e.key, &e.args)
    }

    /// The message for `key` escaped for HTML, for pages: text-only messages were escaped
    /// when the catalog was read; the others (and a missing key) are escaped now.
    pub fn html(&self, key: &str) -> Html {
        match catalog(self.lang).get(key) {
            Some(Message::Plain { html, .. }) => Html(Cow::Borrowed(html)),
            _ => Html(Cow::Owned(escape_html(&self.t(key)).into_owned())),
        }
    }

    /// Label of a reference code, e.g. `industry-retail`.
    pub fn label(&self, list: &str, code: &str) -> Cow<'static, str> {
        with_label_key(list, code, |key| self.t(key))
    }

    /// [`Tr::label`] escaped for HTML, as [`Tr::html`].
    pub fn label_html(&self, list: &str, code: &str) -> Html {
        with_label_key(list, code, |key| self.html(key))
    }

    /// Separators of numbers in this language: (thousands, decimal).
    fn separators(&self) -> (char, char) {
        match self.lang {
            Lang::En => (',', '.'),
            Lang::Nl => ('.', ','),
        }
    }

    /// A date as this language writes it (`28 Nov 2026` / `28 nov 2026`).
    pub fn date(&self, d: &chrono::NaiveDate) -> String {
        use chrono::Datelike;
        format!(
            "{} {} {}",
            d.day(),
            self.t(&format!("month-{}", d.month())),
            d.year()
        )
    }

    /// A moment as this language writes it, in UTC (`28 Nov 2026, 13:45 UTC`).
    pub fn moment(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        format!(
            "{}, {}",
            self.date(&at.date_naive()),
            at.format("%H:%M UTC")
        )
    }

    /// A whole number as this language writes it (`114,000` / `114.000`).
    pub fn number(&self, n: u64) -> String {
        crate::domain::field::group_digits_with(n, self.separators().0)
    }

    /// An amount in cents as this language writes it (`USD 114,000.00` / `USD 114.000,00`).
    pub fn usd(&self, cents: &i64) -> String {
        let (thousands, decimal) = self.separators();
        crate::domain::money::format_usd_with(*cents, thousands, decimal)
    }

    /// A percentage in basis points as this language writes it (`72.5%` / `72,5%`).
    pub fn percent(&self, bp: &i64) -> String {
        let written = crate::domain::money::format_percent(*bp);
        match self.separators().1 {
            '.' => written,
            decimal => written.replace('.', &decimal.to_string()),
        }
    }

    /// The name of the country or region with this ISO 3166 code in this language, from CLDR
    /// (the ISO list's English name where CLDR has none); None for a code that is not one.
    pub fn country(&self, code: &str) -> Option<&'static str> {
        let iso = crate::domain::reference::country_name_of(code)?;
        Some(
            region_names(self.lang)
                .get(code)
                .map_or(iso, String::as_str),
        )
    }

    /// Every country and region (ISO 3166 code, name in this language), by name.
    pub fn countries(&self) -> Vec<(&'static str, &'static str)> {
        let mut all: Vec<_> = crate::domain::reference::countries()
            .into_iter()
            .map(|(code, iso)| (code, self.country(code).unwrap_or(iso)))
            .collect();
        all.sort_by_cached_key(|(_, name)| name.to_lowercase());
        all
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_requirement_has_a_name_in_both_languages() {
        for lang in LANGS {
            let tr = Tr::new(*lang);
            for id in crate::domain::status::RequirementId::ALL {
                let key = format!("req-name-{id}");
                assert_ne!(tr.t(&key), key, "{id} in {lang:?}");
            }
        }
    }

    #[test]
    fn country_names_come_from_cldr_in_each_language() {
        let (en, nl) = (Tr::new(Lang::En), Tr::new(Lang::Nl));
        assert_eq!(en.country("DE"), Some("Germany"));
        assert_eq!(nl.country("DE"), Some("Duitsland"));
        assert_eq!(nl.country("NL"), Some("Nederland"));
        assert_eq!(nl.country("SJ"), Some("Spitsbergen en Jan Mayen"));
        assert_eq!(nl.country("ZZ"), None);
        // Every ISO 3166 code has a CLDR name in Dutch, none of them the English one.
        for (code, iso) in crate::domain::reference::countries() {
            let name = nl.country(code).unwrap_or_default();
            assert!(
                region_names(Lang::Nl).contains_key(code),
                "{code} ({iso}) has no Dutch name"
            );
            assert!(!name.is_empty() && !name.contains('['), "{code}: {name}");
        }
        let names: Vec<_> = nl.countries().into_iter().map(|(_, n)| n).collect();
        assert!(
            names
                .windows(2)
                .all(|w| w[0].to_lowercase() <= w[1].to_lowercase()),
            "by name"
        );
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(Tr::new(Lang::En).date(&d), "5 Mar 2026");
        assert_eq!(Tr::new(Lang::Nl).date(&d), "5 mrt 2026");
        let at = d.and_hms_opt(13, 45, 0).unwrap().and_utc();
        assert_eq!(Tr::new(Lang::Nl).moment(&at), "5 mrt 2026, 13:45 UTC");
    }

    #[test]
    fn numbers_and_amounts_as_each_language_writes_them() {
        let (en, nl) = (Tr::new(Lang::En), Tr::new(Lang::Nl));
        assert_eq!(en.usd(&11_400_000), "USD 114,000.00");
        assert_eq!(nl.usd(&11_400_000), "USD 114.000,00");
        assert_eq!(nl.usd(&-5), "-USD 0,05");
        assert_eq!(en.number(1_048_576), "1,048,576");
        assert_eq!(nl.number(1_048_576), "1.048.576");
        assert_eq!(nl.number(999), "999");
        assert_eq!(en.percent(&7250), "72.5%");
        assert_eq!(nl.percent(&7250), "72,5%");
        assert_eq!(nl.percent(&5000), "50%");
    }

    /// Dutch speaks to the reader one way: formally ("u", "uw"), never "je" or "jij".
    #[test]
    fn dutch_addresses_the_reader_as_u_everywhere() {
        let dir = format!("{}/locales/nl", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let informal = line
                    .split(|c: char| !c.is_alphabetic())
                    .find(|w| matches!(w.to_lowercase().as_str(), "je" | "jij" | "jou" | "jouw"));
                assert!(informal.is_none(), "informal address in: {line}");
            }
        }
    }
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" =")
                    && !key.starts_with(' ')
                    && !key.starts_with('#')
                    && !key.is_empty()
                {
                    keys.insert(key.trim().to_string());
                }
            }
        }
        keys
    }

    #[test]
    fn english_and_dutch_have_the_same_keys() {
        let en = keys("en");
        let nl = keys("nl");
        assert!(en.len() > 50);
        let only_en: Vec<_> = en.difference(&nl).collect();
        let only_nl: Vec<_> = nl.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in nl: {only_en:?}");
        assert!(only_nl.is_empty(), "missing in en: {only_nl:?}");
    }

    #[test]
    fn every_reference_code_has_a_label_in_both_languages() {
        use crate::domain::reference::*;
        for lang in LANGS {
            let tr = Tr::new(*lang);
            for code in Industry::ALL {
                let label = tr.label("industry", code.code());
                assert_ne!(label, format!("industry-{code}"));
            }
            for code in SolutionArea::ALL {
                assert_ne!(
                    tr.label("solution-area", code.code()),
                    format!("solution-area-{code}")
                );
            }
            for code in PartnerType::ALL {
                assert_ne!(
                    tr.label("partner-type", code.code()),
                    format!("partner-type-{code}")
                );
            }
            for code in crate::domain::roles::ALL_ROLES {
                assert_ne!(
                    tr.label("role", code.code()),
                    format!("role-{}", code.code())
                );
            }
        }
    }

    #[test]
    fn every_checklist_sentence_exists_in_both_languages() {
        let source = include_str!("../crates/domain/src/status.rs");
        let mut used: Vec<&str> = source
            .split('"')
            .filter(|s| s.starts_with("req-") && s.len() > 4 && !s.contains(' '))
            .collect();
        used.sort();
        used.dedup();
        assert!(used.len() > 30, "{used:?}");
        let args: Vec<(&str, String)> = [
            "missing",
            "type",
            "count",
            "geographies",
            "areas",
            "date",
            "from",
            "to",
            "consumed",
            "billed",
            "threshold",
            "percent",
        ]
        .iter()
        .map(|k| (*k, "x".to_string()))
        .collect();
        for lang in LANGS {
            let tr = Tr::new(*lang);
            for key in &used {
                assert_ne!(
                    tr.t_args(key, &args),
                    *key,
                    "{key} missing in {}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn accept_language_picks_by_quality() {
        assert_eq!(
            Lang::from_accept_language("nl-NL,nl;q=0.9,en;q=0.8"),
            Some(Lang::Nl)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,en;q=0.5,nl;q=0.7"),
            Some(Lang::Nl)
        );
        assert_eq!(Lang::from_accept_language("fr"), None);
        assert_eq!(Lang::from_accept_language("nl;q=0,en"), Some(Lang::En));
    }

    #[test]
    fn every_message_the_catalog_puts_together_is_the_one_fluent_formats() {
        let (mut plain, mut pieces, mut fluent) = (0, 0, 0);
        for lang in LANGS {
            let tr = Tr::new(*lang);
            for (key, message) in catalog(*lang) {
                match message {
                    Message::Plain { text, .. } => {
                        plain += 1;
                        let direct = LOCALES.try_lookup(lang.id(), key).expect("the key exists");
                        assert_eq!(*text, direct, "{key} in {}", lang.code());
                        assert_eq!(tr.t(key), direct);
                        assert_eq!(tr.html(key).to_string(), escape_html(&direct));
                    }
                    Message::Pieces(list) => {
                        pieces += 1;
                        let args: Vec<(&str, String)> = list
                            .iter()
                            .filter_map(|p| match p {
                                Piece::Arg(name) => Some((*name, format!("<{name} value>"))),
                                Piece::Text(_) => None,
                            })
                            .collect();
                        assert_eq!(
                            tr.t_args(key, &args),
                            tr.fluent_args(key, &args),
                            "{key} in {}",
                            lang.code()
                        );
                        // An argument left out is Fluent's to show.
                        assert_eq!(tr.t_args(key, &[]), tr.fluent_args(key, &[]));
                    }
                    Message::Fluent => fluent += 1,
                }
            }
            assert_eq!(tr.t("no-such-key"), "no-such-key");
            assert_eq!(tr.t_args("no-such-key", &[]), "no-such-key");
        }
        // Both kinds the catalog formats itself are there, and Fluent keeps the rest.
        assert!(
            plain > 500 && pieces > 50 && fluent > 0,
            "{plain} {pieces} {fluent}"
        );
    }

    #[test]
    fn a_label_is_the_message_of_its_list_and_code() {
        let tr = Tr::en();
        assert_eq!(
            tr.label("status", "co_sell_ready"),
            tr.t("status-co_sell_ready")
        );
        let long = "x".repeat(200);
        assert_eq!(tr.label("status", &long), format!("status-{long}"));
        assert_eq!(tr.label("status", "ü"), "status-ü");
    }

    #[test]
    fn arguments_are_substituted() {
        let msg = Tr::en().t_args(
            "err-logo-too-wide",
            &[("width", "640".into()), ("max", "300".into())],
        );
        assert!(msg.contains("640") && msg.contains("300"), "{msg}");
    }
}
