//! Interface strings in Arabic and English.
//!
//! Each language is one value of [`Strings`], so a string missing in one language is a compile
//! error rather than an English word in the middle of an Arabic page.

use sijil_core::lang::Lang;

pub struct Strings {
    pub widget_glance: &'static str,
    pub widget_parties: &'static str,
    pub widget_governorates: &'static str,
    pub widget_trend: &'static str,
    pub widget_torture: &'static str,
    pub widget_massacres: &'static str,
    pub stat_civilians: &'static str,
    pub stat_children: &'static str,
    pub stat_women: &'static str,
    pub stat_torture: &'static str,
    pub stat_massacres: &'static str,
    pub not_published: &'static str,
    pub source: &'static str,
    pub report: &'static str,
    pub show_table: &'static str,
    pub show_chart: &'static str,
    pub download_csv: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub col_month: &'static str,
    pub col_party: &'static str,
    pub col_total: &'static str,
    pub other_parties_show: &'static str,
    pub other_parties_hide: &'static str,
    pub loading: &'static str,
    pub unreachable: &'static str,
    pub unreadable: &'static str,
    pub details_publisher: &'static str,
    pub retry: &'static str,
    pub stale_copy: &'static str,
    pub month_not_found: &'static str,
    pub section_not_published: &'static str,
    pub range_label: &'static str,
    pub range_all: &'static str,
    pub documented_minimum: &'static str,
    pub warnings_label: &'static str,
    pub updated: &'static str,
    pub methodology: &'static str,
    pub about_data: &'static str,
    pub licence: &'static str,
    /// The licence row of a CSV: the feed names none, so the publisher's terms apply.
    pub licence_terms: &'static str,
    /// "Last {} months", the number written in the reader's digits.
    pub range_last_n: &'static str,
    /// Between the publisher's link and the report's.
    pub list_sep: &'static str,
    /// Said for months that could not be read when which months they are is unknown.
    pub some_months: &'static str,
}

const AR: Strings = Strings {
    widget_glance: "الشهر في لمحة",
    widget_parties: "الضحايا حسب الجهة المسؤولة",
    widget_governorates: "الضحايا حسب المحافظة",
    widget_trend: "الضحايا المدنيون شهريًا",
    widget_torture: "الوفيات بسبب التعذيب",
    widget_massacres: "المجازر",
    stat_civilians: "مدنيون",
    stat_children: "أطفال",
    stat_women: "سيدات",
    stat_torture: "بسبب التعذيب",
    stat_massacres: "مجازر",
    not_published: "لم يُنشر",
    source: "المصدر:",
    report: "التقرير",
    show_table: "عرض الجدول",
    show_chart: "عرض الرسم",
    download_csv: "تنزيل CSV",
    download_svg: "تنزيل SVG",
    download_png: "تنزيل PNG",
    col_month: "الشهر",
    col_party: "الجهة",
    col_total: "المجموع",
    other_parties_show: "عرض التفاصيل",
    other_parties_hide: "إخفاء التفاصيل",
    loading: "جارٍ تحميل البيانات…",
    unreachable: "تعذّر تحميل الأرقام. تحقّق من الاتصال ثم أعد المحاولة.",
    unreadable: "تعذّرت قراءة الأرقام. الخطأ في ملف البيانات المنشور، لا في جهازك ولا في اتصالك.",
    details_publisher: "تفاصيل للناشر",
    retry: "إعادة المحاولة",
    stale_copy: "نسخة محفوظة على هذا الجهاز من",
    month_not_found: "لا توجد بيانات لهذا الشهر:",
    section_not_published: "لم تُنشر هذه الأرقام لهذا الشهر.",
    range_label: "الفترة",
    range_all: "كل الأشهر",
    documented_minimum: "أرقام موثّقة بالاسم؛ هي الحد الأدنى وليست العدد الكامل.",
    warnings_label: "ملاحظات على الأرقام",
    updated: "حُدّثت البيانات في",
    methodology: "المنهجية",
    about_data: "عن هذه الأرقام",
    licence: "الترخيص",
    licence_terms: "شروط الناشر؛ اذكر المصدر",
    range_last_n: "آخر {} شهرًا",
    list_sep: "، ",
    some_months: "بعض الأشهر",
};

