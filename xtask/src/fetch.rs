//! Downloading IANA's registry document for `cargo xtask regen --fetch`.
//!
//! This module only gets bytes: [`fetch`] makes one HTTP(S) download with
//! the network discipline a scheduled job needs (timeouts, bounded retries
//! with backoff, a body-size cap, a redirect limit, HTTPS only except on
//! loopback, conditional requests) and returns either the body or "not
//! modified". It never writes a file; `cli` hands the bytes to
//! [`crate::regen`] exactly as `--from` does, and the validators of the
//! download ([`State`]) are written by the same atomic batch as the other
//! files.
//!
//! Every refusal says what was received ([`Received`]): the status, the
//! content type, the size and the first bytes, escaped.

use std::fmt;
use std::io::Read;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::redirect;
use reqwest::{StatusCode, Url};

/// Where IANA publishes the registry document.
pub const DEFAULT_URL: &str = "https://www.iana.org/assignments/websocket/websocket.xml";

/// The validators of the last successful download, next to the snapshot.
pub const STATE: &str = "registry/websocket.xml.fetch.toml";

/// The `User-Agent` sent with every request: the project, the tool and its
/// version, and where to find the project.
pub const USER_AGENT: &str = concat!(
    "ws-close-codes-xtask/",
    env!("CARGO_PKG_VERSION"),
    " (registry sync; +",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// How many leading bytes of a refused response are shown.
const HEAD_BYTES: usize = 64;
/// Longest validator (`ETag`, `Last-Modified`) that is kept.
const MAX_VALIDATOR_LEN: usize = 256;

/// How to download.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// The document's address: `https://`, or `http://` on a loopback host.
    pub url: String,
    /// Limit for establishing a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Limit for one attempt, from connecting to the last byte of the body.
    pub timeout: Duration,
    /// Further attempts after a connection error, a 5xx or a 429.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Longest wait between attempts, whether from the backoff or from a
    /// `Retry-After` header.
    pub max_wait: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            url: DEFAULT_URL.to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(60),
            max_bytes: 4 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// The validators of a download: sent back as `If-None-Match` and
/// `If-Modified-Since` to ask "has it changed since?".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` response header, as received.
    pub etag: Option<String>,
    /// The `Last-Modified` response header, as received.
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is nothing to send back.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// The content of [`STATE`]: which document the validators belong to.
///
/// The validators are used only for the same URL and only while the
/// snapshot is still the document they came with (same size and FNV-1a
/// hash), so a hand-edited or regenerated snapshot is never mistaken for
/// the current one because the server answered `304 Not Modified`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// The address that was downloaded.
    pub url: String,
    /// Its validators.
    pub validators: Validators,
    /// The size of the document in bytes.
    pub snapshot_size: u64,
    /// The FNV-1a (64-bit) hash of the document.
    pub snapshot_fnv1a64: u64,
}

impl State {
    /// The state for a download of `url` that gave `document`.
    pub fn new(url: &str, validators: Validators, document: &[u8]) -> State {
        State {
            url: url.to_owned(),
            validators,
            snapshot_size: document.len() as u64,
            snapshot_fnv1a64: fnv1a64(document),
        }
    }

    /// Whether the validators apply to a request for `url` while the
    /// snapshot is `snapshot`.
    pub fn applies_to(&self, url: &str, snapshot: &[u8]) -> bool {
        self.url == url
            && self.snapshot_size == snapshot.len() as u64
            && self.snapshot_fnv1a64 == fnv1a64(snapshot)
    }

    /// The file's text (TOML).
    pub fn render(&self) -> String {
        let string = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let mut out = String::from(
            "# Written by `cargo xtask regen --fetch`: the validators of the last successful\n\
             # download of the registry, sent back as If-None-Match / If-Modified-Since so\n\
             # that an unchanged registry costs a `304 Not Modified`. They are used only\n\
             # for the same url and only while websocket.xml is the document they came\n\
             # with (same size and FNV-1a hash). Safe to delete.\n",
        );
        out.push_str(&format!("url = {}\n", string(&self.url)));
        if let Some(etag) = &self.validators.etag {
            out.push_str(&format!("etag = {}\n", string(etag)));
        }
        if let Some(last_modified) = &self.validators.last_modified {
            out.push_str(&format!("last-modified = {}\n", string(last_modified)));
        }
        out.push_str(&format!("snapshot-size = {}\n", self.snapshot_size));
        out.push_str(&format!(
            "snapshot-fnv1a64 = \"{:016x}\"\n",
            self.snapshot_fnv1a64
        ));
        out
    }

