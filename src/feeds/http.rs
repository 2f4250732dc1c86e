//! HTTP for feeds: one blocking GET with the rules a polite feed reader keeps. Conditional
//! requests, compressed bodies (ureq inflates gzip), redirects followed here rather than by
//! ureq (so that a move for good is noticed, another scheme refused, and the hops counted),
//! time limits, and a body read as a stream and stopped past the size limit (which counts
//! inflated bytes, so a gzip bomb stops there too).

use std::time::Duration;

use ureq::Agent;

/// The limits of one fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub connect: Duration,
    /// For a whole response, redirects and body included.
    pub total: Duration,
    pub max_body: u64,
    pub max_redirects: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            max_body: 20 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// Validators from the last fetch, sent so that an unchanged feed costs a 304 and no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response: its status and what the fetcher needs of it.
#[derive(Debug, Clone, Default)]
pub struct Response {
    pub status: u16,
    /// Where the body came from, after redirects.
    pub url: String,
    /// The address to keep using when every redirect was permanent (301, 308).
    pub moved_to: Option<String>,
    pub validators: Validators,
    pub content_type: Option<String>,
    /// `Retry-After`, in seconds from now.
    pub retry_after: Option<u64>,
    /// Read for 2xx answers only.
    pub body: Vec<u8>,
}

impl Response {
    /// The `charset=` of the `Content-Type`.
    pub fn charset(&self) -> Option<&str> {
        let ct = self.content_type.as_deref()?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"'))
        })
    }

    /// True when the server says the body is an HTML page (where feed links may be found).
    pub fn is_html(&self) -> bool {
        self.content_type
            .as_deref()
            .is_some_and(|c| c.to_ascii_lowercase().contains("html"))
    }
}

/// Why no response could be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("{0}")]
    Address(String),
    #[error("redirected to {0}, which is not http or https: refused")]
    Scheme(String),
    #[error("more than {0} redirects")]
    TooManyRedirects(usize),
    #[error("a redirect without a Location")]
    NoLocation,
    #[error("no answer within {0} s")]
    Timeout(u64),
    #[error("the body is larger than {} MB", .0 / (1024 * 1024))]
    TooLarge(u64),
    #[error("{0}")]
    Network(String),
}

/// A client shared by all the fetches of one run (it pools connections).
#[derive(Debug, Clone)]
pub struct Client {
    agent: Agent,
    limits: Limits,
}

impl Client {
    pub fn new(limits: Limits) -> Client {
        let agent: Agent = Agent::config_builder()
            .timeout_connect(Some(limits.connect))
            .timeout_global(Some(limits.total))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!(
                "briefdeck/",
                env!("CARGO_PKG_VERSION"),
                " (feed reader; +https://github.com/briefdeck/briefdeck)"
            ))
            .build()
            .into();
        Client { agent, limits }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// GETs `url`, following up to the limit of redirects. Non-2xx answers are responses too
    /// (the caller decides what 304, 410 or 429 mean); only a 2xx body is read.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Response, HttpError> {
        let mut current = super::subscriptions::check_url(url).map_err(HttpError::Address)?;
        let mut permanent = true;
        let mut moved_to = None;
        for _hop in 0..=self.limits.max_redirects {
            let mut request = self.agent.get(current.as_str());
            if let Some(etag) = &validators.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(lm) = &validators.last_modified {
                request = request.header("If-Modified-Since", lm);
            }
            let mut response = request.call().map_err(|e| self.error(e))?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let location = header("location").ok_or(HttpError::NoLocation)?;
                let next = current
                    .join(location.trim())
                    .map_err(|e| HttpError::Address(format!("bad redirect {location:?}: {e}")))?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(HttpError::Scheme(
                        crate::ingest::sanitize::sanitize_line(next.as_str()).into_owned(),
                    ));
                }
                permanent &= matches!(status, 301 | 308);
                if permanent {
                    moved_to = Some(next.to_string());
                }
                current = next;
                continue;
            }
            let mut out = Response {
                status,
                url: current.to_string(),
                moved_to: moved_to.clone(),
                validators: Validators {
                    etag: header("etag"),
                    last_modified: header("last-modified"),
                },
                content_type: header("content-type"),
                retry_after: header("retry-after").and_then(|v| retry_after(&v)),
                body: Vec::new(),
            };
            if (200..300).contains(&status) {
                out.body = response
                    .body_mut()
                    .with_config()
                    .limit(self.limits.max_body)
                    .read_to_vec()
                    .map_err(|e| self.error(e))?;
            }
            return Ok(out);
        }
        Err(HttpError::TooManyRedirects(self.limits.max_redirects))
    }

    fn error(&self, e: ureq::Error) -> HttpError {
        match e {
            ureq::Error::Timeout(ureq::Timeout::Connect) => {
                HttpError::Timeout(self.limits.connect.as_secs())
            }
            ureq::Error::Timeout(_) => HttpError::Timeout(self.limits.total.as_secs()),
            ureq::Error::BodyExceedsLimit(n) => HttpError::TooLarge(n),
            ureq::Error::HostNotFound => HttpError::Network("host not found".into()),
            ureq::Error::ConnectionFailed => HttpError::Network("connection failed".into()),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                HttpError::Timeout(self.limits.total.as_secs())
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                HttpError::Network("connection refused".into())
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionReset => {
                HttpError::Network("connection reset by the server".into())
            }
            other => HttpError::Network(
                crate::ingest::sanitize::sanitize_line(&other.to_string()).into_owned(),
            ),
        }
    }
}

/// `Retry-After` as seconds from now: a number of seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<u64> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(secs);
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let now = chrono::Utc::now();
    Some(u64::try_from((when.with_timezone(&chrono::Utc) - now).num_seconds()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after("120"), Some(120));
        assert_eq!(retry_after(" 7 "), Some(7));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(0));
        let later = (chrono::Utc::now() + chrono::Duration::seconds(3600)).to_rfc2822();
        let secs = retry_after(&later).unwrap();
        assert!((3590..=3600).contains(&secs), "{secs}");
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn charset_comes_from_the_content_type() {
        let r = Response {
            content_type: Some("application/rss+xml; Charset=\"ISO-8859-1\"".into()),
            ..Response::default()
        };
        assert_eq!(r.charset(), Some("ISO-8859-1"));
        assert_eq!(Response::default().charset(), None);
    }
}
