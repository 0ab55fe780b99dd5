//! Interface strings in Arabic and English.
//!
//! Each language is one value of [`Strings`], so a string missing in one language is a compile
//! error rather than an English word in the middle of an Arabic page.

use sijil_core::lang::Lang;

pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub switch_to: &'static str,
    pub switch_lang_label: &'static str,
    pub widgets_title: &'static str,
    pub widgets_blurb: &'static str,
    pub form_title: &'static str,
    pub form_blurb: &'static str,
    pub privacy_note: &'static str,
}

const AR: Strings = Strings {
    app_name: "سجل",
    tagline: "توثيق الضحايا المدنيين في سوريا: إحصاءات شهرية ونموذج لذوي الضحايا.",
    switch_to: "English",
    switch_lang_label: "Switch to English",
    widgets_title: "الإحصاءات الشهرية",
    widgets_blurb: "رسوم بيانية لأعداد الضحايا المدنيين الموثقة كل شهر، قابلة للتضمين في أي موقع.",
    form_title: "نموذج ذوي الضحايا",
    form_blurb: "أرسلوا بيانات الضحية إلى فريق التوثيق بشكل مشفّر، حتى مع اتصال ضعيف.",
    privacy_note: "لا تُرسل هذه الصفحة أي طلب إلى جهات خارجية.",
};

const EN: Strings = Strings {
    app_name: "Sijil",
    tagline: "Documenting civilian victims in Syria: monthly statistics and a form for victims' families.",
    switch_to: "العربية",
    switch_lang_label: "التبديل إلى العربية",
    widgets_title: "Monthly statistics",
    widgets_blurb: "Charts of the civilian deaths documented each month, embeddable on any site.",
    form_title: "Family form",
    form_blurb: "Send a victim's details to the documentation team, encrypted, even on a poor connection.",
    privacy_note: "This page makes no request to any third party.",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Ar => &AR,
        Lang::En => &EN,
    }
}
