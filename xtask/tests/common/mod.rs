//! Helpers shared by the xtask integration tests, each of which includes
//! them with `mod common;` (a directory with `mod.rs`, so Cargo does not
//! build it as a test of its own): a temporary copy of the workspace files
//! that starts from a dated fixture of the registry, registry documents
//! built from that fixture, and a small HTTP/1.1 server on 127.0.0.1 that
//! the test owns and that can misbehave on purpose. The fixture data stays
//! under `tests/data/`.
//!
//! The tests never read the live snapshot (`registry/websocket.xml`): they
//! are about how regen treats documents, and a fixed document keeps their
//! expectations (codes, dates, positions) true when IANA registers a code
//! and the snapshot moves on.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use xtask::{cli, fetch, regen};

// ---------------------------------------------------------------------------
// The fixture

/// The registry files as they were when IANA's document was dated
/// 2025-07-30: the document, its identifier pins and the curated
/// descriptions, under `tests/data/registry-2025-07-30/`.
const FIXTURE: &str = "tests/data/registry-2025-07-30";

/// The fixture's document date.
pub const FIXTURE_UPDATED: &str = "2025-07-30";

/// The fixture file that stands in for `relative` (a path under
/// `registry/`).
fn fixture_path(relative: &str) -> PathBuf {
    let name = Path::new(relative).file_name().unwrap();
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURE)
        .join(name)
}

/// The fixture's registry document.
pub fn baseline() -> String {
    fs::read_to_string(fixture_path(regen::SNAPSHOT)).unwrap()
}

// ---------------------------------------------------------------------------
// The workspace copy

/// A temporary copy of the workspace files regen owns (the registry files,
/// the README, the changelog, the generated crate), brought to the fixture: its snapshot,
/// pins and curated descriptions are the fixture's, and its generated files
/// were regenerated from them.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let from = xtask::workspace_root();
        copy_tree(
            &from.join("crates/ws-close-codes"),
            &dir.path().join("crates/ws-close-codes"),
        );
        fs::copy(from.join(regen::README), dir.path().join(regen::README)).unwrap();
        // The live changelog: a sync adds its entries under `## Unreleased`.
        fs::copy(
            from.join(xtask::changelog::CHANGELOG),
            dir.path().join(xtask::changelog::CHANGELOG),
        )
        .unwrap();
        fs::create_dir_all(dir.path().join("registry")).unwrap();
        for file in [regen::SNAPSHOT, regen::NAMES, regen::DESCRIPTIONS] {
            fs::copy(fixture_path(file), dir.path().join(file)).unwrap();
        }
        let workspace = Workspace { dir };
        let (code, out, err) = workspace.xtask(&["regen"]);
        assert_eq!(
            code, 0,
            "regenerating the copy from the fixture failed\nstdout: {out}\nstderr: {err}"
        );
        workspace
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn read(&self, file: &str) -> String {
        fs::read_to_string(self.root().join(file)).unwrap()
    }

    pub fn exists(&self, file: &str) -> bool {
        self.root().join(file).exists()
    }

    /// Every file of the copy, with its bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut all = BTreeMap::new();
        collect(self.root(), self.root(), &mut all);
        all
    }

    /// Runs `cargo xtask ARGS` against the copy, progress line off:
    /// (exit code, stdout, stderr).
    pub fn xtask(&self, args: &[&str]) -> (i32, String, String) {
        self.xtask_with(args, false)
    }

    pub fn xtask_with(&self, args: &[&str], progress: bool) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = cli::run_with(&args, self.root(), &mut out, &mut err, progress);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    /// `regen --fetch --url URL` with test-sized timeouts and backoff, then
    /// `extra`.
    pub fn fetch(&self, url: &str, extra: &[&str]) -> (i32, String, String) {
        let mut args = vec![
            "regen",
            "--fetch",
            "--url",
            url,
            "--connect-timeout",
            "1",
            "--timeout",
            "2",
            "--retry-backoff-ms",
            "10",
        ];
        args.extend_from_slice(extra);
        self.xtask(&args)
    }

    /// Makes the copy a workspace of the `ws-close-codes` crate alone, with
    /// the real workspace's `Cargo.lock` (so it builds offline) and without
    /// the crate's dev-dependencies and tests (nothing the generated code
    /// needs, and they would dominate the build time); `tests` become its
    /// only integration tests, by file name.
    pub fn crate_alone(&self, tests: &[(&str, &str)]) {
        let root = self.root();
        fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nresolver = \"2\"\nmembers = [\"crates/ws-close-codes\"]\n\n\
             [workspace.package]\nversion = \"0.1.0\"\nedition = \"2021\"\n\
             license = \"MIT OR Apache-2.0\"\nrepository = \"https://example.invalid\"\n",
        )
        .unwrap();
        fs::copy(
            xtask::workspace_root().join("Cargo.lock"),
            root.join("Cargo.lock"),
        )
        .unwrap();
        let manifest_path = root.join("crates/ws-close-codes/Cargo.toml");
        let manifest = fs::read_to_string(&manifest_path).unwrap();
        let mut kept = String::new();
        let mut skipping = false;
        for line in manifest.lines() {
            if line.starts_with('[') {
                skipping = line.trim() == "[dev-dependencies]";
            }
            if !skipping {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        fs::write(&manifest_path, kept).unwrap();
        let dir = root.join("crates/ws-close-codes/tests");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for (name, text) in tests {
            fs::write(dir.join(name), text).unwrap();
        }
    }

    /// `cargo ARGS` in the copy, offline, with its build output in `name`
    /// under the real workspace's target directory (shared between runs of
    /// the same test, never with the real workspace's own build).
    pub fn cargo(&self, args: &[&str], name: &str) -> std::process::Output {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| xtask::workspace_root().join("target"))
            .join(name);
        std::process::Command::new(env!("CARGO"))
            .arg("--offline")
            .args(args)
            .current_dir(self.root())
            .env("CARGO_TARGET_DIR", target)
            .env("RUSTDOCFLAGS", "-D warnings")
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap()
    }

    /// The identifier pinned for every code in `names.toml`.
    pub fn pins(&self) -> BTreeMap<u16, String> {
        let pins = ws_close_codes_registry::Pins::parse(&self.read(regen::NAMES)).unwrap();
        pins.iter()
            .map(|(code, pin)| (code, pin.ident.clone()))
            .collect()
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&entry.path(), &target);
            }
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn collect(root: &Path, dir: &Path, all: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                collect(root, &entry.path(), all);
            }
        } else {
            let name = entry
                .path()
                .strip_prefix(root)
                .unwrap()
                .display()
                .to_string();
            all.insert(name, fs::read(entry.path()).unwrap());
        }
    }
}

