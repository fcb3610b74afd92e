//! English.

use super::{human_bytes, plural, Catalog, Labels, Texts};
use crate::analyze::simulate::Lifetime;
use crate::model::site::{EntryFault, SiteFault};
use crate::model::{
    Effect, FileFormat, Fill, Finding, FindingKind, ProblemKind, Reader, Severity, TextPart,
};

/// The English catalog.
pub struct En;

static LABELS: Labels = Labels {
    title: "Mail audit",
    stop: ".",
    sep: ", ",
    parens: [" (", ")"],
    mailbox: "Mailbox",
    access_headers: [
        "Device",
        "Client",
        "Account",
        "Protocol",
        "Server copies",
        "Fetches",
        "Source",
    ],
    on_server: "On the server",
    assumed: "assumed",
    inactive_title: "Accounts not counted",
    inactive_why: "They do not fetch in normal use.",
    inactive_headers: ["Device", "Account", "Mailbox", "Server copies", "Why"],
    findings: "Findings",
    no_findings: "No findings.",
    devices: "Devices",
    on: "on",
    why: "Why",
    fix: "Fix",
    evidence: "Evidence",
    layout_title:
        "Recommended layout (main device keeps copies, the others get own forwarded addresses)",
    forward_headers: ["Forward to", "Device", "What changes on the device"],
    quota_must_grow: "the quota is too small even for one day of copies: it must grow",
    providers_title: "Provider profiles",
    provider_headers: ["Profile", "Domains", "Source"],
    problems_title: "Problems",
    problems_why: "These files or lines were not read.",
    problems_what: "files, lines or site entries that could not be used",
    problem_headers: ["Where", "Problem"],
    first_steps: "What to do first",
    scanned: "Scanned",
};

fn names(list: &[String]) -> String {
    En.join(list)
}

fn readers(list: &[Reader]) -> String {
    let v: Vec<String> = list.iter().map(|r| En.reader(r)).collect();
    En.join(&v)
}

/// "s" for one (third person singular), "" for several.
fn verb_s(n: usize) -> &'static str {
    if n == 1 {
        "s"
    } else {
        ""
    }
}

const LAYOUT: &str =
    "then follow the recommended layout (main device keeps copies, the others get own forwarded addresses).";

/// The first half of the fix of a device that removes at download.
fn removes_first(device: &str, by_days: bool) -> String {
    if by_days {
        format!("On {device}, set the days to keep copies on the server to a positive number (or untick removal after N days)")
    } else {
        format!("On {device}, turn on \"leave a copy of messages on the server\" for now")
    }
}

impl Catalog for En {
    fn rule_doc(&self, d: &crate::analyze::RuleDoc) -> super::RuleText {
        super::RuleText {
            summary: d.summary,
            what: d.what,
            why: d.why,
            example: d.example,
            fix: d.fix,
        }
    }

    fn explain_headings(&self) -> [&'static str; 4] {
        ["What it finds", "Why it matters", "Example", "Fix"]
    }

