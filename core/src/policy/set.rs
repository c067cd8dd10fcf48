//! A loaded, validated set of regional policies, and value resolution along the chain.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::load::{self, Level, Region};
use super::registry;
use super::value::{Citation, Entry, ParamValue, RawValue};
use crate::error::{Error, ErrorKind, Problem};

/// Every region's policy, national first; immutable once built.
#[derive(Clone, Debug)]
pub struct PolicySet {
    regions: BTreeMap<String, Region>,
}

/// One value pinned above the region chain (a fixture's or a proposal's).
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    /// Parameter key.
    pub key: String,
    /// Raw value (typed against the registry when applied).
    pub value: RawValue,
    /// First day (inclusive); `None` = always.
    pub from: Option<Date>,
    /// End (exclusive); `None` = open.
    pub to: Option<Date>,
    /// What the override is (`fixture override`, or a proposal's label).
    pub label: String,
    /// GB/T 2260 code it applies to, with every region below it; `None` = every region.
    pub region: Option<String>,
}

/// What a set of overrides stands for, which decides how outcomes cite it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OverrideKind {
    /// A value pinned for a test (evidence `override`).
    #[default]
    Pinned,
    /// A proposed value, not in force (evidence `proposal`): what-if analysis.
    Proposal,
}

impl OverrideKind {
    /// The citation's evidence tag.
    pub fn evidence(self) -> &'static str {
        match self {
            OverrideKind::Pinned => "override",
            OverrideKind::Proposal => "proposal",
        }
    }
}

/// One validated override and the region it is scoped to.
#[derive(Clone, Debug)]
struct Scoped {
    /// `None`: every region.
    scope: Option<String>,
    /// Specificity: 0 unscoped, then national < province < city < county.
    rank: u8,
    entry: Entry,
}

/// Validated overrides, ready to resolve.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Per key, most specific scope first, then by `from`.
    entries: BTreeMap<&'static str, Vec<Scoped>>,
    /// Whether any override is scoped to a region (else every case sees them all).
    scoped: bool,
}

impl Overrides {
    /// Types and checks pinned overrides; reports every problem. Region scopes are checked
    /// for form only; [`Overrides::build`] also checks them against a policy set.
    pub fn new(list: &[Override]) -> Result<Self, Error> {
        Self::build(list, OverrideKind::Pinned, None)
    }

