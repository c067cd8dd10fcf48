//! A register of four related Arrow tables (households, members, incomes, assets), joined
//! on `household_id` and assembled into cases one household at a time.
//!
//! Each household is assembled from a template decoded once from minimal JSON, so fields the
//! case format gains later keep their serde defaults. Column names mirror the case JSON and
//! are documented in `python/README.md`.

use arrow_array::{BooleanArray, Int64Array, RecordBatch};
use hedui_core::case::{
    Asset, Case, Disability, Illness, Income, Member, Period, Program, Residence,
};
use hedui_core::{Error, ErrorKind, Problem};
use jiff::civil::Date;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;

use crate::columns::{
    Cols, DateCol, Key, KeyVal, ListCol, Money, Text, column_err, get_bool, get_int,
};

/// Households ready to be assembled as cases; shared read-only by worker threads.
pub struct Register {
    t: Tables,
    joins: Joins,
    templates: Templates,
    programs: Vec<Program>,
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register")
            .field("households", &self.len())
            .field("programs", &self.programs)
            .finish_non_exhaustive()
    }
}

impl Register {
    /// Reads the columns of the four tables and joins the child rows to their households.
    ///
    /// `programs` is copied into every case (empty: the case default, dibao and near-dibao).
    /// A child row whose `household_id` is not in the households table, a missing required
    /// column or a column of an unusable type fails the whole register; problems in a single
    /// household's values fail only that household, in [`Register::case`].
    pub fn new(
        households: &RecordBatch,
        members: &RecordBatch,
        incomes: Option<&RecordBatch>,
        assets: Option<&RecordBatch>,
        programs: Vec<Program>,
    ) -> Result<Self, Error> {
        let t = Tables {
            h: HouseholdCols::new(households)?,
            m: MemberCols::new(members)?,
            i: incomes.map(IncomeCols::new).transpose()?,
            a: assets.map(AssetCols::new).transpose()?,
        };
        let joins = Joins::new(&t, households.num_rows())?;
        Ok(Self {
            t,
            joins,
            templates: Templates::new()?,
            programs,
        })
    }

    /// Number of households (rows of the households table).
    pub fn len(&self) -> usize {
        self.joins.first_row.len()
    }

    /// Whether the households table is empty.
    pub fn is_empty(&self) -> bool {
        self.joins.first_row.is_empty()
    }
}

struct HouseholdCols {
    key: Key,
    region: Text,
    as_of: DateCol,
    residence: Text,
    window_start: Option<DateCol>,
    window_end: Option<DateCol>,
    checked_sources: Option<ListCol>,
    auxiliary_flags: Option<ListCol>,
    enrolled_dibao: Option<BooleanArray>,
    enrolled_tekun: Option<BooleanArray>,
    current_dibao_amount: Option<Money>,
    employment_started_on: Option<DateCol>,
}

impl HouseholdCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "households",
            batch: b,
        };
        Ok(Self {
            key: c.key("household_id")?,
            region: c.text_req("region")?,
            as_of: c.date_req("as_of")?,
            residence: c.text_req("residence")?,
            window_start: c.date("income_window_start")?,
            window_end: c.date("income_window_end")?,
            checked_sources: c.list("checked_sources")?,
            auxiliary_flags: c.list("auxiliary_flags")?,
            enrolled_dibao: c.boolean("enrolled_dibao")?,
            enrolled_tekun: c.boolean("enrolled_tekun")?,
            current_dibao_amount: c.money("current_dibao_amount")?,
            employment_started_on: c.date("employment_started_on")?,
        })
    }
}

struct MemberCols {
    len: usize,
    key: Key,
    id: Text,
    relation: Text,
    birth_date: DateCol,
    id_number: Option<Text>,
    hukou_in_household: Option<BooleanArray>,
    lives_together: Option<BooleanArray>,
    marital_status: Option<Text>,
    disability_category: Option<Text>,
    disability_grade: Option<Int64Array>,
    disability_certificate: Option<BooleanArray>,
    illness_name: Option<Text>,
    illness_on_local_list: Option<BooleanArray>,
    schooling: Option<Text>,
    statuses: Option<ListCol>,
    left_family_on: Option<DateCol>,
    employment: Option<Text>,
    cannot_live_independently: Option<BooleanArray>,
    support_duty: Option<BooleanArray>,
}

