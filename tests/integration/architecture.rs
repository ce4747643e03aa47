//! The layering of `docs/ARCHITECTURE.md`, enforced: the sources are read (with `syn`) and
//! every path a module names is resolved to the module it reaches. Pages and the API never
//! reach the database layer; services never reach pages, the API or the route table; the
//! database layer reaches nothing above it; no two modules import each other, directly or
//! round a circle; the domain crate depends on nothing of the server.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The folders whose files are modules of their own in the graph (`services::review`); any
/// other module is one node with everything below it (`storage`, `config`).
const SPLIT: &[&str] = &["services", "db", "web", "api", "http", "auth"];

/// Forbidden: a module of the first layer naming a module of the second.
const FORBIDDEN: &[(&str, &[&str], &str)] = &[
    (
        "web",
        &["db"],
        "pages go through services, never to the database",
    ),
    (
        "api",
        &["db"],
        "the API goes through services, never to the database",
    ),
    (
        "web",
        &["api"],
        "pages and the API share through http/, not each other",
    ),
    (
        "api",
        &["web"],
        "pages and the API share through http/, not each other",
    ),
    (
        "services",
        &["web", "api", "routes", "startup", "cli"],
        "services are below pages, the API and the route table",
    ),
    (
        "db",
        &[
            "services", "web", "api", "http", "routes", "startup", "auth", "state",
        ],
        "the database layer is below everything that uses it",
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("a source folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/services/review.rs` -> `["services", "review"]`; `src/web/mod.rs` -> `["web"]`.
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).expect("under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The node of a module path: the first two parts in a split folder, else the first.
fn node_of(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<String> {
    let known = (1..=path.len())
        .rev()
        .map(|n| &path[..n])
        .find(|p| modules.contains(*p) || p == &["domain".to_string()])?;
    let depth = if SPLIT.contains(&known[0].as_str()) {
        2
    } else {
        1
    };
    Some(known[..known.len().min(depth)].join("::"))
}

fn is_test_cfg(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

/// Every path of one file, resolved against its module and its `use` names.
struct Paths<'a> {
    /// The module the code being read is in (a file's module, or an inline `mod` in it).
    module: Vec<String>,
    /// Names brought in by `use`, to the absolute path they stand for.
    names: BTreeMap<String, Vec<String>>,
    /// Every module of the crate: a bare name may be a child module of this one.
    modules: &'a BTreeSet<Vec<String>>,
    found: Vec<Vec<String>>,
}

impl Paths<'_> {
    /// The absolute path of `segments` as written here; None for another crate's.
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let (first, rest) = segments.split_first()?;
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.module.clone(),
            "super" => {
                let mut base = self.module.clone();
                base.pop();
                let mut rest = rest;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                return Some(base);
            }
            name => {
                if let Some(path) = self.names.get(name) {
                    path.clone()
                } else {
                    let mut child = self.module.clone();
                    child.push(name.to_string());
                    if !self.modules.contains(&child) {
                        return None;
                    }
                    child
                }
            }
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.use_name(prefix, &n.ident.to_string(), None),
            syn::UseTree::Rename(r) => {
                self.use_name(prefix, &r.ident.to_string(), Some(r.rename.to_string()))
            }
            syn::UseTree::Glob(_) => {
                if let Some(path) = self.absolute(prefix) {
                    self.found.push(path);
                }
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    fn use_name(&mut self, prefix: &[String], name: &str, alias: Option<String>) {
        let mut segments = prefix.to_vec();
        if name != "self" {
            segments.push(name.to_string());
        }
        if let Some(path) = self.absolute(&segments) {
            let local = alias
                .unwrap_or_else(|| segments.last().cloned().unwrap_or_else(|| name.to_string()));
            self.names.insert(local, path.clone());
            self.found.push(path);
        }
    }
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if is_test_cfg(&m.attrs) {
            return;
        }
        if let Some((_, items)) = &m.content {
            self.module.push(m.ident.to_string());
            for item in items {
                self.visit_item(item);
            }
            self.module.pop();
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test_cfg(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if !is_test_cfg(&u.attrs) {
            self.use_tree(&mut Vec::new(), &u.tree);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.len() > 1
            && let Some(absolute) = self.absolute(&segments)
        {
            self.found.push(absolute);
        }
        syn::visit::visit_path(self, path);
    }
}

/// The module graph: node -> the nodes it names (with one place each, to say where).
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    // The binary's `main.rs` is a crate of its own; `lib.rs` only declares the modules.
    files.retain(|f| !f.ends_with("main.rs") && !f.ends_with("lib.rs"));
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let parsed = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
        let module = module_of(file);
        let mut paths = Paths {
            module: module.clone(),
            names: BTreeMap::new(),
            modules: &modules,
            found: Vec::new(),
        };
        // `use` first (a name may be used above its `use`), then everything.
        for item in &parsed.items {
            if let syn::Item::Use(u) = item {
                paths.visit_item_use(u);
            }
        }
        paths.visit_file(&parsed);
        let Some(from) = node_of(&module, &modules) else {
            continue;
        };
        let place = file
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(file)
            .display()
            .to_string();
        for path in paths.found {
            if let Some(to) = node_of(&path, &modules)
                && to != from
            {
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| format!("{place}: {}", path.join("::")));
            }
        }
    }
    edges
}

fn layer(node: &str) -> &str {
    node.split("::").next().unwrap_or(node)
}

#[test]
fn no_module_reaches_a_layer_it_must_not() {
    let graph = graph();
    assert!(
        graph.len() > 40,
        "the graph was read: {} nodes",
        graph.len()
    );
    let mut wrong = Vec::new();
    for (from, to) in &graph {
        for (target, place) in to {
            for (layer_from, forbidden, why) in FORBIDDEN {
                if layer(from) == *layer_from && forbidden.contains(&layer(target)) {
                    wrong.push(format!("{from} -> {target} ({why}): {place}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_modules_import_each_other_round_a_circle() {
    let graph = graph();
    // Tarjan's strongly connected components: a component of more than one node is a circle.
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        circles: Vec<Vec<&'a str>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            let graph = self.graph;
            for w in graph.get(v).into_iter().flat_map(|t| t.keys()) {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut circle = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    circle.push(w);
                    if w == v {
                        break;
                    }
                }
                if circle.len() > 1 {
                    self.circles.push(circle);
                }
            }
        }
    }
    let mut walk = Walk {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        circles: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    let said: Vec<String> = walk
        .circles
        .iter()
        .map(|circle| {
            let members: BTreeSet<&str> = circle.iter().copied().collect();
            let edges: Vec<String> = circle
                .iter()
                .flat_map(|from| {
                    graph[*from]
                        .iter()
                        .filter(|(to, _)| members.contains(to.as_str()))
                        .map(move |(to, place)| format!("  {from} -> {to} ({place})"))
                })
                .collect();
            edges.join("\n")
        })
        .collect();
    assert!(said.is_empty(), "import circles:\n{}", said.join("\n\n"));
}

/// The rules' crate depends on no web server, database driver, runtime or HTTP client (its
/// `sqlx` and `openapi` features only add how its values read from rows and how they are
/// described), and names nothing of the portal's.
#[test]
fn the_domain_crate_knows_nothing_of_the_server() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/domain/Cargo.toml"),
    )
    .expect("the domain's manifest");
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .expect("a dependencies table");
    for server_side in [
        "actix",
        "tokio",
        "reqwest",
        "lettre",
        "object_store",
        "cosell ",
        "cosell=",
    ] {
        assert!(
            !dependencies.contains(server_side),
            "the domain crate depends on {server_side}"
        );
    }
    for line in dependencies
        .lines()
        .filter(|l| l.starts_with("sqlx") || l.starts_with("utoipa"))
    {
        assert!(line.contains("optional = true"), "{line}");
    }
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/domain/src"),
        &mut files,
    );
    assert!(files.len() > 10);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        // Code, not the comments that say where a rule is used.
        let code: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        assert!(
            !code
                .iter()
                .any(|l| l.contains("cosell::") || l.contains("actix")),
            "{} names the server",
            file.display()
        );
    }
}

/// The test reads what it should: a path through a `use` name, a `super::` path and a
/// glob all count (if this fails, the graph above sees less than the code says).
#[test]
fn the_graph_sees_every_kind_of_path() {
    let graph = graph();
    let reaches = |from: &str, to: &str| graph.get(from).is_some_and(|t| t.contains_key(to));
    // `use crate::{api, web};` then `api::catalog::...` in the route table.
    assert!(reaches("routes", "api::catalog"));
    // `use super::access::{...}` in a service.
    assert!(reaches("services::review", "services::access"));
    // `crate::db::...` written in full in an expression.
    assert!(reaches("services::review", "db::review"));
}

/// Whether `ty` is one that `is` accepts, or such a type inside `Option` or `Vec`.
fn held(ty: &syn::Type, is: &dyn Fn(&syn::Type) -> bool) -> bool {
    if is(ty) {
        return true;
    }
    let syn::Type::Path(p) = ty else {
        return false;
    };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args)
            if last.ident == "Option" || last.ident == "Vec" =>
        {
            args.args
                .iter()
                .any(|a| matches!(a, syn::GenericArgument::Type(t) if is(t)))
        }
        _ => false,
    }
}

/// What `finder` finds in every file of `db/` and `services/` (a finder skips `#[cfg(test)]`
/// modules).
fn found_in_data_and_service_layers<F>(finder: impl Fn(&Path) -> F) -> Vec<String>
where
    F: for<'ast> Visit<'ast> + Into<Vec<String>>,
{
    let mut files = Vec::new();
    for layer in ["db", "services"] {
        rust_files(&src().join(layer), &mut files);
    }
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source file");
        let parsed = syn::parse_file(&text).expect("the file parses");
        let mut v = finder(file);
        v.visit_file(&parsed);
        found.extend(v.into());
    }
    found
}