const EN: Strings = Strings {
    widget_glance: "Month at a glance",
    widget_parties: "Civilians killed by perpetrator",
    widget_governorates: "Civilians killed by governorate",
    widget_trend: "Civilians killed per month",
    widget_torture: "Deaths under torture",
    widget_massacres: "Massacres",
    stat_civilians: "Civilians",
    stat_children: "Children",
    stat_women: "Women",
    stat_torture: "Under torture",
    stat_massacres: "Massacres",
    not_published: "not published",
    source: "Source:",
    report: "report",
    show_table: "Show table",
    show_chart: "Show chart",
    download_csv: "Download CSV",
    download_svg: "Download SVG",
    download_png: "Download PNG",
    col_month: "Month",
    col_party: "Party",
    col_total: "Total",
    other_parties_show: "Show breakdown",
    other_parties_hide: "Hide breakdown",
    loading: "Loading the figures…",
    unreachable: "The figures could not be loaded. Check the connection and try again.",
    unreadable: "The figures could not be read. The mistake is in the published data file, not on your device or your connection.",
    details_publisher: "Details for the publisher",
    retry: "Retry",
    stale_copy: "Copy saved on this device from",
    month_not_found: "No figures for this month:",
    section_not_published: "These figures were not published for this month.",
    range_label: "Period",
    range_all: "All months",
    documented_minimum: "Documented by name: a minimum, not the full toll.",
    warnings_label: "Notes on the figures",
    updated: "Data updated",
    methodology: "Methodology",
    about_data: "About these figures",
    licence: "Licence",
    licence_terms: "The publisher's terms; credit the source",
    range_last_n: "Last {} months",
    list_sep: ", ",
    some_months: "some months",
};

/// Strings only the time-series page uses (its legend, its notes, its definition breaks): kept
/// apart so the other widget pages' wasm does not carry them.
pub struct SeriesStrings {
    /// Said at a definition break: from this month torture deaths are counted within, or in
    /// addition to, the civilian total.
    pub torture_included_from: &'static str,
    pub torture_added_from: &'static str,
    /// The bar charts' legend: a published 0, and the tick of an unpublished month.
    pub legend_zero: &'static str,
    pub legend_gap: &'static str,
    /// What a gap means, said under every series that has one.
    pub gaps_lines: &'static str,
    pub gaps_bars: &'static str,
}

const SERIES_AR: SeriesStrings = SeriesStrings {
    torture_included_from:
        "تغيّر التعريف: منذ هذا الشهر تُحتسب الوفيات بسبب التعذيب ضمن مجموع المدنيين",
    torture_added_from:
        "تغيّر التعريف: منذ هذا الشهر تُحتسب الوفيات بسبب التعذيب إضافة إلى مجموع المدنيين",
    legend_zero: "صفر: لم يُوثَّق شيء",
    legend_gap: "لم يُنشر",
    gaps_lines: "انقطاع الخط يعني شهرًا لم يُنشر رقمه، لا صفرًا.",
    gaps_bars:
        "العلامة الرمادية تحت المحور تعني شهرًا لم يُنشر رقمه، وهو غير الصفر (خط رفيع على المحور).",
};

const SERIES_EN: SeriesStrings = SeriesStrings {
    torture_included_from: "Definition changes: from this month, deaths under torture are counted within the civilian total",
    torture_added_from: "Definition changes: from this month, deaths under torture are counted in addition to the civilian total",
    legend_zero: "0: none documented",
    legend_gap: "not published",
    gaps_lines: "A break in a line is a month whose figure was not published, not a zero.",
    gaps_bars: "A grey tick under the axis is a month whose figure was not published; a 0 is a thin line on the axis.",
};

