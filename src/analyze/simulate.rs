//! Server-retention arithmetic: who fetches first, how long a message lives, when a mailbox fills up.

pub use crate::model::plan::{DeviceOutcome, Projection};
use crate::model::{Access, Effect};

/// Share of messages a device fetching every `other` minutes never sees because a device
/// that removes at download fetches every `remover` minutes: the chance the remover's next
/// fetch comes first, for messages arriving at random times between independent fetch cycles.
pub fn share_missed(remover: u32, other: u32) -> f64 {
    let a = f64::from(remover.max(1));
    let b = f64::from(other.max(1));
    if b <= a {
        b / (2.0 * a)
    } else {
        1.0 - a / (2.0 * b)
    }
}

/// Days until a mailbox that never shrinks reaches its quota.
pub fn days_until_full(quota: u64, used: u64, daily: u64) -> Option<u64> {
    if daily == 0 {
        return None;
    }
    Some(quota.saturating_sub(used) / daily)
}

/// How long a message stays on the server, set by the mailbox's most aggressive device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lifetime<'a> {
    /// Until this device's next fetch (it removes at download); interval if automatic.
    NextFetch(&'a str, Option<u32>),
    /// N days after this device downloaded it.
    Days(&'a str, i64),
    /// Until a user deletes it on this device.
    UserDelete(&'a str),
    /// No device ever removes it.
    Forever,
    /// No POP3 device reads the mailbox: its users manage the server folder themselves.
    NotPop,
}

/// The lifetime of a message on the server, given every access to one mailbox.
pub fn lifetime<'a>(accesses: &[&'a Access]) -> Lifetime<'a> {
    let pop: Vec<&&Access> = accesses.iter().filter(|a| a.retention.is_some()).collect();
    if pop.is_empty() {
        return Lifetime::NotPop;
    }
    let interval = |a: &Access| a.fetch.interval_minutes.filter(|_| a.fetch.automatic);
    if let Some(a) = pop
        .iter()
        .filter(|a| a.effect() == Some(Effect::RemovesAtDownload))
        .min_by_key(|a| interval(a).unwrap_or(u32::MAX))
    {
        return Lifetime::NextFetch(&a.device, interval(a));
    }
    if let Some((a, n)) = pop
        .iter()
        .filter_map(|a| match a.effect() {
            Some(Effect::KeepsDays(n)) => Some((a, n)),
            _ => None,
        })
        .min_by_key(|(_, n)| *n)
    {
        return Lifetime::Days(&a.device, n);
    }
    if let Some(a) = pop
        .iter()
        .find(|a| a.effect() == Some(Effect::KeepsUntilDeleted))
    {
        return Lifetime::UserDelete(&a.device);
    }
    Lifetime::Forever
}

/// Minutes in a day.
const DAY: i64 = 1440;

/// On which days a device is switched on and fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Schedule {
    /// Monday to Friday, 09:00 to 18:00 (office desktops and laptops).
    WorkingDays,
    /// Every day, 07:00 to 23:00 (phones, webmail).
    Daily,
}

impl Schedule {
    fn on(self, day: u32) -> bool {
        match self {
            // Day 0 is a Monday, so a projection always shows its weekends in the same place.
            Schedule::WorkingDays => day % 7 < 5,
            Schedule::Daily => true,
        }
    }

    fn window(self) -> (i64, i64) {
        match self {
            Schedule::WorkingDays => (9 * 60, 18 * 60),
            Schedule::Daily => (7 * 60, 23 * 60),
        }
    }
}

/// What a device does to the server copies it downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "days")]
pub enum Removal {
    /// Removes every message at the fetch that downloads it, and anything it left earlier.
    AtDownload,
    /// Removes a message at its first fetch at least this many days after its own download.
    AfterDays(u32),
    /// Never removes on its own (keeps forever, or only what its user deletes).
    Never,
}

/// One device in the simulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimDevice {
    pub name: String,
    pub schedule: Schedule,
    /// Minutes between fetches while the device is on; at least one fetch when it switches on.
    pub interval_minutes: u32,
    pub removal: Removal,
    /// One absence: the first day off and how many days the device does not fetch.
    pub away: Option<(u32, u32)>,
}

/// The inputs of one mailbox's projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimInput {
    /// Days to project.
    pub days: u32,
    /// Inbound bytes a day.
    pub daily_bytes: u64,
    /// Messages a day the volume is split into (spread evenly over the 24 hours).
    pub messages_per_day: u32,
    /// Server quota; a message that does not fit is refused (the sender gets a bounce).
    pub quota: Option<u64>,
    /// Days of mail already on the server, each message downloaded by every device on arrival.
    pub history_days: u32,
    pub devices: Vec<SimDevice>,
}

