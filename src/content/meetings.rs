//! Board meetings: what identifies one (its board and date), its address, and its
//! time of day in UK time, for the meeting pages and `meetings.ics`.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// Where a meeting's page is when no `kind: meeting` page is written for it:
/// `meetings/2024-11-12-lancashire-health-and-wellbeing-board/`.
pub fn generated_url(board: &str, date: super::front_matter::Date) -> String {
    format!("meetings/{date}-{}/", super::slug::slugify(board))
}

/// `"10:00"` or `"9:30"`, the 24-hour clock.
pub fn parse_time(text: &str) -> Option<Time> {
    let (h, m) = text.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Time::from_hms(h.parse().ok()?, m.parse().ok()?, 0).ok()
}

/// The last Sunday of a month.
fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let mut d =
        Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).ok()?;
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day()?;
    }
    Some(d)
}

/// A time of day in the UK on `date` as a moment: British Summer Time (UTC+1) from
/// 01:00 UTC on the last Sunday in March to 01:00 UTC on the last Sunday in October,
/// Greenwich Mean Time (UTC) otherwise.
pub fn london(date: Date, at: Time) -> Option<OffsetDateTime> {
    let local = PrimitiveDateTime::new(date, at);
    let start = PrimitiveDateTime::new(
        last_sunday(date.year(), Month::March)?,
        Time::from_hms(1, 0, 0).ok()?,
    );
    let end = PrimitiveDateTime::new(
        last_sunday(date.year(), Month::October)?,
        Time::from_hms(1, 0, 0).ok()?,
    );
    // Judged by the local time less an hour (UTC if it is summer): near enough for
    // the hour around each change, which no board meets in.
    let utc_if_summer = local - time::Duration::hours(1);
    let summer = utc_if_summer >= start && utc_if_summer < end;
    let offset = UtcOffset::from_hms(i8::from(summer), 0, 0).ok()?;
    Some(local.assume_offset(offset).to_offset(UtcOffset::UTC))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    #[test]
    fn times() {
        assert_eq!(parse_time("10:00"), Some(time!(10:00)));
        assert_eq!(parse_time("9:30"), Some(time!(9:30)));
        for bad in ["25:00", "10", "10:0", "ten", "10:00:00", ":30"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn uk_time_in_winter_and_summer() {
        assert_eq!(
            london(date!(2024 - 11 - 12), time!(10:00)),
            Some(datetime!(2024-11-12 10:00 UTC))
        );
        assert_eq!(
            london(date!(2025 - 07 - 15), time!(10:00)),
            Some(datetime!(2025-07-15 09:00 UTC))
        );
        // 2025: summer time from 30 March to 26 October.
        assert_eq!(
            london(date!(2025 - 03 - 29), time!(14:00)),
            Some(datetime!(2025-03-29 14:00 UTC))
        );
        assert_eq!(
            london(date!(2025 - 03 - 31), time!(14:00)),
            Some(datetime!(2025-03-31 13:00 UTC))
        );
        assert_eq!(
            london(date!(2025 - 10 - 27), time!(14:00)),
            Some(datetime!(2025-10-27 14:00 UTC))
        );
    }

    #[test]
    fn generated_addresses() {
        let d = super::super::front_matter::Date::parse("2024-11-12").unwrap();
        assert_eq!(
            generated_url("Lancashire Health and Wellbeing Board", d),
            "meetings/2024-11-12-lancashire-health-and-wellbeing-board/"
        );
    }
}
