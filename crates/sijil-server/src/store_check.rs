//! `sijil store check --store URL [--identity key.txt]`: what the report store holds.
//!
//! Lists every object, and names each one that is not `<report id>.age` or not a well-formed
//! age file of ours ([`crate::agefile`]); with the organization's identity it also decrypts each
//! report (bounded per file, as `sijil export` does). Attachment uploads
//! (`attachments/<report>/<attachment>/…`, see [`crate::uploads`]) are checked per upload: the
//! first piece must start a well-formed age file of the announced length; an upload still
//! under way, or one whose report is not in the store, is noted (not an error: the phone may
//! still be sending). It only reads: nothing is ever deleted or
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
    let (mut good, mut bad, mut bytes, mut uploaded) = (0usize, 0usize, 0u64, 0usize);
    let reports: std::collections::HashSet<String> = objects
        .iter()
        .filter_map(|o| crate::store::parse_object_name(&o.name))
        .map(|(id, first)| first.unwrap_or(id).to_string())
        .collect();
    let mut uploads: Vec<&str> = objects
        .iter()
        .filter(|o| o.name.starts_with("attachments/"))
        .filter_map(|o| o.name.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    uploads.dedup();
    for dir in &uploads {
        match runtime.block_on(check_upload(&store, dir, &reports)) {
            Ok(None) => uploaded += 1,
            Ok(Some(note)) => println!("{dir}: {note}"),
            Err(why) => {
                bad += 1;
                println!("{dir}: {why}");
            }
        }
    }
    for object in &objects {
        bytes += object.size;
        if object.name.starts_with("attachments/") {
            continue;
        }
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
        "{}: {} object(s), {bytes} bytes; {good} report(s) {checked}; \
         {uploaded} attachment upload(s) complete; {bad} named above",
        store.describe,
        objects.len()
    );
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One attachment upload: `Err` when its first piece is not an age file of the announced
/// length (or its length is ambiguous), `Ok(Some(note))` when it is unfinished or has no
/// report in the store, `Ok(None)` when it is complete and belongs to a stored report.
async fn check_upload(
    store: &crate::store::Store,
    dir: &str,
    reports: &std::collections::HashSet<String>,
) -> Result<Option<String>, String> {
    let state = crate::uploads::state(store, dir)
        .await?
        .ok_or("pieces without an announced length")?;
    if let Some(first) = state.pieces.first() {
        let start = store
            .get(first)
            .await
            .map_err(|e| format!("cannot read: {e}"))?;
        crate::agefile::check_start(&start, state.length, crate::agefile::MAX_STANZAS)
            .map_err(|e| e.to_string())?;
    }
    let report = dir.split('/').nth(1).unwrap_or_default();
    Ok(if !state.complete() {
        Some(format!(
            "note: upload under way, {} of {} bytes",
            state.offset, state.length
        ))
    } else if !reports.contains(report) {
        Some("note: complete, but its report is not in the store".into())
    } else {
        None
    })
}
