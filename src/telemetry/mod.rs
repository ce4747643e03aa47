//! What an operator sees of the running portal (SPEC 16): log lines for people or as JSON,
//! the request id that ties a person's error page to the lines of their request, and the
//! metrics ([`metrics`]). Below everything that logs or counts; above nothing of the portal's
//! but its settings.

pub mod metrics;

use crate::config::LogFormat;

/// The header a request id travels in, both ways.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// A request's id: the caller's `X-Request-Id` when it is one (1-64 characters of
/// `[A-Za-z0-9._-]`, so it is safe in a log line and a page), else a new one. Kept in the
/// request's extensions for the error page, and on the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// The caller's id when it is valid, else a new one.
    pub fn kept_or_made(header: Option<&[u8]>) -> RequestId {
        match header.and_then(|h| std::str::from_utf8(h).ok()) {
            Some(given) if RequestId::is_valid(given) => RequestId(given.to_string()),
            _ => RequestId::made(),
        }
    }

    /// 128 random bits as 32 hex digits, from the thread's generator (no system call per
    /// request, unlike a v4 UUID's `getrandom`).
    fn made() -> RequestId {
        use rand::Rng;
        RequestId(format!("{:032x}", rand::thread_rng().r#gen::<u128>()))
    }

    fn is_valid(id: &str) -> bool {
        (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Log lines go to standard error: for people (`text`, colours on a terminal), or one JSON
/// object per line (`json`) with the fields of the line, its span (`span`, which names the
/// span a timing line closes) and the spans around it (`spans`: the request id).
/// `filter` is `RUST_LOG`'s syntax; a bad one falls back to `info`. At `debug` and finer, the
/// end of each span is a line with the time spent in it (`time.busy`, `time.idle`): the
/// request and the services it called (`#[tracing::instrument]`), around the statements each
/// ran, show where a slow request's time went.
pub fn init_logging(filter: &str, format: LogFormat) {
    use tracing_subscriber::fmt::format::FmtSpan;
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let timed = filter
        .max_level_hint()
        .is_some_and(|level| level >= tracing::level_filters::LevelFilter::DEBUG);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(if timed { FmtSpan::CLOSE } else { FmtSpan::NONE })
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(true)
            .try_init(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_callers_id_is_kept_only_when_it_is_safe_to_repeat() {
        let table: &[(&[u8], bool)] = &[
            (b"abc-123_X.y", true),
            (&[b'a'; 64], true),
            (&[b'a'; 65], false),
            (b"", false),
            (b"has space", false),
            (b"new\nline", false),
            (b"<script>", false),
            ("caf\u{e9}".as_bytes(), false),
            (&[0xff, 0xfe], false),
        ];
        for (given, kept) in table {
            let id = RequestId::kept_or_made(Some(given));
            assert_eq!(id.as_str().as_bytes() == *given, *kept, "{given:?}");
            assert!(RequestId::is_valid(id.as_str()));
        }
        let made = RequestId::kept_or_made(None);
        assert_eq!(made.as_str().len(), 32);
        assert_ne!(made, RequestId::kept_or_made(None));
    }
}