/// Asserts that `after` equals `before`, naming the files that differ.
pub fn assert_unchanged(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    case: &str,
) {
    let differ: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|name| before.get(*name) != after.get(*name))
        .collect();
    assert!(differ.is_empty(), "{case}: files changed: {differ:?}");
}

// ---------------------------------------------------------------------------
// Registry documents

/// A registry document, built from the fixture by editing its text.
#[derive(Clone, Debug)]
pub struct Document(pub String);

impl Document {
    /// The fixture's document, as the copy starts with it.
    pub fn baseline() -> Document {
        Document(baseline())
    }

    /// The close-code registry's part of the text: (start, end) byte offsets.
    fn close_codes(&self) -> (usize, usize) {
        let start = self
            .0
            .find("<registry id=\"close-code-number\">")
            .expect("close-code registry");
        let end = start
            + self.0[start..]
                .find("</registry>")
                .expect("end of registry");
        (start, end)
    }

    /// The `<record>...</record>` elements of the close-code registry, as
    /// (start, end) byte offsets.
    fn records(&self) -> Vec<(usize, usize)> {
        let (mut at, end) = self.close_codes();
        let mut records = Vec::new();
        while let Some(offset) = self.0[at..end].find("<record") {
            let start = at + offset;
            let stop = start + self.0[start..].find("</record>").unwrap() + "</record>".len();
            records.push((start, stop));
            at = stop;
        }
        records
    }

    fn value_of(record: &str) -> (u16, u16) {
        let value = &record[record.find("<value>").unwrap() + 7..record.find("</value>").unwrap()];
        match value.split_once('-') {
            Some((a, b)) => (a.parse().unwrap(), b.parse().unwrap()),
            None => {
                let v = value.parse().unwrap();
                (v, v)
            }
        }
    }