    /// Types and checks overrides of `kind` like policy values (registered key, typed value,
    /// half-open period, no overlap within one region), and, given `set`, that every scope
    /// is a region the set can resolve. Reports every problem with its path
    /// (`override[i].field`).
    pub fn build(
        list: &[Override],
        kind: OverrideKind,
        set: Option<&PolicySet>,
    ) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let mut entries: BTreeMap<&'static str, Vec<Scoped>> = BTreeMap::new();
        let prefix = match kind {
            OverrideKind::Pinned => "policy_overrides",
            OverrideKind::Proposal => "override",
        };
        for (i, o) in list.iter().enumerate() {
            let at = |f: &str| format!("{prefix}[{i}].{f}");
            let rank = match o.region.as_deref() {
                None => 0,
                Some(code) => match Level::of(code) {
                    None => {
                        problems.push(Problem::at(
                            ErrorKind::PolicyInvalid,
                            at("region"),
                            format!("`{code}` is not a six-digit GB/T 2260 code"),
                        ));
                        continue;
                    }
                    Some(level) => {
                        if let Some(set) = set
                            && set.chain(code).is_err()
                        {
                            problems.push(Problem::at(
                                ErrorKind::PolicyInvalid,
                                at("region"),
                                format!("no policy for region `{code}` or its province"),
                            ));
                            continue;
                        }
                        match level {
                            Level::National => 1,
                            Level::Province => 2,
                            Level::City => 3,
                            Level::County => 4,
                        }
                    }
                },
            };
            let Some(spec) = registry::spec(&o.key) else {
                problems.push(Problem::at(
                    ErrorKind::PolicyInvalid,
                    at("key"),
                    format!("unknown parameter `{}`", o.key),
                ));
                continue;
            };
            let value = match ParamValue::parse(spec.ty, &o.value) {
                Ok(v) => v,
                Err(m) => {
                    problems.push(Problem::at(ErrorKind::PolicyInvalid, at("value"), m));
                    continue;
                }
            };
            let from = o.from.unwrap_or(Date::MIN);
            if o.to.is_some_and(|t| t <= from) {
                problems.push(Problem::at(
                    ErrorKind::PolicyInvalid,
                    at("to"),
                    "`to` must be after `from`",
                ));
                continue;
            }
            let shown_region = o.region.as_deref().unwrap_or(kind.evidence());
            let note = match (kind, o.region.as_deref()) {
                (OverrideKind::Pinned, _) => None,
                (OverrideKind::Proposal, Some(code)) => Some(format!(
                    "拟议值,未生效;适用于 {code} 及其下辖地区 / proposed value, not in force; applies to {code} and the regions below it"
                )),
                (OverrideKind::Proposal, None) => {
                    Some("拟议值,未生效;适用于所有地区 / proposed value, not in force; applies to every region".to_owned())
                }
            };
            let entry = Entry {
                value,
                from,
                to: o.to,
                region: Arc::from(shown_region),
                file: Arc::from(o.label.as_str()),
                citation: Arc::new(Citation {
                    title: o.label.clone(),
                    number: None,
                    article: None,
                    issuer: None,
                    url: None,
                    evidence: kind.evidence().to_owned(),
                    verified: false,
                    note,
                }),
            };
            let list = entries.entry(spec.key).or_default();
            if list
                .iter()
                .any(|s| s.scope == o.region && s.entry.overlaps(&entry))
            {
                problems.push(Problem::at(
                    ErrorKind::PolicyOverlap,
                    at("from"),
                    format!("two overrides of `{}` for the same region overlap", o.key),
                ));
                continue;
            }
            list.push(Scoped {
                scope: o.region.clone(),
                rank,
                entry,
            });
        }
        for list in entries.values_mut() {
            list.sort_by(|a, b| b.rank.cmp(&a.rank).then(a.entry.from.cmp(&b.entry.from)));
        }
        if problems.is_empty() {
            let scoped = entries.values().flatten().any(|s| s.scope.is_some());
            Ok(Self { entries, scoped })
        } else {
            Err(Error::from_problems(problems))
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The overrides that apply to a case in region `code`: those scoped to `code` or a
    /// region above it, and the unscoped ones. Borrowed when nothing is scoped (no cost).
    pub fn for_region(&self, code: &str) -> std::borrow::Cow<'_, Overrides> {
        if !self.scoped {
            return std::borrow::Cow::Borrowed(self);
        }
        let entries = self
            .entries
            .iter()
            .filter_map(|(k, list)| {
                let kept: Vec<Scoped> = list
                    .iter()
                    .filter(|s| s.scope.as_deref().is_none_or(|c| in_scope(code, c)))
                    .cloned()
                    .collect();
                (!kept.is_empty()).then_some((*k, kept))
            })
            .collect();
        std::borrow::Cow::Owned(Self {
            entries,
            scoped: false,
        })
    }

    /// The first entry covering `on`, most specific scope first. Callers pass the result of
    /// [`Overrides::for_region`], so every entry left applies to the case.
    fn get(&self, key: &str, on: Date) -> Option<&Entry> {
        self.entries
            .get(key)?
            .iter()
            .map(|s| &s.entry)
            .find(|e| e.covers(on))
    }
}

/// Whether `code` is `scope` or a region below it (GB/T 2260 codes nest by prefix).
fn in_scope(code: &str, scope: &str) -> bool {
    match Level::of(scope) {
        Some(Level::National) => true,
        Some(Level::Province) => code.get(..2) == scope.get(..2),
        Some(Level::City) => code.get(..4) == scope.get(..4),
        Some(Level::County) | None => code == scope,
    }
}

/// The resolved value of one parameter on one date.
#[derive(Clone, Copy, Debug)]
pub struct Resolved<'a> {
    /// Key.
    pub key: &'static str,
    /// The entry in force.
    pub entry: &'a Entry,
}

