//! Runtime operations of `ws-close-codes`, each next to tungstenite's
//! equivalent (where it has one) and to the practical limit: a precomputed
//! table with one answer per value. Every input is read through
//! `black_box`, so no side is folded away at compile time.

use std::fmt::Write as _;
use std::hint::black_box;

use benches::{all_values, realistic_mix, Tables};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tungstenite::protocol::frame::coding::CloseCode as TCloseCode;
use ws_close_codes::{CloseCode, CloseFrame};

fn inputs() -> [(&'static str, Vec<u16>); 2] {
    [("all", all_values()), ("mix", realistic_mix())]
}

fn from_u16(c: &mut Criterion, tables: &Tables) {
    for (input, values) in inputs() {
        let mut group = c.benchmark_group(format!("from_u16/{input}"));
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(CloseCode::from_u16(black_box(v)));
                }
            })
        });
        group.bench_function("tungstenite", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(TCloseCode::from(black_box(v)));
                }
            })
        });
        group.bench_function("limit", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(tables.code[usize::from(black_box(v))]);
                }
            })
        });
        group.finish();
    }
}

fn as_u16(c: &mut Criterion) {
    for (input, values) in inputs() {
        let ours: Vec<CloseCode> = values.iter().map(|&v| CloseCode::from_u16(v)).collect();
        let theirs: Vec<TCloseCode> = values.iter().map(|&v| TCloseCode::from(v)).collect();
        let mut group = c.benchmark_group(format!("as_u16/{input}"));
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for &code in &ours {
                    black_box(black_box(code).as_u16());
                }
            })
        });
        group.bench_function("tungstenite", |b| {
            b.iter(|| {
                for &code in &theirs {
                    black_box(u16::from(black_box(code)));
                }
            })
        });
        // The limit: the value is already a u16.
        group.bench_function("limit", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(black_box(v));
                }
            })
        });
        group.finish();
    }
}

/// `name()`, `description()` and `is_sendable()`: ours against the table
/// (and tungstenite's `is_allowed` for the last, twice: the second is the
/// control).
fn lookups(c: &mut Criterion, tables: &Tables) {
    for (input, values) in inputs() {
        let ours: Vec<CloseCode> = values.iter().map(|&v| CloseCode::from_u16(v)).collect();
        let theirs: Vec<TCloseCode> = values.iter().map(|&v| TCloseCode::from(v)).collect();

        let mut group = c.benchmark_group(format!("name/{input}"));
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for &code in &ours {
                    black_box(black_box(code).name());
                }
            })
        });
        group.bench_function("limit", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(tables.name[usize::from(black_box(v))]);
                }
            })
        });
        group.finish();

        let mut group = c.benchmark_group(format!("description/{input}"));
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for &code in &ours {
                    black_box(black_box(code).description());
                }
            })
        });
        group.bench_function("limit", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(tables.description[usize::from(black_box(v))]);
                }
            })
        });
        group.finish();

        let mut group = c.benchmark_group(format!("is_sendable/{input}"));
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for &code in &ours {
                    black_box(black_box(code).is_sendable());
                }
            })
        });
        group.bench_function("tungstenite", |b| {
            b.iter(|| {
                for &code in &theirs {
                    black_box(black_box(code).is_allowed());
                }
            })
        });
        // The control: the same loop again. How far it lands from the
        // first is how far a ratio here moves with no change in the code.
        group.bench_function("tungstenite-again", |b| {
            b.iter(|| {
                for &code in &theirs {
                    black_box(black_box(code).is_allowed());
                }
            })
        });
        group.bench_function("limit", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(tables.sendable[usize::from(black_box(v))]);
                }
            })
        });
        group.finish();
    }
}

/// What a receiver does with the code of every Close frame: from the
/// `u16` on the wire to whether it may be accepted, in one expression.
/// Ours is `CloseCode::from(v).is_sendable()`, tungstenite's
/// `CloseCode::from(v).is_allowed()`, the limit a table of 65,536 answers
/// indexed by the value.
fn wire_validation(c: &mut Criterion, tables: &Tables) {
    for (input, values) in inputs() {
        let mut group = c.benchmark_group(format!("wire_validation/{input}"));
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(CloseCode::from(black_box(v)).is_sendable());
                }
            })
        });
        group.bench_function("tungstenite", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(TCloseCode::from(black_box(v)).is_allowed());
                }
            })
        });
        group.bench_function("limit", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(tables.sendable[usize::from(black_box(v))]);
                }
            })
        });
        group.finish();
    }
}

