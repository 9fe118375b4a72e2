//! The reports load in the tools users pipe them into: jq (ndjson) and DuckDB (ndjson, csv).
//! `.ci/run` installs both; on a developer machine without them the test says so and passes
//! only when not running under CI.

use assert_cmd::Command;
use std::path::Path;
use std::process::Command as Std;

mod common;

fn available(cmd: &str, args: &[&str]) -> bool {
    Std::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn require(name: &str, ok: bool) -> bool {
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is required under CI (.ci/run installs it)"
        );
        eprintln!("skipping: {name} is not installed");
    }
    ok
}

fn report(format: &str, dir: &Path) -> std::path::PathBuf {
    let out = dir.join(format!("report.{format}"));
    Command::cargo_bin("teema")
        .unwrap()
        .args(["analyse", "--format", format, "-o"])
        .arg(&out)
        .arg(common::samples())
        .assert()
        .success();
    out
}

fn sample_count() -> usize {
    common::sample_files().len()
}

#[test]
fn jq_reads_the_ndjson() {
    if !require("jq", available("jq", &["--version"])) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let nd = report("ndjson", dir.path());
    let out = Std::new("jq")
        .args(["-s", "-r"])
        .arg(r#"[.[] | select(.type == "document")] | "\(length) \(map(.themes.after_hours.hits) | add)""#)
        .arg(&nd)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut parts = text.split_whitespace();
    assert_eq!(
        parts.next().unwrap().parse::<usize>().unwrap(),
        sample_count()
    );
    assert!(parts.next().unwrap().parse::<u64>().unwrap() > 0);
}

#[test]
fn duckdb_reads_the_ndjson_and_csv() {
    let python = "python3";
    if !require(
        "python3 -m duckdb",
        available(python, &["-c", "import duckdb"]),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let nd = report("ndjson", dir.path());
    let csv = report("csv", dir.path());
    let script = format!(
        r#"
import duckdb
con = duckdb.connect()
n, hits = con.execute("""
    select count(*), sum(themes.service_complaints.hits)
    from read_json_auto('{nd}', format='newline_delimited', union_by_name=true)
    where type = 'document'""").fetchone()
m, rate = con.execute("select count(*), max(service_complaints_per_1000) from read_csv_auto('{csv}')").fetchone()
print(n, hits, m, rate)
"#,
        nd = nd.display(),
        csv = csv.display()
    );
    let out = Std::new(python).args(["-c", &script]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let f: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(f[0].parse::<usize>().unwrap(), sample_count());
    assert!(f[1].parse::<f64>().unwrap() > 0.0);
    assert_eq!(f[2].parse::<usize>().unwrap(), sample_count());
    assert!(f[3].parse::<f64>().unwrap() > 0.0);
}

#[test]
fn duckdb_reads_the_measures_the_sidecar_and_the_group_intervals() {
    let python = "python3";
    if !require(
        "python3 -m duckdb",
        available(python, &["-c", "import duckdb"]),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("scores.csv");
    Command::cargo_bin("teema")
        .unwrap()
        .args(["analyse", "--format", "csv", "--group-by", "lang", "-o"])
        .arg(&csv)
        .arg(common::samples())
        .assert()
        .success();
    let script = format!(
        r#"
import duckdb
con = duckdb.connect()
n, wc, short, pct = con.execute("""
    select count(*), sum(wc), sum(short::int), max(after_hours_percent)
    from read_csv('{csv}')""").fetchone()
swc, sshort, ci_n, lo, hi, pooled = con.execute("""
    select summary.wc, summary.short,
           summary.groups.lang.fi.themes.after_hours.per_document.n,
           summary.groups.lang.fi.themes.after_hours.per_document.ci95_low,
           summary.groups.lang.fi.themes.after_hours.per_document.ci95_high,
           summary.groups.lang.fi.themes.after_hours.per_document.pooled
    from read_json_auto('{csv}.meta.json')""").fetchone()
print(n, wc, short, pct, swc, sshort, ci_n, lo, hi, pooled)
"#,
        csv = csv.display()
    );
    let out = Std::new(python).args(["-c", &script]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let f: Vec<f64> = text
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    assert_eq!(f[0] as usize, sample_count());
    assert_eq!(f[1], f[4], "the rows' wc add up to the sidecar summary's");
    assert_eq!(f[2], f[5], "and so do the short documents");
    assert!(f[3] > 0.0);
    assert!(f[6] >= 2.0, "Finnish samples in the interval: {text}");
    assert!(
        f[7] <= f[9] && f[9] <= f[8],
        "the interval holds the pooled rate: {text}"
    );
}
