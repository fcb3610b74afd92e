//! `provider-default-conflict`: the provider's profile sets new devices up against the mailbox's plan.

use crate::analyze::{Rule, RuleDoc};
use crate::assemble::Model;
use crate::model::{
    normalize_host, Effect, Evidence, Field, Finding, FindingKind, Mailbox, ProviderProfile,
    RuleId, Severity, Unit,
};
use crate::provider::{effect, fill, mail_hosts, pop3_is_alternative, DomainIndex};

/// The rule.
pub struct ProviderDefaultConflict;

static DOC: RuleDoc = RuleDoc {
    id: RuleId::ProviderDefaultConflict,
    severity: Severity::Warning,
    summary: "the provider's autoconfig hands new devices a retention that conflicts with the mailbox's plan",
    what: "An autoconfig or Autodiscover file for a mailbox's domain that (a) sets up new POP3 devices to \
remove messages at download, or to keep them fewer days than the mailbox's plan (`keep_days` in the \
site file, 14 by default); or (b) names incoming servers that no device of the mailbox uses.",
    why: "Whoever adds the next PC or phone types the address and password and accepts what the setup \
wizard proposes. Thunderbird proposes what the provider's profile says: when that is \"remove at \
download\", the new device silently takes every message away from the others. A profile that names \
other hosts than the devices use is either stale or describes a move that has not happened yet; new \
devices and old ones then talk to different servers.",
    example: "autoconfig/config-v1.1.xml for example.co.jp: <leaveMessagesOnServer>false</leaveMessagesOnServer>; \
PC-A and PC-B read info@example.co.jp over POP3.",
    fix: "Ask the provider (or whoever serves the autoconfig file) to hand out \"leave on server\" with at \
least the plan's days, and check the settings by hand on every new device. For other hosts: confirm \
which servers are current and run `mailaudit migrate --to FILE` for the list of changes.",
};

impl Rule for ProviderDefaultConflict {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, model: &Model, out: &mut Vec<Finding>) {
        let indexes: Vec<DomainIndex> = model.providers.iter().map(DomainIndex::new).collect();
        for mb in &model.mailboxes {
            for (profile, domains) in model.providers.iter().zip(&indexes) {
                let Some(domain) = model
                    .accesses_of(&mb.key)
                    .find_map(|a| domains.covering(&mb.key, &a.host))
                else {
                    continue;
                };
                retention_conflict(model, mb, profile, domain, out);
                host_mismatch(model, mb, profile, domain, out);
            }
        }
    }
}

/// Days the plan keeps copies on the main device for this mailbox.
fn plan_days(model: &Model, key: &str) -> i64 {
    let site = &model.site;
    i64::from(
        site.mailbox(key)
            .and_then(|m| m.keep_days)
            .unwrap_or(site.defaults.keep_days),
    )
}

fn retention_conflict(
    model: &Model,
    mb: &Mailbox,
    profile: &ProviderProfile,
    domain: &str,
    out: &mut Vec<Finding>,
) {
    let Some(r) = &profile.pop3_retention else {
        return;
    };
    let plan = plan_days(model, &mb.key);
    let offered = effect(r);
    let number = match offered {
        Effect::RemovesAtDownload => 0,
        Effect::KeepsDays(d) if d < plan => d,
        _ => return,
    };
    let kind = FindingKind::ProviderRetention {
        profile: profile.source.path.clone(),
        domain: domain.to_string(),
        offered_days: match offered {
            Effect::KeepsDays(d) => Some(d),
            _ => None,
        },
        plan_days: plan,
        pop3_alternative: pop3_is_alternative(profile),
        devices: mb.devices.clone(),
    };
    out.push(
        Finding::new(DOC.id, DOC.severity, &mb.key, mb.devices.clone(), kind)
            .with_evidence(vec![r
                .source
                .clone()
                .unwrap_or_else(|| profile.source.clone())])
            .with_measure(number, Unit::Days),
    );
}

fn host_mismatch(
    model: &Model,
    mb: &Mailbox,
    profile: &ProviderProfile,
    domain: &str,
    out: &mut Vec<Finding>,
) {
    let address = if mb.key.ends_with(&format!("@{domain}")) {
        mb.key.clone()
    } else {
        format!("{}@{domain}", mb.key.split('@').next().unwrap_or(""))
    };
    let offered = mail_hosts(profile, &address);
    if offered.is_empty() {
        return;
    }
    let mut used: Vec<String> = model
        .accesses_of(&mb.key)
        .map(|a| normalize_host(&a.host))
        .filter(|h| !h.is_empty())
        .collect();
    used.sort();
    used.dedup();
    if used.is_empty() {
        return;
    }
    let aliases: Vec<String> = model
        .site
        .mailbox(&mb.key)
        .map(|m| {
            m.aliases
                .iter()
                .filter(|a| !a.contains('@'))
                .map(|a| normalize_host(a))
                .collect()
        })
        .unwrap_or_default();
    let known = |h: &String| used.contains(h) || aliases.contains(h);
    if offered.iter().any(known) {
        return;
    }
    let mut evidence: Vec<Evidence> = profile
        .incoming
        .iter()
        .filter(|s| offered.contains(&normalize_host(&fill(&s.host, &address))))
        .filter_map(|s| s.source.clone())
        .take(1)
        .collect();
    evidence.extend(
        model
            .accesses_of(&mb.key)
            .map(|a| a.evidence_for(Field::Host)),
    );
    evidence.sort();
    evidence.dedup();
    let kind = FindingKind::ProviderHosts {
        profile: profile.source.path.clone(),
        root: model.roots.first().cloned(),
        domain: domain.to_string(),
        offered,
        used,
    };
    out.push(
        Finding::new(DOC.id, DOC.severity, &mb.key, mb.devices.clone(), kind)
            .with_evidence(evidence),
    );
}

