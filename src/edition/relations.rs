//! Who links to whom, computed once per build from the checked site: the
//! lists of sessions by level, sharer and topic, in reading order, and each
//! slug's position.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use time::Date;

use crate::site::Site;
use crate::vocab::Level;

/// Who links to whom, computed once per build (indexes into the site's lists).
/// Lists of clinics are in reading order: upcoming sessions first (soonest
/// first), then past ones (latest first).
#[derive(Debug, Default)]
pub struct Relations {
    /// Every clinic, for the calendar.
    pub calendar: Vec<usize>,
    /// Level → clinics tagged with it.
    pub clinics_by_level: BTreeMap<Level, Vec<usize>>,
    /// Sharer slug → clinics naming them.
    pub clinics_by_sharer: BTreeMap<String, Vec<usize>>,
    /// Topic slug → clinics on it.
    pub clinics_by_topic: BTreeMap<String, Vec<usize>>,
    /// Topic slug → sharers who list it as a skill.
    pub sharers_by_topic: BTreeMap<String, Vec<usize>>,
    /// How many of the first clinics of `calendar` are upcoming.
    pub upcoming: usize,
    /// Sharer slug → position in the site's sharers: every clinic page,
    /// card and search document names a few, and searching the list for
    /// each was about 1 % of a build.
    pub sharer_positions: FxHashMap<String, usize>,
    /// Topic slug → position in the site's topics.
    pub topic_positions: FxHashMap<String, usize>,
}

impl Relations {
    /// Builds the indexes; `today` splits upcoming from past sessions.
    pub fn new(site: &Site, today: Date) -> Self {
        let is_upcoming = |i: usize| super::dates::utc(site.clinics[i].date).date() >= today;
        let mut calendar: Vec<usize> = (0..site.clinics.len())
            .filter(|&i| is_upcoming(i))
            .collect();
        let upcoming = calendar.len();
        calendar.extend((0..site.clinics.len()).rev().filter(|&i| !is_upcoming(i)));
        let mut relations = Relations {
            upcoming,
            sharer_positions: positions(site.sharers.iter().map(|s| &s.slug)),
            topic_positions: positions(site.topics.iter().map(|t| &t.slug)),
            ..Relations::default()
        };
        for &index in &calendar {
            let clinic = &site.clinics[index];
            for level in &clinic.levels {
                relations
                    .clinics_by_level
                    .entry(*level)
                    .or_default()
                    .push(index);
            }
            for slug in &clinic.sharers {
                relations
                    .clinics_by_sharer
                    .entry(slug.clone())
                    .or_default()
                    .push(index);
            }
            for slug in &clinic.topics {
                relations
                    .clinics_by_topic
                    .entry(slug.clone())
                    .or_default()
                    .push(index);
            }
        }
        for (index, sharer) in site.sharers.iter().enumerate() {
            for slug in &sharer.skills {
                relations
                    .sharers_by_topic
                    .entry(slug.clone())
                    .or_default()
                    .push(index);
            }
        }
        relations.calendar = calendar;
        relations
    }
}

/// Each slug with its position in the list.
fn positions<'s>(slugs: impl Iterator<Item = &'s String>) -> FxHashMap<String, usize> {
    slugs
        .enumerate()
        .map(|(i, slug)| (slug.clone(), i))
        .collect()
}
