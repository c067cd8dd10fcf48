//! Every citation of the project's legal sources resolves. Policy files, fixtures, the peer
//! benchmark model and the design notes cite `docs/law/<file>.md §N`; the file must exist and
//! `§N` must be a heading of it (`## §N Title`, `### §N.M Title`). Inside `docs/law/` the same
//! holds for relative links (`[text](open-points.md) §6`). Any other form after a cited file
//! (`item 6`, a bare `§`) is rejected; a source number after a section (`§8 S14`) must be
//! listed in bold in that file; and no text may point to the research notes outside the
//! repository that the project started from.

use std::fs;
use std::path::{Path, PathBuf};

/// Names of the research notes the project started from, which are not in the repository.
/// Split with `concat!` so that a search of the repository for them finds only real uses.
const OUTSIDE: &[&str] = &[
    concat!("law-", "national.md"),
    concat!("law-", "provinces.md"),
    concat!("shared", "/docs"),
    concat!("beside ", "the project"),
];

/// A citation found in a text.
#[derive(Debug, PartialEq, Eq)]
enum Cite {
    /// `docs/law/` itself.
    Dir,
    /// A file, the section cited in it if any, and a source number after the section
    /// (`docs/law/provinces.md §8 S14`).
    File {
        file: String,
        section: Option<String>,
        source: Option<String>,
    },
    /// Something after a cited file that is not a section number.
    Malformed(String),
}

/// Parses the text right after a citation prefix: `name.md`, then ` §N` or ` §N.M`; `None`
/// when no `.md` file name follows.
fn parse_after_prefix(rest: &str) -> Option<Cite> {
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(name_len);
    if name.is_empty() {
        return Some(Cite::Dir);
    }
    let after = after.strip_prefix(".md")?;
    // A Markdown link closes after the file name: `[text](file.md) §N`.
    let after = after.strip_prefix(')').unwrap_or(after);
    let file = format!("{name}.md");
    if let Some(sec) = after.strip_prefix(" §") {
        let len = sec
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(sec.len());
        let number = sec.get(..len).unwrap_or("").trim_end_matches('.');
        if number.is_empty() || number.starts_with('.') {
            return Some(Cite::Malformed(format!(
                "{file} §{}",
                sec.chars().take(12).collect::<String>()
            )));
        }
        let source = sec
            .get(len..)
            .and_then(|r| r.strip_prefix(" S"))
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            .map(|r| {
                let n: String = r.chars().take_while(char::is_ascii_alphanumeric).collect();
                format!("S{n}")
            });
        return Some(Cite::File {
            file,
            section: Some(number.to_owned()),
            source,
        });
    }
    if after.starts_with(" item") || after.starts_with(" §") {
        let shown: String = after.chars().take(12).collect();
        return Some(Cite::Malformed(format!("{file}{shown}")));
    }
    Some(Cite::File {
        file,
        source: None,
        section: None,
    })
}

/// Every citation after `prefix` in `text`.
fn citations(text: &str, prefix: &str) -> Vec<Cite> {
    text.match_indices(prefix)
        .filter_map(|(i, _)| text.get(i + prefix.len()..).and_then(parse_after_prefix))
        .collect()
}

/// Whether `file` (in `docs/law/`) has a heading for `section`.
fn has_heading(law_dir: &Path, file: &str, section: &str) -> Result<bool, String> {
    let text = fs::read_to_string(law_dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
    let wanted = format!("§{section}");
    Ok(text.lines().any(|line| {
        let hashes = line.len() - line.trim_start_matches('#').len();
        hashes >= 2
            && line
                .get(hashes..)
                .and_then(|l| l.strip_prefix(' '))
                .and_then(|l| l.strip_prefix(wanted.as_str()))
                .is_some_and(|l| l.is_empty() || l.starts_with(' '))
    }))
}

/// The problems with the citations in one text; `prefix` is `docs/law/` or, inside
/// `docs/law/`, the start of a relative Markdown link.
fn problems_in(law_dir: &Path, origin: &str, text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for outside in OUTSIDE {
            if line.contains(outside) {
                out.push(format!(
                    "{origin}:{}: `{outside}` is not in the repository",
                    n + 1
                ));
            }
        }
    }
    for cite in citations(text, prefix) {
        match cite {
            Cite::Dir => {}
            Cite::Malformed(s) => {
                out.push(format!(
                    "{origin}: `{s}`: cite a section as `docs/law/FILE.md §N`"
                ));
            }
            Cite::File {
                file,
                section,
                source,
            } => {
                if !law_dir.join(&file).is_file() {
                    out.push(format!("{origin}: docs/law/{file} does not exist"));
                    continue;
                }
                if let Some(sec) = section {
                    match has_heading(law_dir, &file, &sec) {
                        Ok(true) => {}
                        Ok(false) => {
                            out.push(format!("{origin}: docs/law/{file} has no heading §{sec}"));
                        }
                        Err(e) => out.push(format!("{origin}: {e}")),
                    }
                }
                if let Some(src) = source {
                    let listed = fs::read_to_string(law_dir.join(&file))
                        .is_ok_and(|t| t.contains(&format!("**{src}**")));
                    if !listed {
                        out.push(format!("{origin}: docs/law/{file} lists no source {src}"));
                    }
                }
            }
        }
    }
    out
}

