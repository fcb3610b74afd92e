//! The model folder is a leaf: renderers, the store and diff import its types without
//! pulling in the scanner. It may use only itself and the text helpers, which use nothing.

use std::path::Path;

/// The `crate::…` modules a source file names outside its comments.
fn crate_paths(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
            rest = after;
        }
    }
    found
}

fn sources_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.extend(sources_in(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            files.push(p);
        }
    }
    files
}

#[test]
fn the_model_uses_only_itself_and_the_text_helpers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let model = sources_in(&src.join("model"));
    assert!(model.len() >= 5, "the model folder moved: {model:?}");
    for file in model {
        for name in crate_paths(&file) {
            assert!(
                name == "model" || name == "text",
                "{} uses crate::{name}; the model must not depend on the pipeline",
                file.display()
            );
        }
    }
    assert_eq!(crate_paths(&src.join("text.rs")), Vec::<String>::new());
}

#[test]
fn the_check_sees_a_pipeline_import() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.rs");
    std::fs::write(
        &f,
        "// crate::scan in a comment is fine\nuse crate::scan::Report;\n",
    )
    .unwrap();
    assert_eq!(crate_paths(&f), ["scan"]);
}