impl MemberCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "members",
            batch: b,
        };
        Ok(Self {
            len: b.num_rows(),
            key: c.key("household_id")?,
            id: c.text_req("member_id")?,
            relation: c.text_req("relation")?,
            birth_date: c.date_req("birth_date")?,
            id_number: c.text("id_number")?,
            hukou_in_household: c.boolean("hukou_in_household")?,
            lives_together: c.boolean("lives_together")?,
            marital_status: c.text("marital_status")?,
            disability_category: c.text("disability_category")?,
            disability_grade: c.int("disability_grade")?,
            disability_certificate: c.boolean("disability_certificate")?,
            illness_name: c.text("illness_name")?,
            illness_on_local_list: c.boolean("illness_on_local_list")?,
            schooling: c.text("schooling")?,
            statuses: c.list("statuses")?,
            left_family_on: c.date("left_family_on")?,
            employment: c.text("employment")?,
            cannot_live_independently: c.boolean("cannot_live_independently")?,
            support_duty: c.boolean("support_duty")?,
        })
    }
}

struct IncomeCols {
    len: usize,
    key: Key,
    member: Text,
    category: Text,
    subtype: Option<Text>,
    amount: Money,
    start: DateCol,
    end: DateCol,
    source: Text,
    agency: Option<Text>,
}

impl IncomeCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "incomes",
            batch: b,
        };
        Ok(Self {
            len: b.num_rows(),
            key: c.key("household_id")?,
            member: c.text_req("member_id")?,
            category: c.text_req("category")?,
            subtype: c.text("subtype")?,
            amount: c.money_req("amount")?,
            start: c.date_req("period_start")?,
            end: c.date_req("period_end")?,
            source: c.text_req("source")?,
            agency: c.text("agency")?,
        })
    }
}

struct AssetCols {
    len: usize,
    key: Key,
    member: Text,
    kind: Text,
    value: Money,
    source: Text,
    agency: Option<Text>,
    vehicle_type: Option<Text>,
    vehicle_use: Option<Text>,
    area_m2: Option<Money>,
}

impl AssetCols {
    fn new(b: &RecordBatch) -> Result<Self, Error> {
        let c = Cols {
            name: "assets",
            batch: b,
        };
        Ok(Self {
            len: b.num_rows(),
            key: c.key("household_id")?,
            member: c.text_req("member_id")?,
            kind: c.text_req("kind")?,
            value: c.money_req("value")?,
            source: c.text_req("source")?,
            agency: c.text("agency")?,
            vehicle_type: c.text("vehicle_type")?,
            vehicle_use: c.text("vehicle_use")?,
            area_m2: c.money("area_m2")?,
        })
    }
}

/// Child rows grouped by household (CSR layout): rows of household `h` are
/// `rows[start[h]..start[h + 1]]`, in table order.
struct Groups {
    start: Vec<usize>,
    rows: Vec<usize>,
}

impl Groups {
    fn empty(n: usize) -> Self {
        Self {
            start: vec![0; n + 1],
            rows: Vec::new(),
        }
    }

    fn build(
        table: &str,
        keys: &Key,
        len: usize,
        index: &FxHashMap<KeyVal<'_>, usize>,
        households: usize,
        int_keys: bool,
    ) -> Result<Self, Error> {
        if keys.is_int() != int_keys {
            return Err(column_err(
                table,
                "household_id",
                format!(
                    "household_id in the {table} table must have the same kind (integer or text) as in the households table"
                ),
            ));
        }
        let mut owner = Vec::with_capacity(len);
        let mut counts = vec![0usize; households];
        let mut problems = Vec::new();
        for row in 0..len {
            let h = keys.get(row).and_then(|k| index.get(&k).copied());
            match h {
                Some(h) => {
                    if let Some(c) = counts.get_mut(h) {
                        *c += 1;
                    }
                    owner.push(h);
                }
                None => {
                    if problems.len() < hedui_core::case::decode::MAX_PROBLEMS {
                        let what = keys.get(row).map_or_else(
                            || "is missing".to_owned(),
                            |k| {
                                let k = hedui_core::case::decode::scrub(&k.to_string());
                                format!("`{k}` is not in the households table")
                            },
                        );
                        problems.push(Problem::at(
                            ErrorKind::UnknownMember,
                            format!("{table}.household_id"),
                            format!("{table} row {row}: household_id {what}"),
                        ));
                    }
                    owner.push(usize::MAX);
                }
            }
        }
        if !problems.is_empty() {
            return Err(Error::from_problems(problems));
        }
        let mut start = Vec::with_capacity(households + 1);
        let mut acc = 0usize;
        start.push(0);
        for c in &counts {
            acc += c;
            start.push(acc);
        }
        let mut next: Vec<usize> = start.iter().take(households).copied().collect();
        let mut rows = vec![0usize; len];
        for (row, h) in owner.into_iter().enumerate() {
            if let Some(slot) = next.get_mut(h)
                && let Some(r) = rows.get_mut(*slot)
            {
                *r = row;
                *slot += 1;
            }
        }
        Ok(Self { start, rows })
    }

