//! Inputs shared by the benchmarks and the report: the realistic mix of
//! close codes, synthetic registry documents and the lookup-table limit.

use ws_close_codes::CloseCode;
use ws_close_codes_registry::{Catalog, Entry, Layout, Span};

/// A deterministic stream of pseudo-random numbers (xorshift), so every run
/// benchmarks the same inputs.
pub struct Xorshift(u64);

impl Xorshift {
    /// A generator seeded with `seed` (not zero).
    pub fn new(seed: u64) -> Self {
        Xorshift(seed.max(1))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `low..=high`.
    pub fn in_range(&mut self, low: u16, high: u16) -> u16 {
        let span = u64::from(high - low) + 1;
        low + u16::try_from(self.next_u64() % span).unwrap_or(0)
    }
}

/// 4,096 close codes as a server sees them: mostly 1000, 1001 and 1006,
/// some 1011 and 1008, a few from 3000-3999 and 4000-4999.
pub fn realistic_mix() -> Vec<u16> {
    let mut random = Xorshift::new(0x5eed_c0de);
    (0..4096)
        .map(|_| match random.next_u64() % 100 {
            0..=44 => 1000,
            45..=64 => 1001,
            65..=79 => 1006,
            80..=84 => 1011,
            85..=89 => 1008,
            90..=94 => random.in_range(3000, 3999),
            _ => random.in_range(4000, 4999),
        })
        .collect()
}

/// Every value, 0 to 65535.
pub fn all_values() -> Vec<u16> {
    (0..=u16::MAX).collect()
}

/// The practical limit for lookups: one precomputed answer per value.
pub struct Tables {
    /// `CloseCode` per value.
    pub code: Vec<CloseCode>,
    /// Name per value.
    pub name: Vec<Option<&'static str>>,
    /// Description per value.
    pub description: Vec<Option<&'static str>>,
    /// `is_sendable` per value.
    pub sendable: Vec<bool>,
    /// The text `Display` writes, per value.
    pub display: Vec<String>,
}

impl Tables {
    /// Builds the tables from the crate itself (the answers are the same;
    /// only the way of finding them differs).
    pub fn new() -> Self {
        let codes: Vec<CloseCode> = (0..=u16::MAX).map(CloseCode::from_u16).collect();
        Tables {
            name: codes.iter().map(|c| c.name()).collect(),
            description: codes.iter().map(|c| c.description()).collect(),
            sendable: codes.iter().map(|c| c.is_sendable()).collect(),
            display: codes.iter().map(ToString::to_string).collect(),
            code: codes,
        }
    }
}

impl Default for Tables {
    fn default() -> Self {
        Tables::new()
    }
}

/// An IANA-shaped registry document in which every value of `codes` is a
/// registered single code, with the usual range elements. Values outside
/// 1000..=4999 need `parse_with_bounds(.., (0, u16::MAX))`.
pub fn synthetic_document(codes: impl IntoIterator<Item = u16>) -> String {
    let mut out = String::from(
        "<?xml version='1.0' encoding='UTF-8'?>\n\
         <registry xmlns=\"http://www.iana.org/assignments\" id=\"websocket\">\n\
         <title>WebSocket Protocol Registries</title>\n<updated>2026-01-01</updated>\n\
         <registry id=\"close-code-number\">\n<title>WebSocket Close Code Number Registry</title>\n\
         <range><value>1000-2999</value><registration_rule>Standards Action</registration_rule></range>\n\
         <range><value>3000-3999</value><registration_rule>First Come First Served</registration_rule></range>\n",
    );
    for code in codes {
        out.push_str(&format!(
            "<record date=\"2026-01-01\">\n  <value>{code}</value>\n  <description>Synthetic code {code}</description>\n  \
             <contact><xref type=\"person\" data=\"Bench\"/></contact>\n  <xref type=\"rfc\" data=\"rfc6455\"/>\n</record>\n"
        ));
    }
    out.push_str(
        "</registry>\n<people><person id=\"Bench\"><name>Bench Mark</name></person></people>\n</registry>\n",
    );
    out
}

/// A catalog straight from a parsed synthetic registry, with the RFC 6455
/// layout: for generator runs whose codes fill the whole space, where the
/// registry cannot also hold the private-use record `build` needs.
pub fn synthetic_catalog(registry: &ws_close_codes_registry::Registry) -> Catalog {
    Catalog {
        document_updated: registry.document_updated,
        entries: registry
            .registered_codes()
            .map(|r| Entry {
                value: r.span.start,
                ident: format!("Code{}", r.span.start),
                title: r.description.clone(),
                iana_description: r.description.clone(),
                description: r.description.clone(),
                contact: r.contact.as_ref().map(|p| p.display_name().to_owned()),
                references: r.references.clone(),
                date: r.date,
                updated: r.updated,
            })
            .collect(),
        layout: Layout {
            protocol: Span {
                start: 1000,
                end: 2999,
            },
            registered: Span {
                start: 3000,
                end: 3999,
            },
            private: Span {
                start: 4000,
                end: 4999,
            },
        },
    }
}
