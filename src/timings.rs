//! Wall-clock time per stage of a build, for `bcfsite build --timings`.
//!
//! A build marks the end of each stage as it goes; the report is read by people
//! comparing stages, so it shows each stage's share as well as its time. Nothing
//! here changes what a build does.

use std::time::{Duration, Instant};

/// Wall-clock time per stage, in the order the stages ran.
#[derive(Debug)]
pub struct Timings {
    last: Instant,
    pub stages: Vec<(&'static str, Duration)>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }
}

impl Timings {
    /// Records the time since the previous mark against `stage`.
    pub fn mark(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }

    /// One line per stage, with its share of the total.
    pub fn report(&self) -> String {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        self.stages
            .iter()
            .map(|(stage, d)| {
                let share = if total.is_zero() {
                    0.0
                } else {
                    100.0 * d.as_secs_f64() / total.as_secs_f64()
                };
                format!(
                    "{:>9.1} ms  {:>5.1}%  {stage}\n",
                    d.as_secs_f64() * 1000.0,
                    share
                )
            })
            .collect()
    }
}
