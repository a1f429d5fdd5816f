//! Report statuses: received, assessed, credible, non-credible, duplicate,
//! pending.

use super::W;
use crate::claim::Metric;

/// The status of a report count from its modifiers, the clause after it and the verb before it.
pub(super) fn report_status(
    ws: &[W],
    at: usize,
    mods: &[&str],
    tail: usize,
) -> (Metric, &'static str) {
    let status = |w: &str| -> Option<(Metric, &'static str)> {
        Some(match w {
            "non-credible" | "noncredible" => {
                (Metric::ReportsNonCredible, "metric.reports_non_credible")
            }
            "credible" => (Metric::ReportsCredible, "metric.reports_credible"),
            "open" | "pending" | "outstanding" => {
                (Metric::ReportsPending, "metric.reports_pending")
            }
            "duplicate" | "duplicates" | "duplicated" => {
                (Metric::ReportsDuplicate, "metric.reports_duplicate")
            }
            _ => return None,
        })
    };
    for m in mods.iter().rev() {
        if let Some(s) = status(m) {
            return s;
        }
        if matches!(*m, "new") {
            return (Metric::ReportsReceived, "metric.reports_received");
        }
        if matches!(*m, "completed" | "assessed" | "closed") {
            return (Metric::ReportsAssessed, "metric.reports_assessed");
        }
    }
    // the clause after: "were assessed to be credible", "are still open"
    let clause: Vec<&W> = ws.iter().skip(tail).take(9).collect();
    // "still had 224 reports to assess": not yet assessed
    if clause.first().is_some_and(|w| w.s == "to")
        && clause
            .get(1)
            .is_some_and(|w| matches!(w.s.as_str(), "assess" | "review" | "investigate"))
    {
        return (Metric::ReportsPending, "metric.reports_pending");
    }
    for w in clause {
        if w.num || w.s == ";" || w.s == "." {
            break;
        }
        if w.s == "non" {
            return (Metric::ReportsNonCredible, "metric.reports_non_credible");
        }
        // "224 reports to assess", "allegations still being assessed"
        if matches!(w.s.as_str(), "assess" | "being") {
            return (Metric::ReportsPending, "metric.reports_pending");
        }
        if let Some(s) = status(&w.s) {
            return s;
        }
    }
    for w in ws[..at.min(ws.len())].iter().rev().take(6) {
        match w.s.as_str() {
            "received" | "receives" | "receive" => {
                return (Metric::ReportsReceived, "metric.reports_received")
            }
            "completed" | "assessed" | "closed" => {
                return (Metric::ReportsAssessed, "metric.reports_assessed")
            }
            "over" => return (Metric::ReportsPending, "metric.reports_pending"),
            _ => {}
        }
    }
    (Metric::Reports, "metric.reports")
}