#[cfg(test)]
mod tests {
    use crate::analyze;
    use crate::model::{Finding, FindingKind};
    use std::path::Path;

    fn device(root: &Path, name: &str, user: &str, host: &str) {
        let dir = root.join(name).join("profile");
        std::fs::create_dir_all(&dir).unwrap();
        let prefs = format!(
            "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n\
             user_pref(\"mail.account.account1.server\", \"server1\");\n\
             user_pref(\"mail.server.server1.type\", \"pop3\");\n\
             user_pref(\"mail.server.server1.hostname\", \"{host}\");\n\
             user_pref(\"mail.server.server1.userName\", \"{user}\");\n\
             user_pref(\"mail.server.server1.leave_on_server\", true);\n"
        );
        std::fs::write(dir.join("prefs.js"), prefs).unwrap();
    }

    fn autoconfig(first: &str, pop_host: &str, block: &str) -> String {
        let imap = if first == "imap" {
            "<incomingServer type=\"imap\"><hostname>imap.example.co.jp</hostname><port>993</port>\
             <socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>"
        } else {
            ""
        };
        format!(
            "<clientConfig version=\"1.1\"><emailProvider id=\"example.co.jp\">\
             <domain>example.co.jp</domain>{imap}\
             <incomingServer type=\"pop3\"><hostname>{pop_host}</hostname><port>995</port>\
             <socketType>SSL</socketType><username>%EMAILADDRESS%</username>{block}</incomingServer>\
             </emailProvider></clientConfig>"
        )
    }

    fn findings(profile: &str, name: &str, site: &str) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        device(
            dir.path(),
            "PC-A",
            "info@example.co.jp",
            "pop.example.co.jp",
        );
        device(
            dir.path(),
            "PC-B",
            "info@example.co.jp",
            "pop.example.co.jp",
        );
        device(
            dir.path(),
            "PC-C",
            "shop@other.example",
            "pop.other.example",
        );
        std::fs::write(dir.path().join(name), profile).unwrap();
        std::fs::write(dir.path().join("site.toml"), site).unwrap();
        let model = crate::scan::build_model(&[dir.path().to_path_buf()], None).unwrap();
        assert!(model.problems.is_empty(), "{:?}", model.problems);
        analyze::run(&model)
            .into_iter()
            .filter(|f| f.rule == "provider-default-conflict")
            .collect()
    }

    #[test]
    fn wizard_days_below_the_plan_fire_with_the_days() {
        let site = "[mailbox.\"info@example.co.jp\"]\nkeep_days = 21\n";
        let f = findings(&autoconfig("pop3", "pop.example.co.jp", ""), "ac.xml", site);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].mailbox, "info@example.co.jp");
        assert_eq!(f[0].number, Some(14));
        assert_eq!(f[0].devices, ["PC-A", "PC-B"]);
        assert!(
            matches!(
                f[0].kind,
                FindingKind::ProviderRetention {
                    offered_days: Some(14),
                    plan_days: 21,
                    ..
                }
            ),
            "{:?}",
            f[0].kind
        );
        let f = findings(
            &autoconfig("pop3", "pop.example.co.jp", ""),
            "ac.xml",
            "[defaults]\nkeep_days = 21\n",
        );
        assert_eq!(f.len(), 1, "the default plan counts too");
    }

    #[test]
    fn pop3_next_to_imap_is_said() {
        let block = "<pop3><leaveMessagesOnServer>false</leaveMessagesOnServer></pop3>";
        let f = findings(
            &autoconfig("imap", "pop.example.co.jp", block),
            "ac.xml",
            "",
        );
        let retention: Vec<_> = f.iter().filter(|f| f.number == Some(0)).collect();
        assert_eq!(retention.len(), 1, "{f:?}");
        assert!(matches!(
            retention[0].kind,
            FindingKind::ProviderRetention {
                pop3_alternative: true,
                ..
            }
        ));
        assert_eq!(retention[0].evidence[0].line, Some(1));
    }

    #[test]
    fn aliases_make_a_host_known() {
        let profile = autoconfig("pop3", "mail.example.co.jp", "");
        assert_eq!(
            findings(&profile, "ac.xml", "").len(),
            1,
            "unknown host fires"
        );
        let site = "[mailbox.\"info@example.co.jp\"]\naliases = [\"mail.example.co.jp\"]\n";
        assert!(findings(&profile, "ac.xml", site).is_empty());
    }

    #[test]
    fn autodiscover_says_nothing_about_retention() {
        let pox = "<Autodiscover><Response><Account><Action>settings</Action><Protocol><Type>POP3</Type>\
                   <Server>pop.example.co.jp</Server><Port>995</Port><LoginName>info@example.co.jp</LoginName>\
                   </Protocol></Account></Response></Autodiscover>";
        let site = "[defaults]\nkeep_days = 60\n";
        assert!(findings(pox, "autodiscover.xml", site).is_empty());
    }
}