impl PolicySet {
    /// The policies shipped with hedui (national layer and illustrative regional profiles).
    pub fn embedded() -> Result<Self, Error> {
        Self::from_sources(
            super::embedded::FILES
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned())),
        )
    }

    /// Loads every `*.toml` file under `dir` (recursively).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        collect_toml(dir.as_ref(), dir.as_ref(), &mut files, &mut problems);
        if !problems.is_empty() {
            return Err(Error::from_problems(problems));
        }
        files.sort();
        Self::from_sources(files)
    }

    /// Builds from `(file name, TOML text)` pairs, validating everything at once.
    pub fn from_sources(files: impl IntoIterator<Item = (String, String)>) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let mut regions: BTreeMap<String, Region> = BTreeMap::new();
        for (name, text) in files {
            match load::parse_file(&name, &text) {
                Ok(r) => {
                    if let Some(prev) = regions.get(&r.code) {
                        problems.push(Problem::at(
                            ErrorKind::PolicyChain,
                            format!("{name}:region.code"),
                            format!("region `{}` is already defined in {}", r.code, prev.file),
                        ));
                    } else {
                        regions.insert(r.code.clone(), r);
                    }
                }
                Err(mut ps) => problems.append(&mut ps),
            }
        }
        if !regions.contains_key("000000") && problems.is_empty() {
            problems.push(Problem::bare(
                ErrorKind::PolicyChain,
                "no national policy (region 000000)",
            ));
        }
        for r in regions.values() {
            if let Some(p) = load::parent_code(&r.code)
                && !regions.contains_key(&p)
            {
                problems.push(Problem::at(
                    ErrorKind::PolicyChain,
                    format!("{}:region.parent", r.file),
                    format!("parent region `{p}` has no policy file"),
                ));
            }
        }
        if problems.is_empty() {
            Ok(Self { regions })
        } else {
            Err(Error::from_problems(problems))
        }
    }

    /// The loaded regions, by code.
    pub fn regions(&self) -> impl Iterator<Item = &Region> {
        self.regions.values()
    }

    /// A region by exact code.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.get(code)
    }

    /// The chain for `code`, most specific first, ending with national. A county without a
    /// file of its own resolves through its city; a code whose province is not loaded is
    /// unknown.
    pub fn chain(&self, code: &str) -> Result<Vec<&Region>, Error> {
        let unknown = || {
            Error::at(
                ErrorKind::UnknownRegion,
                "region",
                format!("no policy for region `{code}` or its province"),
            )
        };
        let level = Level::of(code).ok_or_else(unknown)?;
        if level != Level::National {
            let province = format!("{}0000", code.get(..2).unwrap_or_default());
            if !self.regions.contains_key(&province) {
                return Err(unknown());
            }
        }
        let mut out = Vec::new();
        let mut cur = Some(code.to_owned());
        while let Some(c) = cur {
            if let Some(r) = self.regions.get(&c) {
                out.push(r);
            }
            cur = load::parent_code(&c);
        }
        Ok(out)
    }

    /// Resolves `key` for `chain` on `on`, overrides first.
    pub fn resolve<'a>(
        chain: &[&'a Region],
        overrides: &'a Overrides,
        key: &'static str,
        on: Date,
    ) -> Option<Resolved<'a>> {
        if let Some(e) = overrides.get(key, on) {
            return Some(Resolved { key, entry: e });
        }
        chain.iter().find_map(|r| {
            r.params
                .get(key)?
                .iter()
                .find(|e| e.covers(on))
                .map(|entry| Resolved { key, entry })
        })
    }
}

/// What one region code resolves from, precomputed once for an engine: per registered
/// parameter (by its registry index), every entry that can apply in resolution order
/// (overrides in scope, then the chain most specific first), so resolving on a date is an
/// index and a scan for the first entry in force, with no chain walk or key hashing.
#[derive(Debug)]
pub(crate) struct RegionTable {
    /// The chain's codes, most specific first.
    pub(crate) chain: Vec<String>,
    /// The most specific loaded region's name.
    pub(crate) name: String,
    /// Candidate entries per registry index.
    entries: Vec<Vec<Entry>>,
}

