//! Parser throughput on generated files of real sizes: `cargo bench --bench parsers`.
//!
//! The files come from the fleet generator (`mailaudit::fleetgen`, full sizes): the largest
//! `prefs.js` with its profile, `popstate.dat` and UTF-16 `.reg` export of one office.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mailaudit::sources::{self, outlook, popstate, prefs, regfile, Ctx, Input, Kind};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The largest file called `name` under `root`.
fn largest(root: &Path, name: &str) -> PathBuf {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == name)
        .max_by_key(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .map(|e| e.into_path())
        .unwrap_or_else(|| panic!("no {name} generated"))
}

fn parsers(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    // Office 1 of seed 13 has Thunderbird, Outlook, K-9 and Becky! devices.
    mailaudit::fleetgen::generate(tmp.path(), 2, 13, mailaudit::fleetgen::Sizes::full()).unwrap();
    let prefs_path = largest(tmp.path(), "prefs.js");
    let pop_path = largest(tmp.path(), "popstate.dat");
    let reg_path = largest(tmp.path(), "outlook.reg");
    let prefs_bytes = std::fs::read(&prefs_path).unwrap();
    let pop_bytes = std::fs::read(&pop_path).unwrap();
    let reg_bytes = std::fs::read(&reg_path).unwrap();
    let profile = prefs_path.parent().unwrap().to_path_buf();
    let ctx = Ctx {
        root: tmp.path().to_path_buf(),
    };
    let input = Input {
        kind: Kind::ThunderbirdProfile,
        rel: ctx.rel(&profile),
        path: profile,
    };
    let profile_bytes = prefs_bytes.len()
        + std::fs::metadata(input.path.join("Mail/pop-info/popstate.dat"))
            .map(|m| m.len() as usize)
            .unwrap_or(0);

    let mut g = c.benchmark_group("parsers");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    g.throughput(Throughput::Bytes(prefs_bytes.len() as u64));
    g.bench_function(
        format!("prefs.js parse ({} KB)", prefs_bytes.len() / 1000),
        |b| b.iter(|| prefs::parse(&prefs_bytes, prefs::FileKind::User)),
    );
    g.throughput(Throughput::Bytes(profile_bytes as u64));
    g.bench_function(
        format!(
            "Thunderbird profile reader, prefs.js and popstate.dat ({} KB)",
            profile_bytes / 1000
        ),
        |b| b.iter(|| sources::read(&input, &ctx)),
    );
    g.throughput(Throughput::Bytes(pop_bytes.len() as u64));
    g.bench_function(
        format!(
            "popstate.dat parse and summary ({} KB)",
            pop_bytes.len() / 1000
        ),
        |b| {
            b.iter(|| {
                let ps = popstate::parse(&pop_bytes);
                ps.summary(
                    "pop.office0000.example.jp",
                    "info@office0000.example.jp",
                    "p",
                )
            })
        },
    );
    g.throughput(Throughput::Bytes(reg_bytes.len() as u64));
    g.bench_function(
        format!(".reg parse only ({} KB)", reg_bytes.len() / 1000),
        |b| b.iter(|| regfile::parse(&reg_bytes)),
    );
    g.bench_function(
        format!(".reg whole Outlook reader ({} KB)", reg_bytes.len() / 1000),
        |b| b.iter(|| outlook::read_reg_bytes(&reg_bytes, "PC/outlook.reg")),
    );
    g.finish();
}

criterion_group!(benches, parsers);
criterion_main!(benches);
