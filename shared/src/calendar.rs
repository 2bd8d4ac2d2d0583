//! Calendar dates, as the rules check them: a task's due date, the birth date inside a
//! personal identity code.

/// Whether `day`.`month`.`year` is on the Gregorian calendar (29 February only in leap years).
pub fn is_real_date(year: u32, month: u32, day: u32) -> bool {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}
