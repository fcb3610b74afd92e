//! plan.html: one self-contained page (no script, no network) with, per mailbox, an inline
//! SVG chart of the server size by day against the quota, today against the plan, and a
//! device × mailbox matrix; readable 390 px wide and printed on A4.

use super::text::{self, label};
use super::write::{PlanDoc, Role};
use super::BeforeAfter;
use crate::model::{Effect, Lang};
use crate::present::human_bytes;
use crate::present::sanitize::html as esc;

const STYLE: &str = "
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,'Segoe UI','Hiragino Sans','Noto Sans CJK JP',Meiryo,sans-serif;margin:0 auto;padding:1rem;max-width:60rem;line-height:1.5;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ccd;overflow-wrap:anywhere}h3{font-size:1.05rem}
p,li{overflow-wrap:anywhere}
.note{background:#f3f5fa;border-left:4px solid #58a;padding:.5rem .8rem}
figure{margin:1rem 0}.chart svg{width:100%;height:auto;max-width:44rem;display:block}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9rem;padding:0;list-style:none}
.legend span{display:inline-block;width:1.6rem;height:.25rem;vertical-align:middle;margin-right:.3rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid #bbc;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.rm{background:#fbd5d0}td.days{background:#fdebc8}td.keep{background:#e6e6ea}td.srv{background:#dceefb}td.none{background:#fff;color:#888}
.plan{display:block;font-weight:600}
ol.steps li{margin-bottom:.6rem}.check{display:block;color:#36506b}
td,th{overflow-wrap:anywhere}
@media print{@page{size:A4;margin:15mm}.scroll{overflow:visible}body{max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}.chart,table{break-inside:avoid}}
";

const BEFORE: &str = "#c0392b";
const AFTER: &str = "#1f6fb2";
const QUOTA: &str = "#333";

/// The whole page.
pub fn render(doc: &PlanDoc) -> String {
    let l = doc.lang;
    let mut s = format!(
        "{}<h1>{}</h1>\n",
        crate::present::page::head(l, label(l, "title"), STYLE),
        esc(label(l, "title"))
    );
    if doc.recommendations.is_empty() {
        s.push_str(&format!("<p>{}</p>\n", esc(label(l, "none"))));
    } else {
        s.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            esc(text::order_note(l))
        ));
    }
    for r in &doc.recommendations {
        s.push_str(&format!("<section>\n<h2>{}</h2>\n<ul>\n", esc(&r.mailbox)));
        s.push_str(&format!(
            "<li>{}</li>\n",
            text::main_line(
                l,
                &format!("<strong>{}</strong>", esc(&r.main)),
                &esc(&text::main_reason(l, r.main_why)),
                r.keep_days
            )
        ));
        if let Some(g) = text::quota_grow_line(l, r) {
            s.push_str(&format!("<li>{}</li>\n", esc(&g)));
        }
        for f in &r.forwards {
            s.push_str(&format!(
                "<li>{}</li>\n",
                esc(&text::forward_change(l, &f.device, &f.address, f.then))
            ));
        }
        s.push_str("</ul>\n");
        s.push_str(&format!(
            "<h3>{}</h3>\n<p>{}</p>\n",
            esc(label(l, "projection")),
            esc(&text::volume_line(l, r))
        ));
        if let Some(p) = &r.projection {
            s.push_str(&chart(l, &r.mailbox, p));
            s.push_str("<ul>\n");
            s.push_str(&format!(
                "<li>{}: {}",
                esc(label(l, "before")),
                esc(&text::projection_line(l, &p.before, p.days))
            ));
            if let Some(w) = text::small_only_because(l, &p.before) {
                s.push_str(&format!(" {}", esc(w)));
            }
            let missed = text::missed_lines(l, &p.before);
            if !missed.is_empty() {
                s.push_str("<ul>");
                for m in missed {
                    s.push_str(&format!("<li>{}</li>", esc(&m)));
                }
                s.push_str("</ul>");
            }
            s.push_str("</li>\n");
            s.push_str(&format!(
                "<li>{}: {}</li>\n",
                esc(label(l, "after")),
                esc(&text::projection_line(l, &p.after, p.days))
            ));
            for (addr, own) in &p.own {
                s.push_str(&format!(
                    "<li>{}: {}</li>\n",
                    esc(addr),
                    esc(&text::projection_line(l, own, p.days))
                ));
            }
            if let Some(i) = text::imap_line(l, r, p.days) {
                s.push_str(&format!("<li>{}</li>\n", esc(&i)));
            }
            s.push_str(&format!(
                "</ul>\n<p><small>{}</small></p>\n",
                esc(label(l, "assumed"))
            ));
        }
        s.push_str(&format!(
            "<h3>{}</h3>\n<ol class=\"steps\">\n",
            esc(label(l, "steps"))
        ));
        for step in &r.steps {
            s.push_str(&format!(
                "<li>{}<span class=\"check\">{}</span></li>\n",
                esc(&text::step_do(l, step)),
                esc(&text::step_check(l, step))
            ));
        }
        s.push_str("</ol>\n");
        if !r.forwards.is_empty() {
            s.push_str(&format!("<p>{}</p>\n", esc(text::replies_note(l))));
        }
        s.push_str("</section>\n");
    }
    s.push_str(&matrix(doc));
    s.push_str(&format!("<h2>{}</h2>\n<ul>\n", esc(label(l, "files"))));
    for f in &doc.files {
        s.push_str(&format!("<li><code>{}</code></li>\n", esc(f)));
    }
    for k in &doc.skipped {
        s.push_str(&format!(
            "<li><code>{}</code>: {}</li>\n",
            esc(&k.path),
            esc(&k.why)
        ));
    }
    s.push_str("</ul>\n</body>\n</html>\n");
    s
}

