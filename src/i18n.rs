//! The app's interface text in Arabic and English, written with [`sijil_core::texts!`]: the
//! widgets' common words ([`Strings`]), each widget page's own (kept apart so the other pages'
//! wasm does not carry them) and the site's. A text missing in one language does not compile.

use sijil_core::lang::Lang;

sijil_core::texts! {
    /// Words every widget page uses.
    Strings;
    widget_glance: "Month at a glance", "الشهر في لمحة";
    widget_parties: "Civilians killed by perpetrator", "الضحايا حسب الجهة المسؤولة";
    widget_governorates: "Civilians killed by governorate", "الضحايا حسب المحافظة";
    widget_trend: "Civilians killed per month", "الضحايا المدنيون شهريًا";
    widget_torture: "Deaths under torture", "الوفيات بسبب التعذيب";
    widget_massacres: "Massacres", "المجازر";
    stat_civilians: "Civilians", "مدنيون";
    stat_children: "Children", "أطفال";
    stat_women: "Women", "سيدات";
    stat_torture: "Under torture", "بسبب التعذيب";
    stat_massacres: "Massacres", "مجازر";
    not_published: "not published", "لم يُنشر";
    source: "Source:", "المصدر:";
    report: "report", "التقرير";
    show_table: "Show table", "عرض الجدول";
    show_chart: "Show chart", "عرض الرسم";
    download_csv: "Download CSV", "تنزيل CSV";
    download_svg: "Download SVG", "تنزيل SVG";
    download_png: "Download PNG", "تنزيل PNG";
    col_month: "Month", "الشهر";
    col_party: "Party", "الجهة";
    col_total: "Total", "المجموع";
    other_parties_show: "Show breakdown", "عرض التفاصيل";
    other_parties_hide: "Hide breakdown", "إخفاء التفاصيل";
    loading: "Loading the figures…", "جارٍ تحميل البيانات…";
    unreachable: "The figures could not be loaded. Check the connection and try again.", "تعذّر تحميل الأرقام. تحقّق من الاتصال ثم أعد المحاولة.";
    unreadable: "The figures could not be read. The mistake is in the published data file, not on your device or your connection.", "تعذّرت قراءة الأرقام. الخطأ في ملف البيانات المنشور، لا في جهازك ولا في اتصالك.";
    details_publisher: "Details for the publisher", "تفاصيل للناشر";
    retry: "Retry", "إعادة المحاولة";
    stale_copy: "Copy saved on this device from", "نسخة محفوظة على هذا الجهاز من";
    month_not_found: "No figures for this month:", "لا توجد بيانات لهذا الشهر:";
    section_not_published: "These figures were not published for this month.", "لم تُنشر هذه الأرقام لهذا الشهر.";
    range_label: "Period", "الفترة";
    range_all: "All months", "كل الأشهر";
    documented_minimum: "Documented by name: a minimum, not the full toll.", "أرقام موثّقة بالاسم؛ هي الحد الأدنى وليست العدد الكامل.";
    warnings_label: "Notes on the figures", "ملاحظات على الأرقام";
    updated: "Data updated", "حُدّثت البيانات في";
    methodology: "Methodology", "المنهجية";
    about_data: "About these figures", "عن هذه الأرقام";
    licence: "Licence", "الترخيص";
    /// The licence row of a CSV: the feed names none, so the publisher's terms apply.
    licence_terms: "The publisher's terms; credit the source", "شروط الناشر؛ اذكر المصدر";
    /// "Last {} months", the number written in the reader's digits.
    range_last_n: "Last {} months", "آخر {} شهرًا";
    /// Between the publisher's link and the report's.
    list_sep: ", ", "، ";
    /// Said for months that could not be read when which months they are is unknown.
    some_months: "some months", "بعض الأشهر";
}

