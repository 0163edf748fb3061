//! Downloading IANA's registry document for `cargo xtask regen --fetch`.
//!
//! [`download`] gets the bytes and nothing else: a few attempts with a
//! doubling wait between them, timeouts, a size cap, HTTPS only (plain
//! `http` only to loopback addresses, for tests, also after redirects). It
//! writes no file; `cli` hands the bytes to [`crate::regen`] exactly as
//! `--from` does, and the parser refuses a body that is not the registry.

use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::blocking::Client;
use reqwest::{redirect, Url};

/// Where IANA publishes the registry document.
pub const DEFAULT_URL: &str = "https://www.iana.org/assignments/websocket/websocket.xml";

/// The `User-Agent` sent: the project, the tool and its version.
pub const USER_AGENT: &str = concat!(
    "ws-close-codes-xtask/",
    env!("CARGO_PKG_VERSION"),
    " (registry sync; +",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// Most redirects followed.
const MAX_REDIRECTS: usize = 5;

/// How to download: the options of `regen --fetch`.
#[derive(Clone, Debug, clap::Args)]
pub struct FetchOptions {
    /// With --fetch: where from; https, or http to a loopback address.
    #[arg(long, requires = "fetch", default_value = DEFAULT_URL, value_parser = parse_url)]
    pub url: Url,
    /// With --fetch: the limit for connecting, in seconds.
    #[arg(long, requires = "fetch", value_name = "SECS", default_value = "10", value_parser = seconds)]
    pub connect_timeout: Duration,
    /// With --fetch: the limit for one attempt, connection to last byte.
    #[arg(long, requires = "fetch", value_name = "SECS", default_value = "60", value_parser = seconds)]
    pub timeout: Duration,
    /// With --fetch: further attempts after a connection error, a 5xx or a 429.
    #[arg(long, requires = "fetch", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
    /// With --fetch: the wait before the first retry, doubled for each next one.
    #[arg(long = "retry-backoff-ms", requires = "fetch", value_name = "MS", default_value = "1000",
          value_parser = milliseconds)]
    pub backoff: Duration,
    /// With --fetch: the largest body accepted, in bytes.
    #[arg(long, requires = "fetch", value_name = "N", default_value_t = 4 << 20,
          value_parser = clap::value_parser!(u64).range(1..=1 << 30))]
    pub max_bytes: u64,
}

fn parse_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| e.to_string())?;
    allowed(&url)?;
    Ok(url)
}

fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 3600.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err("a number of seconds between 0 and 3600 is needed".into()),
    }
}

fn milliseconds(text: &str) -> Result<Duration, String> {
    match text.parse::<u64>() {
        Ok(ms) if ms <= 60_000 => Ok(Duration::from_millis(ms)),
        _ => Err("a whole number of milliseconds up to 60000 is needed".into()),
    }
}

/// Whether `url` may be downloaded from: `https`, or `http` to a loopback
/// host.
///
/// ```
/// use xtask::fetch::allowed;
/// assert!(allowed(&"https://www.iana.org/x".parse().unwrap()).is_ok());
/// assert!(allowed(&"http://127.0.0.1:8080/x".parse().unwrap()).is_ok());
/// assert!(allowed(&"http://example.com/x".parse().unwrap()).is_err());
/// ```
///
/// # Errors
///
/// Why not, naming the URL.
pub fn allowed(url: &Url) -> Result<(), String> {
    let host = url.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(format!(
            "{url}: only https is allowed (plain http only to a loopback address)"
        )),
    }
}

/// Downloads `options.url`, telling `log` about each failed attempt that
/// is retried.
///
/// # Errors
///
/// The last attempt's failure: the connection, a timeout, an HTTP error
/// status, a redirect that is refused, a truncated or oversized body.
pub fn download(options: &FetchOptions, log: &mut dyn FnMut(&str)) -> Result<Vec<u8>, String> {
    allowed(&options.url)?;
    let client = Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .redirect(redirect::Policy::custom(|attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if let Err(refused) = allowed(attempt.url()) {
                attempt.error(format!("redirected to {refused}"))
            } else {
                attempt.follow()
            }
        }))
        .build()
        .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
    let mut wait = options.backoff;
    for attempt in 0.. {
        let (result, retry) = attempt_once(&client, options);
        match result {
            Ok(bytes) => return Ok(bytes),
            Err(message) if retry && attempt < options.retries => {
                log(&format!("{message}; trying again in {wait:?}"));
                std::thread::sleep(wait);
                wait *= 2;
            }
            Err(message) => return Err(message),
        }
    }
    unreachable!("the loop returns")
}

/// One attempt: the body, or why not and whether to try again.
fn attempt_once(client: &Client, options: &FetchOptions) -> (Result<Vec<u8>, String>, bool) {
    let url = &options.url;
    let response = match client.get(url.clone()).send() {
        Ok(response) => response,
        Err(e) => {
            let retry = !e.is_redirect();
            return (Err(format!("{url}: {}", chain(&e.without_url()))), retry);
        }
    };
    let status = response.status();
    if !status.is_success() {
        let retry = status.is_server_error() || status.as_u16() == 429;
        return (Err(format!("{url}: HTTP {status}")), retry);
    }
    let mut body = Vec::new();
    let read = response.take(options.max_bytes + 1).read_to_end(&mut body);
    match read {
        Err(e) => (Err(format!("{url}: reading the body: {e}")), true),
        Ok(_) if body.len() as u64 > options.max_bytes => (
            Err(format!(
                "{url}: the body is larger than {} bytes",
                options.max_bytes
            )),
            false,
        ),
        Ok(_) => (Ok(body), false),
    }
}

/// An error with its causes, one after the other.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}
