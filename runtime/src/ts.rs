//! Timestamps in the three Smithy formats, for any field type built from `DateTime`, `Option`, `Vec`
//! and `HashMap`: generated code writes through [`With`] and reads through [`slot`].

pub use ::aws_smithy_types::DateTime;
use ::std::marker::PhantomData;

use super::json::{Error, Reader};

/// A Smithy timestamp format.
pub trait Format {
    /// Writes a timestamp.
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads a timestamp.
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<DateTime, Error>;
}

/// `epoch-seconds`: a JSON number of seconds, possibly fractional (the restJson1 body default).
pub enum EpochSeconds {}
/// `date-time`: an RFC 3339 string; offsets are accepted on input.
pub enum DateTimeFormat {}
/// `http-date`: an IMF-fixdate string.
pub enum HttpDate {}

impl Format for EpochSeconds {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        if t.subsec_nanos() == 0 {
            s.serialize_i64(t.secs())
        } else {
            s.serialize_f64(t.as_secs_f64())
        }
    }
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<DateTime, Error> {
        let text = r.number_text("epoch seconds as a number")?;
        let t = match text.parse::<i64>() {
            Ok(secs) => Some(DateTime::from_secs(secs)),
            // Seconds beyond i64 are refused, not clamped to the largest time there is.
            Err(_) => text.parse::<f64>().ok().filter(|v| (i64::MIN as f64..i64::MAX as f64).contains(v)).map(DateTime::from_secs_f64),
        };
        t.ok_or_else(|| r.error("invalid epoch seconds"))
    }
}

fn read_text(r: &mut Reader<'_>, f: ::aws_smithy_types::date_time::Format) -> ::std::result::Result<DateTime, Error> {
    let text = r.str()?;
    if f == ::aws_smithy_types::date_time::Format::DateTimeWithOffset {
        if let ::std::option::Option::Some(t) = utc_date_time(text.as_bytes()) {
            return ::std::result::Result::Ok(t);
        }
    }
    let parsed = DateTime::from_str(text, f).map_err(|e| e.to_string());
    parsed.map_err(|e| r.error(e))
}

fn write_str<S: ::serde::Serializer>(
    t: &DateTime,
    s: S,
    f: ::aws_smithy_types::date_time::Format,
) -> ::std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.fmt(f).map_err(::serde::ser::Error::custom)?)
}

impl Format for DateTimeFormat {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_str(t, s, ::aws_smithy_types::date_time::Format::DateTime)
    }
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<DateTime, Error> {
        read_text(r, ::aws_smithy_types::date_time::Format::DateTimeWithOffset)
    }
}

/// The form services send, `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z`, read without the general RFC 3339
/// parser (a response is full of them); anything else is `None` and goes to that parser.
pub fn utc_date_time(b: &[u8]) -> ::std::option::Option<DateTime> {
    use ::std::option::Option::{None, Some};
    // Fixed positions in the first 20 bytes (no bounds checks), each digit checked once.
    let h: &[u8; 20] = b.get(..20)?.try_into().ok()?;
    let d = |i: usize| u32::from(h[i].wrapping_sub(b'0'));
    let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].iter().all(|&i| d(i) <= 9);
    if !digits || h[4] != b'-' || h[7] != b'-' || h[10] != b'T' || h[13] != b':' || h[16] != b':' || b[b.len() - 1] != b'Z' {
        return None;
    }
    let (year, month, day) = (d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), d(5) * 10 + d(6), d(8) * 10 + d(9));
    let (hour, minute, second) = (d(11) * 10 + d(12), d(14) * 10 + d(15), d(17) * 10 + d(18));
    let nanos = match b.len() - 20 {
        0 => 0,
        n @ 2..=10 if h[19] == b'.' => {
            let fraction = b.get(20..19 + n)?;
            let mut v = 0;
            for c in fraction {
                let c = u32::from(c.wrapping_sub(b'0'));
                if c > 9 {
                    return None;
                }
                v = v * 10 + c;
            }
            v * 10u32.pow(10 - n as u32)
        }
        _ => return None,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day == 0 || day > month_days[month as usize - 1] || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (March-based years, so February is last).
    let (y, m) = if month <= 2 { (i64::from(year) - 1, month + 9) } else { (i64::from(year), month - 3) };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = i64::from((153 * m + 2) / 5 + day - 1);
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    let secs = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(DateTime::from_secs_and_nanos(secs, nanos))
}