/// The chart: end-of-day server size today (red) and with the plan (blue), the quota
/// (solid) and the plan's 80% ceiling (dotted). Self-contained, for any HTML page.
pub fn chart(l: Lang, mailbox: &str, p: &BeforeAfter) -> String {
    let (w, h) = (480.0_f64, 280.0_f64);
    let (left, right, top, bottom) = (70.0, 12.0, 16.0, 40.0);
    let pw = w - left - right;
    let ph = h - top - bottom;
    let quota = p.before.quota.unwrap_or(0);
    let max = p
        .before
        .peak_bytes
        .max(p.after.peak_bytes)
        .max(quota)
        .max(1) as f64
        * 1.08;
    let n = p.days.max(1) as f64;
    let x = |d: f64| left + pw * d / n;
    let y = |b: f64| top + ph * (1.0 - b / max);
    let line = |series: &[u64]| {
        series
            .iter()
            .enumerate()
            .map(|(i, b)| format!("{:.1},{:.1}", x(i as f64 + 1.0), y(*b as f64)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title = format!("{}: {}", label(l, "chart"), mailbox);
    let mut s = format!(
        "<figure class=\"chart\">\n<svg id=\"chart-{}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n<rect x=\"{left}\" y=\"{top}\" width=\"{pw}\" height=\"{ph}\" fill=\"#fafbfd\" stroke=\"#ccd\"/>\n",
        esc(&super::files::safe_name(mailbox)),
        esc(&title),
        esc(&title)
    );
    // Five horizontal grid lines with sizes.
    for i in 0..=4 {
        let b = max / 1.08 * f64::from(i) / 4.0;
        let yy = y(b);
        s.push_str(&format!(
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#e1e4ea\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#555\">{}</text>\n",
            left + pw,
            left - 6.0,
            yy + 4.0,
            esc(&human_bytes(b as u64))
        ));
    }
    let step = if p.days > 60 {
        15
    } else if p.days > 20 {
        7
    } else {
        2
    };
    let mut d = 0;
    while d <= p.days {
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#555\">{d}</text>\n",
            x(f64::from(d)),
            top + ph + 16.0
        ));
        d += step;
    }
    s.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#555\">{}</text>\n",
        left + pw / 2.0,
        h - 4.0,
        esc(label(l, "day"))
    ));
    if quota > 0 {
        let yq = y(quota as f64);
        let y8 = y(quota as f64 * super::QUOTA_SHARE);
        s.push_str(&format!(
            "<line class=\"quota\" x1=\"{left}\" x2=\"{:.1}\" y1=\"{yq:.1}\" y2=\"{yq:.1}\" stroke=\"{QUOTA}\" stroke-width=\"1.5\"/>\n<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{y8:.1}\" y2=\"{y8:.1}\" stroke=\"{QUOTA}\" stroke-dasharray=\"2 4\"/>\n",
            left + pw,
            left + pw
        ));
    }
    s.push_str(&format!(
        "<polyline class=\"before\" fill=\"none\" stroke=\"{BEFORE}\" stroke-width=\"2.5\" points=\"{}\"/>\n<polyline class=\"after\" fill=\"none\" stroke=\"{AFTER}\" stroke-width=\"2.5\" points=\"{}\"/>\n",
        line(&p.before.size_by_day),
        line(&p.after.size_by_day)
    ));
    if let Some(fd) = p.before.full_on_day {
        let xx = x(f64::from(fd) + 1.0);
        s.push_str(&format!(
            "<circle cx=\"{xx:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{BEFORE}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" fill=\"{BEFORE}\" text-anchor=\"{}\">{}</text>\n",
            y(quota as f64),
            xx,
            y(quota as f64) - 8.0,
            if fd as f64 > n * 0.7 { "end" } else { "start" },
            esc(&text::day(l, fd))
        ));
    }
    s.push_str("</svg>\n");
    s.push_str(&format!(
        "<ul class=\"legend\"><li><span style=\"background:{BEFORE}\"></span>{}</li><li><span style=\"background:{AFTER}\"></span>{}</li><li><span style=\"background:{QUOTA}\"></span>{} {}</li><li><span style=\"background:repeating-linear-gradient(90deg,{QUOTA} 0 2px,transparent 2px 6px)\"></span>80%</li></ul>\n</figure>\n",
        esc(label(l, "before")),
        esc(label(l, "after")),
        esc(label(l, "quota")),
        esc(&human_bytes(quota))
    ));
    s
}

