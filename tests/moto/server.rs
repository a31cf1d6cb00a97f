//! A moto server for one test: found (`MOTO_SERVER`, set by `cargo xtask test`, else the
//! virtualenv `cargo xtask test` installs into `target/venv`), started on 127.0.0.1 at a free
//! port, waited for until it answers, and killed when dropped.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use workspace_tests::workspace_root;

/// The running server.
pub struct Moto {
    child: Child,
    port: u16,
    log: PathBuf,
}

/// The `moto_server` executable, or `None` (after printing SKIPPED) when it is not installed
/// outside CI. In CI (`CI=true`) a missing moto is a failure.
pub fn executable() -> Option<PathBuf> {
    workspace_tests::venv_tool("MOTO_SERVER", "moto_server", "moto")
}

/// Whether an HTTP request to the port gets an HTTP response.
fn answers(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if stream.write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}

impl Moto {
    /// Starts `moto_server -H 127.0.0.1 -p PORT` and waits until it answers.
    pub fn start(executable: &std::path::Path) -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = workspace_root().join(format!("target/tmp/moto-{port}.log"));
        std::fs::create_dir_all(log.parent().unwrap()).unwrap();
        let child = Command::new(executable)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", executable.display()));
        let mut moto = Moto { child, port, log };
        // Poll until it answers or exits; a server that never comes up fails after ~2 minutes.
        for _ in 0..1200 {
            if let Some(status) = moto.child.try_wait().unwrap() {
                panic!("moto_server exited with {status} before answering:\n{}", moto.log_text());
            }
            if answers(port) {
                return moto;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("moto_server did not answer on port {port}:\n{}", moto.log_text());
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the server wrote to stderr (its request log).
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}