/// Files under `dir` whose name ends with one of `exts`, sorted.
fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(fs::DirEntry::path);
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            walk(&path, exts, out)?;
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| exts.iter().any(|x| n.ends_with(x)))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn law_dir() -> PathBuf {
    repo().join("docs/law")
}

fn check_files(files: &[PathBuf], prefix: &str) -> Vec<String> {
    let root = repo();
    let law = law_dir();
    let mut out = Vec::new();
    for f in files {
        let origin = f.strip_prefix(&root).unwrap_or(f).display().to_string();
        // `fixtures/invalid/` holds files that are not UTF-8 on purpose.
        match fs::read(f) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                out.extend(problems_in(&law, &origin, &text, prefix));
            }
            Err(e) => out.push(format!("{origin}: {e}")),
        }
    }
    out
}

#[test]
fn shipped_citations_resolve() {
    let root = repo();
    let mut files = Vec::new();
    walk(&root.join("fixtures"), &[".json"], &mut files).unwrap();
    walk(&root.join("policies"), &[".toml", ".md"], &mut files).unwrap();
    walk(
        &root.join("benches/peers"),
        &[".yaml", ".py", ".md"],
        &mut files,
    )
    .unwrap();
    files.push(root.join("DESIGN.md"));
    files.push(root.join("README.md"));
    files.push(root.join("fixtures/README.md"));
    assert!(
        files.len() > 100,
        "too few files found under {}: {}",
        root.display(),
        files.len()
    );
    let problems = check_files(&files, "docs/law/");
    assert!(
        problems.is_empty(),
        "{} bad citation(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn law_files_cite_each_other_correctly() {
    let mut files = Vec::new();
    walk(&law_dir(), &[".md"], &mut files).unwrap();
    assert!(
        files.len() >= 10,
        "docs/law/ has only {} files",
        files.len()
    );
    let mut problems = check_files(&files, "](");
    problems.extend(check_files(&files, "docs/law/"));
    assert!(
        problems.is_empty(),
        "{} bad citation(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_open_points_are_numbered_without_gaps() {
    let text = fs::read_to_string(law_dir().join("open-points.md")).unwrap();
    let numbers: Vec<u32> = text
        .lines()
        .filter_map(|l| l.strip_prefix("## §"))
        .filter_map(|l| l.split(' ').next())
        .map(|n| n.parse().unwrap())
        .collect();
    let expected: Vec<u32> = (1..=u32::try_from(numbers.len()).unwrap()).collect();
    assert_eq!(
        numbers, expected,
        "open-points.md items must be §1, §2, … in order"
    );
}

#[test]
fn made_up_citations_are_rejected() {
    let law = law_dir();
    let check = |text: &str| problems_in(&law, "test", text, "docs/law/");
    assert!(check("see docs/law/open-points.md §6 and docs/law/tekun.md §10.").is_empty());
    assert!(check("docs/law/boundaries.md §3, docs/law/open-points.md §1: exact").is_empty());
    assert!(check("the whole file docs/law/income.md, or docs/law/").is_empty());
    // Each text, and how many problems it must raise.
    let rejected: &[(&str, usize, &str)] = &[
        ("docs/law/open-points.md §99", 1, "no such section"),
        ("docs/law/open-points.md §1.4", 1, "no such subsection"),
        ("docs/law/no-such-topic.md §1", 1, "no such file"),
        ("docs/law/open-points.md item 6", 1, "old item syntax"),
        ("docs/law/open-points.md §x", 1, "no section number"),
        (
            concat!("law-", "national.md §13 item 1"),
            1,
            "outside the repository",
        ),
        (
            concat!("see ../", "shared", "/docs/law-", "provinces.md"),
            2,
            "outside the repository, twice",
        ),
    ];
    for (text, n, why) in rejected {
        assert_eq!(check(text).len(), *n, "{why}: {text}");
    }
    assert!(check("docs/law/provinces.md §8 S14 and docs/law/provinces.md §8 S5a").is_empty());
    assert_eq!(
        check("docs/law/provinces.md §8 S99").len(),
        1,
        "no such source"
    );
    let inner = problems_in(&law, "test", "[`tekun.md`](tekun.md) §99", "](");
    assert_eq!(inner.len(), 1, "relative link to a missing section");
    assert!(
        problems_in(
            &law,
            "test",
            "[a](https://example.org) [b](tekun.md) §4",
            "]("
        )
        .is_empty()
    );
}