sijil_core::texts! {
    /// Strings only the time-series page uses (its legend, its notes, its definition breaks): kept
    /// apart so the other widget pages' wasm does not carry them.
    SeriesStrings;
    /// Said at a definition break: from this month torture deaths are counted within, or in
    /// addition to, the civilian total.
    torture_included_from: "Definition changes: from this month, deaths under torture are counted within the civilian total", "تغيّر التعريف: منذ هذا الشهر تُحتسب الوفيات بسبب التعذيب ضمن مجموع المدنيين";
    torture_added_from: "Definition changes: from this month, deaths under torture are counted in addition to the civilian total", "تغيّر التعريف: منذ هذا الشهر تُحتسب الوفيات بسبب التعذيب إضافة إلى مجموع المدنيين";
    /// The bar charts' legend: a published 0, and the tick of an unpublished month.
    legend_zero: "0: none documented", "صفر: لم يُوثَّق شيء";
    legend_gap: "not published", "لم يُنشر";
    /// What a gap means, said under every series that has one.
    gaps_lines: "A break in a line is a month whose figure was not published, not a zero.", "انقطاع الخط يعني شهرًا لم يُنشر رقمه، لا صفرًا.";
    gaps_bars: "A grey tick under the axis is a month whose figure was not published; a 0 is a thin line on the axis.", "العلامة الرمادية تحت المحور تعني شهرًا لم يُنشر رقمه، وهو غير الصفر (خط رفيع على المحور).";
}

pub fn series_strings(lang: Lang) -> &'static SeriesStrings {
    SeriesStrings::get(lang)
}

sijil_core::texts! {
    /// Strings only the glance page uses (its cards' labels and comparisons): kept apart so the
    /// other widget pages' wasm does not carry them.
    GlanceStrings;
    stat_media: "Media workers", "إعلاميون";
    stat_medical: "Medical personnel", "كوادر طبية";
    stat_civil_defense: "Civil Defense personnel", "كوادر الدفاع المدني";
    at_least: "at least", "ما لا يقل عن";
    vs_previous: "vs.", "مقارنة بـ";
    no_change: "no change", "دون تغيير";
    torture_not_included: "Deaths under torture are counted in addition to the civilian total this month.", "الوفيات بسبب التعذيب غير محتسبة ضمن مجموع المدنيين في هذا الشهر.";
}

pub fn glance_strings(lang: Lang) -> &'static GlanceStrings {
    GlanceStrings::get(lang)
}

sijil_core::texts! {
    /// Strings only the governorates page uses (its table, notes and legend, and the word for a
    /// governorate the month did not name): kept apart so the other widget pages' wasm does not
    /// carry them.
    MapStrings;
    col_governorate: "Governorate", "المحافظة";
    col_share: "Share", "النسبة";
    gov_named: "Governorates named in the report:", "المحافظات المذكورة في التقرير:";
    gov_not_named: "not named", "غير مذكورة";
    approx: "approx.", "تقريبًا";
    credit_places: "Governorate names: Open Admin Data (CC BY 4.0)", "أسماء المحافظات: Open Admin Data ‏(CC BY 4.0)";
    col_approximate: "Approximate", "تقريبي";
    shade_count: "Shade: civilians killed", "اللون: عدد الضحايا";
    shade_share: "Shade: share of the month's total", "اللون: النسبة من مجموع الشهر";
}

pub fn map_strings(lang: Lang) -> &'static MapStrings {
    MapStrings::get(lang)
}

