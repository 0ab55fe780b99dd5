//! `sijil store check --store URL [--identity key.txt]`: what the report store holds.
//!
//! Lists every object, and names each one that is not `<report id>.age` or not a well-formed
//! age file of ours ([`crate::agefile`]); with the organization's identity it also decrypts each
//! report (bounded per file, as `sijil export` does). It only reads: nothing is ever deleted or
//! moved, so it is safe to run against the live store of running intake nodes. Exit 0 when every
//! object is a good report, 1 when any is named, 2 when the store cannot be read.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let (mut store, mut identity) = (None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || crate::cli::flag_value(flag, &mut it);
        match flag.as_str() {
            "--store" => store = Some(value()?),
            "--identity" | "-i" => identity = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    let spec = store.ok_or("--store URL is required")?;
    let ids = match &identity {
        Some(path) => Some(Arc::new(crate::export::read_identities(path)?)),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let store = crate::store::Store::open(&spec)?;
    let objects = runtime.block_on(store.list())?;
    let (mut good, mut bad, mut bytes) = (0usize, 0usize, 0u64);
    for object in &objects {
        bytes += object.size;
        let problem = match crate::store::parse_object_name(&object.name) {
            None => Some("not named by a report id (<uuid>.age)".to_owned()),
            Some(_) => match runtime.block_on(store.get(&object.name)) {
                Err(e) => Some(format!("cannot read: {e}")),
                Ok(body) => match crate::agefile::check(&body, crate::agefile::MAX_STANZAS) {
                    Err(e) => Some(e.to_string()),
                    Ok(_) => ids.as_ref().and_then(|ids| {
                        crate::export::decrypt_bounded(ids, body)
                            .err()
                            .map(|e| format!("does not decrypt: {e}"))
                    }),
                },
            },
        };
        match problem {
            None => good += 1,
            Some(why) => {
                bad += 1;
                println!("{}: {why}", object.name);
            }
        }
    }
    let checked = if ids.is_some() {
        "well-formed and decrypting"
    } else {
        "well-formed (no identity given: not decrypted)"
    };
    println!(
        "{}: {} object(s), {bytes} bytes; {good} report(s) {checked}; {bad} named above",
        store.describe,
        objects.len()
    );
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
