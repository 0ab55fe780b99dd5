//! What the relative sees of attached files: on step 5 the picker, the camera, the list (a
//! thumbnail or an icon, the name, the size, a remove button) and the plain-words notice of what
//! a photo reveals and who can read it; after sending, each file's upload progress with the
//! overall bytes and time left, pause and "do not send".
//!
//! Screen readers hear progress through one polite live region that changes at most every
//! 10 seconds (and when something finishes), not with every piece.

use super::files::{self, Problem};
use super::strings::{self, FormText};
use super::uploads;
use crate::browser;
use sijil_core::lang::Lang;
use sijil_report::form::attachment::{
    clean_file_name, AttachmentInput, MediaType, Sent, MAX_FILES,
};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AttachmentsProps {
    pub attachments: Vec<AttachmentInput>,
    pub lang: Lang,
    pub org: AttrValue,
    pub recipients: Rc<Vec<String>>,
    pub on_attach: Callback<AttachmentInput>,
    pub on_detach: Callback<String>,
    pub on_replace: Callback<(String, AttachmentInput)>,
    /// The error `sijil-report` found on the list, if any (a damaged draft).
    pub error: Option<String>,
}

fn problem_text(t: &FormText, p: Problem, name: &str) -> String {
    let s = match p {
        Problem::Unsupported => t.file_unsupported,
        Problem::TooLarge => t.file_too_large,
        Problem::Empty => t.file_empty,
        Problem::TooMany => t.file_too_many,
        Problem::Quota => t.file_quota,
        Problem::NoStore => t.file_no_store,
        Problem::Unreadable => t.file_unreadable,
        Problem::CannotEncrypt => t.file_cannot_encrypt,
        Problem::LocationFailed => t.location_failed,
        Problem::CopyFailed => t.copy_failed,
    };
    s.replace("{name}", name)
}

/// The icon of a file without a thumbnail: its kind in a box.
fn kind_label(media_type: &str) -> &'static str {
    match MediaType::from_id(media_type) {
        Some(MediaType::Pdf) => "PDF",
        Some(m) if m.is_image() => "IMG",
        _ => "VIDEO",
    }
}

