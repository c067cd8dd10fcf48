//! JSON → [`Case`], reporting every shape problem with its field path.
//!
//! serde stops at the first error, so decoding repeats: each failure is recorded, the
//! offending value is replaced by a placeholder (or an unknown key removed), and decoding
//! runs again, up to [`MAX_PROBLEMS`] times. This only happens on bad input.

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

use super::model::{Case, DATE_FIELDS, MONEY_FIELDS};
use crate::error::{Error, ErrorKind, Problem};

/// At most this many shape problems are collected from one document.
pub const MAX_PROBLEMS: usize = 64;

/// Decodes a case from JSON text.
pub fn decode_case(json: &str) -> Result<Case, Error> {
    decode_value(json)
}

/// Decodes any `deny_unknown_fields` document type with the same error collection.
pub fn decode_value<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    // Fast path: valid input decodes straight from the text; only a failure pays for the
    // tree and the error collection below.
    let fast = match serde_json::from_str::<T>(json) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let value: Value = serde_json::from_str(json).map_err(|e| {
        Error::bare(
            ErrorKind::CaseSyntax,
            format!(
                "not valid JSON at line {} column {}: {}",
                e.line(),
                e.column(),
                syntax_reason(&e)
            ),
        )
    })?;
    match decode_tree::<T>(value) {
        // The tree keeps only the last of duplicate keys, so the text was rejected for
        // something the tree cannot show (a duplicate field): report it with its path.
        Ok(_) => {
            let mut de = serde_json::Deserializer::from_str(json);
            let path = match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => {
                    let msg = e.inner().to_string();
                    // "duplicate field `x`" points at the object; name the field itself.
                    let field = msg
                        .starts_with("duplicate field")
                        .then(|| between_backticks(&msg))
                        .flatten();
                    path_string(
                        &e.path().iter().cloned().collect::<Vec<_>>(),
                        field.as_deref(),
                    )
                }
                Ok(_) => "$".to_owned(),
            };
            Err(Error::at(
                ErrorKind::CaseShape,
                scrub(&path),
                scrub(&without_values(&first_line(&fast.to_string()))),
            ))
        }
        Err(e) => Err(e),
    }
}

/// Decodes from a parsed JSON tree.
pub fn decode_tree<T: DeserializeOwned>(mut value: Value) -> Result<T, Error> {
    let mut problems = Vec::new();
    loop {
        match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(v) if problems.is_empty() => return Ok(v),
            Ok(_) => return Err(Error::from_problems(problems)),
            Err(e) => {
                let segments: Vec<Segment> = e.path().iter().cloned().collect();
                let inner = e.inner().to_string();
                let (problem, fix) = classify(&segments, &inner, &value);
                problems.push(problem);
                if problems.len() >= MAX_PROBLEMS || !apply_fix::<T>(&mut value, &segments, fix) {
                    return Err(Error::from_problems(problems));
                }
            }
        }
    }
}

enum Fix {
    Remove(String),
    Insert(String),
    Replace,
}

fn syntax_reason(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "the text ends too early",
        Category::Syntax => "syntax error",
        Category::Data => "invalid data",
        Category::Io => "read error",
    }
}

