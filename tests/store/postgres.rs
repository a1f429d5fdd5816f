//! `civtrace export --format postgres` against a Postgres server this test
//! starts itself (initdb in a temporary directory, Unix socket only, no TCP).
//! `.ci/run` installs the server and sets `CIVTRACE_PG_BIN`; elsewhere the
//! test looks for one under /usr/lib/postgresql and says so if there is none.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::export::{civtrace, store};

/// The directory holding `initdb` and `pg_ctl`.
fn pg_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CIVTRACE_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file())
        .collect();
    found.sort();
    found.pop()
}

/// A throwaway server; stopped when dropped.
struct Server {
    /// pg_ctl.
    pg_ctl: PathBuf,
    /// The data directory.
    data: PathBuf,
    /// Whether commands run as the `postgres` user (the server refuses root).
    as_postgres: bool,
    /// Keeps the directory alive.
    _dir: tempfile::TempDir,
    /// The socket directory.
    socket_dir: PathBuf,
}

impl Server {
    fn command(as_postgres: bool, program: &Path) -> Command {
        if as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    }

    fn start(bin: &Path) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let as_postgres = is_root();
        if as_postgres {
            let uid = id_of("-u");
            let gid = id_of("-g");
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).unwrap();
        }
        let data = dir.path().join("data");
        let out = Server::command(as_postgres, &bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pg_ctl = bin.join("pg_ctl");
        let out = Server::command(as_postgres, &pg_ctl)
            .arg("-D")
            .arg(&data)
            .arg("-o")
            .arg(format!(
                "-k {} -c listen_addresses='' -p 5432 -c fsync=off",
                dir.path().display()
            ))
            .arg("-l")
            .arg(dir.path().join("log"))
            .args(["-w", "start"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(dir.path().join("log")).unwrap_or_default()
        );
        Server {
            pg_ctl,
            data,
            as_postgres,
            socket_dir: dir.path().to_path_buf(),
            _dir: dir,
        }
    }

    fn conninfo(&self) -> String {
        format!(
            "host={} port=5432 user=postgres dbname=postgres",
            self.socket_dir.display()
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Server::command(self.as_postgres, &self.pg_ctl)
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn id_of(flag: &str) -> u32 {
    let out = Command::new("id")
        .args([flag, "postgres"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

#[test]
fn postgres_export_upserts_every_claim_once() {
    let Some(bin) = pg_bin() else {
        assert!(
            std::env::var_os("CIVTRACE_REQUIRE_PG").is_none(),
            "CIVTRACE_REQUIRE_PG is set but no Postgres server binaries were found"
        );
        eprintln!("skipped: no Postgres server binaries (.ci/run installs them)");
        return;
    };
    let server = Server::start(&bin);
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let db = db.to_str().unwrap();
    let conninfo = server.conninfo();
    for _ in 0..2 {
        let out = civtrace(&["export", db, "--format", "postgres", "--out", &conninfo]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let records: Vec<serde_json::Value> = String::from_utf8(civtrace(&["export", db]).stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut pg = postgres::Client::connect(&conninfo, postgres::NoTls).unwrap();
    let row = pg
        .query_one(
            "SELECT count(*), count(DISTINCT claim_id), coalesce(sum(value), 0)::bigint FROM civtrace_claims",
            &[],
        )
        .unwrap();
    let (count, distinct, sum): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    let expected_sum: i64 = records
        .iter()
        .filter_map(|r| r["estimate"]["value"].as_i64())
        .sum();
    assert_eq!(count as usize, records.len(), "loaded twice, stored once");
    assert_eq!(distinct, count);
    assert_eq!(sum, expected_sum);
    // The jsonb column holds the record itself; the flattened columns agree with it.
    let first = &records[0];
    let id = first["claim_id"].as_str().unwrap();
    let row = pg
        .query_one(
            "SELECT json::text, metric, quote, period_start FROM civtrace_claims WHERE claim_id = $1",
            &[&id],
        )
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(row.get::<_, &str>(0)).unwrap();
    assert_eq!(&json, first);
    assert_eq!(row.get::<_, &str>(1), first["metric"].as_str().unwrap());
    assert_eq!(
        row.get::<_, &str>(2),
        first["quote"]["exact"].as_str().unwrap()
    );
    assert_eq!(
        row.get::<_, Option<&str>>(3),
        first["period"]["start"].as_str()
    );
}
