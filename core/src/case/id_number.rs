//! 公民身份号码 checks (GB 11643-1999): format, check digit and the encoded birth date.

use jiff::civil::Date;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [u8; 11] = *b"10X98765432";

/// Why a number failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// Not 18 characters of 17 digits and a digit or `X`.
    Format,
    /// The check digit is wrong.
    CheckDigit,
    /// The birth-date digits are not a real date.
    BirthDigits,
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK.get((sum % 11) as usize).copied()
}

/// Checks format and check digit; returns the encoded birth date.
pub fn check(raw: &str) -> Result<Date, IdProblem> {
    let b = raw.as_bytes();
    if b.len() != 18 {
        return Err(IdProblem::Format);
    }
    let (body, last) = b.split_at(17);
    let last = last.first().copied().map(|c| c.to_ascii_uppercase());
    if !body.iter().all(u8::is_ascii_digit) || !matches!(last, Some(b'0'..=b'9' | b'X')) {
        return Err(IdProblem::Format);
    }
    if check_char(body) != last {
        return Err(IdProblem::CheckDigit);
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i16> {
        std::str::from_utf8(body.get(r)?).ok()?.parse().ok()
    };
    let (Some(y), Some(m), Some(d)) = (digits(6..10), digits(10..12), digits(12..14)) else {
        return Err(IdProblem::BirthDigits);
    };
    let m = i8::try_from(m).map_err(|_| IdProblem::BirthDigits)?;
    let d = i8::try_from(d).map_err(|_| IdProblem::BirthDigits)?;
    Date::new(y, m, d).map_err(|_| IdProblem::BirthDigits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_check(first17: &str) -> String {
        let c = check_char(first17.as_bytes()).unwrap() as char;
        format!("{first17}{c}")
    }

    #[test]
    fn standard_example() {
        // The worked example of GB 11643-1999 appendix: 11010519491231002X.
        assert_eq!(
            check("11010519491231002X"),
            Ok(jiff::civil::date(1949, 12, 31))
        );
        assert_eq!(
            check("11010519491231002x"),
            Ok(jiff::civil::date(1949, 12, 31))
        );
        assert_eq!(check("110105194912310021"), Err(IdProblem::CheckDigit));
    }

    #[test]
    fn format_and_birth_digits() {
        assert_eq!(check("12345"), Err(IdProblem::Format));
        assert_eq!(check("1101051949123100AX"), Err(IdProblem::Format));
        let bad_day = with_check("36010219800230123");
        assert_eq!(check(&bad_day), Err(IdProblem::BirthDigits));
    }
}