fn path_string(segments: &[Segment], extra: Option<&str>) -> String {
    let mut s = String::new();
    for seg in segments {
        match seg {
            Segment::Seq { index } => {
                s.push('[');
                s.push_str(&index.to_string());
                s.push(']');
            }
            Segment::Map { key } => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    if let Some(x) = extra {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(x);
    }
    if s.is_empty() {
        "$".to_owned()
    } else {
        scrub(&s)
    }
}

fn between_backticks(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let len = msg.get(start..)?.find('`')?;
    msg.get(start..start + len).map(str::to_owned)
}

fn classify(segments: &[Segment], inner: &str, root: &Value) -> (Problem, Fix) {
    if inner.starts_with("unknown field") {
        let field = between_backticks(inner).unwrap_or_default();
        // serde_path_to_error already includes the unknown key in the path.
        let path = path_string(segments, None);
        let msg = format!("unknown field `{}`", scrub(&field));
        return (
            Problem::at(ErrorKind::CaseShape, path, msg),
            Fix::Remove(field),
        );
    }
    if inner.starts_with("missing field") {
        let field = between_backticks(inner).unwrap_or_default();
        let path = path_string(segments, Some(&field));
        return (
            Problem::at(ErrorKind::CaseShape, path, "required field is missing"),
            Fix::Insert(field),
        );
    }
    let path = path_string(segments, None);
    let last = segments.iter().rev().find_map(|s| match s {
        Segment::Map { key } => Some(key.as_str()),
        _ => None,
    });
    let leaf = lookup(root, segments);
    let is_string = matches!(leaf, Some(Value::String(_)));
    let kind = match last {
        Some(f) if is_string && DATE_FIELDS.contains(&f) => ErrorKind::InvalidDate,
        Some(f) if is_string && MONEY_FIELDS.contains(&f) => ErrorKind::InvalidAmount,
        _ => ErrorKind::CaseShape,
    };
    let msg = match kind {
        ErrorKind::InvalidDate => crate::calendar::NOT_A_DATE.to_owned(),
        ErrorKind::InvalidAmount => "not a decimal amount such as \"1200.50\"".to_owned(),
        _ if last == Some("id_number") => "identity number must be a string".to_owned(),
        _ => scrub(&without_values(&first_line(inner))),
    };
    (Problem::at(kind, path, msg), Fix::Replace)
}

fn first_line(s: &str) -> String {
    let s = s.lines().next().unwrap_or_default();
    // Drop serde's " at line N column M" suffix: paths say where.
    match s.find(" at line ") {
        Some(i) => s.get(..i).unwrap_or(s).to_owned(),
        None => s.to_owned(),
    }
}

/// Drops the input value serde quotes in a type or variant error (`invalid type: string
/// "张三", expected …` → `invalid type: string, expected …`), so a name or phone number put
/// in the wrong field is never echoed back.
pub fn without_values(msg: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let kind_end = rest.find([' ', ',']).unwrap_or(rest.len());
            let kind = rest.get(..kind_end).unwrap_or(rest);
            let expected = rest
                .find(", expected ")
                .and_then(|i| rest.get(i..))
                .unwrap_or("");
            return format!("{prefix}{kind}{expected}");
        }
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let expected = rest
            .find(", expected ")
            .and_then(|i| rest.get(i..))
            .unwrap_or("");
        return format!("unknown variant{expected}");
    }
    msg.to_owned()
}

/// Masks anything that looks like an identity number (a run of 15+ digits or `X`).
pub fn scrub(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 15 {
            out.push_str(&super::model::mask_id(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() || c == 'X' || c == 'x' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn lookup<'v>(root: &'v Value, segments: &[Segment]) -> Option<&'v Value> {
    let mut cur = root;
    for seg in segments {
        cur = match seg {
            Segment::Seq { index } => cur.get(*index)?,
            Segment::Map { key } => cur.get(key)?,
            Segment::Enum { .. } | Segment::Unknown => cur,
        };
    }
    Some(cur)
}

fn lookup_mut<'v>(root: &'v mut Value, segments: &[Segment]) -> Option<&'v mut Value> {
    let mut cur = root;
    for seg in segments {
        cur = match seg {
            Segment::Seq { index } => cur.get_mut(*index)?,
            Segment::Map { key } => cur.get_mut(key)?,
            Segment::Enum { .. } | Segment::Unknown => cur,
        };
    }
    Some(cur)
}

fn candidates() -> Vec<Value> {
    use serde_json::json;
    vec![
        json!("2000-01-01"),
        json!("0"),
        json!(false),
        json!(0),
        json!([]),
        json!({}),
        json!(null),
        json!("x"),
        json!({"start": "2000-01-01", "end": "2000-01-31"}),
    ]
}

/// Applies a fix; returns false when no placeholder clears the error at this path.
fn apply_fix<T: DeserializeOwned>(root: &mut Value, segments: &[Segment], fix: Fix) -> bool {
    match fix {
        Fix::Remove(field) => {
            // The path ends with the unknown key; remove it from its parent object.
            let parent = segments
                .get(..segments.len().saturating_sub(1))
                .unwrap_or(&[]);
            match lookup_mut(root, parent).and_then(Value::as_object_mut) {
                Some(obj) => obj.remove(&field).is_some(),
                None => false,
            }
        }
        Fix::Insert(field) => {
            let mut target: Vec<Segment> = segments.to_vec();
            target.push(Segment::Map { key: field.clone() });
            for c in candidates() {
                match lookup_mut(root, segments).and_then(Value::as_object_mut) {
                    Some(obj) => obj.insert(field.clone(), c),
                    None => return false,
                };
                if clears::<T>(root, segments, &target, Some(&field)) {
                    return true;
                }
            }
            false
        }
        Fix::Replace => {
            for c in candidates() {
                match lookup_mut(root, segments) {
                    Some(slot) => *slot = c,
                    None => return false,
                }
                if clears::<T>(root, segments, segments, None) {
                    return true;
                }
            }
            false
        }
    }
}

