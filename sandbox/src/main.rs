//! `crypto-checkout-sandbox`: the reference merchant backend and the gateway simulators, on
//! one port of 127.0.0.1, with every checkout and processed webhook in an SQLite file.
//!
//! ```text
//! crypto-checkout-sandbox [--db PATH] [--port N] [--root DIR] [--manual]
//! ```
//!
//! - `--db PATH` (or `SANDBOX_DB`): the SQLite file, `sandbox.db` by default.
//! - `--port N` (or `PORT`): the port, 8080 by default; 0 picks a free one.
//! - `--root DIR`: the repository, whose `www/` and `pkg/` are served (default: `.`).
//! - `--manual`: no time-driven progress; payments advance only through `/sandbox/...`.
//!
//! Once it listens, it prints `crypto-checkout sandbox: http://127.0.0.1:PORT/` on a line of
//! its own (tests wait for that line).

use std::path::PathBuf;
use std::process::ExitCode;

/// What the command line asked for.
struct Arguments {
    db: PathBuf,
    port: u16,
    root: PathBuf,
    manual: bool,
}

/// Reads the command line and the environment; an unknown argument is an error naming it.
fn arguments() -> Result<Arguments, String> {
    let mut arguments = Arguments {
        db: std::env::var_os("SANDBOX_DB")
            .map_or_else(|| PathBuf::from("sandbox.db"), PathBuf::from),
        port: match std::env::var("PORT") {
            Ok(port) => port
                .parse()
                .map_err(|_| format!("PORT is not a port number: {port}"))?,
            Err(_) => 8080,
        },
        root: PathBuf::from("."),
        manual: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--db" => arguments.db = PathBuf::from(value("--db")?),
            "--port" => {
                let port = value("--port")?;
                arguments.port = port
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {port}"))?;
            }
            "--root" => arguments.root = PathBuf::from(value("--root")?),
            "--manual" => arguments.manual = true,
            "--help" | "-h" => {
                return Err(
                    "usage: crypto-checkout-sandbox [--db PATH] [--port N] [--root DIR] [--manual]"
                        .to_owned(),
                )
            }
            other => return Err(format!("unknown argument: {other} (try --help)")),
        }
    }
    Ok(arguments)
}

#[tokio::main]
async fn main() -> ExitCode {
    let arguments = match arguments() {
        Ok(arguments) => arguments,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match crypto_checkout_sandbox::app::run(
        arguments.db,
        arguments.port,
        arguments.root,
        !arguments.manual,
    )
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("crypto-checkout sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}