pub fn series_strings(lang: Lang) -> &'static SeriesStrings {
    match lang {
        Lang::Ar => &SERIES_AR,
        Lang::En => &SERIES_EN,
    }
}

/// Strings only the glance page uses (its cards' labels and comparisons): kept apart so the
/// other widget pages' wasm does not carry them.
pub struct GlanceStrings {
    pub stat_media: &'static str,
    pub stat_medical: &'static str,
    pub stat_civil_defense: &'static str,
    pub at_least: &'static str,
    pub vs_previous: &'static str,
    pub no_change: &'static str,
    pub torture_not_included: &'static str,
}

const GLANCESTRINGS_AR: GlanceStrings = GlanceStrings {
    stat_media: "إعلاميون",
    stat_medical: "كوادر طبية",
    stat_civil_defense: "كوادر الدفاع المدني",
    at_least: "ما لا يقل عن",
    vs_previous: "مقارنة بـ",
    no_change: "دون تغيير",
    torture_not_included: "الوفيات بسبب التعذيب غير محتسبة ضمن مجموع المدنيين في هذا الشهر.",
};

const GLANCESTRINGS_EN: GlanceStrings = GlanceStrings {
    stat_media: "Media workers",
    stat_medical: "Medical personnel",
    stat_civil_defense: "Civil Defense personnel",
    at_least: "at least",
    vs_previous: "vs.",
    no_change: "no change",
    torture_not_included:
        "Deaths under torture are counted in addition to the civilian total this month.",
};

pub fn glance_strings(lang: Lang) -> &'static GlanceStrings {
    match lang {
        Lang::Ar => &GLANCESTRINGS_AR,
        Lang::En => &GLANCESTRINGS_EN,
    }
}

/// Strings only the governorates page uses (its table, notes and legend, and the word for a
/// governorate the month did not name): kept apart so the other widget pages' wasm does not
/// carry them.
pub struct MapStrings {
    pub col_governorate: &'static str,
    pub col_share: &'static str,
    pub gov_named: &'static str,
    pub gov_not_named: &'static str,
    pub approx: &'static str,
    pub credit_places: &'static str,
    pub col_approximate: &'static str,
    pub shade_count: &'static str,
    pub shade_share: &'static str,
}

const MAPSTRINGS_AR: MapStrings = MapStrings {
    col_governorate: "المحافظة",
    col_share: "النسبة",
    gov_named: "المحافظات المذكورة في التقرير:",
    gov_not_named: "غير مذكورة",
    approx: "تقريبًا",
    credit_places: "أسماء المحافظات: Open Admin Data ‏(CC BY 4.0)",
    col_approximate: "تقريبي",
    shade_count: "اللون: عدد الضحايا",
    shade_share: "اللون: النسبة من مجموع الشهر",
};

const MAPSTRINGS_EN: MapStrings = MapStrings {
    col_governorate: "Governorate",
    col_share: "Share",
    gov_named: "Governorates named in the report:",
    gov_not_named: "not named",
    approx: "approx.",
    credit_places: "Governorate names: Open Admin Data (CC BY 4.0)",
    col_approximate: "Approximate",
    shade_count: "Shade: civilians killed",
    shade_share: "Shade: share of the month's total",
};

pub fn map_strings(lang: Lang) -> &'static MapStrings {
    match lang {
        Lang::Ar => &MAPSTRINGS_AR,
        Lang::En => &MAPSTRINGS_EN,
    }
}

