//! The server: one port of 127.0.0.1 for the merchant backend (`/api`, `/webhooks`), the
//! gateway simulators (`/gateways`), the simulation controls (`/sandbox`), the npm package
//! (`/pkg`) and the demo pages of `www/` (everything else).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use crypto_checkout::json::value::Value;
use crypto_checkout::payment::Gateway;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tower_http::services::ServeDir;

use crate::gateways::{self, now_ms, object, optional_string, string};
use crate::http::{self, Client};
use crate::store::Store;
use crate::{merchant, outbox, simulation};

/// How many received webhooks the log keeps (in memory: a rejected webhook stores nothing).
const LOG_LENGTH: usize = 200;

/// How long a connection may take to send a request's headers, counted from when it opens
/// or its last response went out: a client that sends nothing, or headers a byte at a time,
/// is disconnected instead of holding a connection open for good.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a request's body may take to arrive, all of it: a body that never finishes
/// arriving gets `408 Request Timeout` before any handler runs (so none is cut off midway,
/// after it called a gateway).
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(20);

/// The largest body read for a handler (a route may take less: webhooks take 64 KiB).
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How long a shutdown waits for the requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// One webhook the merchant received, for the demo's log.
pub struct LogEntry {
    at_ms: i64,
    provider: Gateway,
    /// The HTTP status the merchant answered.
    pub status: u16,
    /// `valid`, `invalid` or `unsigned`.
    pub verdict: String,
    /// Why it was rejected, or how an unsigned one was confirmed.
    pub reason: Option<String>,
    /// Its event key.
    pub event_key: Option<String>,
    /// The checkout it applied to.
    pub checkout: Option<String>,
    /// `applied`, `duplicate`, `unmatched`, or empty when rejected.
    pub outcome: String,
}

impl LogEntry {
    /// An entry for a webhook from `provider`, received now.
    pub fn new(provider: Gateway) -> LogEntry {
        LogEntry {
            at_ms: now_ms(),
            provider,
            status: 0,
            verdict: String::new(),
            reason: None,
            event_key: None,
            checkout: None,
            outcome: String::new(),
        }
    }

    fn to_value(&self) -> Value {
        object(vec![
            ("at", string(gateways::rfc3339(self.at_ms / 1000, "Z"))),
            ("provider", string(self.provider.as_str())),
            ("status", gateways::integer(i64::from(self.status))),
            ("verdict", string(&self.verdict)),
            ("reason", optional_string(self.reason.as_deref())),
            ("event_key", optional_string(self.event_key.as_deref())),
            ("checkout", optional_string(self.checkout.as_deref())),
            ("outcome", string(&self.outcome)),
        ])
    }
}

/// What every handler shares.
pub struct App {
    /// The SQLite file.
    pub store: Store,
    /// `http://127.0.0.1:PORT`, where the merchant and the gateways reach each other.
    pub base_url: String,
    /// The HTTP client of the merchant's calls and of webhook deliveries.
    pub client: Client,
    /// Whether time-driven progress is on.
    pub progress: bool,
    /// Set by the simulation controls: the merchant answers every webhook with 503, as a
    /// backend that is down would, and the gateways retry.
    merchant_down: AtomicBool,
    log: Mutex<VecDeque<LogEntry>>,
    /// Held by the merchant from signing a HAYVN request to its answer: HAYVN refuses a
    /// nonce below the last one it saw, so requests signed in one order must arrive in it.
    pub hayvn_requests: tokio::sync::Mutex<()>,
}

impl App {
    /// Adds a received webhook to the log.
    pub fn record(&self, entry: LogEntry) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if log.len() == LOG_LENGTH {
            log.pop_back();
        }
        log.push_front(entry);
    }

    /// Whether the merchant backend plays dead.
    pub fn merchant_down(&self) -> bool {
        self.merchant_down.load(Ordering::Relaxed)
    }

    /// Takes the merchant backend down (`true`) or brings it back.
    pub fn set_merchant_down(&self, down: bool) {
        self.merchant_down.store(down, Ordering::Relaxed);
    }

    /// The log, newest first.
    pub fn log_entries(&self) -> Vec<Value> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.iter().map(LogEntry::to_value).collect()
    }
}

/// The state handlers receive.
pub type Shared = Arc<App>;

