//! `sijil`: the organization's command-line tool.
//!
//! ```text
//! sijil serve [--addr 127.0.0.1:8080] [--dist dist] [--config FILE] [--store DIR]
//! sijil feed check FILE|URL [--lang ar|en]
//! ```
//!
//! Arguments are parsed by hand: the tool has few flags and every dependency is build time on
//! the organization's (often modest) machine.

mod cli;
mod feed_check;
mod ratelimit;
mod serve;
mod store;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("sijil: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        Some("serve") => {
            serve::run(cli::ServeOptions::parse(&args[1..])?).map(|()| ExitCode::SUCCESS)
        }
        Some("feed") if args.get(1).map(String::as_str) == Some("check") => {
            feed_check::run(&args[2..]).map_err(|e| format!("feed check: {e}"))
        }
        Some("help") | Some("--help") | Some("-h") | None => {
            println!("{}", cli::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{}", cli::USAGE)),
    }
}