/// Ids are types (`SolutionId`, `UserId`, `OfferId`...): no function parameter, return value
/// or struct field of `db/` or `services/` named as an id (`id`, `*_id`, `*_ids`) holds a bare
/// `i64`, so one kind of id cannot be passed where another is meant. Test code is not read.
#[test]
fn ids_in_the_data_and_service_layers_are_types() {
    struct BareIds {
        file: PathBuf,
        found: Vec<String>,
    }
    fn names_an_id(name: &str) -> bool {
        name == "id" || name == "ids" || name.ends_with("_id") || name.ends_with("_ids")
    }
    /// `i64`, `Option<i64>`, `Vec<i64>` or `&[i64]`.
    fn holds_bare_i64(ty: &syn::Type) -> bool {
        let is_i64 = |ty: &syn::Type| matches!(ty, syn::Type::Path(p) if p.path.is_ident("i64"));
        match ty {
            syn::Type::Reference(r) => {
                matches!(r.elem.as_ref(), syn::Type::Slice(s) if is_i64(&s.elem))
            }
            _ => held(ty, &is_i64),
        }
    }
    fn type_text(ty: &syn::Type) -> &'static str {
        if matches!(ty, syn::Type::Reference(_)) {
            "&[i64]"
        } else {
            "i64"
        }
    }
    impl<'ast> Visit<'ast> for BareIds {
        fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
            if !is_test_cfg(&m.attrs) {
                syn::visit::visit_item_mod(self, m);
            }
        }
        fn visit_signature(&mut self, sig: &'ast syn::Signature) {
            for input in &sig.inputs {
                if let syn::FnArg::Typed(arg) = input
                    && let syn::Pat::Ident(name) = arg.pat.as_ref()
                    && names_an_id(&name.ident.to_string())
                    && holds_bare_i64(&arg.ty)
                {
                    self.found.push(format!(
                        "{}: fn {} takes {}: {}",
                        self.file.display(),
                        sig.ident,
                        name.ident,
                        type_text(&arg.ty)
                    ));
                }
            }
        }
        fn visit_field(&mut self, field: &'ast syn::Field) {
            if let Some(name) = &field.ident
                && names_an_id(&name.to_string())
                && holds_bare_i64(&field.ty)
            {
                self.found.push(format!(
                    "{}: field {}: {}",
                    self.file.display(),
                    name,
                    type_text(&field.ty)
                ));
            }
        }
    }
    impl From<BareIds> for Vec<String> {
        fn from(v: BareIds) -> Vec<String> {
            v.found
        }
    }
    let found = found_in_data_and_service_layers(|file| BareIds {
        file: file.to_path_buf(),
        found: Vec::new(),
    });
    assert!(found.is_empty(), "bare ids:\n{}", found.join("\n"));
}