    fn of(&self, h: usize) -> &[usize] {
        match (self.start.get(h), self.start.get(h + 1)) {
            (Some(&a), Some(&b)) => self.rows.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Defaults for every field, decoded once from minimal JSON so fields added to the case
/// format later get their serde defaults here too.
#[derive(Clone, Debug)]
pub(crate) struct Templates {
    pub(crate) case: Case,
    pub(crate) member: Member,
    pub(crate) income: Income,
    pub(crate) asset: Asset,
    pub(crate) disability: Disability,
    pub(crate) illness: Illness,
}

impl Templates {
    pub(crate) fn new() -> Result<Self, Error> {
        fn de<T: DeserializeOwned>(v: serde_json::Value) -> Result<T, Error> {
            serde_json::from_value(v).map_err(|e| {
                Error::bare(
                    ErrorKind::Internal,
                    format!("case template no longer decodes: {e}"),
                )
            })
        }
        use serde_json::json;
        let period = json!({"start": "2000-01-01", "end": "2000-01-31"});
        Ok(Self {
            case: de(json!({"id": "t", "region": "000000", "as_of": "2000-01-01",
                            "residence": "urban", "members": []}))?,
            member: de(json!({"id": "m", "relation": "self", "birth_date": "2000-01-01"}))?,
            income: de(json!({"member": "m", "category": "wage", "amount": "0",
                              "period": period, "source": "declared"}))?,
            asset: de(json!({"member": "m", "kind": "deposit", "value": "0",
                             "source": "declared"}))?,
            disability: de(json!({"category": "physical", "grade": 1}))?,
            illness: de(json!({"name": "x"}))?,
        })
    }
}

/// The column readers of the four tables.
struct Tables {
    h: HouseholdCols,
    m: MemberCols,
    i: Option<IncomeCols>,
    a: Option<AssetCols>,
}

/// Child rows of every household, and the first households row of each `household_id`.
struct Joins {
    members: Groups,
    incomes: Groups,
    assets: Groups,
    first_row: Vec<Option<usize>>,
}

impl Joins {
    fn new(reg: &Tables, n: usize) -> Result<Self, Error> {
        let mut index: FxHashMap<KeyVal<'_>, usize> = FxHashMap::default();
        index.reserve(n);
        let mut first_row = Vec::with_capacity(n);
        for row in 0..n {
            first_row.push(reg.h.key.get(row).map(|k| *index.entry(k).or_insert(row)));
        }
        let int_keys = reg.h.key.is_int();
        let members = Groups::build("members", &reg.m.key, reg.m.len, &index, n, int_keys)?;
        let incomes = match &reg.i {
            Some(c) => Groups::build("incomes", &c.key, c.len, &index, n, int_keys)?,
            None => Groups::empty(n),
        };
        let assets = match &reg.a {
            Some(c) => Groups::build("assets", &c.key, c.len, &index, n, int_keys)?,
            None => Groups::empty(n),
        };
        Ok(Self {
            members,
            incomes,
            assets,
            first_row,
        })
    }
}

/// Where a value came from (table and row), formatted only when a problem is reported.
#[derive(Clone, Copy)]
struct Loc {
    table: &'static str,
    row: usize,
}

impl std::fmt::Display for Loc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} row {}", self.table, self.row)
    }
}

/// `members[2].birth_date`, formatted only when a problem is reported.
#[derive(Clone, Copy)]
struct FieldPath {
    list: &'static str,
    index: usize,
    field: &'static str,
}

