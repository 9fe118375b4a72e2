//! Per-document rate statistics of a group of documents: the mean, standard deviation and
//! median of the documents' rates per 1,000 words, and a 95% interval of the group's pooled
//! rate.
//!
//! Everything is computed from per-document `(wc, hits)` pairs by one accumulator,
//! [`RateAcc`], whose state is integers only (sums, sums of squares and products, and a
//! histogram of the documents' rates in thousandths), so accumulators of shards merge
//! exactly and in any order, and the result does not depend on how documents were spread
//! over threads. [`rate_stats`] is the whole computation for a list of documents.
//!
//! * A document's rate is its reported `per_1000` (`1000 × hits / wc`, three decimals);
//!   `mean`, `sd` (sample standard deviation, `n − 1`) and `median` are of those values.
//! * `pooled` is the ratio estimator `r = Σhits / Σwc` (per 1,000) of the same documents.
//! * The interval treats documents as clusters (the delta-method, or linearised, standard
//!   error of a ratio estimator): `SE² = n/(n−1) · Σ(hitsᵢ − r·wcᵢ)² / (Σwc)²`, and
//!   `r ± t(0.975, n−1) · SE`, the lower end not below 0. With fewer than two documents there
//!   is no spread and no interval (`null`).
//!
//! Documents with no words have no rate and are not counted.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use std::collections::BTreeMap;

/// The running sums behind [`RateStats`]; integers only, so merging is exact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateAcc {
    n: u64,
    /// Σ wc.
    words: u128,
    /// Σ hits.
    hits: u128,
    /// Σ hits².
    hits2: u128,
    /// Σ hits · wc.
    hits_words: u128,
    /// Σ wc².
    words2: u128,
    /// Σ rate, the rate in thousandths of a unit per 1,000 (`per_1000 × 1000`).
    rate: u128,
    /// Σ rate².
    rate2: u128,
    /// Documents per rate (in thousandths), for the median; documents without hits are
    /// counted in `zeros` instead.
    rates: BTreeMap<u64, u64>,
    zeros: u64,
}

/// The statistics of the per-document rates of a group of documents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateStats {
    /// Documents used (with at least one word).
    pub n: u64,
    /// Mean of the documents' rates per 1,000 words (`null` without documents).
    pub mean: Option<f64>,
    /// Their sample standard deviation (`null` for fewer than two documents).
    pub sd: Option<f64>,
    /// Their median (`null` without documents).
    pub median: Option<f64>,
    /// The pooled rate per 1,000 words of these documents, `1000 × Σhits / Σwc`.
    pub pooled: Option<f64>,
    /// Lower end of the 95% interval of the pooled rate (`null` for fewer than two
    /// documents).
    pub ci95_low: Option<f64>,
    /// Upper end of the 95% interval of the pooled rate.
    pub ci95_high: Option<f64>,
}

/// The statistics of documents given as `(wc, hits)` pairs.
pub fn rate_stats(documents: impl IntoIterator<Item = (u64, u64)>) -> RateStats {
    let mut acc = RateAcc::default();
    for (wc, hits) in documents {
        acc.add(wc, hits);
    }
    acc.finish()
}

/// A document's rate per 1,000 words in thousandths: its reported `per_1000 × 1000` (as
/// `score::per_1000` rounds it).
fn rate_milli(wc: u64, hits: u64) -> u64 {
    (round3(hits as f64 * 1000.0 / wc as f64) * 1000.0).round() as u64
}

impl RateAcc {
    /// Counts one document with `wc` words and `hits` hits (one with no words is left out).
    pub fn add(&mut self, wc: u64, hits: u64) {
        if wc == 0 {
            return;
        }
        let (w, h) = (u128::from(wc), u128::from(hits));
        self.n += 1;
        self.words += w;
        self.hits += h;
        self.hits2 += h * h;
        self.hits_words += h * w;
        self.words2 += w * w;
        if hits == 0 {
            self.zeros += 1;
            return;
        }
        let r = rate_milli(wc, hits);
        self.rate += u128::from(r);
        self.rate2 += u128::from(r) * u128::from(r);
        *self.rates.entry(r).or_default() += 1;
    }

    /// Adds another accumulator's documents.
    pub fn merge(&mut self, other: &RateAcc) {
        self.n += other.n;
        self.words += other.words;
        self.hits += other.hits;
        self.hits2 += other.hits2;
        self.hits_words += other.hits_words;
        self.words2 += other.words2;
        self.rate += other.rate;
        self.rate2 += other.rate2;
        self.zeros += other.zeros;
        for (r, k) in &other.rates {
            *self.rates.entry(*r).or_default() += k;
        }
    }