    fn explain_more(&self) -> &'static str {
        "mailaudit explain RULE prints one rule's documentation."
    }

    fn first_step(&self, f: &Finding) -> Option<String> {
        match &f.kind {
            FindingKind::RemovesAtDownload {
                device, by_days, ..
            } => Some(format!(
                "{}, so the other devices receive mail again.",
                removes_first(device, *by_days)
            )),
            FindingKind::NeverRemoved {
                fill: Fill::InDays { days, .. },
                ..
            } if f.severity == Severity::Critical => Some(format!(
                "{} is full in about {days} days: set up the recommended layout below before then.",
                f.mailbox
            )),
            FindingKind::ShortWindow { .. } => Some(self.finding(f).fix),
            FindingKind::Unencrypted {
                password_in_clear: true,
                ..
            } => Some(self.finding(f).fix),
            _ => None,
        }
    }

    fn labels(&self) -> &'static Labels {
        &LABELS
    }

    fn finding(&self, f: &Finding) -> Texts {
        let mailbox = &f.mailbox;
        let (message, why, fix) = match &f.kind {
            FindingKind::RemovesAtDownload {
                device,
                program,
                by_days,
                every_minutes,
                remover,
                readers: others,
                missed,
                other_profile_only,
                ..
            } => {
                let when = match every_minutes {
                    Some(m) => format!("every {m} minutes"),
                    None => "whenever it fetches".to_string(),
                };
                let what = if *by_days {
                    "is set to remove server copies at its next fetch (its day count is not a positive number), so every message goes"
                } else {
                    "removes every message from the server as soon as it downloads it"
                };
                let mut m = format!(
                    "{device} ({program}) {what} ({when}); {} never {} a message that {} fetches first.",
                    readers(others),
                    if others.len() == 1 { "sees" } else { "see" },
                    self.reader(remover)
                );
                if let Some(w) = missed {
                    let basis = if w.intervals_assumed {
                        "With the fetch intervals found (some of them assumed)"
                    } else {
                        "With the fetch intervals found"
                    };
                    m.push_str(&format!(
                        " {basis}, {} misses about {}% of incoming mail.",
                        self.reader(&w.reader),
                        w.percent
                    ));
                }
                if *other_profile_only {
                    m.push_str(&format!(
                        " The other reader is another profile of {program} on {device}: mail is lost whenever this profile is the one in use."
                    ));
                }
                let first = removes_first(device, *by_days);
                (
                    m,
                    "The server keeps one copy of each message, and this device deletes it before the others can fetch it.".to_string(),
                    format!("{first}; {LAYOUT}"),
                )
            }
            FindingKind::ShortWindow {
                device,
                days,
                away_device,
                away_days,
                lost_days,
                ..
            } => (
                format!(
                    "{device} removes server copies {days} day{} after it downloads them; {away_device} may be away {away_days} days, and then misses up to {} days of mail.",
                    plural(*days as usize),
                    lost_days
                ),
                "Each device counts the days from its own download, so a device that is off longer than that finds the mail already gone.".to_string(),
                format!("Let {device} keep copies at least {away_days} days, or give {away_device} an own address that the server forwards to."),
            ),
            FindingKind::NeverRemoved {
                devices,
                by_user,
                piled,
                fill,
            } => {
                let mut m = format!(
                    "No device removes messages from {mailbox} on its own: {} leave{} copies on the server{}, so the mailbox only grows.",
                    names(devices),
                    verb_s(devices.len()),
                    if by_user.is_empty() {
                        String::new()
                    } else {
                        format!(" ({} only removes what its user deletes)", names(by_user))
                    }
                );
                if let Some(p) = piled {
                    m.push_str(&format!(
                        " A device has {} messages left on the server, the oldest downloaded {} days before the newest.",
                        p.kept, p.span_days
                    ));
                }
                match fill {
                    Fill::InDays {
                        days,
                        daily_bytes,
                        quota_bytes,
                        counting_stored,
                    } => m.push_str(&format!(
                        " At {} a day into a {} quota it is full in about {days} days{}.",
                        human_bytes(*daily_bytes),
                        human_bytes(*quota_bytes),
                        if *counting_stored {
                            " (counting what is already stored)"
                        } else {
                            " (assuming it is empty today)"
                        }
                    )),
                    Fill::NoFacts => m.push_str(" Give `quota` and `daily_volume` for this mailbox in site.toml to see when it fills up."),
                    Fill::Never => {}
                }
                (
                    m,
                    "When the quota is reached the server refuses new mail and senders get \"mailbox full\" bounces.".to_string(),
                    "Let the main device remove server copies after N days and forward the address to own addresses for the others.".to_string(),
                )
            }
            FindingKind::DeleteFollowsUser { device, others, .. } => (
                format!(
                    "When someone deletes a message on {device} (or empties its trash), {device} removes it from the server at its next fetch; {} {} it if {} not fetched it yet.",
                    readers(others),
                    if others.len() == 1 { "loses" } else { "lose" },
                    if others.len() == 1 { "it has" } else { "they have" }
                ),
                "Whether colleagues get a message depends on what one person deletes, and when.".to_string(),
                format!("On {device}, turn off removing server copies when messages are deleted locally."),
            ),
            FindingKind::PopImapMix { viewers, removers } => (
                format!(
                    "{} read{} {mailbox} over IMAP or webmail, and the POP3 removals of {} delete messages from that view too.",
                    names(viewers),
                    verb_s(viewers.len()),
                    names(removers)
                ),
                "IMAP users see the server folder itself, so what a POP3 device removes vanishes from their Inbox.".to_string(),
                "Read the shared mailbox over IMAP everywhere, or move the POP3 devices to own forwarded addresses.".to_string(),
            ),
            FindingKind::HeadersOnly {
                device,
                size_limit_kib,
                ..
            } => {
                let what = match size_limit_kib {
                    None => "downloads only the headers of every message".to_string(),
                    Some(k) => format!("downloads only the headers of messages larger than {k} KB"),
                };
                (
                    format!("{device} {what} of {mailbox}; those messages stay on the server for good, whatever the removal settings say."),
                    "Messages fetched as headers only are never removed by age or at download, so they fill the quota.".to_string(),
                    format!("On {device}, turn off headers-only download and the size limit."),
                )
            }
            FindingKind::SharedAddress { devices } => (
                format!("{mailbox} is read by {} devices: {}.", devices.len(), names(devices)),
                "Each device's settings decide what the others see.".to_string(),
                "See the recommended layout for this mailbox.".to_string(),
            ),
            FindingKind::Unencrypted {
                device,
                protocol,
                host,
                password_in_clear,
            } => (
                format!(
                    "{device} connects to {protocol} server {host} without encryption{}.",
                    if *password_in_clear {
                        " and the password is sent in clear text"
                    } else {
                        ""
                    }
                ),
                "Anyone on the network path can read the mail, and a clear-text password lets them take over the address.".to_string(),
                format!("On {device}, switch {protocol} to SSL/TLS (or STARTTLS) and the matching port."),
            ),
            FindingKind::SenderDomain {
                device,
                identity,
                domain,
                mailbox_domain,
            } => (
                format!("{device} sends as {identity} from the account that reads {mailbox}; receivers check {domain}'s SPF/DMARC against the sending server."),
                "Mail sent as another domain than the server's is more likely to land in spam.".to_string(),
                format!("On {device}, send as an address of {mailbox_domain}, or through {domain}'s own server."),
            ),
            FindingKind::ProviderRetention {
                profile,
                domain,
                offered_days,
                plan_days,
                pop3_alternative,
                devices,
            } => {
                let what = match offered_days {
                    None => "remove every message at download".to_string(),
                    Some(d) => format!(
                        "{}, fewer than the plan's {plan_days}",
                        self.effect(Effect::KeepsDays(*d))
                    ),
                };
                let alternative = if *pop3_alternative {
                    " (POP3 is offered next to IMAP, so this applies to whoever picks POP3)"
                } else {
                    ""
                };
                (
                    format!("The provider profile {profile} for {domain} sets up new POP3 devices to {what}{alternative}; a device added that way takes mail from {}.", names(devices)),
                    "A new device gets what the provider's profile proposes unless someone changes it during setup.".to_string(),
                    format!("When adding a device for {mailbox}, set it to leave messages on the server at least {plan_days} days (or give it an own forwarded address); ask the provider to change the profile."),
                )
            }
            FindingKind::ProviderHosts {
                profile,
                root,
                domain,
                offered,
                used,
            } => (
                format!(
                    "The provider profile {profile} for {domain} points new devices at {}, which no device of {mailbox} uses (they use {}): the profile is stale, or the mailbox is about to move.",
                    names(offered),
                    names(used)
                ),
                "New devices set up from the profile and the existing devices would read from different servers.".to_string(),
                format!("Confirm which servers are current; if the mailbox moves, run `{}` for every device's changes, else have the profile corrected.", super::migrate_command(root.as_deref(), profile)),
            ),
        };
        Texts { message, why, fix }
    }

    fn program(&self, program: &str) -> String {
        match program {
            "thunderbird" => "Thunderbird".into(),
            "outlook" => "Outlook".into(),
            "windows-live-mail" => "Windows Live Mail".into(),
            "thunderbird-android" => "Thunderbird for Android".into(),
            "becky" => "Becky!".into(),
            "ios-mail" => "iPhone Mail".into(),
            "gmail-fetcher" => "Gmail (check mail from other accounts)".into(),
            "webmail" => "Webmail".into(),
            "hidemaru" => "Hidemaru Mail".into(),
            other => other.to_string(),
        }
    }

    fn site_entry(&self) -> &'static str {
        "(site file)"
    }

    fn probably(&self, message: &str, reason: &str) -> String {
        format!("Probably: {message} This was assumed, not read: {reason}")
    }

    fn severity(&self, s: Severity) -> &'static str {
        s.name()
    }

    fn reader(&self, r: &Reader) -> String {
        match (&r.program, &r.account) {
            (Some(p), Some(a)) => match &r.profile {
                Some(f) => format!("{p} ({a}, profile {f}) on {}", r.device),
                None => format!("{p} ({a}) on {}", r.device),
            },
            _ => r.device.clone(),
        }
    }

    fn join(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {}", init.join(", "), last),
        }
    }

    fn effect(&self, e: Effect) -> String {
        match e {
            Effect::RemovesAtDownload => "removes at download".to_string(),
            Effect::KeepsDays(1) => "keeps 1 day".to_string(),
            Effect::KeepsDays(n) => format!("keeps {n} days"),
            Effect::KeepsUntilDeleted => "keeps until deleted on this device".to_string(),
            Effect::KeepsForever => "keeps forever".to_string(),
        }
    }

    fn lifetime(&self, l: &Lifetime) -> String {
        match l {
            Lifetime::NextFetch(d, Some(m)) => format!(
                "a message stays only until {d} fetches (every {m} min), then it is gone for everyone"
            ),
            Lifetime::NextFetch(d, None) => {
                format!("a message stays only until {d} next fetches, then it is gone for everyone")
            }
            Lifetime::Days(d, n) => format!(
                "a message stays {n} day{} after {d} downloads it",
                plural(*n as usize)
            ),
            Lifetime::UserDelete(d) => format!("a message stays until someone deletes it on {d}"),
            Lifetime::Forever => "no device removes anything; the mailbox only grows".to_string(),
            Lifetime::NotPop => {
                "read over IMAP/webmail only; users manage the server folder".to_string()
            }
        }
    }

    fn summary(
        &self,
        devices: usize,
        mailboxes: usize,
        [c, w, i]: [usize; 3],
        problems: usize,
    ) -> String {
        let problems = match problems {
            0 => String::new(),
            n => format!(", {n} problem{}", plural(n)),
        };
        format!(
            "{devices} device{}, {mailboxes} mailbox{}, {} finding{} ({c} critical, {w} warning, {i} info){problems}",
            plural(devices),
            if mailboxes == 1 { "" } else { "es" },
            c + w + i,
            plural(c + w + i),
        )
    }

    fn quota(&self, bytes: u64) -> String {
        format!("quota {}", human_bytes(bytes))
    }

    fn daily(&self, bytes: u64, estimated: bool) -> String {
        format!(
            "{} a day{}",
            human_bytes(bytes),
            if estimated { " (estimated)" } else { "" }
        )
    }

    fn or_deleted_here(&self) -> &'static str {
        ", or when deleted here"
    }

    fn headers_only_forever(&self) -> &'static str {
        "headers only: keeps forever"
    }

    fn over_size_forever(&self, kib: u32) -> String {
        format!("; over {kib} KB: keeps forever")
    }

    fn sees_server_folder(&self) -> &'static str {
        "sees the server folder"
    }

    fn unknown(&self) -> &'static str {
        "unknown"
    }

    fn fetches(&self, automatic: bool, interval: Option<u32>, at_startup: bool) -> String {
        match (automatic, interval) {
            (true, Some(m)) => format!("every {m} min"),
            (true, None) => "automatically".into(),
            (false, _) if at_startup => "at start-up".into(),
            (false, _) => "by hand".into(),
        }
    }

    fn server_state(&self, left: u64, oldest: Option<&str>) -> String {
        let since = oldest
            .map(|d| format!(", the oldest downloaded {d}"))
            .unwrap_or_default();
        format!(
            "its popstate.dat lists {left} message{} it left on the server (as of its last fetch){since}",
            plural(left as usize)
        )
    }

    fn main_keeps(&self, main: &str, days: u32, reason: &str) -> String {
        format!(
            "{main} keeps copies {days} day{} ({reason})",
            plural(days as usize)
        )
    }

    fn main_cell(&self, days: u32) -> String {
        format!("→ main, keeps {days} day{}", plural(days as usize))
    }

    fn forward_line(&self, mailbox: &str, address: &str, change: &str) -> String {
        format!("forward {mailbox} to {address}: {change}")
    }

    fn scan_facts(
        &self,
        roots: &[String],
        at: Option<&str>,
        version: &str,
        site: Option<&str>,
    ) -> String {
        let at = at.map(|t| format!(" on {t}")).unwrap_or_default();
        let site = match site {
            Some(s) => format!("site file {s}"),
            None => "no site file".to_string(),
        };
        format!(
            "Scanned {}{at} with mailaudit {version}; {site}.",
            self.join(roots)
        )
    }

    fn problem(&self, k: &ProblemKind) -> String {
        match k {
            ProblemKind::Syntax { message, .. } => message.clone(),
            ProblemKind::CannotRead { reason, .. } => format!("cannot read: {reason}"),
            ProblemKind::TooLarge { bytes, limit_mib } => {
                format!("skipped: {bytes} bytes is over the {limit_mib} MiB limit for one file")
            }
            ProblemKind::NotAFile => {
                "not a regular file (a pipe, device or folder); not read".to_string()
            }
            ProblemKind::SpecialFile => {
                "not a regular file (a pipe, socket or device); not read".to_string()
            }
            ProblemKind::SymlinkNotFollowed => "symbolic link not followed".to_string(),
            ProblemKind::ThroughLink { link } => {
                format!("reached through the symbolic link {link}; links are not followed")
            }
            ProblemKind::LeavesFolder => {
                "the path leaves the scanned folder (`..`); not followed".to_string()
            }
            ProblemKind::NotAClientFile => "not a mail-client file mailaudit can read".to_string(),
            ProblemKind::NotFormat { format } => match format {
                FileFormat::BeckyMailbox => {
                    "no [Account] section: not a Becky! mailbox settings file"
                }
                FileFormat::K9Export => {
                    "no <k9settings> element: not a Thunderbird for Android / K-9 Mail settings export"
                }
                FileFormat::WindowsMailAccount => {
                    "no <MessageAccount> element: not a Windows Mail account file"
                }
                FileFormat::OutlookPrf => {
                    "no [General] or [Internet Account List] section: not an Outlook profile file"
                }
            }
            .to_string(),
            ProblemKind::SiteInDeviceFolder => "a site file inside a device folder is not used; only site.toml in the office root (or --site) is read".to_string(),
            ProblemKind::SiteNotUsed { given } => {
                format!("site file not used: --site {given} was given and is used instead")
            }
            ProblemKind::GivenTwice { also } => {
                format!("given more than once (also as `{also}`); scanned once")
            }
            ProblemKind::InsideAnother { folder } => {
                format!("inside `{folder}`, which is scanned too; its devices are counted once")
            }
            ProblemKind::MoreProblems { count } => {
                format!("… and {count} more problems in this file, not listed")
            }
            ProblemKind::NoClientSettings { looked_in } => format!(
                "no mail-client settings mailaudit reads were found on this machine; looked in {}",
                looked_in.join(", ")
            ),
            ProblemKind::ValuesCut {
                fields,
                limit_bytes,
            } => format!(
                "{} longer than {limit_bytes} bytes; cut, so no real server or address can be named by it",
                fields.join(", ")
            ),
            ProblemKind::SiteDeviceUnknown { device } => {
                format!("[device.\"{device}\"] names a device with no collected files")
            }
            ProblemKind::SiteMailboxUnmatched {
                mailbox,
                found,
                more,
            } => {
                let mut found = found.join(", ");
                if *more > 0 {
                    found.push_str(&format!(", and {more} more"));
                }
                format!("[mailbox.\"{mailbox}\"] matches no mailbox that was found ({found}); its quota, volume and main device are not used")
            }
            ProblemKind::SiteMainNotReader {
                main,
                mailbox,
                readers,
            } => format!(
                "main = \"{main}\" in [mailbox.\"{mailbox}\"]: that device does not read this mailbox ({}); the plan picks the main device itself",
                readers.join(", ")
            ),
            ProblemKind::SiteForwardNotReader { device, mailbox } => format!(
                "forward_to in [mailbox.\"{mailbox}\"] names {device}, which does not read this mailbox"
            ),
            ProblemKind::ExportNotUtf8 { encoding } => format!(
                "settings export is not UTF-8 (read as {encoding}); names may be garbled"
            ),
            ProblemKind::NotUtf8OrCp932 { encoding } => format!(
                "some bytes are neither UTF-8 nor CP932 (read as {encoding}); names may be garbled"
            ),
            ProblemKind::FolderListMissing { folder } => format!(
                "Folder.lst lists the mailbox folder `{folder}`, but it holds no Mailbox.ini: that mailbox's settings were not collected"
            ),
            ProblemKind::FolderListUnchecked { count, checked } => format!(
                "Folder.lst lists {count} more mailbox folders, not checked after {checked} missing ones"
            ),
            ProblemKind::NotWholeNumber { key, value } => {
                format!("{key}=`{value}` is not a whole number; ignored")
            }
            ProblemKind::UnknownValue {
                key,
                value,
                read_as,
            } => match read_as {
                Some(r) => format!("{key}=`{value}` is not a known value; read as {r}"),
                None => format!("{key}=`{value}` is not a known value"),
            },
            ProblemKind::MailboxNoServer { mailbox } => {
                format!("mailbox `{mailbox}` has no MailServer; skipped")
            }
            ProblemKind::MailboxNoLogin { mailbox } => {
                format!("mailbox `{mailbox}` has neither UserID nor MailAddress; skipped")
            }
            ProblemKind::LeaveServerNotFlag { value } => {
                format!("LeaveServer=`{value}` is not 0 or 1; read as off")
            }
            ProblemKind::NegativeKeepDays { days } => {
                format!("KeepDays=`{days}` is negative; read as keep forever")
            }
            ProblemKind::AccountNoIncoming { account } => {
                format!("account `{account}` has no <incoming-server>; skipped")
            }
            ProblemKind::AccountNoHost { account } => {
                format!("account `{account}`: incoming server has no <host>; skipped")
            }
            ProblemKind::AccountNoUsername { account } => {
                format!("account `{account}`: incoming server has no <username>; skipped")
            }
            ProblemKind::AccountUnknownValue {
                account,
                setting,
                value,
                fallback,
            } => {
                let value = value.as_deref().unwrap_or("(missing)");
                let fallback = fallback
                    .as_ref()
                    .map(|f| format!("; the app falls back to {f}"))
                    .unwrap_or_default();
                format!("account `{account}`: unknown {setting} `{value}`{fallback}")
            }
            ProblemKind::AccountNotNumber {
                account,
                setting,
                value,
            } => format!(
                "account `{account}`: {setting} `{value}` is not a number; the app's default applies"
            ),
            ProblemKind::AccountBadPort { account, value } => {
                format!("account `{account}`: port `{value}` is not a port number")
            }
            ProblemKind::WrongRoot { found, format } => {
                let (root, not) = match format {
                    FileFormat::BeckyMailbox => ("[Account]", "not a Becky! mailbox settings file"),
                    FileFormat::K9Export => (
                        "k9settings",
                        "not a Thunderbird for Android / K-9 Mail settings export",
                    ),
                    FileFormat::WindowsMailAccount => {
                        ("MessageAccount", "not a Windows Mail account file")
                    }
                    FileFormat::OutlookPrf => ("[General]", "not an Outlook profile file"),
                };
                format!("root element is <{found}>, not <{root}>: {not}")
            }
            ProblemKind::EmptyRoot { element } => {
                format!("root element is an empty <{element}/>: no account in this file")
            }
            ProblemKind::DoctypeIgnored => "<!DOCTYPE> ignored: document type declarations and their entities are not read".to_string(),
            ProblemKind::AccountFileCutShort => {
                "file ends before </MessageAccount>: the account is incomplete and not read"
                    .to_string()
            }
            ProblemKind::NotDword { element } => {
                format!("<{element}> is not a hexadecimal DWORD; the default is used")
            }
            ProblemKind::EntityNotExpanded { element, secret } => {
                if *secret {
                    format!("<{element}> holds a reference that is not expanded")
                } else {
                    format!("<{element}> holds an entity reference; entities are not expanded, the value is ignored")
                }
            }
            ProblemKind::AccountNoServerKey { account } => {
                format!("account `{account}` names no POP3_Server or IMAP_Server; not audited")
            }
            ProblemKind::AccountNoLogin { account, key } => format!(
                "account `{account}` has no {key} and no e-mail address; its mailbox cannot be named"
            ),
            ProblemKind::AccountNotPopImap {
                account,
                account_type,
            } => format!(
                "account `{account}` is of type `{account_type}`, not POP3 or IMAP; not audited"
            ),
            ProblemKind::SectionNoServer {
                section,
                key,
                account,
            } => format!("[{section}] has no {key}; account `{account}` skipped"),
            ProblemKind::AccountListMissing { account } => format!(
                "[Internet Account List] names `{account}` but the file has no [{account}] section"
            ),
            ProblemKind::NotNumber { key } => {
                format!("`{key}` is not a number (decimal or 0x hex); ignored")
            }
            ProblemKind::NoAccountList { pref } => format!(
                "server settings found but no account list ({pref}); a user.js alone does not define accounts, the prefs.js next to it does"
            ),
            ProblemKind::PrefsBom { file, lost } => {
                let named = match lost {
                    Some((name, line)) => format!("`{name}`, line {line}"),
                    None => "none here".to_string(),
                };
                format!(
                    "{file} starts with a UTF-8 byte-order mark: current Thunderbird skips it, but Thunderbird 115 (and likely 128) reports an error there and loses the first statement ({named})"
                )
            }
            ProblemKind::ProfileNotCollected { name, path } => format!(
                "profiles.ini lists profile `{name}` at `{path}`, which is not in the collected folder"
            ),
            ProblemKind::DefaultProfileNotCollected { path } => {
                format!("the default profile `{path}` is not in the collected folder")
            }
            ProblemKind::ProfileNotLoaded { section, stops_at } => format!(
                "[{section}] is not loaded by Thunderbird: its list of profiles stops at [Profile{stops_at}], which is missing or has no IsRelative"
            ),
            ProblemKind::AutoConfigNotEvaluated => "AutoConfig statement not evaluated: only pref, defaultPref, lockPref and clearPref with literal values are read without running the file".to_string(),
            ProblemKind::ExportCutShort { open } => format!(
                "file ends inside <{open}>: it is cut short; accounts after the last complete one are missing"
            ),
            ProblemKind::DtdRefused => {
                "a DTD is not allowed in a settings export; file not read".to_string()
            }
            ProblemKind::TooDeep { limit } => {
                format!("elements nested deeper than {limit}; file not read further")
            }
            ProblemKind::SecondRoot => "a second root element; ignored".to_string(),
            ProblemKind::ExportFormatUnsupported { format } => format!(
                "settings export format `{format}` is not supported (only format 1 exists); file not read"
            ),
            ProblemKind::ExportNoVersion => "settings export has no valid `version` (a positive whole number); file not read".to_string(),
            ProblemKind::SecondAccounts => {
                "a second <accounts> element is ignored, as the app does on import".to_string()
            }
            ProblemKind::SecondServer => {
                "a second server element in one account is ignored".to_string()
            }
            ProblemKind::ProfileWrongRoot { found, expected } => {
                format!("the root element is <{found}>, not <{expected}>")
            }
            ProblemKind::NoEmailProvider => {
                "no <emailProvider> element: the file names no servers".to_string()
            }
            ProblemKind::NoDomain => {
                "<emailProvider> lists no <domain>: no mailbox can be matched to it".to_string()
            }
            ProblemKind::NoResponse => "no <Response> in the Autodiscover file".to_string(),
            ProblemKind::AutodiscoverError { message } => {
                format!("the file is an Autodiscover error response: {message}")
            }
            ProblemKind::AutodiscoverRequest => {
                "the file is an Autodiscover request, not a response".to_string()
            }
            ProblemKind::NoAccount => "no <Account> in the Autodiscover response".to_string(),
            ProblemKind::Redirect { action, target } => format!(
                "the response redirects ({action}) to {target}; it holds no server settings"
            ),
            ProblemKind::NoMailDomain => {
                "no address or server host in the file names a mail domain".to_string()
            }
            ProblemKind::AccountListNotString { pref } => {
                format!("{pref} is not a string, so Thunderbird loads no accounts")
            }
            ProblemKind::ListedAccountNoServer {
                list,
                account,
                server_pref,
            } => format!("{list} lists {account}, which has no {server_pref}; Thunderbird skips it"),
            ProblemKind::OutlookTypeNotAudited {
                account,
                account_type,
            } => format!(
                "Outlook account `{account}` is {}; not audited",
                super::assumptions::account_type_en(account_type)
            ),
            ProblemKind::OutlookNoServer { account, prefix } => format!(
                "Outlook {prefix} account `{account}` has no `{prefix} Server` value; skipped"
            ),
            ProblemKind::OutlookNoLogin { account, prefix } => format!(
                "Outlook account `{account}` has neither `{prefix} User` nor `Email`; its mailbox cannot be named"
            ),
            ProblemKind::NoOutlookAccountKeys => "no Outlook or Outlook Express account keys in this export; export HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles (15.0 for Outlook 2013, Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles for 2010 and older)".to_string(),
            ProblemKind::RegAccountCutShort { key } => format!(
                "the export looks cut off inside account key `{key}`; that account may be missing values, so it is not read"
            ),
            ProblemKind::RegNotString { value } => {
                format!("value `{value}` is not a string; ignored")
            }
            ProblemKind::RegNotText { value } => {
                format!("value `{value}` does not hold readable text; ignored")
            }
            ProblemKind::RegNotDword { value } => {
                format!("value `{value}` is not a DWORD; ignored")
            }
            ProblemKind::BytesNotValid { encoding, part } => {
                let part = match part {
                    TextPart::NamesOrHosts => "names or hosts",
                    TextPart::Values => "values",
                };
                format!("some bytes are not valid {encoding}; {part} may be garbled")
            }
            ProblemKind::NotTcpPort { setting, number } => match setting {
                Some(s) => format!(
                    "value `{s}` = {number} is not a TCP port; the default port is used"
                ),
                None => format!("{number} is not a TCP port; the default port is used"),
            },
            ProblemKind::RetentionUndocumented {
                program,
                account,
                anomaly,
            } => {
                let program = program.as_ref().map(|p| format!("{p} ")).unwrap_or_default();
                let why = super::assumptions::en(&anomaly.assumption());
                format!("{program}account `{account}`: {why}")
            }
            ProblemKind::ServerShared {
                account,
                server,
                first,
            } => format!(
                "{account} uses {server}, which {first} already uses; Thunderbird skips {account}"
            ),
            ProblemKind::ServerNoType { account, server } => format!(
                "{account} uses {server}, which has no mail.server.{server}.type; Thunderbird cannot load this account"
            ),
            ProblemKind::ServerNoHost {
                account,
                server_type,
                server,
            } => format!(
                "{account} ({server_type} server {server}) has no hostname; it cannot fetch mail and is left out"
            ),
            ProblemKind::PrefsUtf16 { file, encoding } => format!(
                "{file} is saved as {encoding}; Thunderbird reads prefs files as UTF-8 and applies none of its settings, so they are ignored here too"
            ),
        }
    }

    fn problems_heading(&self, n: usize) -> String {
        format!("Problems ({n})")
    }

    fn site_fault(&self, f: &SiteFault) -> String {
        match f {
            SiteFault::Unreadable { reason } => format!("site file: {reason}"),
            SiteFault::NotUtf8 => "the site file must be saved as UTF-8 (this byte is not UTF-8, and the file is not CP932 either)".into(),
            SiteFault::Toml { message, backslash } => {
                let mut s = message.clone();
                if *backslash {
                    s.push_str("; a backslash in double quotes starts an escape: write a Windows name such as OFFICE\\info in single quotes ('OFFICE\\info') or with the backslash doubled");
                }
                s
            }
            SiteFault::Entry { device, fault } => {
                format!("[[manual]] entry for `{device}`: {}", entry_fault_en(fault))
            }
        }
    }
}

