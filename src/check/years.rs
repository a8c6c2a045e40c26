//! The years a date may have. Every date a page shows, and every end time
//! a session's length is added to, stays far from the limits of the date
//! arithmetic (year 9999 made a renderer panic), so the check stage keeps
//! dates to [`YEARS`] and reports the rest at their line.

/// The years a date may have (in UTC). Every date a page shows, and every
/// end time it adds a duration to, stays far from the limits of the date
/// arithmetic, so no renderer can overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// What is wrong with a date whose year (in UTC) is `year`, `None` when
/// it can't be counted at all: a message and a hint, or nothing when the
/// year lies in [`YEARS`].
pub fn problem(written: &str, year: Option<i32>) -> Option<(String, &'static str)> {
    if year.is_some_and(|y| YEARS.contains(&y)) {
        return None;
    }
    Some((
        format!(
            "`{}` is outside the years tandem supports ({} to {})",
            written.trim(),
            YEARS.start(),
            YEARS.end()
        ),
        "check the year: sessions and issues are dated between 1900 and 2200",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_is_inclusive() {
        assert!(problem("x", Some(1900)).is_none() && problem("x", Some(2200)).is_none());
        assert!(problem("x", Some(1899)).is_some() && problem("x", Some(2201)).is_some());
        assert!(problem("x", None).is_some());
    }
}
