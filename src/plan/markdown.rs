//! plan.md: the plan of every shared mailbox, its projection, and the steps in order.

use super::text::{self, label};
use super::write::PlanDoc;
use super::Step;

use crate::present::sanitize::markdown as md;

/// The whole plan.md.
pub fn render(doc: &PlanDoc) -> String {
    let l = doc.lang;
    let mut s = format!("# {}\n\n", label(l, "title"));
    if doc.recommendations.is_empty() {
        s.push_str(label(l, "none"));
        s.push('\n');
        return s;
    }
    s.push_str(text::order_note(l));
    s.push_str("\n\n");
    for r in &doc.recommendations {
        s.push_str(&format!("## {}\n\n", md(&r.mailbox)));
        s.push_str(&format!(
            "- {}\n",
            text::main_line(
                l,
                &format!("**{}**", md(&r.main)),
                &md(&text::main_reason(l, r.main_why)),
                r.keep_days
            )
        ));
        if let Some(g) = text::quota_grow_line(l, r) {
            s.push_str(&format!("- {}\n", md(&g)));
        }
        if !r.forwards.is_empty() {
            s.push_str(&format!("- {}:\n", label(l, "forwards")));
            for f in &r.forwards {
                s.push_str(&format!(
                    "  - {}\n",
                    md(&text::forward_change(l, &f.device, &f.address, f.then))
                ));
            }
        }
        s.push_str(&format!("\n### {}\n\n", label(l, "projection")));
        s.push_str(&md(&text::volume_line(l, r)));
        s.push_str("\n\n");
        if let Some(p) = &r.projection {
            s.push_str(&format!(
                "- {}: {}\n",
                label(l, "before"),
                md(&text::projection_line(l, &p.before, p.days))
            ));
            if let Some(w) = text::small_only_because(l, &p.before) {
                s.push_str(&format!("  {}\n", md(w)));
            }
            for m in text::missed_lines(l, &p.before) {
                s.push_str(&format!("  - {}\n", md(&m)));
            }
            s.push_str(&format!(
                "- {}: {}\n",
                label(l, "after"),
                md(&text::projection_line(l, &p.after, p.days))
            ));
            for (addr, own) in &p.own {
                s.push_str(&format!(
                    "  - {}: {}\n",
                    md(addr),
                    md(&text::projection_line(l, own, p.days))
                ));
            }
            if let Some(i) = text::imap_line(l, r, p.days) {
                s.push_str(&format!("- {}\n", md(&i)));
            }
            s.push_str(&format!("\n{}\n", md(label(l, "assumed"))));
        }
        s.push_str(&format!("\n### {}\n\n", label(l, "steps")));
        for (i, step) in r.steps.iter().enumerate() {
            s.push_str(&format!(
                "{}. {}\n   {}\n",
                i + 1,
                md(&text::step_do(l, step)),
                md(&text::step_check(l, step))
            ));
        }
        if r.steps
            .iter()
            .any(|s| matches!(s, Step::SwitchDevice { .. }))
        {
            s.push_str(&format!("\n{}\n", md(text::replies_note(l))));
        }
        s.push('\n');
    }
    s.push_str(&format!("## {}\n\n", label(l, "files")));
    for f in &doc.files {
        s.push_str(&format!("- {}\n", md(f)));
    }
    for k in &doc.skipped {
        s.push_str(&format!("- {}: {}\n", md(&k.path), md(&k.why)));
    }
    s
}