/// Whether decoding `root` now succeeds or fails somewhere other than at or under `target`
/// (and, for an inserted field, not with "missing field" at `parent` again).
fn clears<T: DeserializeOwned>(
    root: &Value,
    parent: &[Segment],
    target: &[Segment],
    inserted: Option<&str>,
) -> bool {
    match serde_path_to_error::deserialize::<_, T>(root) {
        Ok(_) => true,
        Err(e) => {
            let at: Vec<Segment> = e.path().iter().cloned().collect();
            let msg = e.inner().to_string();
            if let Some(field) = inserted
                && same_path(&at, parent)
                && msg.contains(&format!("missing field `{field}`"))
            {
                return false;
            }
            !starts_with(&at, target)
        }
    }
}

fn seg_eq(a: &Segment, b: &Segment) -> bool {
    match (a, b) {
        (Segment::Seq { index: x }, Segment::Seq { index: y }) => x == y,
        (Segment::Map { key: x }, Segment::Map { key: y }) => x == y,
        (Segment::Enum { variant: x }, Segment::Enum { variant: y }) => x == y,
        (Segment::Unknown, Segment::Unknown) => true,
        _ => false,
    }
}

fn same_path(a: &[Segment], b: &[Segment]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| seg_eq(x, y))
}

fn starts_with(path: &[Segment], prefix: &[Segment]) -> bool {
    path.len() >= prefix.len() && path.iter().zip(prefix).all(|(x, y)| seg_eq(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id":"c","region":"360100","as_of":"2026-11-01","residence":"urban",
        "members":[{"id":"m1","relation":"self","birth_date":"1980-01-01"}]}"#;

    #[test]
    fn good_case_decodes() {
        let c = decode_case(GOOD).unwrap();
        assert_eq!(c.members.len(), 1);
    }

    #[test]
    fn collects_every_shape_problem_with_paths() {
        let bad = r#"{"id":"c","region":"360100","as_of":"2025-02-30","residence":"urban",
            "members":[{"id":"m1","relation":"self","birth_date":"1980-13-01","nickname":"x"},
                       {"id":"m2","relation":"cousin","birth_date":"1990-01-01"}],
            "incomes":[{"member":"m1","category":"wage","amount":"abc",
                        "period":{"start":"2026-01-01","end":"2026-01-31"},"source":"declared"}]}"#;
        let e = decode_case(bad).unwrap_err();
        let got: Vec<(u32, String)> = e
            .problems()
            .iter()
            .map(|p| (p.code(), p.path.clone().unwrap_or_default()))
            .collect();
        assert!(got.contains(&(310, "as_of".into())), "{got:?}");
        assert!(
            got.contains(&(310, "members[0].birth_date".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&(301, "members[0].nickname".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&(301, "members[1].relation".into())),
            "{got:?}"
        );
        assert!(got.contains(&(311, "incomes[0].amount".into())), "{got:?}");
    }

    #[test]
    fn missing_field_path_names_the_field() {
        let bad = r#"{"id":"c","region":"360100","as_of":"2026-11-01","residence":"urban",
            "members":[{"id":"m1","relation":"self"}]}"#;
        let e = decode_case(bad).unwrap_err();
        assert_eq!(e.path(), Some("members[0].birth_date"));
        assert_eq!(e.code(), 301);
    }

    #[test]
    fn syntax_error_is_300() {
        assert_eq!(decode_case("{\"id\":").unwrap_err().code(), 300);
        assert_eq!(decode_case("").unwrap_err().code(), 300);
    }

    #[test]
    fn type_errors_do_not_echo_values() {
        assert_eq!(
            without_values("invalid type: string \"张三 13800138000\", expected u8"),
            "invalid type: string, expected u8"
        );
        assert_eq!(
            without_values("unknown variant `13800138000`, expected one of `self`, `spouse`"),
            "unknown variant, expected one of `self`, `spouse`"
        );
        let bad = r#"{"id":"c","region":"360100","as_of":"2026-11-01","residence":"urban",
            "members":[{"id":"m1","relation":"李四 13900139000","birth_date":"1980-01-01",
                        "disability":{"category":"physical","grade":"王五 13700137000"}}]}"#;
        let e = decode_case(bad).unwrap_err();
        let all = format!("{e} {e:?}");
        for secret in ["李四", "13900139000", "王五", "13700137000"] {
            assert!(!all.contains(secret), "{secret} leaked: {all}");
        }
        assert_eq!(e.problems().len(), 2);
    }

    #[test]
    fn scrub_masks_id_like_runs() {
        assert_eq!(scrub("x 11010519491231002X y"), "x 110105********002X y");
        assert_eq!(scrub("code 360100"), "code 360100");
    }
}
