//! Money: `Decimal` yuan, explicit rounding modes, checked arithmetic.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, ErrorKind};

/// Largest amount accepted in a case (10¹² yuan); anything above is a data error.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// A local rounding rule for a paid amount (law-national.md §3.3 B5: no national rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// To the fen (0.01), half away from zero.
    FenHalfUp,
    /// To the jiao (0.10), half away from zero.
    JiaoHalfUp,
    /// Up to the next jiao.
    JiaoUp,
    /// To the yuan, half away from zero.
    YuanHalfUp,
    /// Up to the next yuan.
    YuanUp,
}

impl Rounding {
    /// Parses the policy value.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "fen_half_up" => Self::FenHalfUp,
            "jiao_half_up" => Self::JiaoHalfUp,
            "jiao_up" => Self::JiaoUp,
            "yuan_half_up" => Self::YuanHalfUp,
            "yuan_up" => Self::YuanUp,
            _ => return None,
        })
    }
}

/// Rounds a non-negative amount by the cited local rule; the result always has two places.
pub fn round_amount(x: Decimal, mode: Rounding) -> Decimal {
    let (dp, strategy) = match mode {
        Rounding::FenHalfUp => (2, RoundingStrategy::MidpointAwayFromZero),
        Rounding::JiaoHalfUp => (1, RoundingStrategy::MidpointAwayFromZero),
        Rounding::JiaoUp => (1, RoundingStrategy::AwayFromZero),
        Rounding::YuanHalfUp => (0, RoundingStrategy::MidpointAwayFromZero),
        Rounding::YuanUp => (0, RoundingStrategy::AwayFromZero),
    };
    let mut r = x.round_dp_with_strategy(dp, strategy);
    r.rescale(2);
    r
}

/// Two-place display form (`12.50`) without rounding surprises: rounds half away from zero
/// only for display of intermediate values such as per-capita income.
pub fn show(x: Decimal) -> String {
    let mut r = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    // Formatting the 96-bit mantissa directly is several times cheaper than `Decimal`'s
    // general `Display`, and this runs for every number in every check.
    let m = r.mantissa();
    let (sign, m) = if m < 0 {
        ("-", m.unsigned_abs())
    } else {
        ("", m.unsigned_abs())
    };
    // 128-bit formatting is slow; every realistic amount fits in 64 bits.
    match u64::try_from(m) {
        Ok(v) => format!("{sign}{}.{:02}", v / 100, v % 100),
        Err(_) => format!("{sign}{}.{:02}", m / 100, m % 100),
    }
}

/// `a + b`, or an overflow error.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_add(b).ok_or_else(overflow)
}

/// `a - b`, or an overflow error.
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_sub(b).ok_or_else(overflow)
}

/// `a * b`, or an overflow error.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_mul(b).ok_or_else(overflow)
}

/// `a / b`, or an overflow error (also for `b == 0`).
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_div(b).ok_or_else(overflow)
}

fn overflow() -> Error {
    Error::bare(ErrorKind::Overflow, "arithmetic overflow")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn half_up_not_bankers() {
        assert_eq!(
            round_amount(d("12.345"), Rounding::FenHalfUp).to_string(),
            "12.35"
        );
        assert_eq!(
            round_amount(d("12.335"), Rounding::FenHalfUp).to_string(),
            "12.34"
        );
        assert_eq!(
            round_amount(d("12.25"), Rounding::JiaoHalfUp).to_string(),
            "12.30"
        );
        assert_eq!(
            round_amount(d("12.01"), Rounding::JiaoUp).to_string(),
            "12.10"
        );
        assert_eq!(
            round_amount(d("12.5"), Rounding::YuanHalfUp).to_string(),
            "13.00"
        );
        assert_eq!(
            round_amount(d("12.01"), Rounding::YuanUp).to_string(),
            "13.00"
        );
        assert_eq!(
            round_amount(d("3"), Rounding::FenHalfUp).to_string(),
            "3.00"
        );
    }

    #[test]
    fn show_matches_display() {
        for v in [
            "0",
            "1",
            "-1",
            "0.005",
            "-0.005",
            "12.345",
            "795",
            "1192.5",
            "1000000000000",
            "-3.10",
            "0.01",
        ] {
            let x = d(v);
            let mut r = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            r.rescale(2);
            let want = if r.is_zero() {
                "0.00".to_owned()
            } else {
                r.to_string()
            };
            assert_eq!(show(x), want, "{v}");
        }
    }

    #[test]
    fn max_amount_is_a_trillion() {
        assert_eq!(MAX_AMOUNT, d("1000000000000"));
    }
}