sijil_core::texts! {
    /// Strings only the site's own pages use (home, embed builder): kept apart so the widget's
    /// wasm, which every embedding page downloads, does not carry them.
    SiteStrings;
    app_name: "Sijil", "سجل";
    tagline: "Documenting civilian victims in Syria: monthly statistics and a form for victims' families.", "توثيق الضحايا المدنيين في سوريا: إحصاءات شهرية ونموذج لذوي الضحايا.";
    switch_to: "العربية", "English";
    switch_lang_label: "التبديل إلى العربية", "Switch to English";
    widgets_title: "Monthly statistics", "الإحصاءات الشهرية";
    widgets_blurb: "Charts of the civilian deaths documented each month, embeddable on any site.", "رسوم بيانية لأعداد الضحايا المدنيين الموثقة كل شهر، قابلة للتضمين في أي موقع.";
    form_title: "Family form", "نموذج ذوي الضحايا";
    form_blurb: "Send a victim's details to the documentation team, encrypted, even on a poor connection.", "أرسلوا بيانات الضحية إلى فريق التوثيق بشكل مشفّر، حتى مع اتصال ضعيف.";
    privacy_note: "This page makes no request to any third party.", "لا تُرسل هذه الصفحة أي طلب إلى جهات خارجية.";
    embed_title: "Embed a chart", "تضمين الرسوم البيانية";
    latest: "Latest", "الأحدث";
    embed_lead: "Pick a chart, month and language, then copy the code into your page. The frame shows itself safely and adjusts its own height.", "اختر الرسم والشهر واللغة، ثم انسخ الشيفرة إلى صفحتك. يعرض الإطار نفسه بأمان ويضبط ارتفاعه تلقائيًا.";
    embed_widget: "Chart", "الرسم";
    embed_month: "Month", "الشهر";
    embed_lang: "Language", "اللغة";
    embed_digits: "Digits", "الأرقام";
    embed_theme: "Theme", "المظهر";
    digits_arab: "Arabic-Indic (١٢٣)", "عربية هندية (١٢٣)";
    digits_latn: "Latin (123)", "لاتينية (123)";
    theme_auto: "Follow the device", "حسب الجهاز";
    theme_light: "Light", "فاتح";
    theme_dark: "Dark", "داكن";
    /// The builder's control for `notes=off`: its label, then its two choices.
    embed_notes: "Notes", "الملاحظات";
    notes_show: "Show", "تظهر";
    notes_hide: "Hide (I explain the figures in my text)", "تُخفى (أشرحها في نصّي)";
    snippet_iframe: "iframe code", "شيفرة iframe";
    snippet_script: "script-tag code", "شيفرة script";
    snippet_csp: "iframe code for sites with a strict Content-Security-Policy", "شيفرة iframe لمواقع ذات سياسة أمان محتوى (CSP) صارمة";
    /// Which snippet to use: before the site's origin, then after it.
    snippet_which: "Which code to use? The first iframe code works on most sites. If your page sends a Content-Security-Policy that blocks inline scripts or styles, use the strict-CSP code: it has no inline script and no inline style, and needs your policy to allow ", "أي شيفرة أستخدم؟ شيفرة iframe الأولى تعمل في معظم المواقع. إذا كانت صفحتك ترسل سياسة أمان محتوى (Content-Security-Policy) تمنع السكربتات أو الأنماط المضمّنة، فاستخدم شيفرة CSP الصارمة: لا تحتوي سكربتًا ولا نمطًا مضمّنًا، وتحتاج أن تسمح سياستك بالمصدر ";
    snippet_which_end: " in script-src and frame-src. The script-tag code creates the frame itself and needs the same permission.", " في script-src وframe-src. شيفرة script تُنشئ الإطار بنفسها وتحتاج الإذن نفسه.";
    preview: "Preview", "معاينة";
    preview_width: "Preview width", "عرض المعاينة";
    preview_full: "Page width", "عرض الصفحة";
    preview_phone: "Phone (360 px)", "هاتف (٣٦٠ بكسل)";
    copy: "Copy", "نسخ";
    copied: "Copied", "تم النسخ";
    open_embed: "Embed a chart on your site", "تضمين رسم في موقعك";
    /// The link from the home page to the family form.
    open_form: "Open the family form", "افتحوا استمارة الإبلاغ";
    open_widgets: "View the charts", "عرض الرسوم";
}

pub fn site_strings(lang: Lang) -> &'static SiteStrings {
    SiteStrings::get(lang)
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
    Strings::get(lang)
}
