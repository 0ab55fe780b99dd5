//! `sijil`: the organization's command-line tool: `serve`, `feed check`, `publish`, `keygen`,
//! `export`, `store check` and `card`. Every command's synopsis and flags live in one table,
//! [`cli::COMMANDS`], printed by `sijil --help` and `sijil CMD --help` (`tests/cli.rs` runs
//! each), so this doc does not repeat them.
//!
//! Arguments are parsed by hand: the tool has few flags and every dependency is build time on
//! the organization's (often modest) machine.

mod agefile;
mod card;
mod cli;
mod csp;
mod export;
mod export_files;
mod feed_check;
mod intake;
mod keygen;
mod publish;
mod ratelimit;
mod report_page;
mod serve;
mod server;
mod site;
mod store;
mod store_check;
mod uploads;
mod widget_page;

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
    // `sijil CMD --help` (anywhere after the command) prints that command's usage and succeeds,
    // before any option is checked or any file touched.
    if args.len() > 1 && args[1..].iter().any(|a| a == "--help" || a == "-h") {
        let command = match args.get(1).map(String::as_str) {
            Some("check") => format!("{} check", args[0]),
            _ => args[0].clone(),
        };
        println!("{}", cli::usage_of(&command));
        return Ok(ExitCode::SUCCESS);
    }
    match args.first().map(String::as_str) {
        Some("serve") => {
            serve::run(cli::ServeOptions::parse(&args[1..])?).map(|()| ExitCode::SUCCESS)
        }
        Some("feed") if args.get(1).map(String::as_str) == Some("check") => {
            feed_check::run(&args[2..]).map_err(|e| format!("feed check: {e}"))
        }
        Some("store") if args.get(1).map(String::as_str) == Some("check") => {
            store_check::run(&args[2..]).map_err(|e| format!("store check: {e}"))
        }
        Some("keygen") => keygen::run(&args[1..]),
        Some("card") => card::run(&args[1..]).map_err(|e| format!("card: {e}")),
        Some("publish") => publish::run(&args[1..])
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| format!("publish: {e}")),
        Some("export") => export::run(&args[1..]).map_err(|e| format!("export: {e}")),
        Some("help") | Some("--help") | Some("-h") | None => {
            println!("{}", cli::usage());
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{}", cli::usage())),
    }
}