impl std::fmt::Display for SiteFault {
    /// The fault in English, as the site file's error says it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&En.site_fault(self))
    }
}

/// What a missing `[[manual]]` field holds, for the sentence that asks for it.
fn missing_why_en(key: &str) -> Option<&'static str> {
    Some(match key {
        "mailbox" => "the address this device reads",
        "host" => "the server this device reads",
        "protocol" => "pop3, imap or exchange",
        "leave_on_server" => {
            "this client's files cannot be read, so say whether it leaves copies on the server"
        }
        "delete_after_days" => "days the server copy is kept; 0 for never",
        "delete_when_deleted_locally" => {
            "true or false: does deleting on this device remove the server copy"
        }
        _ => return None,
    })
}

fn entry_fault_en(f: &EntryFault) -> String {
    match f {
        EntryFault::DeviceEmpty => "`device` is empty".into(),
        EntryFault::UnknownClient {
            client,
            defaulted,
            required,
        } => format!(
            "unknown client `{client}`; use one of {}, or {}",
            defaulted.join(", "),
            required.join(", ")
        ),
        EntryFault::Missing { key } => match missing_why_en(key) {
            Some(why) => format!("give `{key}` ({why})"),
            None => format!("give `{key}`"),
        },
        EntryFault::Empty { key } => format!("`{key}` is empty"),
        EntryFault::PortZero => "port 0 is not a port".into(),
        EntryFault::UnknownProtocol { value } => {
            format!("unknown protocol `{value}`; use pop3, imap or exchange")
        }
        EntryFault::ProtocolFixed { client, protocol } => format!(
            "{client} always reads the mailbox as {protocol}; remove `protocol` or set it so"
        ),
        EntryFault::UnknownSecurity { value } => {
            format!("unknown security `{value}`; use tls, starttls or none")
        }
        EntryFault::UnknownAuth { value, names } => {
            format!("unknown auth `{value}`; use one of {}", names.join(", "))
        }
        EntryFault::PopOnly { key } => format!(
            "`{key}` applies to pop3 only; this entry reads the mailbox over IMAP or Exchange"
        ),
        EntryFault::NegativeDays { days } => format!(
            "delete_after_days = {days} is negative; use 0 for never, or a number of days"
        ),
        EntryFault::GmailNoDays => {
            "Gmail's fetcher has no \"delete after N days\"; remove delete_after_days".into()
        }
        EntryFault::GmailNoLocalDelete => "Gmail's fetcher never removes the server copy when a message is deleted in Gmail; remove delete_when_deleted_locally".into(),
    }
}

impl std::fmt::Display for ProblemKind {
    /// The problem in English, as the model and command-line errors say it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&En.problem(self))
    }
}

impl std::error::Error for ProblemKind {}