    /// Parses the file's text.
    ///
    /// # Errors
    ///
    /// Invalid TOML, a missing or mistyped key.
    pub fn parse(text: &str) -> Result<State, String> {
        let table: toml::Table = text.parse().map_err(|e| format!("{e}"))?;
        let string = |key: &str| -> Result<Option<String>, String> {
            match table.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("`{key}` must be a string")),
            }
        };
        let url = string("url")?.ok_or("`url` is missing")?;
        let size = match table.get("snapshot-size") {
            Some(toml::Value::Integer(n)) if *n >= 0 => *n as u64,
            _ => return Err("`snapshot-size` must be a non-negative integer".into()),
        };
        let hash = string("snapshot-fnv1a64")?
            .and_then(|s| u64::from_str_radix(&s, 16).ok())
            .ok_or("`snapshot-fnv1a64` must be 16 hexadecimal digits")?;
        Ok(State {
            url,
            validators: Validators {
                etag: string("etag")?,
                last_modified: string("last-modified")?,
            },
            snapshot_size: size,
            snapshot_fnv1a64: hash,
        })
    }
}

/// FNV-1a, 64 bits: a fingerprint of the snapshot (not a security measure;
/// it only tells whether the snapshot is still the downloaded document).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What a response was, for messages: enough to tell an HTML error page, a
/// truncated body or a wrong document apart at a glance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// The address that answered (after redirects).
    pub url: String,
    /// The status.
    pub status: StatusCode,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The `Content-Length` header, if any.
    pub content_length: Option<u64>,
    /// How many body bytes were read.
    pub size: u64,
    /// The first bytes of the body (at most 64).
    pub head: Vec<u8>,
}

impl fmt::Display for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} from {}", status_text(self.status), self.url)?;
        match &self.content_type {
            Some(content_type) => write!(f, ", content-type {content_type:?}")?,
            None => write!(f, ", no content-type")?,
        }
        write!(f, ", {} body bytes", self.size)?;
        if let Some(length) = self.content_length {
            write!(f, " (Content-Length {length})")?;
        }
        if self.head.is_empty() {
            write!(f, ", empty body")
        } else {
            let more = if self.size > self.head.len() as u64 {
                "..."
            } else {
                ""
            };
            write!(f, ", starting with \"{}\"{more}", self.head.escape_ascii())
        }
    }
}

fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// The result of a download.
#[derive(Debug)]
pub enum Fetched {
    /// The server answered `304 Not Modified` to the validators sent.
    NotModified {
        /// The address that answered.
        url: String,
    },
    /// A complete `200 OK` body within the size cap.
    Document {
        /// The body, unchanged.
        bytes: Vec<u8>,
        /// The response's validators, to store.
        validators: Validators,
        /// What was received, for messages.
        received: Received,
    },
}

