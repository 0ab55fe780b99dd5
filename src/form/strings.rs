//! The form's interface text in Arabic and English, kept apart from the widgets' strings so
//! neither page carries the other's words. Choice labels come from `sijil-report`'s choice lists.

use sijil_core::lang::Lang;

sijil_core::texts! { FormText;
    title: "Report a victim", "الإبلاغ عن ضحية";
    intro: "Tell the documentation team about a person who was killed. Answer what you know; every question except a few can stay empty, and \"I don't know\" is always fine.", "أخبروا فريق التوثيق عن شخص قُتل. أجيبوا بما تعرفونه فقط؛ يمكن ترك معظم الأسئلة فارغة، وعبارة «لا أعرف» مقبولة دائماً.";
    // "{org}" is the organization's name from the config.
    who_reads: "Your report goes to the documentation team of {org}. They read it, verify it with other sources, and may add the victim to their records; nothing is published before it is verified. It is encrypted on this phone so that only {org} can read it.", "يصل بلاغك إلى فريق التوثيق في {org}. يقرؤه الفريق ويتحقق منه من مصادر أخرى، وقد يضيف الضحية إلى سجلاته؛ ولا يُنشر شيء قبل التحقق منه. يُشفَّر البلاغ على هذا الهاتف بحيث لا يستطيع قراءته سوى {org}.";
    page_title: "Form", "نموذج";
    follow_up_summary: "Add information to a report you sent", "إضافة معلومات إلى بلاغ أرسلته";
    follow_up_hint: "Type the receipt code of the report you sent earlier: this new report is linked to it. Answer the questions again as far as you can, and add what is new.", "اكتب رمز إيصال البلاغ الذي أرسلته سابقاً، فيُربط به هذا البلاغ الجديد. أجب عن الأسئلة مرة أخرى قدر ما تستطيع، وأضف ما هو جديد.";
    follows: "Receipt code of the earlier report", "رمز إيصال البلاغ السابق";
    kept_codes: "Codes kept on this phone:", "رموز محفوظة على هذا الهاتف:";
    keep_code: "Keep this code on this phone", "الاحتفاظ بهذا الرمز على هذا الهاتف";
    kept: "Kept on this phone, to add information later. Quick exit removes it.", "حُفظ على هذا الهاتف لإضافة معلومات لاحقاً. يحذفه الخروج السريع.";
    add_to_this: "Add information to this report", "إضافة معلومات إلى هذا البلاغ";
    back_to_review: "Back to review", "العودة إلى المراجعة";
    yes: "Yes", "نعم";
    no: "No", "لا";
    warning_word: "Please check", "يرجى التحقق";
    status_sending: "Sending…", "جارٍ الإرسال…";
    status_offline: "Waiting for a connection. It will be sent as soon as this phone is online, even if you close this page and come back later.", "بانتظار الاتصال. سيُرسل فور اتصال هذا الهاتف بالإنترنت، حتى لو أغلقت الصفحة وعدت لاحقاً.";
    status_server: "The server did not answer. Trying again at {time}.", "لم يُجب الخادم. ستُعاد المحاولة عند الساعة {time}.";
    try_now: "Try now", "حاول الآن";
    refused_title: "Not sent: the server refused this report", "لم يُرسل: رفض الخادم هذا البلاغ";
    refused_body: "It will not be sent again automatically, because it would be refused the same way. Please contact the organization and give them the receipt code.", "لن يُعاد إرساله تلقائياً لأنه سيُرفض بالطريقة نفسها. يرجى التواصل مع المنظمة وإعطاؤهم رمز الإيصال.";
    contact_label: "How to reach them:", "طريقة التواصل معهم:";
    cancel_report: "Cancel this report", "إلغاء هذا البلاغ";
    delete_report: "Delete this report from this device", "حذف هذا البلاغ من هذا الجهاز";
    cancel_confirm: "Delete this report from this device? It will not be sent.", "هل تريد حذف هذا البلاغ من هذا الجهاز؟ لن يُرسل.";
    cancel_yes: "Yes, delete it", "نعم، احذفه";
    cancel_no: "No, keep it", "لا، أبقِه";
    deleted_body: "The report was not sent and nothing of it is left on this device.", "لم يُرسل البلاغ، ولم يبقَ منه شيء على هذا الجهاز.";
    switch_to: "العربية", "English";
    switch_label: "التبديل إلى العربية", "Switch to English";
    quick_exit: "Quick exit", "خروج سريع";
    quick_exit_hint: "or press Esc twice: leaves and removes what you typed", "أو اضغط Esc مرتين: يغادر ويحذف ما كتبته";
    progress_label: "Progress", "التقدّم";
    step_word: "Step", "الخطوة";
    of_word: "of", "من";
    step_about_you: "About you", "عنك";
    step_victim: "The victim", "الضحية";
    step_death: "The death", "الوفاة";
    step_detention: "Detention", "الاعتقال";
    step_evidence: "Evidence", "الأدلة";
    step_review: "Review and send", "المراجعة والإرسال";
    back: "Back", "السابق";
    next: "Next", "التالي";
    send: "Encrypt and send", "تشفير وإرسال";
    edit: "Edit", "تعديل";
    saved: "Saved on this device only", "محفوظ على هذا الجهاز فقط";
    delete_draft: "Delete what I typed", "حذف ما كتبته";
    delete_all: "Delete everything from this device", "حذف كل شيء من هذا الجهاز";
    deleted: "Deleted from this device.", "حُذف من هذا الجهاز.";
    errors_title: "Please check these answers", "يرجى مراجعة هذه الإجابات";
    required_note: "Questions marked * need an answer.", "الأسئلة المعلّمة بـ * مطلوبة.";
    receipt: "Receipt code", "رمز الإيصال";
    receipt_hint: "Write it down: it lets you ask the team about this report without giving your name.", "دوّنه: يتيح لك السؤال عن هذا البلاغ لدى الفريق دون ذكر اسمك.";
    pending_title: "Not sent yet — it will be sent automatically", "لم يُرسل بعد — سيُرسل تلقائياً";
    cannot_send: "This report could not be encrypted and kept on this device, so nothing was sent. Your answers are still here. Try again, or use another browser.", "تعذّر تشفير البلاغ وحفظه على هذا الجهاز، لذلك لم يُرسل شيء. إجاباتك ما زالت هنا. حاولوا مجدداً أو استخدموا متصفحاً آخر.";
    // Safari deletes what a site stores after 7 days without a visit: the waiting report too.
    pending_body: "The report is encrypted and waiting on this device, not readable by anyone here. Keep this page open, or come back to it within a few days: some phones (iPhones) delete what a site keeps when it is not opened for a week. If your phone offers to add this page to the home screen, do it.", "البلاغ مشفّر وينتظر على هذا الجهاز، ولا يمكن لأحد هنا قراءته. أبقِ هذه الصفحة مفتوحة أو عُد إليها خلال أيام قليلة: بعض الهواتف (آيفون) تحذف ما يحفظه الموقع إن لم يُفتح أسبوعاً. وإن عرض هاتفك إضافة هذه الصفحة إلى الشاشة الرئيسية فأضِفها.";
    sent_title: "Report received", "وصل البلاغ";
    sent_body: "Thank you. The documentation team will verify the information before anything is published. If you agreed to be contacted, they may reach you the way you chose. Nothing of the report remains readable on this device.", "شكراً لك. سيتحقق فريق التوثيق من المعلومات قبل نشر أي شيء. إن وافقت على التواصل فقد يتصلون بك بالطريقة التي اخترتها. لم يبقَ من البلاغ شيء مقروء على هذا الجهاز.";
    new_report: "Start another report", "بدء بلاغ آخر";
    config_error: "This form is not set up correctly and cannot send reports. The problem is in the setting:", "هذا النموذج غير مُعدّ بشكل صحيح ولا يمكنه إرسال البلاغات. المشكلة في الإعداد:";
    loading: "Loading…", "جارٍ التحميل…";
    none_given: "—", "—";
    // About you
    relationship: "Your relationship to the victim", "صلتك بالضحية";
    your_name: "Your name (optional: anonymous reports are accepted)", "اسمك (اختياري: تُقبل البلاغات دون اسم)";
    contact_ok: "May the team contact you?", "هل يمكن للفريق التواصل معك؟";
    contact_method: "How?", "بأي طريقة؟";
    contact_value: "Number or address", "الرقم أو العنوان";
    // The codes are put in <bdi dir=ltr> between these parts (see steps::about_you).
    contact_value_hint: "Phone numbers may be written with any digits, with {+963}, {00963} or {0}.", "يمكن كتابة الرقم بأي أرقام، مع {+963} أو {00963} أو {0}.";
    consents: "Consent", "الموافقة";
    consent_store: "I agree that this report is stored by {org} and verified by its documentation team.", "أوافق على حفظ هذا البلاغ لدى {org} والتحقق منه من قبل فريق التوثيق فيها.";
    consent_un: "It may be shared with UN mechanisms such as the Special Rapporteur on extrajudicial executions.", "يمكن مشاركته مع آليات الأمم المتحدة مثل المقرر الخاص المعني بحالات الإعدام خارج نطاق القضاء.";
    consent_publish: "The victim's name may be published.", "يمكن نشر اسم الضحية.";
    // Victim
    name_group: "Name", "الاسم";
    name_hint: "At least the first name and the family name, or the full name in one box. Leave out any part you do not know.", "الاسم الأول والكنية على الأقل، أو الاسم الكامل في خانة واحدة. اترك أي جزء لا تعرفه.";
    first_name: "First name", "الاسم الأول";
    father_name: "Father's name", "اسم الأب";
    grandfather_name: "Grandfather's name", "اسم الجد";
    family_name: "Family name", "الكنية (اسم العائلة)";
    full_name: "Or the full name in one box", "أو الاسم الكامل في خانة واحدة";
    mother_name: "Mother's name", "اسم الأم";
    nickname: "Nickname (laqab)", "اللقب";
    latin_name: "Name in Latin letters", "الاسم بالأحرف اللاتينية";
    sex: "Sex", "الجنس";
    age: "Age at death", "العمر عند الوفاة";
    birth: "Date of birth (the year alone is fine)", "تاريخ الميلاد (تكفي السنة)";
    child: "Child (under 18)", "طفل (دون ١٨ عاماً)";
    adult: "Adult", "بالغ";
    civilian: "Was the victim a civilian?", "هل كان الضحية مدنياً؟";
    occupation: "Occupation", "المهنة";
    professions: "Was the victim any of these?", "هل كان الضحية من هؤلاء؟";
    origin_governorate: "Governorate of origin", "المحافظة الأصلية";
    origin_town: "Town of origin", "البلدة الأصلية";
    // Death
    death_date: "Date of death", "تاريخ الوفاة";
    date_unknown: "I don't know the date", "لا أعرف التاريخ";
    day: "Day", "اليوم";
    month: "Month", "الشهر";
    year: "Year", "السنة";
    approximate: "Approximately", "تقريباً";
    death_place: "Place of death", "مكان الوفاة";
    governorate: "Governorate", "المحافظة";
    district: "District", "المنطقة";
    town: "Town or neighbourhood", "البلدة أو الحي";
    method: "How was the victim killed?", "كيف قُتل الضحية؟";
    weapon: "Weapon", "السلاح";
    party: "Who was responsible?", "من الجهة المسؤولة؟";
    others_killed: "How many others were killed in the same incident?", "كم شخصاً آخر قُتل في الحادثة نفسها؟";
    detained: "Was the victim detained before death?", "هل اعتُقل الضحية قبل الوفاة؟";
    narrative: "What happened (up to 5,000 characters)", "ماذا حدث (حتى ٥٠٠٠ حرف)";
    // Detention
    arrest_date: "Date of arrest", "تاريخ الاعتقال";
    arresting_party: "Who arrested the victim?", "من اعتقل الضحية؟";
    arrest_place: "Place of arrest", "مكان الاعتقال";
    detention_place: "Place of detention", "مكان الاحتجاز";
    learned_how: "How did the family learn of the death?", "كيف علمت العائلة بالوفاة؟";
    learned_date: "When did the family learn of it?", "متى علمت العائلة بذلك؟";
    body_handed_over: "Was the body handed over to the family?", "هل سُلّمت الجثة إلى العائلة؟";
    burial_place: "Burial place", "مكان الدفن";
    // Evidence
    evidence_intro: "Links to photos, videos or posts (http or https), one per box.", "روابط لصور أو مقاطع فيديو أو منشورات (http أو https)، رابط في كل خانة.";
    // Attached files. "{name}" is a file's name, "{org}" the organization's.
    files_heading: "Photos, documents and videos", "صور ووثائق ومقاطع فيديو";
    files_hint: "Up to 10 files: photos (JPEG, PNG, WebP), PDF documents and videos (MP4, 3GP, WebM, MOV), each up to 100 MB. The file is sent as it is, because the original is the evidence.", "حتى ١٠ ملفات: صور (JPEG وPNG وWebP) ووثائق PDF ومقاطع فيديو (MP4 و3GP وWebM وMOV)، لا يتجاوز كل منها ١٠٠ ميغابايت. يُرسل الملف كما هو، لأن الأصل هو الدليل.";
    photo_notice: "What a photo can reveal: a photo taken with a phone often records where and when it was taken and which phone took it, and the faces, places and signs in it can identify people, including you. Your files are encrypted on this phone before they leave it: only the documentation team of {org} can open them.", "ما قد تكشفه الصورة: كثيراً ما تسجّل الصورة الملتقطة بالهاتف مكان التقاطها ووقته ونوع الهاتف، وقد تكشف الوجوه والأماكن واللافتات فيها هوية أشخاص، ومنهم أنت. تُشفَّر ملفاتك على هذا الهاتف قبل أن تغادره، ولا يستطيع فتحها سوى فريق التوثيق في {org}.";
    choose_files: "Choose files", "اختيار ملفات";
    take_photo: "Take a photo or video", "التقاط صورة أو فيديو";
    remove_file: "Remove", "إزالة";
    send_which: "What to send of this photo", "ما يُرسل من هذه الصورة";
    send_original: "The original photo (recommended: it is the evidence)", "الصورة الأصلية (مستحسن: فهي الدليل)";
    send_no_location: "Remove the location from this photo (the picture stays the same)", "إزالة الموقع من هذه الصورة (تبقى الصورة نفسها)";
    send_smaller: "Send a smaller copy, for a slow connection (also without location)", "إرسال نسخة أصغر لاتصال بطيء (ودون الموقع أيضاً)";
    location_failed: "{name}: the location could not be removed from this photo. You can send a smaller copy instead, or not send it.", "{name}: تعذّرت إزالة الموقع من هذه الصورة. يمكنك إرسال نسخة أصغر بدلاً منها، أو عدم إرسالها.";
    copy_failed: "{name}: this browser could not make a smaller copy of the photo.", "{name}: لم يتمكن هذا المتصفح من إنشاء نسخة أصغر من الصورة.";
    file_word: "File", "ملف";
    encrypting: "Encrypting on this phone…", "جارٍ التشفير على هذا الهاتف…";
    file_unsupported: "{name}: this kind of file cannot be sent. Please choose photos, PDF documents or videos.", "{name}: لا يمكن إرسال هذا النوع من الملفات. يرجى اختيار صور أو وثائق PDF أو مقاطع فيديو.";
    file_too_large: "{name}: larger than 100 MB. Please choose a shorter video or a smaller file.", "{name}: أكبر من ١٠٠ ميغابايت. يرجى اختيار فيديو أقصر أو ملف أصغر.";
    file_empty: "{name}: the file is empty.", "{name}: الملف فارغ.";
    file_too_many: "{name}: only 10 files can go with one report. You can send more with a new report that adds to this one (with its receipt code).", "{name}: لا يمكن إرسال أكثر من ١٠ ملفات مع البلاغ الواحد. يمكنك إرسال المزيد في بلاغ جديد يُضاف إلى هذا البلاغ (برمز إيصاله).";
    file_quota: "{name}: this phone has no room left to keep the file until it is sent. Free some space or choose a smaller file. Everything you typed is kept.", "{name}: لا توجد مساحة كافية على هذا الهاتف للاحتفاظ بالملف حتى يُرسل. أفرغ بعض المساحة أو اختر ملفاً أصغر. كل ما كتبته محفوظ.";
    file_no_store: "{name}: this browser does not let the form keep files (a private window?). Links still work, and everything you typed is kept.", "{name}: هذا المتصفح لا يسمح للنموذج بالاحتفاظ بالملفات (نافذة خاصة؟). ما زالت الروابط تعمل، وكل ما كتبته محفوظ.";
    file_unreadable: "{name}: the file could not be read. Please choose it again.", "{name}: تعذّرت قراءة الملف. يرجى اختياره مرة أخرى.";
    file_cannot_encrypt: "{name}: the file could not be encrypted on this phone, so it was not kept.", "{name}: تعذّر تشفير الملف على هذا الهاتف، فلم يُحفظ.";
    persist_refused: "This browser may delete waiting files if the phone runs short of space. Keep this page open until your files are sent.", "قد يحذف هذا المتصفح الملفات المنتظرة إذا امتلأت ذاكرة الهاتف. أبقِ هذه الصفحة مفتوحة حتى تُرسل ملفاتك.";
    wait_files: "Please wait: your files are still being encrypted on this phone.", "يرجى الانتظار: ما زال تشفير ملفاتك جارياً على هذا الهاتف.";
    files_gone: "A file of this report is no longer on this phone. Please remove it and choose it again.", "لم يعد أحد ملفات هذا البلاغ موجوداً على هذا الهاتف. يرجى إزالته واختياره مرة أخرى.";
    same_incident: "Report another person killed in the same incident", "الإبلاغ عن شخص آخر قُتل في الحادثة نفسها";
    send_then_another: "Send, then report another person killed in the same incident", "إرسال، ثم الإبلاغ عن شخص آخر قُتل في الحادثة نفسها";
    next_victim_note: "Report {code} is kept on this phone and is being sent. This is a new report, for another person killed in the same incident: the incident and your own details are filled in. Check them and change what differs.", "البلاغ {code} محفوظ على هذا الهاتف وجارٍ إرساله. هذا بلاغ جديد عن شخص آخر قُتل في الحادثة نفسها: بيانات الحادثة وبياناتك معبأة مسبقاً. راجعها وغيّر ما يختلف.";
    uploads_heading: "Files being sent", "الملفات قيد الإرسال";
    uploads_done_heading: "Files", "الملفات";
    uploads_hint: "Files go after the report. If the connection drops, they continue from where they stopped, even if you close this page and come back later.", "تُرسل الملفات بعد البلاغ. إذا انقطع الاتصال تستأنف من حيث توقفت، حتى لو أغلقت الصفحة وعدت لاحقاً.";
    uploads_total: "Sent {done} of {total}", "أُرسل {done} من {total}";
    comma: ", ", "، ";
    time_left: "about {time} left", "يتبقى نحو {time}";
    minutes: "{n} min", "{n} دقيقة";
    under_minute: "less than a minute", "أقل من دقيقة";
    pause: "Pause", "إيقاف مؤقت";
    resume: "Resume", "استئناف";
    paused: "Paused.", "متوقف مؤقتاً.";
    cancel_file: "Do not send", "عدم الإرسال";
    files_sent: "All files were sent.", "أُرسلت جميع الملفات.";
    file_refused: "The server refused this file. Please contact the organization.", "رفض الخادم هذا الملف. يرجى التواصل مع المنظمة.";
    megabytes: "{n} MB", "{n} ميغابايت";
    kilobytes: "{n} KB", "{n} كيلوبايت";
    link: "Link", "رابط";
    add_link: "Add another link", "إضافة رابط آخر";
    unknown_party: "I don't know", "لا أعرف";
    list_sep: ", ", "، ";
}

pub fn text(lang: Lang) -> &'static FormText {
    FormText::get(lang)
}

/// ASCII digits in the interface's digit system (one system per page): "٢٫٤", "2.4".
pub fn digits(lang: Lang, ascii: &str) -> String {
    match lang {
        Lang::Ar => sijil_core::digits::DigitSystem::ArabicIndic.apply(ascii),
        Lang::En => ascii.to_owned(),
    }
}

/// A count in the interface's digits ("الخطوة ٢", "Step 2").
pub fn num(lang: Lang, n: usize) -> String {
    digits(lang, &n.to_string())
}

/// A size in the interface's digits: "2.4 MB", "٢٫٤ ميغابايت".
pub fn size(lang: Lang, bytes: u64) -> String {
    let t = text(lang);
    let (n, unit) = if bytes >= 1024 * 1024 {
        (format!("{:.1}", bytes as f64 / 1_048_576.0), t.megabytes)
    } else {
        (format!("{}", bytes.div_ceil(1024)), t.kilobytes)
    };
    let n = match lang {
        Lang::Ar => digits(lang, &n).replace('.', "\u{66b}"),
        Lang::En => n,
    };
    unit.replace("{n}", &n)
}