/// Codes are enums from the row to the view (`decode_codes!`, `CodeList`): no struct field of
/// `db/` or `services/` named as a code (`kind`, `role`, `*_state`, `*_status`, `*_type`,
/// `industries`, ...) holds text. The few that do on purpose are named below with the reason.
#[test]
fn codes_in_the_data_and_service_layers_are_enums() {
    /// (struct, field): text on purpose.
    const TEXT_ON_PURPOSE: &[(&str, &str)] = &[
        // What a person typed into the catalog's or the queue's filters, shown back as typed
        // and checked by the service.
        ("Query", "industry"),
        ("Query", "solution_area"),
        ("Query", "offer_type"),
        ("Query", "status"),
        ("QueueFilter", "offer_type"),
        ("QueueFilter", "status"),
        ("Search", "offer_type"),
        ("Search", "industry"),
        ("Search", "solution_area"),
        ("Search", "shown_status"),
        // Input as a caller sent it, before the domain's rules check it (an unknown code is
        // refused next to its field, with the code quoted).
        ("SolutionPatch", "solution_areas"),
        ("SolutionPatch", "industries"),
        ("SolutionPatch", "customer_sizes"),
        ("FactsInput", "partner_types"),
        // An invitation mail's roles, already in the reader's words.
        ("LinkMail", "roles"),
        // The audit log's and the bell's kinds name stored entries of every age, not a list a
        // caller picks from (the words of each are looked up by the name).
        ("Entry", "kind"),
        ("Row", "kind"),
        ("Filter", "kind"),
        ("AuditView", "kind"),
        ("Notice", "kind"),
        ("NotificationRow", "kind"),
        ("MailRow", "kind"),
    ];
    fn names_a_code(name: &str) -> bool {
        matches!(
            name,
            "kind"
                | "role"
                | "roles"
                | "state"
                | "status"
                | "format"
                | "group"
                | "area"
                | "stores"
                | "industries"
                | "solution_areas"
                | "customer_sizes"
                | "competency_areas"
                | "partner_types"
        ) || (["_state", "_status", "_type", "_types", "_kind"]
            .iter()
            .any(|end| name.ends_with(end))
            // A media type (`application/pdf`), not one of the program's codes.
            && name != "content_type")
    }
    /// `String`, `&str`, or either inside `Option` or `Vec`.
    fn holds_text(ty: &syn::Type) -> bool {
        let is_text = |ty: &syn::Type| match ty {
            syn::Type::Reference(r) => {
                matches!(r.elem.as_ref(), syn::Type::Path(p) if p.path.is_ident("str"))
            }
            syn::Type::Path(p) => p.path.is_ident("String"),
            _ => false,
        };
        held(ty, &is_text)
    }
    struct TextCodes {
        file: PathBuf,
        item: String,
        found: Vec<String>,
    }
    impl<'ast> Visit<'ast> for TextCodes {
        fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
            if !is_test_cfg(&m.attrs) {
                syn::visit::visit_item_mod(self, m);
            }
        }
        fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
            self.item = s.ident.to_string();
            syn::visit::visit_item_struct(self, s);
        }
        fn visit_item_enum(&mut self, e: &'ast syn::ItemEnum) {
            self.item = e.ident.to_string();
            syn::visit::visit_item_enum(self, e);
        }
        fn visit_field(&mut self, field: &'ast syn::Field) {
            if let Some(name) = &field.ident {
                let name = name.to_string();
                if names_a_code(&name)
                    && holds_text(&field.ty)
                    && !TEXT_ON_PURPOSE.contains(&(self.item.as_str(), name.as_str()))
                {
                    self.found
                        .push(format!("{}: {}.{name}", self.file.display(), self.item));
                }
            }
        }
    }
    impl From<TextCodes> for Vec<String> {
        fn from(v: TextCodes) -> Vec<String> {
            v.found
        }
    }
    let found = found_in_data_and_service_layers(|file| TextCodes {
        file: file.to_path_buf(),
        item: String::new(),
        found: Vec::new(),
    });
    assert!(
        found.is_empty(),
        "codes held as text:\n{}",
        found.join("\n")
    );
}
