//! Binding form controls to the raw form state: every control has a field id (also its DOM id,
//! which error messages link to), and these two functions read and write the raw value behind
//! an id. Booleans are `"true"`/`""`. Ids follow `sijil-report`'s error ids: a date is `death.date`
//! (its first box, the day) with `death.date.month`, `death.date.year`, `death.date.approximate`;
//! evidence links are `evidence.links[N]`.

use sijil_report::form::{DateInput, FormInput};

fn date_get(d: &DateInput, part: &str) -> Option<String> {
    Some(match part {
        "" | "day" => d.day.clone(),
        "month" => d.month.clone(),
        "year" => d.year.clone(),
        "approximate" => flag(d.approximate),
        _ => return None,
    })
}

fn date_set(d: &mut DateInput, part: &str, v: String) {
    match part {
        "" | "day" => d.day = v,
        "month" => d.month = v,
        "year" => d.year = v,
        "approximate" => d.approximate = v == "true",
        _ => {}
    }
}

/// `death.date` → `["death", "date", ""]` (the first box), `evidence.links[2]` →
/// `["evidence", "links", "2"]`.
fn split(id: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = id
        .split(['.', '[', ']'])
        .filter(|p| !p.is_empty())
        .collect();
    if matches!(
        parts.as_slice(),
        [_, "date" | "birth" | "arrest_date" | "learned_date"]
    ) {
        parts.push("");
    }
    parts
}

fn flag(b: bool) -> String {
    if b {
        "true".into()
    } else {
        String::new()
    }
}