/// Strings only the site's own pages use (home, embed builder): kept apart so the widget's
/// wasm, which every embedding page downloads, does not carry them.
pub struct SiteStrings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub switch_to: &'static str,
    pub switch_lang_label: &'static str,
    pub widgets_title: &'static str,
    pub widgets_blurb: &'static str,
    pub form_title: &'static str,
    pub form_blurb: &'static str,
    pub privacy_note: &'static str,
    pub embed_title: &'static str,
    pub latest: &'static str,
    pub embed_lead: &'static str,
    pub embed_widget: &'static str,
    pub embed_month: &'static str,
    pub embed_lang: &'static str,
    pub embed_digits: &'static str,
    pub embed_theme: &'static str,
    pub digits_arab: &'static str,
    pub digits_latn: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    /// The builder's control for `notes=off`: its label, then its two choices.
    pub embed_notes: &'static str,
    pub notes_show: &'static str,
    pub notes_hide: &'static str,
    pub snippet_iframe: &'static str,
    pub snippet_script: &'static str,
    pub snippet_csp: &'static str,
    /// Which snippet to use (before `{origin}`, then after it).
    pub snippet_which: [&'static str; 2],
    pub preview: &'static str,
    pub preview_width: &'static str,
    pub preview_full: &'static str,
    pub preview_phone: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub open_embed: &'static str,
    /// The link from the home page to the family form.
    pub open_form: &'static str,
    pub open_widgets: &'static str,
}

const SITE_AR: SiteStrings = SiteStrings {
    app_name: "سجل",
    tagline: "توثيق الضحايا المدنيين في سوريا: إحصاءات شهرية ونموذج لذوي الضحايا.",
    switch_to: "English",
    switch_lang_label: "Switch to English",
    widgets_title: "الإحصاءات الشهرية",
    widgets_blurb: "رسوم بيانية لأعداد الضحايا المدنيين الموثقة كل شهر، قابلة للتضمين في أي موقع.",
    form_title: "نموذج ذوي الضحايا",
    form_blurb: "أرسلوا بيانات الضحية إلى فريق التوثيق بشكل مشفّر، حتى مع اتصال ضعيف.",
    privacy_note: "لا تُرسل هذه الصفحة أي طلب إلى جهات خارجية.",
    embed_title: "تضمين الرسوم البيانية",
    latest: "الأحدث",
    embed_lead: "اختر الرسم والشهر واللغة، ثم انسخ الشيفرة إلى صفحتك. يعرض الإطار نفسه بأمان ويضبط ارتفاعه تلقائيًا.",
    embed_widget: "الرسم",
    embed_month: "الشهر",
    embed_lang: "اللغة",
    embed_digits: "الأرقام",
    embed_theme: "المظهر",
    digits_arab: "عربية هندية (١٢٣)",
    digits_latn: "لاتينية (123)",
    theme_auto: "حسب الجهاز",
    theme_light: "فاتح",
    theme_dark: "داكن",
    embed_notes: "الملاحظات",
    notes_show: "تظهر",
    notes_hide: "تُخفى (أشرحها في نصّي)",
    snippet_iframe: "شيفرة iframe",
    snippet_script: "شيفرة script",
    snippet_csp: "شيفرة iframe لمواقع ذات سياسة أمان محتوى (CSP) صارمة",
    snippet_which: [
        "أي شيفرة أستخدم؟ شيفرة iframe الأولى تعمل في معظم المواقع. إذا كانت صفحتك ترسل سياسة أمان محتوى (Content-Security-Policy) تمنع السكربتات أو الأنماط المضمّنة، فاستخدم شيفرة CSP الصارمة: لا تحتوي سكربتًا ولا نمطًا مضمّنًا، وتحتاج أن تسمح سياستك بالمصدر ",
        " في script-src وframe-src. شيفرة script تُنشئ الإطار بنفسها وتحتاج الإذن نفسه.",
    ],
    preview: "معاينة",
    preview_width: "عرض المعاينة",
    preview_full: "عرض الصفحة",
    preview_phone: "هاتف (٣٦٠ بكسل)",
    copy: "نسخ",
    copied: "تم النسخ",
    open_embed: "تضمين رسم في موقعك",
    open_form: "افتحوا استمارة الإبلاغ",
    open_widgets: "عرض الرسوم",
};

