//! The kill test (issue 6, acceptance): processes write reading state in a loop while they are
//! killed with SIGKILL at random moments; after every kill the state file must be valid JSON and
//! hold every write a process reported done. Two writers run at once, so the lock and the
//! merge are exercised too, and a reader in this process parses the file all along, as a
//! starting dashboard would (without the lock).
//!
//! The writers are this test binary run again with an environment variable that turns
//! [`helper_state_writer_process`] into the writer loop: no second build (the writer is the
//! same code, same profile, same target directory) and no cargo inside cargo.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use briefdeck::state::{State, Store};

const WRITER_ENV: &str = "BRIEFDECK_KILL_TEST_WRITER";
const ROUNDS: usize = 30;
/// Stars cycle through this many keys per writer, so each key is starred and unstarred again
/// and again: an unstar lost to a merge would show as a star that should not be there.
const KEYS: u64 = 5;

/// Update `i` of writer `name`: mark a document read and set one of its star keys, on or off.
fn apply(store: &mut Store, name: &str, i: u64) {
    store.mark_read(&format!("{name}-{i}"));
    let (key, on) = star_of(name, i);
    store.set_star(&key, on);
}

/// The star key update `i` sets, and to what.
fn star_of(name: &str, i: u64) -> (String, bool) {
    (format!("{name}.{}", i % KEYS), (i / KEYS).is_multiple_of(2))
}

/// Not a test on its own: the writer process the kill test starts. Without the environment
/// variable it returns at once. With it, it applies updates from the given index on, one save
/// each, printing `WROTE i` only after `save` returned success, until it is killed.
#[test]
fn helper_state_writer_process() {
    let Ok(spec) = std::env::var(WRITER_ENV) else {
        return;
    };
    let mut parts = spec.splitn(3, '\t');
    let (Some(name), Some(start), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
        panic!("bad {WRITER_ENV}: {spec}");
    };
    let start: u64 = start.parse().expect("start index");
    let mut store = Store::open(path);
    // On a line of its own: libtest has just printed "test NAME ... " without a line break.
    println!("\nREADY");
    for i in start..start + 100_000 {
        apply(&mut store, name, i);
        // A save that fails (the other writer held the lock too long) is retried: only a
        // returned success is reported.
        while let Err(e) = store.save() {
            eprintln!("writer {name}: {e}");
            std::thread::sleep(Duration::from_millis(1));
        }
        println!("WROTE {i}");
    }
}

/// A small deterministic generator (xorshift64*), so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// One running writer and the thread collecting what it reports.
struct Writer {
    child: Child,
    reports: JoinHandle<Option<u64>>,
    /// Receives once the writer has opened the state and is about to write.
    ready: mpsc::Receiver<()>,
}

fn spawn_writer(path: &Path, name: &str, start: u64) -> Writer {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "helper_state_writer_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER_ENV, format!("{name}\t{start}\t{}", path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start writer");
    let out = child.stdout.take().expect("stdout");
    let (tx, ready) = mpsc::channel();
    let reports = std::thread::spawn(move || {
        let mut last = None;
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if line == "READY" {
                let _ = tx.send(());
            } else if let Some(i) = line.strip_prefix("WROTE ") {
                last = Some(i.trim().parse().expect("index"));
            } else {
                assert!(
                    !line.contains("WROTE"),
                    "a report not on its own line: {line}"
                );
            }
        }
        last
    });
    Writer {
        child,
        reports,
        ready,
    }
}

/// Checks that `state` holds writer `name`'s updates `0..=done` (every one reported), and that
/// each star key has the value of the last reported update to it, or of the one update that
/// may have been written without being reported (`done + 1`, killed between save and print).
fn check_writer(state: &State, name: &str, done: Option<u64>) {
    let Some(done) = done else {
        return;
    };
    for i in 0..=done {
        assert!(
            state.is_read(&format!("{name}-{i}")),
            "{name}: update {i} was reported written (through {done}) but is missing"
        );
    }
    for k in 0..KEYS.min(done + 1) {
        let last = done - (done + KEYS - k) % KEYS;
        let (key, expected) = star_of(name, last);
        let in_flight = done + 1;
        let allowed_next = (in_flight % KEYS == k).then(|| star_of(name, in_flight).1);
        let actual = state.is_starred(&key);
        assert!(
            actual == expected || Some(actual) == allowed_next,
            "{name}: star {key} is {actual}, but update {last} set it to {expected} \
             (reported through {done})"
        );
        assert!(state.stars.contains_key(&key), "{name}: {key} missing");
    }
}