impl RegionTable {
    /// The table for `code` under `overrides`; fails like [`PolicySet::chain`].
    pub(crate) fn build(set: &PolicySet, overrides: &Overrides, code: &str) -> Result<Self, Error> {
        let chain = set.chain(code)?;
        let overrides = overrides.for_region(code);
        let mut entries: Vec<Vec<Entry>> = vec![Vec::new(); registry::COUNT];
        // Keys were checked against the registry when loaded, so every key has an index.
        let mut add = |k: &str, list: &mut dyn Iterator<Item = Entry>| {
            if let Some(v) = registry::index_of(k).and_then(|i| entries.get_mut(i)) {
                v.extend(list);
            }
        };
        // Same order as `PolicySet::resolve`: overrides, then each region of the chain.
        for (k, list) in &overrides.entries {
            add(k, &mut list.iter().map(|s| s.entry.clone()));
        }
        for r in &chain {
            for (k, list) in &r.params {
                add(k, &mut list.iter().cloned());
            }
        }
        Ok(Self {
            chain: chain.iter().map(|r| r.code.clone()).collect(),
            name: chain.first().map(|r| r.name.clone()).unwrap_or_default(),
            entries,
        })
    }

    /// Resolves the parameter at registry index `i` on `on`; equals [`PolicySet::resolve`]
    /// over the same chain and overrides.
    pub(crate) fn resolve(&self, i: usize, on: Date) -> Option<Resolved<'_>> {
        let spec = registry::by_index(i)?;
        self.entries
            .get(i)?
            .iter()
            .find(|e| e.covers(on))
            .map(|entry| Resolved {
                key: spec.key,
                entry,
            })
    }
}

fn collect_toml(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(String, String)>,
    problems: &mut Vec<Problem>,
) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            problems.push(Problem::at(
                ErrorKind::PolicyIo,
                dir.display().to_string(),
                e.to_string(),
            ));
            return;
        }
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_toml(root, &p, files, problems);
        } else if p.extension().is_some_and(|e| e == "toml") {
            let name = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            match std::fs::read_to_string(&p) {
                Ok(t) => files.push((name, t)),
                Err(e) => problems.push(Problem::at(ErrorKind::PolicyIo, name, e.to_string())),
            }
        }
    }
}

/// The horizon on `on` for a chain: `policy.staleness_months` as resolved there, if set.
pub(crate) fn staleness_horizon(table: &RegionTable, on: Date) -> Option<i64> {
    let p = registry::POLICY_STALENESS_MONTHS;
    match table.resolve(p.index(), on)?.entry.value {
        ParamValue::Int(n) => Some(n),
        _ => None,
    }
}

/// The values of `used` that may be out of date on `on` under the chain's staleness horizon
/// (none when the horizon is unset). The horizon is read without being recorded as used: it
/// decides a warning, never a result.
pub(crate) fn stale_uses(
    table: &RegionTable,
    used: &[Resolved<'_>],
    on: Date,
) -> Vec<crate::outcome::StaleParameter> {
    let Some(months) = staleness_horizon(table, on) else {
        return Vec::new();
    };
    used.iter()
        .filter_map(|r| {
            let since = r.entry.stale_from(r.key, months)?;
            (on >= since).then(|| crate::outcome::StaleParameter {
                key: r.key.to_owned(),
                value: r.entry.value.clone(),
                region: r.entry.region.to_string(),
                from: r.entry.from.to_string(),
                horizon_months: months,
                stale_from: since.to_string(),
            })
        })
        .collect()
}

/// The outcome warning for stale values, in both languages; none when there are none.
pub(crate) fn stale_warning(stale: &[crate::outcome::StaleParameter]) -> Option<String> {
    let first = stale.first()?;
    let keys = stale
        .iter()
        .map(|s| format!("{} = {} ({}, {})", s.key, s.value, s.region, s.from))
        .collect::<Vec<_>>()
        .join("; ");
    let n = first.horizon_months;
    Some(format!(
        "以下参数值没有终止日期,且生效已超过{n}个月(policy.staleness_months),可能已被更新的标准取代,结果可能依据了过时的数值:{keys} / these values have no end date and took effect more than {n} months before the assessment date (policy.staleness_months); a later figure may have replaced them, so the result may rest on an outdated value: {keys}"
    ))
}
