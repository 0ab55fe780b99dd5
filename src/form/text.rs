//! The form's interface text in Arabic and English, kept apart from the widgets' strings so
//! neither page carries the other's words. Choice labels come from the core's choice lists.

use sijil_core::lang::Lang;

macro_rules! strings {
    ($($key:ident: $en:literal, $ar:literal;)+) => {
        pub struct FormText { $(pub $key: &'static str,)+ }
        const EN: FormText = FormText { $($key: $en,)+ };
        const AR: FormText = FormText { $($key: $ar,)+ };
    };
}

strings! {
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
    evidence_intro: "Links to photos, videos or posts (http or https), one per box. Files cannot be attached yet.", "روابط لصور أو مقاطع فيديو أو منشورات (http أو https)، رابط في كل خانة. لا يمكن إرفاق ملفات بعد.";
    link: "Link", "رابط";
    add_link: "Add another link", "إضافة رابط آخر";
    unknown_party: "I don't know", "لا أعرف";
}

pub fn text(lang: Lang) -> &'static FormText {
    match lang {
        Lang::Ar => &AR,
        Lang::En => &EN,
    }
}

/// A count in the interface's digits ("الخطوة ٢", "Step 2").
pub fn num(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ar => sijil_core::digits::DigitSystem::ArabicIndic.apply(&n.to_string()),
        Lang::En => n.to_string(),
    }
}