/// The raw value behind a field id ("" for an unknown id).
pub fn get(i: &FormInput, id: &str) -> String {
    let (a, y, d, t, e) = (&i.about_you, &i.victim, &i.death, &i.detention, &i.evidence);
    let parts = split(id);
    match parts.as_slice() {
        ["about_you", "relationship"] => a.relationship.clone(),
        ["about_you", "name"] => a.name.clone(),
        ["about_you", "contact_ok"] => a.contact_ok.clone(),
        ["about_you", "contact_method"] => a.contact_method.clone(),
        ["about_you", "contact_value"] => a.contact_value.clone(),
        ["about_you", "consent_store"] => flag(a.consent_store),
        ["about_you", "consent_un"] => flag(a.consent_un),
        ["about_you", "consent_publish_name"] => flag(a.consent_publish_name),
        ["about_you", "follows"] => a.follows.clone(),
        ["victim", "first_name"] => y.first_name.clone(),
        ["victim", "father_name"] => y.father_name.clone(),
        ["victim", "grandfather_name"] => y.grandfather_name.clone(),
        ["victim", "family_name"] => y.family_name.clone(),
        ["victim", "full_name"] => y.full_name.clone(),
        ["victim", "mother_name"] => y.mother_name.clone(),
        ["victim", "nickname"] => y.nickname.clone(),
        ["victim", "latin_name"] => y.latin_name.clone(),
        ["victim", "sex"] => y.sex.clone(),
        ["victim", "age"] => y.age.clone(),
        ["victim", "birth", p] => date_get(&y.birth, p).unwrap_or_default(),
        ["victim", "civilian"] => y.civilian.clone(),
        ["victim", "occupation"] => y.occupation.clone(),
        ["victim", "professions", p] => flag(y.professions.iter().any(|x| x == p)),
        ["victim", "origin_governorate"] => y.origin_governorate.clone(),
        ["victim", "origin_town"] => y.origin_town.clone(),
        ["death", "date", p] => date_get(&d.date, p).unwrap_or_default(),
        ["death", "date_unknown"] => flag(d.date_unknown),
        ["death", "governorate"] => d.governorate.clone(),
        ["death", "district"] => d.district.clone(),
        ["death", "town"] => d.town.clone(),
        ["death", "method"] => d.method.clone(),
        ["death", "weapon"] => d.weapon.clone(),
        ["death", "party"] => d.party.clone(),
        ["death", "others_killed"] => d.others_killed.clone(),
        ["death", "detained"] => d.detained.clone(),
        ["death", "narrative"] => d.narrative.clone(),
        ["detention", "arrest_date", p] => date_get(&t.arrest_date, p).unwrap_or_default(),
        ["detention", "arresting_party"] => t.arresting_party.clone(),
        ["detention", "arrest_place"] => t.arrest_place.clone(),
        ["detention", "detention_place"] => t.detention_place.clone(),
        ["detention", "learned_how"] => t.learned_how.clone(),
        ["detention", "learned_date", p] => date_get(&t.learned_date, p).unwrap_or_default(),
        ["detention", "body_handed_over"] => t.body_handed_over.clone(),
        ["detention", "burial_place"] => t.burial_place.clone(),
        ["evidence", "links", n] => n
            .parse::<usize>()
            .ok()
            .and_then(|n| e.links.get(n).cloned())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// Writes the raw value behind a field id (unknown ids are ignored).
pub fn set(i: &mut FormInput, id: &str, v: String) {
    let parts = split(id);
    let (a, y, d, t) = (
        &mut i.about_you,
        &mut i.victim,
        &mut i.death,
        &mut i.detention,
    );
    match parts.as_slice() {
        ["about_you", "relationship"] => a.relationship = v,
        ["about_you", "name"] => a.name = v,
        ["about_you", "contact_ok"] => a.contact_ok = v,
        ["about_you", "contact_method"] => a.contact_method = v,
        ["about_you", "contact_value"] => a.contact_value = v,
        ["about_you", "consent_store"] => a.consent_store = v == "true",
        ["about_you", "consent_un"] => a.consent_un = v == "true",
        ["about_you", "consent_publish_name"] => a.consent_publish_name = v == "true",
        ["about_you", "follows"] => a.follows = v,
        ["victim", "first_name"] => y.first_name = v,
        ["victim", "father_name"] => y.father_name = v,
        ["victim", "grandfather_name"] => y.grandfather_name = v,
        ["victim", "family_name"] => y.family_name = v,
        ["victim", "full_name"] => y.full_name = v,
        ["victim", "mother_name"] => y.mother_name = v,
        ["victim", "nickname"] => y.nickname = v,
        ["victim", "latin_name"] => y.latin_name = v,
        ["victim", "sex"] => y.sex = v,
        ["victim", "age"] => y.age = v,
        ["victim", "birth", p] => date_set(&mut y.birth, p, v),
        ["victim", "civilian"] => y.civilian = v,
        ["victim", "occupation"] => y.occupation = v,
        ["victim", "professions", p] => {
            y.professions.retain(|x| x != p);
            if v == "true" {
                y.professions.push((*p).to_owned());
            }
        }
        ["victim", "origin_governorate"] => y.origin_governorate = v,
        ["victim", "origin_town"] => y.origin_town = v,
        ["death", "date", p] => date_set(&mut d.date, p, v),
        ["death", "date_unknown"] => d.date_unknown = v == "true",
        ["death", "governorate"] => {
            // A district belongs to one governorate: changing the governorate clears it.
            if d.governorate != v {
                d.district.clear();
            }
            d.governorate = v;
        }
        ["death", "district"] => d.district = v,
        ["death", "town"] => d.town = v,
        ["death", "method"] => d.method = v,
        ["death", "weapon"] => d.weapon = v,
        ["death", "party"] => d.party = v,
        ["death", "others_killed"] => d.others_killed = v,
        ["death", "detained"] => d.detained = v,
        ["death", "narrative"] => d.narrative = v,
        ["detention", "arrest_date", p] => date_set(&mut t.arrest_date, p, v),
        ["detention", "arresting_party"] => t.arresting_party = v,
        ["detention", "arrest_place"] => t.arrest_place = v,
        ["detention", "detention_place"] => t.detention_place = v,
        ["detention", "learned_how"] => t.learned_how = v,
        ["detention", "learned_date", p] => date_set(&mut t.learned_date, p, v),
        ["detention", "body_handed_over"] => t.body_handed_over = v,
        ["detention", "burial_place"] => t.burial_place = v,
        ["evidence", "links", n] => {
            if let Ok(n) = n.parse::<usize>() {
                let links = &mut i.evidence.links;
                if n < 20 {
                    if links.len() <= n {
                        links.resize(n + 1, String::new());
                    }
                    links[n] = v;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_written_reads_back() {
        let ids = [
            "about_you.relationship",
            "about_you.name",
            "about_you.contact_value",
            "about_you.follows",
            "victim.first_name",
            "victim.birth.year",
            "victim.age",
            "death.date",
            "death.date.month",
            "death.narrative",
            "detention.arrest_date",
            "detention.burial_place",
            "evidence.links[2]",
        ];
        let mut input = FormInput::default();
        for (n, id) in ids.iter().enumerate() {
            set(&mut input, id, format!("v{n}"));
        }
        for (n, id) in ids.iter().enumerate() {
            assert_eq!(get(&input, id), format!("v{n}"), "{id}");
        }
        set(&mut input, "about_you.consent_store", "true".into());
        assert!(input.about_you.consent_store);
        set(&mut input, "victim.professions.media", "true".into());
        assert_eq!(get(&input, "victim.professions.media"), "true");
        set(&mut input, "death.governorate", "SY02".into());
        set(&mut input, "death.district", "SY0200".into());
        set(&mut input, "death.governorate", "SY07".into());
        assert_eq!(
            input.death.district, "",
            "district cleared with its governorate"
        );
    }
}
