//! Downloading IANA's document for `regen --fetch`: a few attempts with a
//! doubling wait, timeouts, a size cap, HTTPS only (plain `http` only to
//! loopback addresses, for tests, also after redirects). It writes nothing:
//! the bytes go to [`crate::regen`] as `--from`'s do.

use std::error::Error;
use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::blocking::Client;
use reqwest::{redirect, Url};

use crate::report::join;

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

const ONLY_LOOPBACK: &str = "plain http only to a loopback address";
const MAX_REDIRECTS: usize = 5;

/// The download options of `regen --fetch` (refused without it).
#[derive(Clone, Debug, clap::Args)]
#[group(id = "download", multiple = true, requires = "fetch")]
pub struct FetchOptions {
    /// With --fetch: where from; https, or http to a loopback address.
    #[arg(long, default_value = DEFAULT_URL, value_parser = parse_url)]
    pub url: Url,
    /// With --fetch: the limit for connecting, in seconds.
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = seconds)]
    pub connect_timeout: Duration,
    /// With --fetch: the limit for one attempt, connection to last byte.
    #[arg(long, value_name = "SECS", default_value = "60", value_parser = seconds)]
    pub timeout: Duration,
    /// With --fetch: further attempts after a connection error, a 5xx or a 429.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
    /// With --fetch: the wait before the first retry in ms, doubled for each next one.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(0..=60_000))]
    pub retry_backoff_ms: u64,
    /// With --fetch: the largest body accepted, in bytes.
    #[arg(long, default_value_t = 4 << 20, value_parser = clap::value_parser!(u64).range(1..=1 << 30))]
    pub max_bytes: u64,
}

fn parse_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text).map_err(|e| e.to_string())?;
    allowed(&url).map(|()| url)
}

fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 3600.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err("a number of seconds between 0 and 3600 is needed".into()),
    }
}

/// Whether `url` may be downloaded from: `https`, or `http` to a loopback host.
pub fn allowed(url: &Url) -> Result<(), String> {
    let host = url.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(format!("{url}: only https is allowed ({ONLY_LOOPBACK})")),
    }
}

/// Downloads `options.url`, telling `log` about each attempt retried; the
/// error is the last attempt's.
pub fn download(options: &FetchOptions, log: &mut dyn FnMut(&str)) -> Result<Vec<u8>, String> {
    allowed(&options.url)?;
    let policy = redirect::Policy::custom(|attempt| match allowed(attempt.url()) {
        _ if attempt.previous().len() > MAX_REDIRECTS => {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        }
        Err(refused) => attempt.error(format!("redirected to {refused}")),
        Ok(()) => attempt.follow(),
    });
    let client = (Client::builder().user_agent(USER_AGENT).redirect(policy))
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .build()
        .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
    let mut wait = Duration::from_millis(options.retry_backoff_ms);
    for _ in 0..options.retries {
        match attempt_once(&client, options) {
            Err((message, true)) => {
                log(&format!("{message}; trying again in {wait:?}"));
                std::thread::sleep(wait);
                wait *= 2;
            }
            result => return result.map_err(|(message, _)| message),
        }
    }
    attempt_once(&client, options).map_err(|(message, _)| message)
}

/// `error` after `url`, with its causes (a TLS failure says why only there).
pub(crate) fn failure(url: &str, error: &(dyn Error + 'static)) -> String {
    let causes = std::iter::successors(Some(error), |&e| e.source());
    format!("{url}: {}", join(causes, ": ", |cause| cause))
}

/// One attempt: the body, or why not and whether to try again.
fn attempt_once(client: &Client, options: &FetchOptions) -> Result<Vec<u8>, (String, bool)> {
    let url = &options.url;
    let response = client.get(url.clone()).send().map_err(|e| {
        let retry = !e.is_redirect();
        (failure(url.as_str(), &e.without_url()), retry)
    })?;
    let status = response.status();
    if !status.is_success() {
        let retry = status.is_server_error() || status.as_u16() == 429;
        return Err((format!("{url}: HTTP {status}"), retry));
    }
    let mut body = Vec::new();
    (response.take(options.max_bytes + 1).read_to_end(&mut body))
        .map_err(|e| (format!("{url}: reading the body: {e}"), true))?;
    if body.len() as u64 > options.max_bytes {
        let message = format!("{url}: the body is larger than {} bytes", options.max_bytes);
        return Err((message, false));
    }
    Ok(body)
}