const SITE_EN: SiteStrings = SiteStrings {
    app_name: "Sijil",
    tagline: "Documenting civilian victims in Syria: monthly statistics and a form for victims' families.",
    switch_to: "العربية",
    switch_lang_label: "التبديل إلى العربية",
    widgets_title: "Monthly statistics",
    widgets_blurb: "Charts of the civilian deaths documented each month, embeddable on any site.",
    form_title: "Family form",
    form_blurb: "Send a victim's details to the documentation team, encrypted, even on a poor connection.",
    privacy_note: "This page makes no request to any third party.",
    embed_title: "Embed a chart",
    latest: "Latest",
    embed_lead: "Pick a chart, month and language, then copy the code into your page. The frame shows itself safely and adjusts its own height.",
    embed_widget: "Chart",
    embed_month: "Month",
    embed_lang: "Language",
    embed_digits: "Digits",
    embed_theme: "Theme",
    digits_arab: "Arabic-Indic (١٢٣)",
    digits_latn: "Latin (123)",
    theme_auto: "Follow the device",
    theme_light: "Light",
    theme_dark: "Dark",
    embed_notes: "Notes",
    notes_show: "Show",
    notes_hide: "Hide (I explain the figures in my text)",
    snippet_iframe: "iframe code",
    snippet_script: "script-tag code",
    snippet_csp: "iframe code for sites with a strict Content-Security-Policy",
    snippet_which: [
        "Which code to use? The first iframe code works on most sites. If your page sends a Content-Security-Policy that blocks inline scripts or styles, use the strict-CSP code: it has no inline script and no inline style, and needs your policy to allow ",
        " in script-src and frame-src. The script-tag code creates the frame itself and needs the same permission.",
    ],
    preview: "Preview",
    preview_width: "Preview width",
    preview_full: "Page width",
    preview_phone: "Phone (360 px)",
    copy: "Copy",
    copied: "Copied",
    open_embed: "Embed a chart on your site",
    open_form: "Open the family form",
    open_widgets: "View the charts",
};

pub fn site_strings(lang: Lang) -> &'static SiteStrings {
    match lang {
        Lang::Ar => &SITE_AR,
        Lang::En => &SITE_EN,
    }
}

/// The words every drawn chart writes (see [`sijil_core::chart::draw`]).
pub fn chart_words(lang: Lang) -> sijil_core::chart::draw::Words<'static> {
    let s = strings(lang);
    sijil_core::chart::draw::Words {
        not_published: s.not_published,
        children: s.stat_children,
        women: s.stat_women,
        // Filled in by the pages that draw them (`series_strings`, `map_strings`), so the
        // other pages do not carry their text.
        not_named: "",
        shade_count: "",
        shade_share: "",
        torture_included_from: "",
        torture_added_from: "",
    }
}

impl Strings {
    /// A widget's title.
    pub fn widget_title(&self, k: sijil_core::embed::WidgetKind) -> &'static str {
        use sijil_core::embed::WidgetKind;
        match k {
            WidgetKind::Glance => self.widget_glance,
            WidgetKind::Parties => self.widget_parties,
            WidgetKind::Governorates => self.widget_governorates,
            WidgetKind::Trend => self.widget_trend,
            WidgetKind::Torture => self.widget_torture,
            WidgetKind::Massacres => self.widget_massacres,
        }
    }
}

/// "Last 12 months" / "آخر ١٢ شهرًا", the number in the reader's digits.
pub fn range_last(fmt: &crate::format::Fmt, n: u16) -> String {
    strings(fmt.lang)
        .range_last_n
        .replace("{}", &fmt.plain(&n.to_string()))
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Ar => &AR,
        Lang::En => &EN,
    }
}