impl Format for HttpDate {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_str(t, s, ::aws_smithy_types::date_time::Format::HttpDate)
    }
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<DateTime, Error> {
        read_text(r, ::aws_smithy_types::date_time::Format::HttpDate)
    }
}

/// A value that contains timestamps somewhere inside (a `DateTime`, or an `Option`, `Vec` or
/// `HashMap` of such values).
pub trait Codec<F: Format>: Sized {
    /// Writes the value with timestamps in format `F`.
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads the value with timestamps in format `F`.
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<Self, Error>;
}

impl<F: Format> Codec<F> for DateTime {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        F::write(self, s)
    }
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<Self, Error> {
        F::read_json(r)
    }
}

impl<F: Format, T: Codec<F>> Codec<F> for ::std::option::Option<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write(s),
            None => s.serialize_none(),
        }
    }
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<Self, Error> {
        if r.null()? {
            Ok(None)
        } else {
            T::read_json(r).map(Some)
        }
    }
}

impl<F: Format, T: Codec<F>> Codec<F> for ::std::vec::Vec<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(With::<T, F>::new))
    }
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<Self, Error> {
        let mut items = ::std::vec::Vec::new();
        let mut more = r.array("an array")?;
        while more {
            items.push(T::read_json(r)?);
            more = r.next_element()?;
        }
        Ok(items)
    }
}

impl<F: Format, K, T> Codec<F> for ::std::collections::HashMap<K, T>
where
    K: ::serde::Serialize + for<'a> ::std::convert::From<&'a str> + ::std::cmp::Eq + ::std::hash::Hash,
    T: Codec<F>,
{
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.iter().map(|(k, v)| (k, With::<T, F>::new(v))))
    }
    fn read_json(r: &mut Reader<'_>) -> ::std::result::Result<Self, Error> {
        let mut entries = ::std::collections::HashMap::new();
        let mut object = r.object("a map")?;
        while let Some(key) = r.key(&mut object)? {
            let key = K::from(key);
            entries.insert(key, T::read_json(r)?);
        }
        Ok(entries)
    }
}

/// Borrows a value to serialize it with timestamps in format `F`.
pub struct With<'a, T, F>(&'a T, PhantomData<F>);

impl<'a, T, F> With<'a, T, F> {
    /// Wraps a value.
    pub fn new(v: &'a T) -> Self {
        With(v, PhantomData)
    }
}

impl<T: Codec<F>, F: Format> ::serde::Serialize for With<'_, T, F> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

/// Reads a member's value with timestamps in format `F` into its slot; a member given twice is an
/// error.
pub fn slot<F: Format, T: Codec<F>>(
    r: &mut Reader<'_>,
    slot: &mut ::std::option::Option<T>,
    name: &str,
) -> ::std::result::Result<(), Error> {
    if slot.is_some() {
        return Err(r.duplicate(name));
    }
    *slot = Some(T::read_json(r)?);
    Ok(())
}

/// Reads a value with timestamps in format `F`.
pub fn read<F: Format, T: Codec<F>>(r: &mut Reader<'_>) -> ::std::result::Result<T, Error> {
    T::read_json(r)
}
#[cfg(test)]
mod tests {
    use super::*;
    use ::aws_smithy_types::date_time::Format as Fmt;
    use ::std::collections::HashMap;

    fn read_as<F: Format>(text: &str) -> ::std::result::Result<DateTime, String> {
        let mut r = Reader::new(text);
        F::read_json(&mut r).and_then(|t| r.finish().map(|()| t)).map_err(|e| e.message().to_string())
    }

    fn write_as<F: Format>(t: DateTime) -> ::std::result::Result<String, String> {
        ::serde_json::to_string(&With::<DateTime, F>::new(&t)).map_err(|e| e.to_string())
    }

    /// 2023-11-14T22:13:20Z.
    const T: i64 = 1_700_000_000;

