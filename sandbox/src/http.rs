//! Plain HTTP/1.1 between the parts of the sandbox: the merchant's calls to the gateways and
//! the gateways' webhook deliveries, over 127.0.0.1 like any other client.

use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};

/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// A pooled HTTP client.
pub type Client = HyperClient<HttpConnector, Full<Bytes>>;

/// How long a pooled connection may wait for its next request: well inside the server's
/// [`crate::app::HEADER_READ_TIMEOUT`], so the client never picks a connection the server is
/// closing as idle.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(4);

/// A new client.
pub fn client() -> Client {
    HyperClient::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .build_http()
}

/// A response: its status and body.
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
}

/// Sends one request; an error says what failed (connection, timeout).
pub async fn send(
    client: &Client,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<Response, String> {
    let mut request = hyper::Request::builder().method(method).uri(url);
    if !body.is_empty() {
        request = request.header("content-type", "application/json");
    }
    for (name, value) in headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let request = request
        .body(Full::new(Bytes::from(body)))
        .map_err(|error| format!("{method} {url}: {error}"))?;
    let response = tokio::time::timeout(TIMEOUT, client.request(request))
        .await
        .map_err(|_| format!("{method} {url}: no answer within {} s", TIMEOUT.as_secs()))?
        .map_err(|error| format!("{method} {url}: {error}"))?;
    let status = response.status().as_u16();
    let body = tokio::time::timeout(TIMEOUT, response.into_body().collect())
        .await
        .map_err(|_| {
            format!(
                "{method} {url}: the body did not arrive within {} s",
                TIMEOUT.as_secs()
            )
        })?
        .map_err(|error| format!("{method} {url}: {error}"))?
        .to_bytes()
        .to_vec();
    Ok(Response { status, body })
}
