//! Signals stop a run cleanly: no temporary file is left beside `-o`, the exit code is
//! 128 + the signal, and standard error says how far the run got. The runs read JSON Lines
//! from a pipe the test holds open, so the signal always arrives mid-run, whatever the
//! machine's speed. Also: a report written with `-o` follows the umask.
#![cfg(unix)]

use std::io::Write;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

fn record(i: usize) -> String {
    format!(
        "{{\"id\":\"r{i}\",\"text\":\"Esihenkilö vaatii taas iltatilaisuuksiin asiakkaiden \
         kanssa, vaikka työaika päättyi jo neljältä. Numero {i}.\"}}\n"
    )
}

/// `teema analyse --input jsonl - -o DIR/report.ndjson`, with `lines` records already fed.
fn start(dir: &Path, lines: usize) -> (Child, ChildStdin) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_teema"))
        .args([
            "analyse",
            "--input",
            "jsonl",
            "--format",
            "ndjson",
            "--threads",
            "1",
        ])
        .args(["-", "-o"])
        .arg(dir.join("report.ndjson"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("teema starts");
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..lines {
        stdin.write_all(record(i).as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    (child, stdin)
}

/// Waits until the run's temporary output exists in `dir` (the run has started writing).
fn wait_for_temporary(dir: &Path) {
    let start = Instant::now();
    loop {
        let names = entries(dir);
        if !names.is_empty() {
            assert!(
                names.iter().all(|n| n.starts_with(".tmp")),
                "only a temporary file while running: {names:?}"
            );
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary output appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn kill(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// Waits for the child (at most a minute) and returns its exit code and standard error.
fn finish(mut child: Child) -> (Option<i32>, String) {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("teema did not stop within a minute of the signal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn stops_cleanly_on(signal: &str, name: &str, code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let (child, mut stdin) = start(dir.path(), 500);
    wait_for_temporary(dir.path());
    kill(&child, signal);
    // The walk notices the stop at its next input; the pipe stays open, so without the stop
    // the run would wait for more input for ever.
    std::thread::sleep(Duration::from_millis(100));
    let _ = stdin.write_all(record(500).as_bytes());
    let _ = stdin.flush();
    let (status, stderr) = finish(child);
    drop(stdin);
    assert_eq!(status, Some(code), "{stderr}");
    assert!(
        stderr.contains(&format!("{name} received: stopping")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("interrupted by {name} after ")),
        "{stderr}"
    );
    assert!(stderr.contains("nothing written to"), "{stderr}");
    assert_eq!(entries(dir.path()), Vec::<String>::new(), "{stderr}");
}

#[test]
fn sigint_stops_the_run_removes_the_temporary_file_and_exits_130() {
    stops_cleanly_on("INT", "SIGINT", 130);
}

#[test]
fn sigterm_stops_the_run_removes_the_temporary_file_and_exits_143() {
    stops_cleanly_on("TERM", "SIGTERM", 143);
}

#[test]
fn sighup_stops_the_run_and_exits_129() {
    stops_cleanly_on("HUP", "SIGHUP", 129);
}

#[test]
fn a_second_sigint_quits_at_once_and_still_removes_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let (child, stdin) = start(dir.path(), 200);
    wait_for_temporary(dir.path());
    // No more input arrives: the walk waits on the pipe, so only the second signal ends it.
    kill(&child, "INT");
    std::thread::sleep(Duration::from_millis(200));
    kill(&child, "INT");
    let (status, stderr) = finish(child);
    drop(stdin);
    assert_eq!(status, Some(130), "{stderr}");
    assert_eq!(entries(dir.path()), Vec::<String>::new(), "{stderr}");
}

#[test]
fn a_run_that_is_not_interrupted_writes_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let (child, stdin) = start(dir.path(), 50);
    drop(stdin);
    let (status, stderr) = finish(child);
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(entries(dir.path()), ["report.ndjson"]);
    let report = std::fs::read_to_string(dir.path().join("report.ndjson")).unwrap();
    assert_eq!(
        report.lines().filter(|l| l.contains("\"record\"")).count(),
        50
    );
}

/// The mode of a report written with `-o` under `umask`.
fn report_mode(umask: &str) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.txt"), "Ylitöitä taas illalla.\n").unwrap();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask {umask} && exec \"$0\" analyse \"$1\" -o \"$2\"",
        ))
        .arg(env!("CARGO_BIN_EXE_teema"))
        .arg(dir.path().join("post.txt"))
        .arg(dir.path().join("report.json"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::metadata(dir.path().join("report.json"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_report_file_follows_the_umask() {
    assert_eq!(report_mode("022"), 0o644);
    assert_eq!(report_mode("077"), 0o600);
    assert_eq!(report_mode("002"), 0o664);
}

/// `teema merge` quits on a signal: the merged report's temporary file is removed, the exit
/// code is 128 + the signal. The second part is a named pipe the test holds open after its
/// first lines, so the merge is mid-way through writing when the signal comes.
#[test]
fn merge_quits_on_sigterm_and_removes_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus-samples");
    let part = |i: usize| {
        let path = dir.path().join(format!("part-{i}.ndjson"));
        let out = Command::new(env!("CARGO_BIN_EXE_teema"))
            .args(["analyse", "-q", "--format", "ndjson", "--shard"])
            .arg(format!("{i}/2"))
            .arg(&samples)
            .arg("-o")
            .arg(&path)
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 2)), "{out:?}");
        std::fs::read(path).unwrap()
    };
    let (one, two) = (part(1), part(2));
    let fifo = dir.path().join("part-2.fifo");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(dir.path().join("part-1.ndjson"), &one).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_teema"))
        .args(["merge", "--format", "ndjson"])
        .arg(dir.path().join("part-1.ndjson"))
        .arg(&fifo)
        .arg("-o")
        .arg(out_dir.join("merged.ndjson"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // the header line only; the pipe stays open, so the merge waits for the rest
    let header = two.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writer.write_all(&two[..header]).unwrap();
    writer.flush().unwrap();
    wait_for_temporary(&out_dir);
    kill(&child, "TERM");
    let (status, stderr) = finish(child);
    drop(writer);
    assert_eq!(status, Some(143), "{stderr}");
    assert!(
        stderr.contains("SIGTERM received: stopped; no output written"),
        "{stderr}"
    );
    assert_eq!(
        entries(&out_dir),
        Vec::<String>::new(),
        "nothing left behind"
    );
}