    #[test]
    fn utc_fast_path_agrees_with_the_rfc3339_parser() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2023-11-14T22:13:20Z",
            "2023-11-14T22:13:20.1Z",
            "2023-11-14T22:13:20.12Z",
            "2023-11-14T22:13:20.123Z",
            "2023-11-14T22:13:20.000001Z",
            "2023-11-14T22:13:20.123456789Z",
            "2024-02-29T12:00:00Z",
            "2000-02-29T23:59:59.999Z",
            "1969-12-31T23:59:59.5Z",
            "1900-03-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
        ] {
            let general = DateTime::from_str(text, Fmt::DateTimeWithOffset).unwrap();
            assert_eq!(utc_date_time(text.as_bytes()), Some(general), "{text}");
        }
        assert_eq!(utc_date_time(b"2023-11-14T22:13:20.5Z"), Some(DateTime::from_secs_and_nanos(T, 500_000_000)));
    }

    #[test]
    fn utc_fast_path_leaves_other_forms_to_the_rfc3339_parser() {
        for text in [
            "2023-11-14T22:13:20+00:00",
            "2023-11-14T22:13:20-01:30",
            "2023-11-14t22:13:20z",
            "2023-11-14T22:13:20.1234567891Z",
            "2023-11-14T22:13:20.Z",
            "2023-11-14T22:13:20.1aZ",
            "2016-12-31T23:59:60Z",
            "2023-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2023-04-31T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-00-01T00:00:00Z",
            "2023-01-00T00:00:00Z",
            "2023-01-01T24:00:00Z",
            "2023-01-01T00:60:00Z",
            "2023-01-01 00:00:00Z",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13Z",
            "2023-11-14",
            "",
        ] {
            assert_eq!(utc_date_time(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn date_time_reads_fractions_and_offsets() {
        assert_eq!(read_as::<DateTimeFormat>(r#""2023-11-14T22:13:20Z""#), Ok(DateTime::from_secs(T)));
        assert_eq!(read_as::<DateTimeFormat>(r#""2023-11-14T22:13:20.25Z""#), Ok(DateTime::from_secs_and_nanos(T, 250_000_000)));
        assert_eq!(read_as::<DateTimeFormat>(r#""2023-11-14T23:43:20+01:30""#), Ok(DateTime::from_secs(T)));
        assert_eq!(read_as::<DateTimeFormat>(r#""2023-11-14T21:13:20.5-01:00""#), Ok(DateTime::from_secs_and_nanos(T, 500_000_000)));
        assert_eq!(read_as::<DateTimeFormat>(r#""2023-11-14t22:13:20z""#), Ok(DateTime::from_secs(T)));
    }

    #[test]
    fn date_time_refuses_what_is_not_rfc3339() {
        for text in [
            r#""2023-02-29T00:00:00Z""#,
            r#""2023-11-14 22:13:20Z""#,
            r#""2023-11-14T22:13:20""#,
            r#""2023-11-14T22:13:20.Z""#,
            r#""Tue, 14 Nov 2023 22:13:20 GMT""#,
            r#""yesterday""#,
            r#""""#,
        ] {
            let message = read_as::<DateTimeFormat>(text).unwrap_err();
            assert!(message.starts_with("invalid date-time: "), "{text}: {message}");
        }
        assert_eq!(read_as::<DateTimeFormat>("1700000000"), Err("invalid type: a number, expected a string".to_string()));
    }

    #[test]
    fn date_time_writes_utc_and_round_trips() {
        assert_eq!(write_as::<DateTimeFormat>(DateTime::from_secs(T)).unwrap(), r#""2023-11-14T22:13:20Z""#);
        assert_eq!(write_as::<DateTimeFormat>(DateTime::from_secs(-1)).unwrap(), r#""1969-12-31T23:59:59Z""#);
        let t = DateTime::from_secs_and_nanos(T, 123_456_000);
        let written = write_as::<DateTimeFormat>(t).unwrap();
        assert_eq!(written, r#""2023-11-14T22:13:20.123456Z""#);
        assert_eq!(read_as::<DateTimeFormat>(&written), Ok(t));
        // Beyond year 9999 there is no RFC 3339 form: an error, not a panic.
        assert!(write_as::<DateTimeFormat>(DateTime::from_secs(i64::MAX)).unwrap_err().contains("out of range"));
    }

    #[test]
    fn epoch_seconds_read_integers_and_fractions() {
        assert_eq!(read_as::<EpochSeconds>("1700000000"), Ok(DateTime::from_secs(T)));
        assert_eq!(read_as::<EpochSeconds>("-9223372036854775808"), Ok(DateTime::from_secs(i64::MIN)));
        assert_eq!(read_as::<EpochSeconds>("1.5"), Ok(DateTime::from_secs_and_nanos(1, 500_000_000)));
        assert_eq!(read_as::<EpochSeconds>("-1.5"), Ok(DateTime::from_secs_and_nanos(-2, 500_000_000)));
        assert_eq!(read_as::<EpochSeconds>("1.7e9"), Ok(DateTime::from_secs(T)));
        assert_eq!(read_as::<EpochSeconds>("1e400"), Err("invalid epoch seconds".to_string()));
        assert_eq!(
            read_as::<EpochSeconds>(r#""1700000000""#),
            Err("invalid type: a string, expected epoch seconds as a number".to_string())
        );
        assert_eq!(read_as::<EpochSeconds>("1."), Err("invalid number".to_string()));
    }

    #[test]
    fn epoch_seconds_write_integers_or_fractions_and_round_trip() {
        for (t, text) in [
            (DateTime::from_secs(T), "1700000000"),
            (DateTime::from_secs(0), "0"),
            (DateTime::from_secs(-1), "-1"),
            (DateTime::from_secs_and_nanos(1, 500_000_000), "1.5"),
            (DateTime::from_secs_and_nanos(-2, 500_000_000), "-1.5"),
            (DateTime::from_secs_and_nanos(T, 250_000_000), "1700000000.25"),
        ] {
            assert_eq!(write_as::<EpochSeconds>(t).unwrap(), text);
            assert_eq!(read_as::<EpochSeconds>(text), Ok(t), "{text}");
        }
    }

    #[test]
    fn http_date_reads_writes_and_refuses() {
        let text = r#""Tue, 14 Nov 2023 22:13:20 GMT""#;
        assert_eq!(read_as::<HttpDate>(text), Ok(DateTime::from_secs(T)));
        assert_eq!(write_as::<HttpDate>(DateTime::from_secs(T)).unwrap(), text);
        assert_eq!(read_as::<HttpDate>(r#""Tue, 14 Nov 2023 22:13:20.123 GMT""#), Ok(DateTime::from_secs_and_nanos(T, 123_000_000)));
        // Written to the second.
        assert_eq!(write_as::<HttpDate>(DateTime::from_secs_and_nanos(T, 999_000_000)).unwrap(), text);
        assert_eq!(write_as::<HttpDate>(DateTime::from_secs(0)).unwrap(), r#""Thu, 01 Jan 1970 00:00:00 GMT""#);
        for bad in [
            r#""Tue, 14 Nov 2023 22:13:20 PST""#,
            r#""2023-11-14T22:13:20Z""#,
            r#""Tue, 14 Foo 2023 22:13:20 GMT""#,
            r#""Tue, 14 Nov 2023 22:13:20.1234 GMT""#,
        ] {
            let message = read_as::<HttpDate>(bad).unwrap_err();
            assert!(message.starts_with("invalid date-time: "), "{bad}: {message}");
        }
    }

    #[test]
    fn containers_of_timestamps_read_and_write_in_the_format() {
        let list = vec![Some(DateTime::from_secs(1)), None, Some(DateTime::from_secs_and_nanos(2, 500_000_000))];
        let written = ::serde_json::to_string(&With::<_, EpochSeconds>::new(&list)).unwrap();
        assert_eq!(written, "[1,null,2.5]");
        assert_eq!(read::<EpochSeconds, Vec<Option<DateTime>>>(&mut Reader::new(&written)), Ok(list));

        let map: HashMap<String, DateTime> = HashMap::from([("a".to_string(), DateTime::from_secs(T))]);
        let written = ::serde_json::to_string(&With::<_, DateTimeFormat>::new(&map)).unwrap();
        assert_eq!(written, r#"{"a":"2023-11-14T22:13:20Z"}"#);
        assert_eq!(read::<DateTimeFormat, HashMap<String, DateTime>>(&mut Reader::new(&written)), Ok(map));

        let none: Option<DateTime> = None;
        assert_eq!(::serde_json::to_string(&With::<_, HttpDate>::new(&none)).unwrap(), "null");
    }

    #[test]
    fn slot_refuses_a_member_given_twice() {
        let mut r = Reader::new("[1, 2]");
        assert_eq!(r.array("an array"), Ok(true));
        let mut t: Option<DateTime> = None;
        slot::<EpochSeconds, _>(&mut r, &mut t, "when").unwrap();
        assert_eq!(t, Some(DateTime::from_secs(1)));
        assert_eq!(r.next_element(), Ok(true));
        let error = slot::<EpochSeconds, _>(&mut r, &mut t, "when").unwrap_err();
        assert_eq!(error.message(), "duplicate field `when`");
        assert_eq!(t, Some(DateTime::from_secs(1)));
    }

    #[test]
    fn epoch_seconds_beyond_i64_are_refused_not_clamped() {
        for text in ["1e300", "99999999999999999999", "-1e19"] {
            assert_eq!(read_as::<EpochSeconds>(text).map(|t| t.secs()), Err("invalid epoch seconds".to_string()), "{text}");
        }
    }
}