/// Why a download gave no usable document.
#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The address was refused before any connection: not `https://` (and
    /// not loopback), or not a URL.
    Url(String),
    /// The download failed: no connection, a timeout, an HTTP error status
    /// (after the retries), a redirect problem or a truncated body.
    Download(String),
    /// A response arrived but is not acceptable: too large, not `200 OK`,
    /// empty, an HTML page.
    Refused(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Url(m) | FetchError::Download(m) | FetchError::Refused(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for FetchError {}

/// Whether `host` is a loopback address (`127.0.0.0/8`, `::1`) or
/// `localhost`: the only hosts plain `http` is allowed for.
pub fn is_loopback_host(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// Checks that `url` may be fetched: `https`, or `http` on a loopback host.
///
/// # Errors
///
/// Why the address is refused.
pub fn check_url(url: &Url) -> Result<(), String> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback_host(url) => Ok(()),
        "http" => Err(format!(
            "refusing plain http to {url}: only https is allowed (plain http only on loopback \
             addresses, for tests)"
        )),
        other => Err(format!(
            "refusing {url}: unsupported scheme {other:?}, use https"
        )),
    }
}

/// An error with its causes, on one line.
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// The redirect policy: at most `max` redirects, no loops, nothing but
/// `https` (or `http` between loopback hosts).
fn redirect_policy(max: usize) -> redirect::Policy {
    redirect::Policy::custom(move |attempt| {
        if attempt.previous().contains(attempt.url()) {
            let chain: Vec<&str> = attempt.previous().iter().map(Url::as_str).collect();
            let message = format!(
                "redirect loop: {} leads back to {}",
                chain.join(" -> "),
                attempt.url()
            );
            return attempt.error(message);
        }
        if attempt.previous().len() > max {
            let message = format!("more than {max} redirects (the last to {})", attempt.url());
            return attempt.error(message);
        }
        if let Err(message) = check_url(attempt.url()) {
            let message = format!("redirect refused: {message}");
            return attempt.error(message);
        }
        attempt.follow()
    })
}

fn client(options: &FetchOptions, url: &Url) -> Result<Client, FetchError> {
    let mut builder = Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .redirect(redirect_policy(options.max_redirects))
        // One connection per attempt: a retry after a failure starts afresh.
        .pool_max_idle_per_host(0);
    if is_loopback_host(url) {
        // Proxies come from the usual environment variables (reqwest's
        // default); a loopback address is never sent through one, so tests
        // and local mirrors work whatever the environment says.
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| {
        FetchError::Download(format!("cannot set up the HTTP client: {}", describe(&e)))
    })
}

/// Downloads `options.url`. When `state` applies to the URL, its validators
/// are sent and a `304 Not Modified` gives [`Fetched::NotModified`].
/// `progress` is called with the bytes read so far and the announced size.
///
/// Retries (up to `options.retries`, waiting `backoff`, `2 * backoff`, ...
/// or what `Retry-After` says in seconds, at most `max_wait`) after a
/// connection error, a `5xx` or a `429`; never after another status or
/// once the body has started.
///
/// # Errors
///
/// See [`FetchError`]; every message names the URL and, when a response
/// arrived, what it was ([`Received`]).
pub fn fetch(
    options: &FetchOptions,
    validators: Option<&Validators>,
    log: &mut dyn FnMut(&str),
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Fetched, FetchError> {
    let url = Url::parse(&options.url)
        .map_err(|e| FetchError::Url(format!("{:?}: not a URL: {e}", options.url)))?;
    check_url(&url).map_err(FetchError::Url)?;
    let client = client(options, &url)?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCEPT,
        HeaderValue::from_static("application/xml, text/xml;q=0.9, */*;q=0.1"),
    );
    let mut conditional = false;
    if let Some(validators) = validators {
        let value = |v: &Option<String>| v.as_deref().and_then(|v| HeaderValue::from_str(v).ok());
        if let Some(etag) = value(&validators.etag) {
            headers.insert(header::IF_NONE_MATCH, etag);
            conditional = true;
        }
        if let Some(date) = value(&validators.last_modified) {
            headers.insert(header::IF_MODIFIED_SINCE, date);
            conditional = true;
        }
    }

    let attempts = options.retries.saturating_add(1);
    let mut attempt = 0;
    let response = loop {
        attempt += 1;
        let failure = match client.get(url.clone()).headers(headers.clone()).send() {
            Ok(response) => {
                let status = response.status();
                if !(status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS) {
                    break response;
                }
                let wait = retry_after(response.headers()).map(|w| w.min(options.max_wait));
                let received = drain(response, options);
                (format!("{received}"), wait)
            }
            Err(error) if error.is_redirect() || error.is_builder() => {
                return Err(FetchError::Download(format!(
                    "download of {url} failed: {}",
                    describe(&error)
                )));
            }
            Err(error) => (describe(&error), None),
        };
        let (what, wait) = failure;
        if attempt >= attempts {
            let tries = if attempts == 1 {
                "1 attempt".to_owned()
            } else {
                format!("{attempts} attempts")
            };
            return Err(FetchError::Download(format!(
                "download of {url} failed after {tries}; the last: {what}"
            )));
        }
        let backoff = options
            .backoff
            .saturating_mul(1 << (attempt - 1).min(16))
            .min(options.max_wait);
        let wait = wait.unwrap_or(backoff);
        log(&format!(
            "attempt {attempt} of {attempts} failed ({what}); retrying in {:.1} s",
            wait.as_secs_f64()
        ));
        std::thread::sleep(wait);
    };

    let status = response.status();
    if status == StatusCode::NOT_MODIFIED && conditional {
        return Ok(Fetched::NotModified {
            url: response.url().to_string(),
        });
    }
    if status != StatusCode::OK {
        let received = drain(response, options);
        let what = if status.is_client_error() {
            "(not retried)"
        } else {
            "(only 200 OK is accepted)"
        };
        let message = format!("download of {url} failed: received {received} {what}");
        return Err(if status.is_client_error() {
            FetchError::Download(message)
        } else {
            FetchError::Refused(message)
        });
    }
    read_document(response, options, progress)
}

/// The `Retry-After` header in seconds, if it is a number.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    let value = headers.get(name)?;
    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
}