    /// Documents counted.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The statistics of the documents counted.
    pub fn finish(&self) -> RateStats {
        let n = self.n;
        if n == 0 {
            return RateStats {
                n,
                mean: None,
                sd: None,
                median: None,
                pooled: None,
                ci95_low: None,
                ci95_high: None,
            };
        }
        let nf = n as f64;
        let mean = self.rate as f64 / nf / 1000.0;
        // sample variance of the rates in thousandths, exactly: (nΣr² − (Σr)²) / (n(n−1))
        let sd = (n > 1).then(|| {
            let num = u128::from(n) * self.rate2 - self.rate * self.rate;
            (num as f64 / (nf * (nf - 1.0))).sqrt() / 1000.0
        });
        let pooled = self.hits as f64 / self.words as f64;
        // Σ(hᵢ − r·wᵢ)² · W² = W²Σh² − 2HWΣhw + H²Σw², exactly in integers
        let (w, h) = (self.words, self.hits);
        let interval = (n > 1).then(|| {
            let num = (w * w * self.hits2 + h * h * self.words2)
                .saturating_sub(2 * h * w * self.hits_words);
            let wf = w as f64;
            let se = (nf / (nf - 1.0) * num as f64).sqrt() / (wf * wf);
            let t = t_975(n - 1);
            (
                round3((1000.0 * (pooled - t * se)).max(0.0)),
                round3(1000.0 * (pooled + t * se)),
            )
        });
        RateStats {
            n,
            mean: Some(round3(mean)),
            sd: sd.map(round3),
            median: Some(round3(self.median_milli() / 1000.0)),
            pooled: Some(round3(1000.0 * pooled)),
            ci95_low: interval.map(|i| i.0),
            ci95_high: interval.map(|i| i.1),
        }
    }

    /// The median rate in thousandths (the mean of the two middle ones for an even count).
    fn median_milli(&self) -> f64 {
        let n = self.n;
        // 0-based ranks of the middle value(s)
        let (lo, hi) = ((n - 1) / 2, n / 2);
        let value_at = |rank: u64| -> u64 {
            if rank < self.zeros {
                return 0;
            }
            let mut seen = self.zeros;
            for (r, k) in &self.rates {
                seen += k;
                if rank < seen {
                    return *r;
                }
            }
            0
        };
        (value_at(lo) + value_at(hi)) as f64 / 2.0
    }
}

/// The 0.975 quantile of Student's t distribution with `df` degrees of freedom: `statrs`'s
/// up to 1,000 degrees of freedom; above that, where its numerical inverse loses accuracy,
/// the Cornish-Fisher expansion around the normal quantile `z`,
/// `z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²)` (error below 1e-9 there).
fn t_975(df: u64) -> f64 {
    if df <= 1000 {
        return StudentsT::new(0.0, 1.0, df as f64)
            .map(|t| t.inverse_cdf(0.975))
            .unwrap_or(f64::NAN);
    }
    let z = Normal::new(0.0, 1.0).map_or(f64::NAN, |n| n.inverse_cdf(0.975));
    let v = df as f64;
    let (z3, z5) = (z.powi(3), z.powi(5));
    z + (z3 + z) / (4.0 * v) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
}

fn round3(x: f64) -> f64 {
    crate::lang::round3(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed() {
        // rates 100, 0, 50, 25 per 1,000
        let docs = [(10, 1), (20, 0), (40, 2), (80, 2)];
        let s = rate_stats(docs);
        assert_eq!(s.n, 4);
        assert_eq!(s.mean, Some(43.75));
        // deviations 56.25, -43.75, 6.25, -18.75: squares sum 5468.75, / 3 = 1822.9167
        assert_eq!(s.sd, Some(42.696));
        assert_eq!(s.median, Some(37.5));
        // pooled 5 / 150
        assert_eq!(s.pooled, Some(33.333));
        // residuals h - r w: 1 - 1/3, 0 - 2/3, 2 - 4/3, 2 - 8/3 = 2/3, -2/3, 2/3, -2/3
        // Σ = 16/9; SE² = 4/3 · (16/9) / 150² ; SE = 0.0102640
        // t(0.975, 3) = 3.182446; half width 0.032664 → 33.333 ± 32.664
        assert_eq!(s.ci95_low, Some(0.669));
        assert_eq!(s.ci95_high, Some(65.998));
    }

    #[test]
    fn merge_equals_the_whole_in_any_order() {
        let docs = [(10u64, 1u64), (20, 0), (40, 2), (80, 2), (7, 3), (0, 0)];
        let whole = rate_stats(docs);
        let mut a = RateAcc::default();
        let mut b = RateAcc::default();
        for (i, (w, h)) in docs.iter().enumerate() {
            if i % 2 == 0 { &mut a } else { &mut b }.add(*w, *h);
        }
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert_eq!(ab.finish(), whole);
        assert_eq!(whole.n, 5, "a document without words is not counted");
    }

    #[test]
    fn one_document_and_none() {
        let one = rate_stats([(50, 1)]);
        assert_eq!(
            (one.mean, one.median, one.pooled),
            (Some(20.0), Some(20.0), Some(20.0))
        );
        assert_eq!((one.sd, one.ci95_low, one.ci95_high), (None, None, None));
        let none = rate_stats(std::iter::empty());
        assert_eq!((none.n, none.mean), (0, None));
    }

    #[test]
    fn t_quantiles() {
        // published values of t(0.975, df)
        assert!((t_975(1) - 12.706205).abs() < 1e-5);
        assert!((t_975(3) - 3.182446).abs() < 1e-5);
        assert!((t_975(30) - 2.042272).abs() < 1e-5);
        assert!((t_975(1000) - 1.962339).abs() < 1e-5);
        assert!((t_975(1001) - 1.962336).abs() < 1e-5);
        assert!((t_975(100_000) - 1.959988).abs() < 1e-5);
        assert!((t_975(10_000_000) - 1.959964).abs() < 1e-5);
    }
}