    /// Registers `code` (inside an unassigned range) with `description`,
    /// registered on `date`, contact Morgan_Jones.
    pub fn register(mut self, code: u16, description: &str, date: &str) -> Document {
        let (start, end, low, high) = self
            .records()
            .into_iter()
            .find_map(|(start, end)| {
                let record = &self.0[start..end];
                let (low, high) = Document::value_of(record);
                (low <= code
                    && code <= high
                    && record.contains("<description>Unassigned</description>"))
                .then_some((start, end, low, high))
            })
            .unwrap_or_else(|| panic!("{code} is not in an unassigned range"));
        let unassigned = |a: u16, b: u16| {
            let value = if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            };
            format!("<record>\n      <value>{value}</value>\n      <description>Unassigned</description>\n      <contact/>\n    </record>")
        };
        let mut parts = Vec::new();
        if low < code {
            parts.push(unassigned(low, code - 1));
        }
        parts.push(format!(
            "<record date=\"{date}\">\n      <value>{code}</value>\n      <description>{description}</description>\n      \
             <contact><xref type=\"person\" data=\"Morgan_Jones\"/></contact>\n    </record>"
        ));
        if code < high {
            parts.push(unassigned(code + 1, high));
        }
        self.0.replace_range(start..end, &parts.join("\n    "));
        self
    }

    /// Removes the record of `code` (as a stale mirror would lack it).
    pub fn without(mut self, code: u16) -> Document {
        let (start, end) = self
            .records()
            .into_iter()
            .find(|&(s, e)| Document::value_of(&self.0[s..e]) == (code, code))
            .unwrap_or_else(|| panic!("no record for {code}"));
        let start = self.0[..start].rfind('\n').unwrap();
        self.0.replace_range(start..end, "");
        self
    }

    /// Adds a reference to the record of `code`.
    pub fn add_reference(mut self, code: u16, kind: &str, data: &str) -> Document {
        let (_, end) = self
            .records()
            .into_iter()
            .find(|&(s, e)| Document::value_of(&self.0[s..e]) == (code, code))
            .unwrap_or_else(|| panic!("no record for {code}"));
        let at = end - "</record>".len();
        self.0.insert_str(
            at,
            &format!("  <xref type=\"{kind}\" data=\"{data}\"/>\n    "),
        );
        self
    }

    /// Sets the document's own `updated` date.
    pub fn updated(mut self, date: &str) -> Document {
        let start = self.0.find("<updated>").unwrap() + "<updated>".len();
        let end = start + self.0[start..].find("</updated>").unwrap();
        self.0.replace_range(start..end, date);
        self
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.0.clone().into_bytes()
    }
}

// ---------------------------------------------------------------------------
// The HTTP server

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Request {
    /// When its head had arrived.
    pub at: Instant,
    pub method: String,
    pub path: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
pub enum Reply {
    /// A complete response; `Content-Length` and `Connection: close` are added.
    Full {
        status: &'static str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// These exact bytes, then the connection is closed (truncated bodies,
    /// lying Content-Length, ...).
    Raw(Vec<u8>),
    /// These bytes, then nothing until `hold` has passed or the server
    /// stops, then close.
    Stall(Vec<u8>, Duration),
    /// A head without Content-Length, then body bytes until the client
    /// goes away or `limit` bytes were sent.
    Endless { head: Vec<u8>, limit: usize },
}

pub fn full(status: &'static str, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full {
        status,
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body: body.into(),
    }
}

/// `200 OK` with an XML content type.
pub fn xml(body: impl Into<Vec<u8>>) -> Reply {
    full("200 OK", &[("Content-Type", "application/xml")], body)
}

type Handler = dyn Fn(usize, &Request) -> Reply + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1: one thread accepting, one per
/// connection, every response with `Connection: close`. Stops when dropped.
pub struct Server {
    address: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(handler: impl Fn(usize, &Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let thread = {
            let (requests, connections, stop) =
                (requests.clone(), connections.clone(), stop.clone());
            thread::spawn(move || {
                // Bounded: the server lives at most a minute even if a test
                // forgets it.
                let deadline = Instant::now() + Duration::from_secs(60);
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            connections.fetch_add(1, Ordering::SeqCst);
                            let (requests, stop, handler) =
                                (requests.clone(), stop.clone(), handler.clone());
                            thread::spawn(move || serve(stream, &requests, &stop, &*handler));
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                            thread::sleep(Duration::from_millis(2));
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        Server {
            address,
            requests,
            connections,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn read_head(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 64 * 1024 || stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    Some(head)
}

fn serve(
    mut stream: TcpStream,
    requests: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
    handler: &Handler,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let Some(head) = read_head(&mut stream) else {
        return;
    };
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let request = Request {
        at: Instant::now(),
        method: first.next().unwrap_or_default().to_owned(),
        path: first.next().unwrap_or_default().to_owned(),
        headers: lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect(),
    };
    let index = {
        let mut all = requests.lock().unwrap();
        all.push(request.clone());
        all.len() - 1
    };
    match handler(index, &request) {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut out = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                out.push_str(&format!("{name}: {value}\r\n"));
            }
            out.push_str("\r\n");
            let mut bytes = out.into_bytes();
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes);
        }
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Reply::Stall(bytes, hold) => {
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
            let until = Instant::now() + hold;
            while Instant::now() < until && !stop.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(10));
            }
        }
        Reply::Endless { head, limit } => {
            if stream.write_all(&head).is_ok() {
                let chunk = vec![b'x'; 16 * 1024];
                let mut sent = 0;
                while sent < limit
                    && !stop.load(Ordering::SeqCst)
                    && stream.write_all(&chunk).is_ok()
                {
                    sent += chunk.len();
                }
            }
        }
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

/// The state file's path in a workspace copy.
pub const STATE: &str = fetch::STATE;

/// A report path in its own temporary directory.
pub fn report_path(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}