/// Answers `415` to a POST whose body is not declared JSON. A page of another site can make
/// a browser POST a form or plain text to 127.0.0.1 without asking, but not JSON (that takes a
/// CORS preflight, which this server never grants): so the simulation controls and checkout
/// creation answer only the sandbox's own pages and programs.
pub async fn json_posts_only(request: Request, next: Next) -> Response {
    let declared_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
    if request.method() == Method::POST && !declared_json {
        return gateways::json(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &object(vec![
                ("error", string("unsupported_media_type")),
                (
                    "message",
                    string("send the body as Content-Type: application/json"),
                ),
            ]),
        );
    }
    next.run(request).await
}

/// Reads a request's whole body within [`BODY_READ_TIMEOUT`] before its handler runs:
/// `408` when it does not arrive in time, `413` beyond [`MAX_BODY_BYTES`], `400` when the
/// connection breaks midway.
pub async fn body_in_time(request: Request, next: Next) -> Response {
    // Most requests (the widget's polls, the pages) have no body to wait for.
    if axum::body::HttpBody::is_end_stream(request.body()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(
        BODY_READ_TIMEOUT,
        axum::body::to_bytes(body, MAX_BODY_BYTES),
    )
    .await;
    let (status, error, message) = match read {
        Ok(Ok(bytes)) => {
            return next
                .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await
        }
        Err(_) => (
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            "the body did not arrive within 20 seconds",
        ),
        Ok(Err(failure)) if is_too_large(&failure) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "the body is larger than 2 MiB",
        ),
        Ok(Err(_)) => (
            StatusCode::BAD_REQUEST,
            "body_unreadable",
            "the body could not be read to its end",
        ),
    };
    gateways::json(
        status,
        &object(vec![("error", string(error)), ("message", string(message))]),
    )
}

/// Whether reading a body failed because it went past its limit.
fn is_too_large(failure: &axum::Error) -> bool {
    std::error::Error::source(failure)
        .is_some_and(|source| source.is::<http_body_util::LengthLimitError>())
}

/// The whole router.
fn router(app: Shared, root: &Path) -> Router {
    Router::new()
        .merge(merchant::routes())
        .nest("/gateways", gateways::routes())
        .nest("/sandbox", simulation::routes())
        .nest_service("/pkg", ServeDir::new(root.join("pkg")))
        .fallback_service(ServeDir::new(root.join("www")))
        .layer(axum::middleware::from_fn(body_in_time))
        .with_state(app)
}

/// Serves `router` on `listener` over HTTP/1.1 until Ctrl-C, with [`HEADER_READ_TIMEOUT`] on
/// every connection, then lets the requests in flight finish (for at most [`SHUTDOWN_GRACE`]).
async fn serve(listener: tokio::net::TcpListener, router: Router) {
    let connections = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut shutdown => break,
        };
        let stream = match stream {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was taken: wait a
            // little rather than spin, and go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Small responses go out at once rather than waiting for more to send.
        let _ = stream.set_nodelay(true);
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .serve_connection(
                TokioIo::new(stream),
                TowerToHyperService::new(router.clone()),
            );
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            // A connection that fails (closed early, timed out) concerns only its client.
            let _ = connection.await;
        });
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, connections.shutdown()).await;
}

/// Opens the database, listens on 127.0.0.1:`port`, starts webhook delivery (and, with
/// `progress`, time-driven progress), and serves until Ctrl-C.
pub async fn run(db: PathBuf, port: u16, root: PathBuf, progress: bool) -> Result<(), String> {
    let store = Store::open(&db).map_err(|failure| format!("{}: {failure}", db.display()))?;
    if !root.join("pkg").join("crypto_checkout.js").is_file() {
        eprintln!(
            "crypto-checkout sandbox: {} has no npm package yet: run `make pkg` (the demo page needs it)",
            root.join("pkg").display()
        );
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|failure| format!("127.0.0.1:{port}: {failure}"))?;
    let address = listener
        .local_addr()
        .map_err(|failure| failure.to_string())?;
    let base_url = format!("http://{address}");
    gateways::move_callbacks(&store, &base_url)
        .map_err(|failure| format!("{}: {failure}", db.display()))?;
    let app = Arc::new(App {
        store,
        base_url,
        client: http::client(),
        progress,
        merchant_down: AtomicBool::new(false),
        hayvn_requests: tokio::sync::Mutex::new(()),
        log: Mutex::new(VecDeque::new()),
    });
    tokio::spawn(outbox::deliver(app.clone()));
    if progress {
        tokio::spawn(simulation::advance(app.clone()));
    }
    println!("crypto-checkout sandbox: {}/", app.base_url);
    serve(listener, router(app, &root)).await;
    Ok(())
}
