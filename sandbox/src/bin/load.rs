//! `crypto-checkout-load`: a load generator for `make bench`. It keeps `--connections`
//! keep-alive HTTP/1.1 connections busy with one GET each (the request written once, byte for
//! byte), for `--seconds` after a one-second warm-up, and prints one JSON line: requests per
//! second, the latency percentiles, the statuses seen and the bytes of one exchange on the wire.
//!
//! ```text
//! crypto-checkout-load --url http://127.0.0.1:8080/api/checkouts/ID [--header "If-None-Match: \"...\""]
//!                      [--connections 64] [--seconds 5]
//! ```

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What one connection measured.
#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    statuses: BTreeMap<u16, u64>,
    response_bytes: usize,
}

struct Target {
    host: String,
    request: Vec<u8>,
}

fn parse_arguments() -> Result<(Target, usize, u64), String> {
    let mut url = None;
    let mut headers = Vec::new();
    let mut connections = 64;
    let mut seconds = 5;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--url" => url = Some(value()?),
            "--header" => headers.push(value()?),
            "--connections" => {
                connections = value()?.parse().map_err(|_| "--connections: a number")?
            }
            "--seconds" => seconds = value()?.parse().map_err(|_| "--seconds: a number")?,
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    let url = url.ok_or("--url is required")?;
    let rest = url.strip_prefix("http://").ok_or("--url must be http://")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n");
    for header in &headers {
        request.push_str(header);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    Ok((
        Target {
            host: host.to_owned(),
            request: request.into_bytes(),
        },
        connections,
        seconds,
    ))
}

/// Reads more of the stream into `buffer`; an error when the connection closes.
async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<(), String> {
    let mut chunk = [0u8; 16 * 1024];
    let read = stream
        .read(&mut chunk)
        .await
        .map_err(|error| error.to_string())?;
    if read == 0 {
        return Err("the connection closed".to_owned());
    }
    buffer.extend_from_slice(&chunk[..read]);
    Ok(())
}

/// Reads one response from `stream` into `buffer` (which may hold the start of the next one);
/// returns its status and its length in bytes.
async fn response(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<(u16, usize), String> {
    let end = loop {
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break end;
        }
        fill(stream, buffer).await?;
    };
    let head = std::str::from_utf8(&buffer[..end]).map_err(|_| "a non-text response head")?;
    let status: u16 = head
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))?;
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let total = end + 4 + if status == 304 { 0 } else { length };
    while buffer.len() < total {
        fill(stream, buffer).await?;
    }
    buffer.drain(..total);
    Ok((status, total))
}

/// One connection: requests back to back until `stop`; latencies count once `measuring`.
async fn connection(
    target: Arc<Target>,
    measuring: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
) -> Result<Tally, String> {
    let mut stream = TcpStream::connect(&target.host)
        .await
        .map_err(|error| error.to_string())?;
    stream
        .set_nodelay(true)
        .map_err(|error| error.to_string())?;
    let mut buffer = Vec::new();
    let mut tally = Tally::default();
    while !stop.load(Ordering::Relaxed) {
        let start = Instant::now();
        stream
            .write_all(&target.request)
            .await
            .map_err(|error| error.to_string())?;
        let (status, length) = response(&mut stream, &mut buffer).await?;
        if measuring.load(Ordering::Relaxed) {
            tally
                .latencies_us
                .push(u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX));
            *tally.statuses.entry(status).or_default() += 1;
            tally.response_bytes = length;
        }
    }
    Ok(tally)
}

fn percentile(sorted: &[u64], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index] as f64 / 1000.0
}

#[tokio::main]
async fn main() -> ExitCode {
    let (target, connections, seconds) = match parse_arguments() {
        Ok(arguments) => arguments,
        Err(message) => {
            eprintln!("crypto-checkout-load: {message}");
            return ExitCode::from(2);
        }
    };
    let target = Arc::new(target);
    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(connection(target.clone(), measuring.clone(), stop.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    measuring.store(false, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut statuses: BTreeMap<u16, u64> = BTreeMap::new();
    let mut response_bytes = 0;
    for task in tasks {
        match task.await {
            Ok(Ok(tally)) => {
                latencies.extend(tally.latencies_us);
                for (status, count) in tally.statuses {
                    *statuses.entry(status).or_default() += count;
                }
                response_bytes = response_bytes.max(tally.response_bytes);
            }
            Ok(Err(message)) => {
                eprintln!("crypto-checkout-load: {message}");
                return ExitCode::FAILURE;
            }
            Err(error) => {
                eprintln!("crypto-checkout-load: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    latencies.sort_unstable();
    let statuses: Vec<String> = statuses
        .iter()
        .map(|(status, count)| format!("\"{status}\":{count}"))
        .collect();
    println!(
        "{{\"requests\":{},\"seconds\":{elapsed:.3},\"rps\":{:.0},\"p50_ms\":{:.3},\"p99_ms\":{:.3},\"statuses\":{{{}}},\"request_bytes\":{},\"response_bytes\":{}}}",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        statuses.join(","),
        target.request.len(),
        response_bytes,
    );
    ExitCode::SUCCESS
}
