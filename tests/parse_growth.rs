//! A guard against quadratic parsing: doubling an adversarial input may cost about twice the
//! time, never four times. Each case is timed at sizes N and 2N (best of several runs, to shrug
//! off a busy machine) and the ratio must stay under 2.5.

use std::path::Path;
use std::time::{Duration, Instant};

use briefdeck::library::documents_from_bytes;
use briefdeck::model::Format;

/// Inputs that have broken parsers before: everything on one line, thousands of lone list
/// markers, labels and headings back to back, deep quote nesting, unclosed escapes, dates.
/// A named generator of adversarial input of about `n` bytes.
type Case = (&'static str, Format, Box<dyn Fn(usize) -> String>);

fn cases() -> Vec<Case> {
    vec![
        (
            "one long line",
            Format::Text,
            Box::new(|n| "word, ".repeat(n)),
        ),
        (
            "lone markers",
            Format::Text,
            Box::new(|n| "-\n".repeat(n / 2)),
        ),
        (
            "labels and bullets",
            Format::Text,
            Box::new(|n| "Key takeaways:\n- a point. In sintesi, x.\n".repeat(n / 40)),
        ),
        (
            "headings",
            Format::Markdown,
            Box::new(|n| "## H\n\nText.\n\n".repeat(n / 14)),
        ),
        (
            "quote nesting",
            Format::Markdown,
            Box::new(|n| format!("{}x\n", "> ".repeat(n / 2))),
        ),
        (
            "unterminated escapes",
            Format::Text,
            Box::new(|n| "\u{1b}]0;".repeat(n / 4)),
        ),
        (
            "dates and datelines",
            Format::Text,
            Box::new(|n| "Roma, 11 dicembre 2025 – March 14, 2026 ".repeat(n / 40)),
        ),
        (
            "datelines and quotes in French, German, Spanish",
            Format::Text,
            Box::new(|n| {
                "MADRID, 11 Dic. (EFE).- am 3. Dezember z. B. EE. UU. «\u{202F}Oui.\u{202F}» ¿Sí?¡No! "
                    .repeat(n / 80)
            }),
        ),
        (
            "sentence soup",
            Format::Text,
            Box::new(|n| "U.S. Dr. J. 3.5 “x.” ".repeat(n / 21)),
        ),
    ]
}

fn best_time(input: &[u8], format: Format) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            let _ = documents_from_bytes(Path::new("x"), input, format);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn doubling_adversarial_input_at_most_about_doubles_parse_time() {
    for (name, format, make) in cases() {
        // Grow the input until one parse takes long enough that timer and scheduler noise
        // cannot decide the ratio.
        // Start past the CPU caches (a few MB), so cache misses do not pose as complexity.
        let mut n = 500_000;
        let (small, t1) = loop {
            let small = make(n);
            let _ = documents_from_bytes(Path::new("x"), small.as_bytes(), format);
            let t1 = best_time(small.as_bytes(), format);
            if t1 >= Duration::from_millis(60) || n >= 6_400_000 {
                break (small, t1);
            }
            n *= 2;
        };
        let large = make(2 * n);
        // Other work on the machine only ever inflates a ratio, and a quadratic parser never
        // gets under the bound by luck: the best of three trials decides.
        let mut ratios = Vec::new();
        for trial in 0..3 {
            let t1 = if trial == 0 {
                t1
            } else {
                best_time(small.as_bytes(), format)
            };
            let t2 = best_time(large.as_bytes(), format);
            let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-6);
            eprintln!(
                "{name}: {} bytes {t1:?} -> {t2:?} (x{ratio:.2})",
                small.len()
            );
            ratios.push(ratio);
            if ratio < 2.5 {
                break;
            }
        }
        let best = ratios.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(
            best < 2.5,
            "{name}: doubling the input took x{best:.2} at best ({ratios:?})"
        );
    }
}
