//! The sandbox binary started for a test: a temporary SQLite file, a free port, no time-driven
//! progress, and a small HTTP client over real 127.0.0.1 connections.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new empty directory under the system's temporary directory.
    pub fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "crypto-checkout-sandbox-{name}-{}-{:?}",
            std::process::id(),
            Instant::now()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running sandbox; killed when dropped.
pub struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    agent: ureq::Agent,
}

/// A response: status, the `ETag` header, the body.
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub body: String,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| panic!("{error}: {}", self.body))
    }
}

impl Sandbox {
    /// Starts the sandbox on `db` (port `port`, 0 for any) and waits until it listens.
    pub fn start(db: &Path, port: u16) -> Sandbox {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crypto-checkout-sandbox"))
            .args(["--manual", "--db"])
            .arg(db)
            .args([
                "--port",
                &port.to_string(),
                "--root",
                concat!(env!("CARGO_MANIFEST_DIR"), "/.."),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("crypto-checkout sandbox: ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Sandbox { child, url, agent }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Kills the process at once (SIGKILL): no shutdown, no flush.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// A request to `path` with `headers` and `body` (none for a GET).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Reply {
        let url = format!("{}{path}", self.url);
        let mut response = match (method, body) {
            ("GET", _) => {
                let mut request = self.agent.get(&url);
                for (name, value) in headers {
                    request = request.header(*name, *value);
                }
                request.call()
            }
            (_, body) => {
                let mut request = self
                    .agent
                    .post(&url)
                    .header("content-type", "application/json");
                for (name, value) in headers {
                    request = request.header(*name, *value);
                }
                request.send(body.unwrap_or_default())
            }
        }
        .unwrap_or_else(|error| panic!("{method} {path}: {error}"));
        let status = response.status().as_u16();
        let etag = response
            .headers()
            .get("etag")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response.body_mut().read_to_string().unwrap_or_default();
        Reply { status, etag, body }
    }

    /// POST `body` (JSON) to `path`.
    pub fn post(&self, path: &str, body: &Value) -> Reply {
        self.request("POST", path, &[], Some(body.to_string().as_bytes()))
    }

    /// GET `path`.
    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[], None)
    }

    /// Creates a checkout; returns its id and document.
    pub fn create(
        &self,
        provider: &str,
        coin: &str,
        network: &str,
        amount: &str,
    ) -> (String, Value) {
        let reply = self.post(
            "/api/checkouts",
            &serde_json::json!({ "provider": provider, "coin": coin, "network": network,
                                 "amount": amount, "currency": "USD" }),
        );
        assert_eq!(reply.status, 201, "{}", reply.body);
        let created = reply.json();
        (
            created["id"].as_str().unwrap().to_owned(),
            created["checkout"].clone(),
        )
    }

    /// The checkout document of `id`, and its ETag.
    pub fn checkout(&self, id: &str) -> (Value, String) {
        let reply = self.get(&format!("/api/checkouts/{id}"));
        assert_eq!(reply.status, 200, "{}", reply.body);
        (reply.json(), reply.etag.expect("an ETag"))
    }

    /// Waits up to `seconds` until the checkout `id` is in `state`.
    pub fn wait_for_state(&self, id: &str, state: &str, seconds: u64) -> Value {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let (document, _) = self.checkout(id);
            if document["state"] == state {
                return document;
            }
            assert!(
                Instant::now() < deadline,
                "checkout {id} is {} after {seconds} s, not {state}: {document}",
                document["state"]
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A simulation control (`pay`, `confirm`, ...) of checkout `id`.
    pub fn control(&self, id: &str, action: &str, body: &Value) -> Reply {
        self.post(&format!("/sandbox/checkouts/{id}/{action}"), body)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
