//! Sijil's task runner. The README's two commands are `cargo xtask serve` and `cargo xtask test`;
//! everything else here exists to make those two work on a fresh machine.
//!
//! ```text
//! cargo xtask setup   install what is missing (idempotent: seconds when all is present)
//! cargo xtask build   release build of the app into dist/, the size table and the size gate
//! cargo xtask serve   setup + build + run the server at http://127.0.0.1:8080
//! cargo xtask test    setup + lints + every test tier; non-zero exit on any failure
//! cargo xtask lint    the lints alone: rustfmt, clippy (native, wasm32), no serde in sijil-core
//! cargo xtask sizes   the size gate alone, on the current dist/ (every build runs it)
//! cargo xtask sizes --write   accept the current dist/'s sizes: rewrites xtask/sizes.txt
//! cargo xtask bench   performance budgets, printed as a table
//! cargo xtask bench widgets   only the sizes and the widgets' render times
//! cargo xtask bench intake [--bin PATH]   only the intake's load and abuse rows
//! ```
//!
//! Written in Rust rather than shell so it runs the same wherever cargo does, and so a failing
//! step says which step failed.

mod bench;
mod build;
mod glue;
mod load;
mod reference;
mod setup;
mod sizes;
mod test;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("build") => setup::run().and_then(|()| build::run()),
        Some("serve") => setup::run()
            .and_then(|()| build::run())
            .and_then(|()| build::serve(&args[1..])),
        Some("sizes") => sizes::gate(
            &util::root().join("dist"),
            args.get(1).map(String::as_str) == Some("--write"),
        ),
        Some("test") => setup::run().and_then(|()| test::run(&args[1..])),
        Some("lint") => test::lint(),
        // `SIJIL_BENCH_BUILT=1`: the `dist/` already built is measured (no build first).
        Some("bench") if args.get(1).map(String::as_str) == Some("reference") => setup::run()
            .and_then(|()| match std::env::var_os("SIJIL_BENCH_BUILT") {
                Some(_) => Ok(()),
                None => build::run(),
            })
            .and_then(|()| bench::reference()),
        Some("bench") if args.get(1).map(String::as_str) == Some("intake") => {
            setup::run().and_then(|()| bench::intake(&args[2..]))
        }
        Some("bench") => setup::run()
            .and_then(|()| match std::env::var_os("SIJIL_BENCH_BUILT") {
                Some(_) => Ok(()),
                None => build::run(),
            })
            .and_then(|()| bench::run(&args[1..])),
        _ => {
            eprintln!("usage: cargo xtask setup|build|serve|test|lint|sizes [--write]|bench [widgets | reference | intake [--bin PATH]]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}