impl FieldPath {
    const fn new(list: &'static str, index: usize, field: &'static str) -> Self {
        Self { list, index, field }
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}].{}", self.list, self.index, self.field)
    }
}

/// Collects a household's problems with paths in the case's terms.
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, kind: ErrorKind, path: impl std::fmt::Display, message: String) {
        if self.0.len() < hedui_core::case::decode::MAX_PROBLEMS {
            self.0.push(Problem::at(kind, path.to_string(), message));
        }
    }

    fn required<T>(&mut self, v: Option<T>, path: impl std::fmt::Display, at: Loc) -> Option<T> {
        if v.is_none() {
            self.push(ErrorKind::CaseShape, path, format!("missing value ({at})"));
        }
        v
    }

    fn enum_of<T: std::str::FromStr>(
        &mut self,
        s: Option<&str>,
        path: impl std::fmt::Display,
        what: &str,
        at: Loc,
    ) -> Option<T> {
        let s = s?;
        let v = s.parse::<T>().ok();
        if v.is_none() {
            self.push(
                ErrorKind::CaseShape,
                path,
                format!("not a valid {what} ({at})"),
            );
        }
        v
    }

    fn date(
        &mut self,
        r: Result<Option<Date>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Date> {
        r.unwrap_or_else(|e| {
            self.push(ErrorKind::InvalidDate, path, format!("{e} ({at})"));
            None
        })
    }

    fn money(
        &mut self,
        r: Result<Option<Decimal>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Decimal> {
        r.unwrap_or_else(|e| {
            self.push(ErrorKind::InvalidAmount, path, format!("{e} ({at})"));
            None
        })
    }
}

impl Problems {
    /// A required date: a parse problem, or "missing" for a null (never both).
    fn date_req(
        &mut self,
        r: Result<Option<Date>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Date> {
        match r {
            Ok(v) => self.required(v, path, at),
            Err(e) => {
                self.push(ErrorKind::InvalidDate, path, format!("{e} ({at})"));
                None
            }
        }
    }

    /// A required amount: a parse problem, or "missing" for a null (never both).
    fn money_req(
        &mut self,
        r: Result<Option<Decimal>, String>,
        path: impl std::fmt::Display,
        at: Loc,
    ) -> Option<Decimal> {
        match r {
            Ok(v) => self.required(v, path, at),
            Err(e) => {
                self.push(ErrorKind::InvalidAmount, path, format!("{e} ({at})"));
                None
            }
        }
    }
}

impl Register {
    /// Assembles household `h` (its row in the households table) as a case, or every
    /// problem found in its rows, with paths in the case's terms.
    pub fn case(&self, h: usize) -> Result<Case, Error> {
        let j = &self.joins;
        let mut p = Problems(Vec::new());
        let hc = &self.t.h;
        let at = Loc {
            table: "households",
            row: h,
        };
        let key = hc.key.get(h);
        if let Some(first) = j.first_row.get(h).copied().flatten()
            && first != h
        {
            p.push(
                ErrorKind::DuplicateId,
                "household_id".to_owned(),
                format!("household_id also appears in households row {first}; its members, incomes and assets were attached there"),
            );
        }
        let mut case = self.templates.case.clone();
        case.id = match key {
            Some(KeyVal::Text(k)) => k.to_owned(),
            Some(KeyVal::Int(k)) => k.to_string(),
            None => {
                p.push(
                    ErrorKind::CaseShape,
                    "household_id".to_owned(),
                    format!("missing value ({at})"),
                );
                String::new()
            }
        };
        if let Some(r) = p.required(hc.region.get(h), "region", at) {
            // The template's strings are empty: allocate exactly, not through a reserve.
            case.region = String::from(r);
        }
        if let Some(d) = p.date_req(hc.as_of.get(h), "as_of", at) {
            case.as_of = d;
        }
        let residence = p.required(hc.residence.get(h), "residence", at);
        if let Some(r) =
            p.enum_of::<Residence>(residence, "residence", "residence (urban or rural)", at)
        {
            case.residence = r;
        }
        case.programs.clone_from(&self.programs);
        let ws = hc
            .window_start
            .as_ref()
            .and_then(|c| p.date(c.get(h), "income_window.start", at));
        let we = hc
            .window_end
            .as_ref()
            .and_then(|c| p.date(c.get(h), "income_window.end", at));
        case.income_window = match (ws, we) {
            (Some(start), Some(end)) => Some(Period { start, end }),
            (None, None) => None,
            _ => {
                p.push(
                    ErrorKind::InvalidPeriod,
                    "income_window".to_owned(),
                    format!(
                        "give both income_window_start and income_window_end, or neither ({at})"
                    ),
                );
                None
            }
        };
        if let Some(c) = &hc.checked_sources {
            for (j, s) in c.get(h).enumerate() {
                if let Some(a) = p.enum_of(
                    Some(s),
                    format_args!("verification.checked_sources[{j}]"),
                    "agency",
                    at,
                ) {
                    case.verification.checked_sources.push(a);
                }
            }
        }
        if let Some(c) = &hc.auxiliary_flags {
            for (j, s) in c.get(h).enumerate() {
                if let Some(a) = p.enum_of(
                    Some(s),
                    format_args!("verification.auxiliary_flags[{j}]"),
                    "auxiliary flag",
                    at,
                ) {
                    case.verification.auxiliary_flags.push(a);
                }
            }
        }
        if let Some(b) = get_bool(hc.enrolled_dibao.as_ref(), h) {
            case.history.enrolled_dibao = b;
        }
        if let Some(b) = get_bool(hc.enrolled_tekun.as_ref(), h) {
            case.history.enrolled_tekun = b;
        }
        if let Some(c) = &hc.current_dibao_amount {
            case.history.current_dibao_amount =
                p.money(c.get(h), "history.current_dibao_amount", at);
        }
        if let Some(c) = &hc.employment_started_on {
            case.history.employment_started_on =
                p.date(c.get(h), "history.employment_started_on", at);
        }

        let mc = &self.t.m;
        // Exact capacities from the join's group sizes: no regrowth while pushing.
        case.members.reserve_exact(j.members.of(h).len());
        case.incomes.reserve_exact(j.incomes.of(h).len());
        case.assets.reserve_exact(j.assets.of(h).len());
        for (j, &row) in j.members.of(h).iter().enumerate() {
            let at = Loc {
                table: "members",
                row,
            };
            let path = |f: &'static str| FieldPath::new("members", j, f);
            let mut m = self.templates.member.clone();
            if let Some(id) = p.required(mc.id.get(row), path("id"), at) {
                m.id = String::from(id);
            }
            let rel = p.required(mc.relation.get(row), path("relation"), at);
            if let Some(r) = p.enum_of(rel, path("relation"), "relation", at) {
                m.relation = r;
            }
            if let Some(d) = p.date_req(mc.birth_date.get(row), path("birth_date"), at) {
                m.birth_date = d;
            }
            if let Some(s) = mc.id_number.as_ref().and_then(|c| c.get(row)) {
                m.id_number = Some(hedui_core::case::IdNumber::new(s));
            }
            if let Some(b) = get_bool(mc.hukou_in_household.as_ref(), row) {
                m.hukou_in_household = b;
            }
            if let Some(b) = get_bool(mc.lives_together.as_ref(), row) {
                m.lives_together = b;
            }
            if let Some(c) = &mc.marital_status {
                m.marital_status =
                    p.enum_of(c.get(row), path("marital_status"), "marital status", at);
            }
            if let Some(c) = &mc.disability_category
                && let Some(s) = c.get(row)
            {
                let mut d = self.templates.disability.clone();
                if let Some(cat) = p.enum_of(
                    Some(s),
                    path("disability.category"),
                    "disability category",
                    at,
                ) {
                    d.category = cat;
                }
                match get_int(mc.disability_grade.as_ref(), row).map(u8::try_from) {
                    Some(Ok(g)) => d.grade = g,
                    Some(Err(_)) => p.push(
                        ErrorKind::InvalidValue,
                        path("disability.grade"),
                        format!("the grade is out of range ({at})"),
                    ),
                    None => p.push(
                        ErrorKind::CaseShape,
                        path("disability.grade"),
                        format!("a disability needs disability_grade ({at})"),
                    ),
                }
                if let Some(b) = get_bool(mc.disability_certificate.as_ref(), row) {
                    d.certificate = Some(b);
                }
                m.disability = Some(d);
            }
            if let Some(c) = &mc.illness_name
                && let Some(s) = c.get(row)
            {
                let mut ill = self.templates.illness.clone();
                ill.name = String::from(s);
                if let Some(b) = get_bool(mc.illness_on_local_list.as_ref(), row) {
                    ill.on_local_list = b;
                }
                m.illness = Some(ill);
            }
            if let Some(c) = &mc.schooling
                && let Some(s) = p.enum_of(c.get(row), path("schooling"), "schooling", at)
            {
                m.schooling = s;
            }
            if let Some(c) = &mc.statuses {
                for (k, s) in c.get(row).enumerate() {
                    if let Some(st) = p.enum_of(
                        Some(s),
                        format_args!("members[{j}].statuses[{k}]"),
                        "status",
                        at,
                    ) {
                        m.statuses.push(st);
                    }
                }
            }
            if let Some(c) = &mc.left_family_on {
                m.left_family_on = p.date(c.get(row), path("left_family_on"), at);
            }
            if let Some(c) = &mc.employment {
                m.employment = p.enum_of(c.get(row), path("employment"), "employment", at);
            }
            if let Some(b) = get_bool(mc.cannot_live_independently.as_ref(), row) {
                m.cannot_live_independently = b;
            }
            m.support_duty = get_bool(mc.support_duty.as_ref(), row);
            case.members.push(m);
        }

        if let Some(ic) = &self.t.i {
            for (j, &row) in j.incomes.of(h).iter().enumerate() {
                let at = Loc {
                    table: "incomes",
                    row,
                };
                let path = |f: &'static str| FieldPath::new("incomes", j, f);
                let mut r = self.templates.income.clone();
                if let Some(m) = p.required(ic.member.get(row), path("member"), at) {
                    r.member = String::from(m);
                }
                let cat = p.required(ic.category.get(row), path("category"), at);
                if let Some(c) = p.enum_of(cat, path("category"), "income category", at) {
                    r.category = c;
                }
                if let Some(c) = &ic.subtype
                    && let Some(s) = p.enum_of(c.get(row), path("subtype"), "income subtype", at)
                {
                    r.subtype = s;
                }
                if let Some(a) = p.money_req(ic.amount.get(row), path("amount"), at) {
                    r.amount = a;
                }
                let start = p.date_req(ic.start.get(row), path("period.start"), at);
                let end = p.date_req(ic.end.get(row), path("period.end"), at);
                if let (Some(start), Some(end)) = (start, end) {
                    r.period = Period { start, end };
                }
                let src = p.required(ic.source.get(row), path("source"), at);
                if let Some(s) = p.enum_of(src, path("source"), "source (declared or verified)", at)
                {
                    r.source = s;
                }
                if let Some(c) = &ic.agency {
                    r.agency = p.enum_of(c.get(row), path("agency"), "agency", at);
                }
                case.incomes.push(r);
            }
        }

        if let Some(ac) = &self.t.a {
            for (j, &row) in j.assets.of(h).iter().enumerate() {
                let at = Loc {
                    table: "assets",
                    row,
                };
                let path = |f: &'static str| FieldPath::new("assets", j, f);
                let mut r = self.templates.asset.clone();
                if let Some(m) = p.required(ac.member.get(row), path("member"), at) {
                    r.member = String::from(m);
                }
                let kind = p.required(ac.kind.get(row), path("kind"), at);
                if let Some(k) = p.enum_of(kind, path("kind"), "asset kind", at) {
                    r.kind = k;
                }
                if let Some(v) = p.money_req(ac.value.get(row), path("value"), at) {
                    r.value = v;
                }
                let src = p.required(ac.source.get(row), path("source"), at);
                if let Some(s) = p.enum_of(src, path("source"), "source (declared or verified)", at)
                {
                    r.source = s;
                }
                if let Some(c) = &ac.agency {
                    r.agency = p.enum_of(c.get(row), path("agency"), "agency", at);
                }
                if let Some(c) = &ac.vehicle_type {
                    r.vehicle_type =
                        p.enum_of(c.get(row), path("vehicle_type"), "vehicle type", at);
                }
                if let Some(c) = &ac.vehicle_use {
                    r.vehicle_use = p.enum_of(c.get(row), path("vehicle_use"), "vehicle use", at);
                }
                if let Some(c) = &ac.area_m2 {
                    r.area_m2 = p.money(c.get(row), path("area_m2"), at);
                }
                case.assets.push(r);
            }
        }

        if p.0.is_empty() {
            Ok(case)
        } else {
            Err(Error::from_problems(p.0))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output