#[component]
pub fn Attachments(p: &AttachmentsProps) -> Html {
    let t = strings::text(p.lang);
    let update = use_force_update();
    let problems = use_mut_ref(Vec::<(Problem, String)>::new);
    let persisted = use_state(|| true);
    {
        let persisted = persisted.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                persisted.set(browser::storage_persisted().await);
            });
        });
    }
    let choose = {
        let (update, problems) = (update.clone(), problems.clone());
        let count = p.attachments.len();
        let (recipients, on_attach) = (p.recipients.clone(), p.on_attach.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            // Choosing the same file again must fire `change` again.
            input.set_value("");
            problems.borrow_mut().clear();
            let mut slots = MAX_FILES.saturating_sub(count + files::preparing().len());
            for file in chosen {
                let name = clean_file_name(&file.name());
                let size = file.size() as u64;
                let kind = MediaType::of_file(&file.type_(), &name);
                let problem = match kind {
                    _ if slots == 0 => Some(Problem::TooMany),
                    None => Some(Problem::Unsupported),
                    Some(_) if size == 0 => Some(Problem::Empty),
                    Some(_) if size > files::MAX_BYTES => Some(Problem::TooLarge),
                    Some(_) => None,
                };
                let (Some(kind), None) = (kind, problem) else {
                    problems
                        .borrow_mut()
                        .push((problem.unwrap_or(Problem::Unsupported), name));
                    continue;
                };
                slots -= 1;
                let id = super::new_id().to_string();
                let blob: web_sys::Blob = file.into();
                files::remember(&id, blob.clone(), kind.is_image());
                let (update, problems) = (update.clone(), problems.clone());
                let (recipients, on_attach) = (recipients.clone(), on_attach.clone());
                yew::platform::spawn_local(async move {
                    let progress = || update.force_update();
                    match files::prepare(&id, &name, &blob, &recipients, &progress).await {
                        Ok(done) => on_attach.emit(AttachmentInput {
                            id,
                            name,
                            media_type: kind.id().into(),
                            size: done.size,
                            sha256: done.sha256,
                            original_sha256: String::new(),
                            sent: "original".into(),
                        }),
                        Err(problem) => {
                            files::forget(&id).await;
                            problems.borrow_mut().push((problem, name));
                            update.force_update();
                        }
                    }
                });
            }
            update.force_update();
        })
    };
    // Another version of a photo: made from the original still in memory, encrypted under a
    // new id, then it replaces the old one (whose ciphertext is deleted).
    let choose_version = {
        let (update, problems) = (update.clone(), problems.clone());
        let (recipients, on_replace) = (p.recipients.clone(), p.on_replace.clone());
        move |a: AttachmentInput, sent: Sent| {
            let (update, problems) = (update.clone(), problems.clone());
            let (recipients, on_replace) = (recipients.clone(), on_replace.clone());
            Callback::from(move |_: Event| {
                let Some(original) = files::original(&a.id) else {
                    return;
                };
                let (update, problems) = (update.clone(), problems.clone());
                let (recipients, on_replace, a) =
                    (recipients.clone(), on_replace.clone(), a.clone());
                problems.borrow_mut().clear();
                yew::platform::spawn_local(async move {
                    let original_sha = if a.sent == Sent::Original.id() {
                        a.sha256.clone()
                    } else {
                        a.original_sha256.clone()
                    };
                    let made = match sent {
                        Sent::Original => Ok(original.clone()),
                        Sent::LocationRemoved => files::read_all(&original)
                            .await
                            .and_then(|bytes| sijil_report::exif::strip_gps(&bytes).ok())
                            .and_then(|bytes| files::blob_of(&bytes, MediaType::Jpeg.id()))
                            .ok_or(Problem::LocationFailed),
                        Sent::SmallerCopy => files::smaller_copy(&original)
                            .await
                            .ok_or(Problem::CopyFailed),
                    };
                    let blob = match made {
                        Ok(b) => b,
                        Err(problem) => {
                            problems.borrow_mut().push((problem, a.name.clone()));
                            return update.force_update();
                        }
                    };
                    let id = super::new_id().to_string();
                    let name = if sent == Sent::SmallerCopy {
                        jpeg_name(&a.name)
                    } else {
                        a.name.clone()
                    };
                    files::remember(&id, original, true);
                    let progress = || update.force_update();
                    match files::prepare(&id, &name, &blob, &recipients, &progress).await {
                        Ok(done) => {
                            let media_type = if sent == Sent::SmallerCopy {
                                MediaType::Jpeg.id().into()
                            } else {
                                a.media_type.clone()
                            };
                            on_replace.emit((
                                a.id.clone(),
                                AttachmentInput {
                                    id,
                                    name,
                                    media_type,
                                    size: done.size,
                                    original_sha256: if sent == Sent::Original {
                                        String::new()
                                    } else {
                                        original_sha.clone()
                                    },
                                    sha256: done.sha256,
                                    sent: sent.id().into(),
                                },
                            ));
                            files::forget(&a.id).await;
                        }
                        Err(problem) => {
                            files::forget(&id).await;
                            problems.borrow_mut().push((problem, name));
                            update.force_update();
                        }
                    }
                })
            })
        }
    };
    let preparing = files::preparing();
    let full = p.attachments.len() + preparing.len() >= MAX_FILES;
    let digits = |n: usize| strings::num(p.lang, n);
    html! {
        <section class="files" aria-labelledby="files-title">
            <h3 id="files-title">{ t.files_heading }</h3>
            <p class="hint">{ t.files_hint }</p>
            <p class="notice">{ t.photo_notice.replace("{org}", &p.org) }</p>
            if !*persisted && !p.attachments.is_empty() { <p class="notice">{ t.persist_refused }</p> }
            <div class="file-pickers">
                <input type="file" id="evidence.attachments" class="sr-only" multiple=true
                    accept={MediaType::accept()} disabled={full} onchange={choose.clone()}
                    aria-invalid={p.error.is_some().then_some("true")}
                    aria-describedby={p.error.is_some().then_some("evidence.attachments-error")} />
                <label for="evidence.attachments" class="button">{ t.choose_files }</label>
                <input type="file" id="evidence-camera" class="sr-only" accept="image/*,video/*"
                    capture="environment" disabled={full} onchange={choose} />
                <label for="evidence-camera" class="button">{ t.take_photo }</label>
            </div>
            if let Some(e) = &p.error { <p class="error" id="evidence.attachments-error">{ e.clone() }</p> }
            <div role="status">
                { for problems.borrow().iter().map(|(pr, name)| html! { <p class="error">{ problem_text(t, *pr, name) }</p> }) }
            </div>
            <ul class="file-list">
                { for p.attachments.iter().enumerate().map(|(i, a)| {
                    let id = a.id.clone();
                    let remove = p.on_detach.reform(move |_| id.clone());
                    let label = format!("{} {}", t.file_word, digits(i + 1));
                    html! {
                        <li key={a.id.clone()}>
                            { match files::thumbnail(&a.id) {
                                Some(url) => html! { <img class="thumb" src={url} alt="" /> },
                                None => html! { <span class="thumb icon" aria-hidden="true">{ kind_label(&a.media_type) }</span> },
                            } }
                            <span class="file-text">
                                <span class="sr-only">{ format!("{label}: ") }</span>
                                <bdi class="file-name">{ a.name.clone() }</bdi>
                                <span class="file-size">{ strings::size(p.lang, a.size) }</span>
                            </span>
                            <button type="button" onclick={remove} aria-label={format!("{}: {}", t.remove_file, a.name)}>{ t.remove_file }</button>
                            { versions(t, a, &choose_version) }
                        </li>
                    }
                }) }
                { for preparing.iter().map(|x| html! {
                    <li key={x.id.clone()}>
                        <span class="thumb icon" aria-hidden="true">{ "…" }</span>
                        <span class="file-text">
                            <bdi class="file-name">{ x.name.clone() }</bdi>
                            <span class="file-size">{ t.encrypting }</span>
                            <progress max="1" value={x.done.to_string()} aria-label={x.name.clone()} />
                        </span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// `photo.png` → `photo.jpg` (a smaller copy is a JPEG).
fn jpeg_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    format!("{stem}.jpg")
}

/// For a photo whose original is still in memory: what to send of it (the original, without
/// its location (JPEG), or a smaller copy).
fn versions(
    t: &FormText,
    a: &AttachmentInput,
    choose: &dyn Fn(AttachmentInput, Sent) -> Callback<Event>,
) -> Html {
    let kind = MediaType::from_id(&a.media_type);
    if !kind.is_some_and(MediaType::is_image) || files::original(&a.id).is_none() {
        return html! {};
    }
    let current = Sent::from_id(&a.sent).unwrap_or(Sent::Original);
    let mut options = vec![(Sent::Original, t.send_original)];
    // Only a JPEG's location can be removed losslessly; a copy of a JPEG made smaller is JPEG.
    if kind == Some(MediaType::Jpeg) || current == Sent::LocationRemoved {
        options.push((Sent::LocationRemoved, t.send_no_location));
    }
    options.push((Sent::SmallerCopy, t.send_smaller));
    let group = format!("send-{}", a.id);
    html! {
        <fieldset class="versions">
            <legend>{ t.send_which }</legend>
            { for options.into_iter().map(|(sent, label)| {
                let id = format!("{group}-{}", sent.id());
                html! {
                    <div class="choice">
                        <input type="radio" id={id.clone()} name={group.clone()} checked={sent == current}
                            onchange={choose(a.clone(), sent)} />
                        <label for={id}>{ label }</label>
                    </div>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct UploadStatusProps {
    pub lang: Lang,
    pub uploads_url: AttrValue,
}

/// Text for a number of seconds: "about 3 min left".
fn time_text(t: &FormText, lang: Lang, seconds: f64) -> String {
    let time = if seconds < 60.0 {
        t.under_minute.to_owned()
    } else {
        t.minutes
            .replace("{n}", &strings::num(lang, (seconds / 60.0).ceil() as usize))
    };
    t.time_left.replace("{time}", &time)
}

/// Progress of the files on their way, refreshed every second; nothing when there are none.
#[component]
pub fn UploadStatus(p: &UploadStatusProps) -> Html {
    let t = strings::text(p.lang);
    let update = use_force_update();
    // What the live region says, and when it last changed.
    let announced = use_mut_ref(|| (0.0f64, String::new()));
    {
        let update = update.clone();
        use_effect_with((), move |_| {
            let tick = gloo_timers::callback::Interval::new(1_000, move || update.force_update());
            move || drop(tick)
        });
    }
    let files: Vec<uploads::FileProgress> = uploads::progress()
        .into_iter()
        .filter(|f| !f.name.is_empty())
        .collect();
    if files.is_empty() && uploads::finished() == 0 {
        return html! {};
    }
    let (sent, total): (u64, u64) = files
        .iter()
        .fold((0, 0), |(s, l), f| (s + f.sent, l + f.len));
    let paused = uploads::paused();
    let mut summary = t
        .uploads_total
        .replace("{done}", &strings::size(p.lang, sent))
        .replace("{total}", &strings::size(p.lang, total));
    if let Some(s) = (!paused)
        .then(|| uploads::seconds_left(total - sent))
        .flatten()
    {
        summary = format!("{summary}{}{}", t.comma, time_text(t, p.lang, s));
    }
    let status = if files.is_empty() {
        t.files_sent.to_owned()
    } else if paused {
        format!("{} {summary}", t.paused)
    } else {
        summary.clone()
    };
    {
        let mut a = announced.borrow_mut();
        let now = browser::now_ms();
        let changed_kind = files.is_empty() || paused != a.1.starts_with(t.paused);
        if a.1.is_empty() || changed_kind || now - a.0 >= 10_000.0 {
            *a = (now, status.clone());
        }
    }
    let url = p.uploads_url.to_string();
    let toggle = {
        let (update, url) = (update.clone(), url.clone());
        Callback::from(move |_| {
            uploads::set_paused(!uploads::paused());
            if !uploads::paused() {
                uploads::spawn_flush(url.clone(), true, Callback::noop());
            }
            update.force_update();
        })
    };
    html! {
        <section class="card uploads" aria-labelledby="uploads-title">
            <h2 id="uploads-title">{ if files.is_empty() { t.uploads_done_heading } else { t.uploads_heading } }</h2>
            if !files.is_empty() { <p class="hint">{ t.uploads_hint }</p> }
            <p class="sr-only" aria-live="polite">{ announced.borrow().1.clone() }</p>
            <p aria-hidden="true">{ status }</p>
            if !files.is_empty() {
                <progress max={total.to_string()} value={sent.to_string()} aria-hidden="true" />
                <ul class="file-list">
                    { for files.iter().map(|f| {
                        let id = f.id.clone();
                        let update = update.clone();
                        let cancel = Callback::from(move |_| {
                            uploads::cancel(&id);
                            update.force_update();
                        });
                        html! {
                            <li key={f.id.clone()}>
                                <span class="file-text">
                                    <bdi class="file-name">{ f.name.clone() }</bdi>
                                    <span class="file-size">{ format!("{} / {}", strings::size(p.lang, f.sent), strings::size(p.lang, f.len)) }</span>
                                    <progress max={f.len.to_string()} value={f.sent.to_string()} aria-label={f.name.clone()} />
                                    if f.refused { <span class="error">{ t.file_refused }</span> }
                                </span>
                                <button type="button" onclick={cancel} aria-label={format!("{}: {}", t.cancel_file, f.name)}>{ t.cancel_file }</button>
                            </li>
                        }
                    }) }
                </ul>
                <button type="button" onclick={toggle}>{ if paused { t.resume } else { t.pause } }</button>
            }
        </section>
    }
}