/// A fixed, evenly spread sequence in [0, 1): the fetch phase of device `i` on day `d`, so
/// which device comes first varies from day to day as it does in an office, yet every run of
/// the same input gives the same numbers.
fn phase(i: usize, day: i64) -> f64 {
    let x = 0.618_033_988_75 * (i as f64 + 1.0) + 0.754_877_666_2 * day as f64;
    x - x.floor()
}

/// Runs the projection: mail arrives evenly, each device fetches on its schedule and removes
/// what its retention removes, counted from its own download.
pub fn project(input: &SimInput) -> Projection {
    let per_day = i64::from(input.messages_per_day.max(1));
    // Sizes that add up to exactly the daily volume each day.
    let daily = input.daily_bytes;
    let msg_bytes = |k: usize| {
        let j = (k as u64) % per_day as u64;
        let p = per_day as u64;
        (j + 1) * daily / p - j * daily / p
    };
    let spacing = DAY / per_day;
    let history = i64::from(input.history_days);
    let total = ((history + i64::from(input.days)) * per_day) as usize;
    // Message k arrives at minute `(k - history * per_day) * spacing + spacing / 2`.
    let arrival = |k: usize| (k as i64 - history * per_day) * spacing + spacing / 2;
    let mut present = vec![false; total];
    let mut stored = vec![false; total];
    let mut size: u64 = 0;
    let mut arrived_bytes: u64 = 0;
    let mut refused = 0u64;
    let mut full_on_day = None;
    let n = input.devices.len();
    // Per device: downloads still on the server in download order, and the next message index to look at.
    let mut kept: Vec<std::collections::VecDeque<(usize, i64)>> = vec![Default::default(); n];
    let mut next: Vec<usize> = vec![0; n];
    let mut received = vec![0u64; n];
    let mut missed = vec![0u64; n];
    let mut downloaded = vec![false; total * n];
    let mut taken = vec![false; total];
    let mut after_remover = 0u64;
    let mut arrived_k = 0usize;
    // History: already on the server, every device has it (its popstate lists it).
    for k in 0..(history * per_day) as usize {
        let fits = input.quota.is_none_or(|q| size + msg_bytes(k) <= q);
        arrived_bytes += msg_bytes(k);
        arrived_k = k + 1;
        if fits {
            present[k] = true;
            stored[k] = true;
            size += msg_bytes(k);
            for d in 0..n {
                kept[d].push_back((k, arrival(k)));
                downloaded[k * n + d] = true;
            }
        }
        for nx in next.iter_mut() {
            *nx = k + 1;
        }
    }
    let mut size_by_day = Vec::with_capacity(input.days as usize);
    let mut arrived_by_day = Vec::with_capacity(input.days as usize);
    for day in 0..input.days {
        let base = i64::from(day) * DAY;
        // Fetch events of the day, in time order; ties go to the device listed first.
        let mut events: Vec<(i64, usize)> = Vec::new();
        for (i, dev) in input.devices.iter().enumerate() {
            let away = dev
                .away
                .is_some_and(|(from, len)| day >= from && day < from.saturating_add(len));
            if away || !dev.schedule.on(day) {
                continue;
            }
            let (start, end) = dev.schedule.window();
            let step = i64::from(dev.interval_minutes.max(1));
            let mut t = start + (phase(i, i64::from(day)) * step as f64) as i64;
            events.push((base + start, i));
            while t < end {
                if t > start {
                    events.push((base + t, i));
                }
                t += step;
            }
        }
        events.sort();
        let mut ev = events.into_iter().peekable();
        let day_end = base + DAY;
        loop {
            let next_arrival = (arrived_k < total)
                .then(|| arrival(arrived_k))
                .filter(|t| *t < day_end);
            let next_fetch = ev.peek().map(|e| e.0);
            match (next_arrival, next_fetch) {
                (None, None) => break,
                (Some(a), f) if f.is_none_or(|f| a < f) => {
                    let b = msg_bytes(arrived_k);
                    arrived_bytes += b;
                    if input.quota.is_none_or(|q| size + b <= q) {
                        present[arrived_k] = true;
                        stored[arrived_k] = true;
                        size += b;
                    } else {
                        refused += 1;
                        full_on_day.get_or_insert(day);
                    }
                    arrived_k += 1;
                }
                _ => {
                    let (t, i) = ev.next().expect("peeked");
                    let dev = &input.devices[i];
                    // What arrived since this device last looked: download it, or count it missed.
                    while next[i] < arrived_k {
                        let k = next[i];
                        next[i] += 1;
                        if present[k] {
                            received[i] += 1;
                            if taken[k] {
                                after_remover += 1;
                            }
                            if dev.removal == Removal::AtDownload {
                                taken[k] = true;
                            }
                            downloaded[k * n + i] = true;
                            kept[i].push_back((k, t));
                        } else if stored[k] && !downloaded[k * n + i] {
                            missed[i] += 1;
                        }
                    }
                    let cutoff = match dev.removal {
                        Removal::AtDownload => Some(i64::MAX),
                        Removal::AfterDays(days) => Some(t - i64::from(days) * DAY),
                        Removal::Never => None,
                    };
                    if let Some(cut) = cutoff {
                        while kept[i].front().is_some_and(|&(_, at)| at <= cut) {
                            let (k, _) = kept[i].pop_front().expect("front");
                            if present[k] {
                                present[k] = false;
                                size -= msg_bytes(k);
                            }
                        }
                    }
                }
            }
        }
        size_by_day.push(size);
        arrived_by_day.push(arrived_bytes);
    }
    // Messages still on the server that a device has not fetched yet are not counted either way.
    let devices = input
        .devices
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let seen = received[i] + missed[i];
            DeviceOutcome {
                device: d.name.clone(),
                received: received[i],
                missed: missed[i],
                share_missed: if seen == 0 {
                    0.0
                } else {
                    missed[i] as f64 / seen as f64
                },
            }
        })
        .collect();
    Projection {
        peak_bytes: size_by_day.iter().copied().max().unwrap_or(0),
        size_by_day,
        arrived_by_day,
        full_on_day,
        refused,
        after_remover,
        quota: input.quota,
        devices,
    }
}

