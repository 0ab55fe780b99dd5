//! The form's steps and which of them are shown: the detention step only when the death was in
//! detention (method "torture or death in detention") or the user said the victim was detained.

use super::choices::{Method, YesNoUnknown};
use super::input::FormInput;
use sijil_core::lang::Lang;

/// One page of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    AboutYou,
    Victim,
    Death,
    Detention,
    Evidence,
    Review,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::AboutYou,
        Step::Victim,
        Step::Death,
        Step::Detention,
        Step::Evidence,
        Step::Review,
    ];

    /// Stable id: stored in drafts, and the prefix of the step's field ids.
    pub fn id(self) -> &'static str {
        match self {
            Step::AboutYou => "about_you",
            Step::Victim => "victim",
            Step::Death => "death",
            Step::Detention => "detention",
            Step::Evidence => "evidence",
            Step::Review => "review",
        }
    }

    pub fn from_id(id: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The step's heading.
    pub fn title(self, lang: Lang) -> &'static str {
        let t = StepTitles::get(lang);
        match self {
            Step::AboutYou => t.about_you,
            Step::Victim => t.victim,
            Step::Death => t.death,
            Step::Detention => t.detention,
            Step::Evidence => t.evidence,
            Step::Review => t.review,
        }
    }
}

sijil_core::texts! {
    /// The steps' headings.
    StepTitles;
    about_you: "About you", "عنك";
    victim: "The victim", "الضحية";
    death: "The death", "الوفاة";
    detention: "Detention", "الاعتقال";
    evidence: "Evidence", "الأدلة";
    review: "Review and send", "المراجعة والإرسال";
}

/// Whether the detention step applies to what has been answered so far.
pub fn detention_applies(input: &FormInput) -> bool {
    Method::from_id(input.death.method.trim()) == Some(Method::TortureDetention)
        || YesNoUnknown::from_id(input.death.detained.trim()) == Some(YesNoUnknown::Yes)
}

/// The visible steps, in order.
pub fn steps(input: &FormInput) -> Vec<Step> {
    let detention = detention_applies(input);
    Step::ALL
        .into_iter()
        .filter(|&s| s != Step::Detention || detention)
        .collect()
}