fn matrix(doc: &PlanDoc) -> String {
    let l = doc.lang;
    let m = &doc.matrix;
    let mut s = format!(
        "<section>\n<h2>{}</h2>\n<div class=\"scroll\"><table class=\"matrix\">\n<tr><th>{}</th>",
        esc(label(l, "matrix")),
        esc(label(l, "device"))
    );
    for mb in &m.mailboxes {
        s.push_str(&format!("<th>{}</th>", esc(mb)));
    }
    s.push_str("</tr>\n");
    for (device, cells) in &m.rows {
        s.push_str(&format!("<tr><th>{}</th>", esc(device)));
        for c in cells {
            let Some(today) = c.today else {
                s.push_str("<td class=\"none\">–</td>");
                continue;
            };
            let class = match today {
                Some(Effect::RemovesAtDownload) => "rm",
                Some(Effect::KeepsDays(_)) => "days",
                Some(_) => "keep",
                None => "srv",
            };
            let plan = match (&c.role, l) {
                (Role::Main(n), Lang::En) => format!("→ main, {n} days"),
                (Role::Main(n), Lang::Ja) => format!("→ メイン、{n} 日"),
                (Role::Forward(a), _) => format!("→ {a}"),
                (Role::Unchanged, _) => String::new(),
            };
            s.push_str(&format!(
                "<td class=\"{class}\">{}<span class=\"plan\">{}</span></td>",
                esc(&text::effect_words(l, today)),
                esc(&plan)
            ));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table></div>\n</section>\n");
    s
}
