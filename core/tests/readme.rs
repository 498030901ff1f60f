//! The diagnostic-codes table of README.md is generated from [`Code::ALL`]: this test regenerates
//! it and fails when the README differs. `UPDATE_README=1` rewrites the section.

use service_catalog::Code;
use std::path::PathBuf;

const START: &str = "<!-- codes:start -->";
const END: &str = "<!-- codes:end -->";

fn readme_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md")
}

/// A table cell: pipes would end the cell early.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The section between the markers, markers included.
fn codes_section() -> String {
    let policy = Code::Policy("policy/<rule id>".to_owned());
    let mut section = format!("{START}\n| code | meaning | how to fix |\n| --- | --- | --- |\n");
    for code in Code::ALL.iter().chain([&policy]) {
        section.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            cell(code.meaning()),
            cell(code.fix())
        ));
    }
    section.push_str(END);
    section
}

#[test]
fn readme_lists_every_diagnostic_code() {
    let path = readme_path();
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no `{START}` … `{END}` section");
    };
    assert!(start < end, "README.md has `{END}` before `{START}`");
    let expected = codes_section();
    if readme[start..end + END.len()] == expected {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some_and(|v| !v.is_empty()) {
        let updated = format!(
            "{}{expected}{}",
            &readme[..start],
            &readme[end + END.len()..]
        );
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    panic!(
        "the diagnostic codes section of README.md is out of date with `Code::ALL`\n\
         regenerate it with: UPDATE_README=1 cargo test -p service-catalog --test readme"
    );
}
