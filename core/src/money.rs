//! Money: `Decimal` yuan, explicit rounding modes, checked arithmetic.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, ErrorKind};

/// Largest amount accepted in a case (10¹² yuan); anything above is a data error.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// A local rounding rule for a paid amount (docs/law/dibao.md §3: no national rule).
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
    let r = if x.scale() == 2 {
        x
    } else {
        let mut r = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(2);
        r
    };
    // Every number of every check is shown, a few hundred per full outcome: writing the
    // digits directly costs a small fraction of `format!` (or `Decimal`'s `Display`).
    let m = r.mantissa();
    // Two places, unless the value is too wide for 28 digits at scale 2 and `rescale` kept
    // fewer: then as many as it kept, so the digits still mean the same number.
    let places = r.scale();
    let mut v = m.unsigned_abs();
    // Least significant first, then reversed: one allocation, which becomes the String.
    let mut bytes = Vec::with_capacity(24);
    let mut i = 0;
    loop {
        if i == places && places > 0 {
            bytes.push(b'.');
        }
        bytes.push(next_digit(&mut v));
        if v == 0 && i >= places {
            break;
        }
        i += 1;
    }
    if m < 0 {
        bytes.push(b'-');
    }
    bytes.reverse();
    // ASCII digits, '.' and '-' only, so this never fails.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Takes the last decimal digit off `v`, as an ASCII byte.
fn next_digit(v: &mut u128) -> u8 {
    // 128-bit division is slow; every realistic amount fits in 64 bits.
    let d = if let Ok(small) = u64::try_from(*v) {
        *v = u128::from(small / 10);
        small % 10
    } else {
        let d = *v % 10;
        *v /= 10;
        u64::try_from(d).unwrap_or(0)
    };
    b'0' + u8::try_from(d).unwrap_or(0)
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
            "0.004",
            "-0.004",
            "-0.005",
            "7",
            "0.5",
            "99.999",
            "-1192.505",
            "18446744073709551.61",
            "18446744073709551.62",
            "1000000000000000000000",
            "-79228162514264337593543950.335",
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

    proptest::proptest! {
        /// `show` agrees with `Decimal`'s own display after the same rounding, across
        /// mantissas of every width and scales 0 to 28.
        #[test]
        fn show_agrees_with_display(lo: u64, hi: u32, neg: bool, scale in 0u32..=28, wide: bool) {
            let x = Decimal::from_parts(
                u32::try_from(lo & 0xFFFF_FFFF).unwrap(),
                u32::try_from(lo >> 32).unwrap(),
                if wide { hi } else { 0 },
                neg,
                scale,
            );
            let mut r = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            r.rescale(2);
            let want = if r.is_zero() { "0.00".to_owned() } else { r.to_string() };
            proptest::prop_assert_eq!(show(x), want);
        }
    }

    #[test]
    fn max_amount_is_a_trillion() {
        assert_eq!(MAX_AMOUNT, d("1000000000000"));
    }
}
