//! Open appointment times for the demo: every place, for each kind it holds, on weekdays over the
//! coming weeks, at the same local times (so summer and winter read alike on the office's clocks).
//! Topped up on each seed from the day after the last slot already there.

use crate::domain::office::PLACES;
use crate::error::AppError;
use crate::server::entities::appointment_slot;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder, Set};

/// How far ahead the demo has slots.
pub const DAYS_AHEAD: i64 = 42;
/// The local times of day each place opens a slot.
const TIMES: [(u32, u32); 5] = [(8, 0), (9, 30), (11, 0), (13, 30), (15, 0)];

pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let last = appointment_slot::Entity::find().order_by_desc(appointment_slot::Column::StartsAt).one(db).await?;
    let first_day = match last {
        Some(slot) if slot.starts_at > now => slot.starts_at.date_naive() + Duration::days(1),
        _ => now.date_naive() + Duration::days(1),
    };
    let mut rows = Vec::new();
    let mut day = first_day;
    while day <= now.date_naive() + Duration::days(DAYS_AHEAD) {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            for place in &PLACES {
                let zone: chrono_tz::Tz = place.time_zone.parse().expect("a place's zone is known");
                for kind in place.holds {
                    for (i, (hour, minute)) in TIMES.iter().enumerate() {
                        let local = day.and_time(NaiveTime::from_hms_opt(*hour, *minute, 0).expect("a time of day"));
                        let Some(at) = zone.from_local_datetime(&local).earliest() else { continue };
                        rows.push(appointment_slot::ActiveModel {
                            place_code: Set(place.code.to_owned()),
                            kind: Set(*kind),
                            starts_at: Set(at.with_timezone(&Utc)),
                            // Some times have one seat, some three: the demo shows both.
                            capacity: Set(1 + ((day.ordinal() as usize + i) % 3) as i32),
                            booked: Set(0),
                            ..Default::default()
                        });
                    }
                }
            }
        }
        day += Duration::days(1);
    }
    let created = rows.len();
    for chunk in rows.chunks(500) {
        appointment_slot::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(created)
}
