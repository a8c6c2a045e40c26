//! Benchmark: on the 10k × 2 synthetic corpus, the time from saving an edit
//! to one clinic to the reload event `tandem serve` sends to open tabs.
//!
//! Run with `cargo bench --bench serve_edit`. Set `BENCH_PAGES` for another
//! corpus size. The corpus comes from `../shared/bench/gen_corpus.py` and is
//! written to /dev/shm (this machine's disk is slow to create files).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn corpus(pages: usize) -> PathBuf {
    let out = PathBuf::from(format!("/dev/shm/tandem-bench-{pages}x2"));
    if !out.join("content/site.yaml").is_file() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
        let status = Command::new("python3")
            .arg(script)
            .args([
                "--pages",
                &pages.to_string(),
                "--langs",
                "en,fr",
                "--format",
                "tandem",
                "--out",
            ])
            .arg(&out)
            .stdout(Stdio::null())
            .status()
            .expect("python3 runs gen_corpus.py");
        assert!(status.success(), "gen_corpus.py failed");
    }
    out
}

fn wait_for(events: &mut BufReader<TcpStream>, name: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            events.read_line(&mut line).expect("event stream") > 0,
            "stream closed"
        );
        if line.trim() == format!("event: {name}") {
            return;
        }
        assert!(line.trim() != "event: problems", "the edit was rejected");
    }
}

fn main() {
    let pages: usize = std::env::var("BENCH_PAGES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(10_000);
    let root = corpus(pages);
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(Stdio::piped())
        .spawn()
        .expect("tandem serve starts");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let port: u16 = loop {
        let line = lines.next().expect("serve output").expect("utf-8");
        if let Some(rest) = line.strip_prefix("Serving on http://127.0.0.1:") {
            break rest
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .expect("port");
        }
    };
    println!(
        "serve: first build of {pages} clinics × 2 languages in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    std::thread::spawn(move || for _ in lines {});
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    write!(
        stream,
        "GET /__tandem/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("request");
    let mut events = BufReader::new(stream);
    wait_for(&mut events, "hello");

    let clinic = std::fs::read_dir(root.join("content/clinics"))
        .expect("clinics")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.to_string_lossy().ends_with(".md") && !p.to_string_lossy().ends_with(".fr.md")
        })
        .min()
        .expect("a clinic");
    let original = std::fs::read_to_string(&clinic).expect("read");
    let mut times = Vec::new();
    for round in 0..7 {
        let edited = format!("{original}\nEdited paragraph number {round}.\n");
        let t = Instant::now();
        std::fs::write(&clinic, edited).expect("write");
        wait_for(&mut events, "reload");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&clinic, &original).expect("restore");
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "serve: edit of one clinic → reload event, 7 runs: {}",
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "serve: median {:.0} ms (target ≤ 50 ms)",
        times[times.len() / 2]
    );
}