fn validator(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty() && value.len() <= MAX_VALIDATOR_LEN).then(|| value.to_owned())
}

fn received(response: &Response) -> Received {
    Received {
        url: response.url().to_string(),
        status: response.status(),
        content_type: header_text(response.headers(), header::CONTENT_TYPE),
        content_length: response.content_length(),
        size: 0,
        head: Vec::new(),
    }
}

/// Reads a little of an unwanted response, for the message.
fn drain(response: Response, options: &FetchOptions) -> Received {
    let mut received = received(&response);
    let mut head = Vec::new();
    let limit = (HEAD_BYTES as u64).min(options.max_bytes);
    let _ = response.take(limit).read_to_end(&mut head);
    received.size = head.len() as u64;
    received.head = head;
    received
}

/// Reads the body of a `200 OK`, within the size cap and the deadline, and
/// refuses what cannot be the registry.
fn read_document(
    mut response: Response,
    options: &FetchOptions,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Fetched, FetchError> {
    let started = Instant::now();
    let mut info = received(&response);
    let validators = Validators {
        etag: validator(response.headers(), header::ETAG),
        last_modified: validator(response.headers(), header::LAST_MODIFIED),
    };
    let cap = options.max_bytes;
    if let Some(length) = info.content_length.filter(|&n| n > cap) {
        return Err(FetchError::Refused(format!(
            "refusing the response from {}: Content-Length {length} exceeds the limit of {cap} bytes; \
             received {info}; nothing was read",
            info.url
        )));
    }
    let mut body: Vec<u8> = Vec::with_capacity(info.content_length.unwrap_or(64 * 1024) as usize);
    let mut chunk = vec![0u8; 16 * 1024];
    let failure = loop {
        if started.elapsed() > options.timeout {
            break Some(format!(
                "timed out after {:.1} s",
                options.timeout.as_secs_f64()
            ));
        }
        match response.read(&mut chunk) {
            Ok(0) => break None,
            Ok(n) => {
                body.extend_from_slice(&chunk[..n]);
                progress(body.len() as u64, info.content_length);
                if body.len() as u64 > cap {
                    info.size = body.len() as u64;
                    info.head = body[..HEAD_BYTES.min(body.len())].to_vec();
                    return Err(FetchError::Refused(format!(
                        "refusing the response from {}: the body exceeds the limit of {cap} bytes \
                         (stopped reading); received {info}",
                        info.url
                    )));
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => {
                let timed_out = error.kind() == std::io::ErrorKind::TimedOut
                    || describe(&error).contains("timed out");
                break Some(if timed_out {
                    format!(
                        "timed out after {:.1} s while reading the body",
                        options.timeout.as_secs_f64()
                    )
                } else {
                    format!(
                        "the connection failed while reading the body: {}",
                        describe(&error)
                    )
                });
            }
        }
    };
    info.size = body.len() as u64;
    info.head = body[..HEAD_BYTES.min(body.len())].to_vec();
    if let Some(failure) = failure {
        let truncated = match info.content_length {
            Some(length) => format!("received only {} of {length} bytes", body.len()),
            None => format!("received {} bytes, the end unknown", body.len()),
        };
        return Err(FetchError::Download(format!(
            "download of {} failed: {failure}; {truncated}; received {info}",
            info.url
        )));
    }
    if let Some(length) = info.content_length.filter(|&n| n != body.len() as u64) {
        return Err(FetchError::Download(format!(
            "download of {} failed: truncated body: received only {} of {length} bytes; received {info}",
            info.url,
            body.len()
        )));
    }
    if body.is_empty() {
        return Err(FetchError::Refused(format!(
            "refusing the response from {}: the body is empty; received {info}",
            info.url
        )));
    }
    if looks_like_html(info.content_type.as_deref(), &body) {
        return Err(FetchError::Refused(format!(
            "refusing the response from {}: an HTML page, not the registry document; received {info}",
            info.url
        )));
    }
    Ok(Fetched::Document {
        bytes: body,
        validators,
        received: info,
    })
}

/// An HTML page: `text/html` or `application/xhtml+xml`, or a body that
/// opens with `<!DOCTYPE html` or `<html` (error pages served as XML).
pub fn looks_like_html(content_type: Option<&str>, body: &[u8]) -> bool {
    let media_type = content_type
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase());
    if matches!(
        media_type.as_deref(),
        Some("text/html" | "application/xhtml+xml")
    ) {
        return true;
    }
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &body[i..]);
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let opens = |prefix: &[u8]| {
        start.len() >= prefix.len() && start[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    opens(b"<!doctype html") || opens(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_and_escapes() {
        let state = State::new(
            "https://example.org/a\"b",
            Validators {
                etag: Some("W/\"abc\\\"\"".into()),
                last_modified: Some("Wed, 30 Jul 2025 10:00:00 GMT".into()),
            },
            b"<registry/>",
        );
        let text = state.render();
        assert_eq!(State::parse(&text).unwrap(), state);
        assert!(state.applies_to("https://example.org/a\"b", b"<registry/>"));
        assert!(!state.applies_to("https://example.org/a\"b", b"<registry />"));
        assert!(!state.applies_to("https://example.org/", b"<registry/>"));

        let bare = State::new("https://x/", Validators::default(), b"");
        assert_eq!(State::parse(&bare.render()).unwrap(), bare);
        assert!(State::parse("url = 1").is_err());
        assert!(State::parse("url = \"x\"\nsnapshot-size = 1").is_err());
    }

    #[test]
    fn fnv_matches_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn only_https_or_loopback_http() {
        let ok = |u: &str| check_url(&Url::parse(u).unwrap()).is_ok();
        assert!(ok("https://www.iana.org/x"));
        assert!(ok("http://127.0.0.1:8080/x"));
        assert!(ok("http://127.1.2.3/x"));
        assert!(ok("http://[::1]:80/x"));
        assert!(ok("http://localhost/x"));
        assert!(!ok("http://www.iana.org/x"));
        assert!(!ok("http://10.0.0.1/x"));
        assert!(!ok("http://127.0.0.1.example.org/x"));
        assert!(!ok("ftp://127.0.0.1/x"));
        assert!(!ok("file:///etc/passwd"));
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html(Some("text/html; charset=utf-8"), b"<?xml"));
        assert!(looks_like_html(
            Some("application/xml"),
            b"\n  <!DOCTYPE HTML>"
        ));
        assert!(looks_like_html(None, b"\xEF\xBB\xBF<html lang=en>"));
        assert!(!looks_like_html(
            Some("application/xml"),
            b"<?xml version='1.0'?>"
        ));
        assert!(!looks_like_html(None, b""));
    }

    #[test]
    fn received_escapes_the_first_bytes() {
        let received = Received {
            url: "http://127.0.0.1/".into(),
            status: StatusCode::OK,
            content_type: Some("text/html\u{1b}[31m".into()),
            content_length: Some(100),
            size: 100,
            head: b"<h1>\x1b[2J\"x\"\n".to_vec(),
        };
        let text = received.to_string();
        assert!(
            text.contains("HTTP 200 OK from http://127.0.0.1/"),
            "{text}"
        );
        assert!(
            text.contains("content-type \"text/html\\u{1b}[31m\""),
            "{text}"
        );
        assert!(
            text.contains("100 body bytes (Content-Length 100)"),
            "{text}"
        );
        assert!(
            text.contains(r#"starting with "<h1>\x1b[2J\"x\"\n"..."#),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}
