//! Writes a generated fleet for benchmarks and manual checks:
//! `cargo run --release --example fleet -- --offices N --out DIR [--seed S] [--small]`.
//!
//! Prints one line per office with what was planted, then the totals.

use mailaudit::fleetgen::{generate, Sizes};
use std::path::PathBuf;

fn main() {
    let mut offices = 10usize;
    let mut out: Option<PathBuf> = None;
    let mut seed = 13u64;
    let mut sizes = Sizes::full();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--offices" => {
                offices = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--offices N")
            }
            "--out" => out = args.next().map(PathBuf::from),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            "--small" => sizes = Sizes::small(),
            other => {
                eprintln!(
                    "unknown argument {other}; usage: --offices N --out DIR [--seed S] [--small]"
                );
                std::process::exit(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: --offices N --out DIR [--seed S] [--small]");
        std::process::exit(2);
    };
    if out.exists() {
        eprintln!("{} exists; choose a new folder", out.display());
        std::process::exit(2);
    }
    let plans = generate(&out, offices, seed, sizes).expect("cannot write the fleet");
    let devices: usize = plans.iter().map(|p| p.devices).sum();
    let removers: usize = plans.iter().map(|p| p.removers).sum();
    let full = plans.iter().filter(|p| p.full_in_days.is_some()).count();
    for p in &plans {
        println!(
            "{}\tdevices={}\tremovers={}\tfull_in_days={}",
            p.name,
            p.devices,
            p.removers,
            p.full_in_days.map(|d| d.to_string()).unwrap_or_default()
        );
    }
    println!("offices={offices} devices={devices} removers={removers} filling={full}");
}