/// Not an API: the rule of `is_sendable` alone, with no enum and no table,
/// written without branches (a range check for 3000-4999 and a bit test
/// for the registered protocol codes, the bits taken from the crate), next
/// to the table. It is the floor of any answer that does not index a table
/// by the value, which is what the wasm32 size target rules out.
fn wire_validation_rule(c: &mut Criterion, tables: &Tables) {
    let bits = (0..64u16).fold(0u64, |bits, offset| {
        bits | u64::from(CloseCode::from(1000 + offset).is_sendable()) << offset
    });
    let bits = black_box(bits);
    let rule = |v: u16| {
        let v = u32::from(v);
        let offset = v.wrapping_sub(1000);
        let protocol = (offset < 64) & ((bits >> (offset & 63)) & 1 == 1);
        protocol | (v.wrapping_sub(3000) < 2000)
    };
    let differs = (0..=u16::MAX).find(|&v| rule(v) != CloseCode::from(v).is_sendable());
    assert_eq!(differs, None, "the rule's bits cover 1000-1063 only");
    for (input, values) in inputs() {
        let mut group = c.benchmark_group(format!("wire_validation_rule/{input}"));
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function("ours", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(rule(black_box(v)));
                }
            })
        });
        group.bench_function("limit", |b| {
            b.iter(|| {
                for &v in &values {
                    black_box(tables.sendable[usize::from(black_box(v))]);
                }
            })
        });
        group.finish();
    }
}

/// `Display` into a reused buffer. tungstenite writes the number only; ours
/// writes `1000 Normal Closure` for registered codes; the limit formats the
/// precomputed text (`write!` of a `&str`), the least a `Display` can do.
fn display(c: &mut Criterion, tables: &Tables) {
    let values = realistic_mix();
    let ours: Vec<CloseCode> = values.iter().map(|&v| CloseCode::from_u16(v)).collect();
    let theirs: Vec<TCloseCode> = values.iter().map(|&v| TCloseCode::from(v)).collect();
    let mut group = c.benchmark_group("display/mix");
    group.throughput(Throughput::Elements(values.len() as u64));
    group.bench_function("ours", |b| {
        let mut buffer = String::with_capacity(64);
        b.iter(|| {
            for &code in &ours {
                buffer.clear();
                write!(buffer, "{}", black_box(code)).unwrap();
                black_box(&buffer);
            }
        })
    });
    group.bench_function("tungstenite", |b| {
        let mut buffer = String::with_capacity(64);
        b.iter(|| {
            for &code in &theirs {
                buffer.clear();
                write!(buffer, "{}", black_box(code)).unwrap();
                black_box(&buffer);
            }
        })
    });
    // The limit for a `Display` impl: formatting a precomputed `&str`.
    group.bench_function("limit", |b| {
        let mut buffer = String::with_capacity(64);
        b.iter(|| {
            for &v in &values {
                buffer.clear();
                write!(buffer, "{}", tables.display[usize::from(black_box(v))]).unwrap();
                black_box(&buffer);
            }
        })
    });
    group.finish();
}

/// The smallest decoder that could be written: length check, big-endian
/// code, UTF-8 check, no rules. Correct bodies only; it is the limit.
fn minimal_decode(body: &[u8]) -> Option<(u16, &str)> {
    match body {
        [] => None,
        [high, low, reason @ ..] => Some((
            u16::from_be_bytes([*high, *low]),
            std::str::from_utf8(reason).ok()?,
        )),
        _ => None,
    }
}

fn close_frame_decode(c: &mut Criterion) {
    let bodies: [(&str, Vec<u8>); 4] = [
        ("1000-no-reason", vec![0x03, 0xE8]),
        ("1001-short", [&[0x03u8, 0xE9][..], b"going away"].concat()),
        (
            "1011-long",
            [
                &[0x03u8, 0xF3][..],
                "internal error: upstream database timed out after 30s".as_bytes(),
            ]
            .concat(),
        ),
        (
            "4000-utf8",
            [&[0x0Fu8, 0xA0][..], "déconnexion demandée 🚪".as_bytes()].concat(),
        ),
    ];
    let mut group = c.benchmark_group("close_frame_decode");
    for (name, body) in &bodies {
        assert!(CloseFrame::decode(body).unwrap().is_some());
        group.bench_with_input(BenchmarkId::new("ours", name), body, |b, body| {
            b.iter(|| black_box(CloseFrame::decode(black_box(body))))
        });
        group.bench_with_input(BenchmarkId::new("limit", name), body, |b, body| {
            b.iter(|| black_box(minimal_decode(black_box(body))))
        });
    }
    group.finish();
}

fn runtime(c: &mut Criterion) {
    let tables = Tables::new();
    from_u16(c, &tables);
    as_u16(c);
    lookups(c, &tables);
    wire_validation(c, &tables);
    wire_validation_rule(c, &tables);
    display(c, &tables);
    close_frame_decode(c);
}

criterion_group!(benches, runtime);
criterion_main!(benches);