/// Reads and parses the file in a loop until told to stop, as a dashboard starting up would
/// (no lock); returns how many reads it made. Panics on a file that is not valid state.
fn watch(path: PathBuf, stop: Arc<AtomicBool>, reads: Arc<AtomicUsize>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    if let Err(e) = serde_json::from_slice::<State>(&bytes) {
                        panic!(
                            "state file invalid while being written: {e}\n{}",
                            String::from_utf8_lossy(&bytes)
                        );
                    }
                    reads.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => panic!("read {}: {e}", path.display()),
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    })
}

#[test]
fn sigkill_at_random_moments_never_loses_a_reported_write() {
    if std::env::var_os(WRITER_ENV).is_some() {
        return;
    }
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.json");
    let mut rng = Rng(0x5EED_B81E_FDEC_0006);
    let names = ["a", "b"];
    let mut done: [Option<u64>; 2] = [None, None];
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let watcher = watch(path.clone(), stop.clone(), reads.clone());
    let mut kills_after_a_write = 0;
    let mut torn_writes = 0;

    for round in 0..ROUNDS {
        let next = done.map(|d| d.map_or(0, |d| d + 1));
        let mut writers: Vec<Writer> = names
            .iter()
            .zip(next)
            .map(|(name, start)| spawn_writer(&path, name, start))
            .collect();
        // Each writer dies at its own random moment, 0–50 ms after both are ready to write (so
        // a slow process start on a busy machine does not eat the window).
        for w in &writers {
            w.ready
                .recv_timeout(Duration::from_secs(30))
                .expect("writer started");
        }
        let mut deaths: Vec<(u64, usize)> =
            (0..writers.len()).map(|w| (rng.below(51), w)).collect();
        deaths.sort_unstable();
        let t0 = Instant::now();
        for &(at, w) in &deaths {
            let at = Duration::from_millis(at);
            if let Some(wait) = at.checked_sub(t0.elapsed()) {
                std::thread::sleep(wait);
            }
            writers[w].child.kill().expect("SIGKILL");
        }
        for (w, writer) in writers.into_iter().enumerate() {
            let mut child = writer.child;
            let status = child.wait().expect("wait");
            assert!(!status.success(), "round {round}: writer ended by itself");
            let reported = writer.reports.join().expect("reader thread");
            if reported.is_some() && reported != done[w] {
                kills_after_a_write += 1;
            }
            done[w] = reported.or(done[w]);
        }

        // A temp file left behind means a kill landed between its creation and the rename.
        if dir.path().join("state.json.tmp").exists() {
            torn_writes += 1;
        }
        let bytes = std::fs::read(&path).unwrap_or_default();
        if done.iter().all(Option::is_none) && bytes.is_empty() {
            continue;
        }
        let state: State = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "round {round}: state file invalid after SIGKILL: {e}\n{}",
                String::from_utf8_lossy(&bytes)
            )
        });
        for (w, name) in names.iter().enumerate() {
            check_writer(&state, name, done[w]);
        }
        let mut store = Store::open(&path);
        assert!(store.take_warnings().is_empty(), "round {round}");
    }
    stop.store(true, Ordering::Relaxed);
    watcher.join().expect("the file was valid at every read");

    let total: u64 = done.iter().map(|d| d.map_or(0, |d| d + 1)).sum();
    eprintln!(
        "kill test: {ROUNDS} rounds, {total} reported writes, {kills_after_a_write} kills after \
         progress, {torn_writes} rounds ending with a write cut short, {} reads while writing, \
         {:?}",
        reads.load(Ordering::Relaxed),
        started.elapsed()
    );
    assert!(
        total >= 30,
        "too few writes to mean anything ({total}): is the disk very slow?"
    );
    assert!(kills_after_a_write >= 10, "{kills_after_a_write}");
    assert!(reads.load(Ordering::Relaxed) > 0);
}