/// The day a mailbox nobody empties refuses its first message, by the day-by-day projection;
/// `unbounded-growth` can name this day instead of its own division.
pub fn all_keep_full_day(quota: u64, daily: u64, history_days: u32, days: u32) -> Option<u32> {
    project(&SimInput {
        days,
        daily_bytes: daily,
        messages_per_day: 48,
        quota: Some(quota),
        history_days,
        devices: vec![SimDevice {
            name: "all".into(),
            schedule: Schedule::Daily,
            interval_minutes: 60,
            removal: Removal::Never,
            away: None,
        }],
    })
    .full_on_day
}

/// Days of mail a device away `away_days` loses while another device removes copies
/// `window_days` after its own download, by the day-by-day projection (both on every day);
/// `short-retention-window` can name this number.
pub fn absence_loss_days(window_days: u32, away_days: u32) -> f64 {
    let per_day = 48;
    let p = project(&SimInput {
        days: away_days + window_days + 21,
        daily_bytes: u64::from(per_day),
        messages_per_day: per_day,
        quota: None,
        history_days: 0,
        devices: vec![
            SimDevice {
                name: "keeper".into(),
                schedule: Schedule::Daily,
                interval_minutes: 15,
                removal: Removal::AfterDays(window_days.max(1)),
                away: None,
            },
            SimDevice {
                name: "away".into(),
                schedule: Schedule::Daily,
                interval_minutes: 60,
                removal: Removal::Never,
                away: Some((14, away_days)),
            },
        ],
    });
    p.devices[1].missed as f64 / f64::from(per_day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dev(name: &str, schedule: Schedule, every: u32, removal: Removal) -> SimDevice {
        SimDevice {
            name: name.into(),
            schedule,
            interval_minutes: every,
            removal,
            away: None,
        }
    }

    fn input(days: u32, daily: u64, quota: Option<u64>, devices: Vec<SimDevice>) -> SimInput {
        SimInput {
            days,
            daily_bytes: daily,
            messages_per_day: 48,
            quota,
            history_days: 0,
            devices,
        }
    }

    #[test]
    fn story_remover_leaves_others_nothing_it_fetched_first() {
        // PC-C removes at download every 30 minutes; PC-A keeps forever and fetches every hour.
        let p = project(&input(
            28,
            40_000_000,
            Some(2_000_000_000),
            vec![
                dev("PC-C", Schedule::WorkingDays, 30, Removal::AtDownload),
                dev("PC-A", Schedule::WorkingDays, 60, Removal::Never),
            ],
        ));
        assert_eq!(p.after_remover, 0);
        let c = &p.devices[0];
        let a = &p.devices[1];
        // What PC-A missed is exactly what PC-C fetched first: 0% of it reached PC-A.
        assert!(c.received > 0 && a.missed > 0, "{p:?}");
        assert!(a.missed <= c.received);
        // A working day ends with only what came in after PC-C stopped at 18:00.
        assert_eq!(p.size_by_day[4], 10_000_000);
        assert_eq!(p.full_on_day, None);
    }

    #[test]
    fn story_three_day_window_loses_the_first_days_of_a_longer_absence() {
        let run = |away: u32| {
            let mut b = dev("PC-B", Schedule::Daily, 15, Removal::AfterDays(3));
            b.away = None;
            let mut a = dev("PC-A", Schedule::Daily, 60, Removal::Never);
            a.away = Some((14, away));
            project(&input(42, 48_000_000, None, vec![b, a]))
        };
        // Away 2 days: back before the 3 days are up, nothing lost.
        assert_eq!(run(2).devices[1].missed, 0);
        // Away 7 days with a 3-day window: about the first 4 days of the absence are gone,
        // the number `short-retention-window` names (7 - 3).
        let missed = run(7).devices[1].missed;
        assert!((4 * 48 - 24..=4 * 48 + 24).contains(&missed), "{missed}");
    }

    #[test]
    fn absence_loss_is_the_absence_beyond_the_window() {
        assert_eq!(absence_loss_days(3, 2), 0.0);
        let four = absence_loss_days(3, 7);
        assert!((3.5..=4.5).contains(&four), "{four}");
        assert_eq!(absence_loss_days(14, 7), 0.0);
        // Back exactly when the window closes: at most the night before the absence.
        assert!(absence_loss_days(3, 3) < 1.0, "{}", absence_loss_days(3, 3));
    }

    #[test]
    fn story_all_keep_fills_two_gigabytes_at_forty_megabytes_in_fifty_days() {
        let named = days_until_full(2_000_000_000, 0, 40_000_000).unwrap();
        assert_eq!(named, 50);
        assert_eq!(
            all_keep_full_day(2_000_000_000, 40_000_000, 0, 90),
            Some(named as u32)
        );
        // Ten days already stored: ten days sooner.
        assert_eq!(
            all_keep_full_day(2_000_000_000, 40_000_000, 10, 90),
            Some(40)
        );
    }

    #[test]
    fn same_input_same_numbers() {
        let i = input(
            30,
            10_000_000,
            Some(200_000_000),
            vec![
                dev("A", Schedule::WorkingDays, 10, Removal::AfterDays(5)),
                dev("B", Schedule::Daily, 45, Removal::AtDownload),
            ],
        );
        assert_eq!(project(&i), project(&i));
    }

    fn removal() -> impl Strategy<Value = Removal> {
        prop_oneof![
            Just(Removal::AtDownload),
            (1u32..20).prop_map(Removal::AfterDays),
            Just(Removal::Never),
        ]
    }

    fn device() -> impl Strategy<Value = SimDevice> {
        (
            prop_oneof![Just(Schedule::WorkingDays), Just(Schedule::Daily)],
            1u32..240,
            removal(),
            proptest::option::of((0u32..30, 1u32..15)),
        )
            .prop_map(|(schedule, every, removal, away)| SimDevice {
                name: "d".into(),
                schedule,
                interval_minutes: every,
                removal,
                away,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn never_holds_more_than_arrived_or_the_quota(
            devices in proptest::collection::vec(device(), 1..5),
            daily in 1u64..50_000_000,
            quota in proptest::option::of(1u64..2_000_000_000),
            history in 0u32..10,
        ) {
            let p = project(&SimInput { days: 40, daily_bytes: daily, messages_per_day: 24, quota, history_days: history, devices });
            for (s, a) in p.size_by_day.iter().zip(&p.arrived_by_day) {
                prop_assert!(s <= a);
                if let Some(q) = quota { prop_assert!(*s <= q); }
            }
            prop_assert_eq!(p.after_remover, 0);
        }

        #[test]
        fn a_remover_leaves_slower_readers_nothing_it_fetched(
            others in proptest::collection::vec(device(), 1..4),
            every in 1u32..120,
        ) {
            let mut devices = vec![dev("R", Schedule::Daily, every, Removal::AtDownload)];
            devices.extend(others);
            let p = project(&input(30, 24_000_000, None, devices));
            prop_assert_eq!(p.after_remover, 0);
            prop_assert!(p.devices[0].received > 0);
        }

        #[test]
        fn all_keep_grows_by_exactly_the_daily_volume(
            devices in proptest::collection::vec(device(), 1..4),
            daily in 1u64..100_000_000,
        ) {
            let devices: Vec<_> = devices.into_iter().map(|mut d| { d.removal = Removal::Never; d }).collect();
            let p = project(&input(30, daily, None, devices));
            for (i, s) in p.size_by_day.iter().enumerate() {
                prop_assert_eq!(*s, daily * (i as u64 + 1));
            }
        }
    }

    #[test]
    fn equal_intervals_split_evenly() {
        assert!((share_missed(10, 10) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn slower_reader_misses_more() {
        assert!(share_missed(5, 60) > 0.9);
        assert!(share_missed(60, 5) < 0.1);
    }

    #[test]
    fn fill_up() {
        assert_eq!(days_until_full(1000, 100, 10), Some(90));
        assert_eq!(days_until_full(1000, 2000, 10), Some(0));
        assert_eq!(days_until_full(1000, 0, 0), None);
    }
}
