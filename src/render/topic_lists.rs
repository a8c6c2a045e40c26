//! Topics as the home, topics and search pages list them: by category,
//! each with its number of sessions, and the topics no session covers yet.

use serde::Serialize;

use crate::edition::urls;
use crate::vocab::Category;

use super::ctx::Ctx;
use super::text::Text;

/// A category with its topics, for the home and topics pages.
#[derive(Debug, Serialize)]
pub struct CategoryView {
    /// Its name.
    pub label: Text,
    /// One sentence about it.
    pub intro: Text,
    /// `funding`, ... (an anchor on the topics page).
    pub slug: &'static str,
    /// Its topics.
    pub topics: Vec<TopicItem>,
}

/// A topic in a list, with how many sessions cover it.
#[derive(Debug, Serialize)]
pub struct TopicItem {
    /// Its title.
    pub label: Text,
    /// Its page.
    pub url: String,
    /// Number of sessions, in words (`3 sessions`).
    pub count: Text,
    /// Its description.
    pub description: Option<Text>,
}

/// Every category that has topics with sessions, and those topics.
pub fn categories(ctx: &Ctx) -> Vec<CategoryView> {
    Category::ALL
        .iter()
        .map(|category| CategoryView {
            label: ctx.text(&format!("category_{category}")),
            intro: ctx.text(&format!("category_{category}_intro")),
            slug: category.as_str(),
            topics: topic_items(ctx, |t, sessions| t.category == *category && sessions > 0),
        })
        .filter(|c| !c.topics.is_empty())
        .collect()
}

/// The topics no session has covered yet: listed apart, not as "0 sessions".
pub fn uncovered_topics(ctx: &Ctx) -> Vec<TopicItem> {
    topic_items(ctx, |_, sessions| sessions == 0)
}

/// The topics `keep` keeps, given each and its number of sessions.
fn topic_items(ctx: &Ctx, keep: impl Fn(&crate::site::Topic, usize) -> bool) -> Vec<TopicItem> {
    ctx.site
        .topics
        .iter()
        .filter_map(|t| {
            let sessions = ctx.relations.clinics_by_topic.get(&t.slug);
            let sessions = sessions.map_or(0, Vec::len);
            keep(t, sessions).then(|| topic_item(ctx, t, sessions))
        })
        .collect()
}

/// A topic in a list, with its number of sessions.
fn topic_item(ctx: &Ctx, topic: &crate::site::Topic, sessions: usize) -> TopicItem {
    let text = topic.text.get(ctx.lang).1;
    let block = super::translated::block_in_its_language;
    TopicItem {
        label: block(ctx, &topic.text, "title", &text.title),
        url: ctx.url(&urls::topic(&topic.slug)),
        count: ctx.plural_text("topic_session_count", sessions),
        description: text
            .description
            .as_deref()
            .map(|d| block(ctx, &topic.text, "description", d)),
    }
}

/// The topics page: covered topics by category, then the rest.
#[derive(Debug, Serialize)]
pub struct TopicsPage {
    /// Categories with the topics sessions have covered.
    pub categories: Vec<CategoryView>,
    /// Topics no session has covered yet.
    pub uncovered: Vec<TopicItem>,
}
