//! `partner-lens sim` + `partner-lens fetch`, as separate processes over real HTTP, and the
//! clear errors a person gets when the server breaks, is unreachable or refuses the sign-in.

mod support;

use support::*;

fn fetch(account: &[String], extra: &[&str], out: &std::path::Path, home: &std::path::Path) -> std::process::Output {
    let mut args: Vec<String> = vec!["fetch".into(), "subscriptions".into()];
    args.extend(account.iter().cloned());
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push("--out".into());
    args.push(out.display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args, home)
}

#[test]
fn grouped_counts_add_up_to_the_simulators_total_count() {
    let sim = sim(&["--seed", "7", "--scale", "23456"]);
    let total = total_count(&sim, "/partner/v1/analytics/subscriptions");
    assert_eq!(total, 23456);
    // Grouped here from every row, then by Partner Center (issue 11): the same file.
    let here = sim.home.path().join("weekly-here.csv");
    let o = fetch(
        &sim.account_args(),
        &["--by", "week", "--date", "creationDate", "--group-here", "--verbose"],
        &here,
        sim.home.path(),
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("Fetched 23456 of 23456 rows in 3 page(s)"), "{stderr}");
    assert!(stderr.contains("grouped on this computer: asked to group on this computer"), "{stderr}");
    let out = sim.home.path().join("weekly.csv");
    let o = fetch(&sim.account_args(), &["--by", "week", "--date", "creationDate", "--verbose"], &out, sim.home.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains(" groups in 1 page(s)"), "{stderr}");
    assert!(
        stderr
            .contains("Partner Center grouped the data (groupby=subscriptionType,creationDate, aggregationLevel=week)"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&here).unwrap(), "the same answer either way");

    let (header, rows) = read_csv(&out);
    assert_eq!(header, vec!["creationDate", "subscriptionType", "count", "sum_licenseCount"]);
    let counted: u64 = rows.iter().map(|r| r[2].parse::<u64>().unwrap()).sum();
    assert_eq!(counted, total);
    // Weeks start on Monday: every period value is a Monday.
    for r in &rows {
        let day = chrono::NaiveDate::parse_from_str(&r[0][..10], "%Y-%m-%d").unwrap();
        assert_eq!(chrono::Datelike::weekday(&day), chrono::Weekday::Mon, "{}", r[0]);
    }
}

#[test]
fn ungrouped_fetch_writes_every_row_with_the_api_field_names() {
    let sim = sim(&["--seed", "3"]);
    let out = sim.home.path().join("rows.csv");
    let o = fetch(&sim.account_args(), &["--filter", "status eq 'ACTIVE'"], &out, sim.home.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (header, rows) = read_csv(&out);
    assert_eq!(&header[..4], &["customerTenantId", "customerName", "customerMarket", "id"]);
    assert!(header.contains(&"billingFrequency".to_string()), "unknown fields are kept: {header:?}");
    assert!(!rows.is_empty());
    let status = header.iter().position(|h| h == "status").unwrap();
    assert!(rows.iter().all(|r| r[status] == "ACTIVE"));
}

#[test]
fn a_malformed_page_is_named_with_its_request_id_and_nothing_is_written() {
    let sim = sim(&["--scale", "25000", "--faults", "malformed=2"]);
    let out = sim.home.path().join("broken.csv");
    let o = fetch(&sim.account_args(), &[], &out, sim.home.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Page 2 of the data: Partner Center sent a page that could not be read"), "{stderr}");
    assert!(stderr.contains("request id "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.exists(), "nothing partial may be written");
}

#[test]
fn an_unreachable_server_is_said_plainly() {
    let home = home();
    // Nothing listens on port 9 of the loopback address.
    let out = home.path().join("x.csv");
    let started = std::time::Instant::now();
    let o = fetch(&app_args("http://127.0.0.1:9"), &[], &out, home.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not be reached"), "{stderr}");
    assert!(started.elapsed().as_secs() < 30, "a dead server must not keep a person waiting");
}

#[test]
fn a_wrong_token_and_a_wrong_secret_are_refused_in_plain_words() {
    let sim = sim(&[]);
    let out = sim.home.path().join("x.csv");
    let mut args: Vec<String> = vec![
        "fetch".into(),
        "subscriptions".into(),
        "--base-url".into(),
        sim.url.clone(),
        "--token".into(),
        "not-a-token".into(),
    ];
    args.extend(["--out".to_string(), out.display().to_string()]);
    let o = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), sim.home.path());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("The access token was refused and cannot be renewed"), "{stderr}");
    assert!(stderr.contains("HTTP 401"), "{stderr}");
    assert!(!stderr.contains("Page 1"), "a sign-in problem is not about a page: {stderr}");

    let o = std::process::Command::new(BIN)
        .args(["fetch", "subscriptions"])
        .args(app_args(&sim.url))
        .args(["--out", &out.display().to_string()])
        .env("PARTNER_LENS_HOME", sim.home.path())
        .env("PARTNER_LENS_CLIENT_SECRET", "wrong-secret")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("client secret is wrong"), "{stderr}");
    assert!(!stderr.contains("wrong-secret"), "a secret must never be echoed: {stderr}");
}

#[test]
fn bad_flags_get_usage_errors() {
    let home = home();
    let o = run(&["sim", "--scale", "enormous"], home.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--scale must be small, medium, large"));
    let o = run(&["fetch", "invoices", "--token", "x", "--out", "x.csv"], home.path());
    assert!(String::from_utf8_lossy(&o.stderr).contains("\"invoices\" is not a data set"));
    let o = run(
        &["fetch", "subscriptions", "--token", "x", "--filter", "customerName eq 'x'", "--out", "x.csv"],
        home.path(),
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("customerName does not support eq"));
}

/// Issue 12, found by trying the command line with bad input: each of these crashed (a stack
/// overflow, exit 134), dumped a 100 KB address into the error, downloaded every row before
/// refusing the output, or said something untrue. Each gets a plain error, exit 1, and nothing
/// is sent to the service for a request that cannot succeed.
#[test]
fn bad_input_at_the_command_line_is_refused_in_plain_words_before_any_work() {
    let sim = sim(&["--admin", "--scale", "300"]);
    let home = home();
    let h = home.path();
    let out = h.join("x.csv");
    let check = |o: std::process::Output, want: &str| {
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert_eq!(o.status.code(), Some(1), "{want}: {err}");
        assert!(err.contains(want), "wanted {want:?} in: {err}");
        assert!(!err.contains("panicked") && !err.contains("Something went wrong"), "{err}");
        err
    };
    let deep = format!("{}status eq 'ACTIVE'{}", "(".repeat(1900), ")".repeat(1900));
    check(fetch(&sim.account_args(), &["--filter", &deep], &out, h), "nests parentheses too deeply");
    let huge = format!("customerName eq '{}'", "x".repeat(100_000));
    let err = check(fetch(&sim.account_args(), &["--filter", &huge], &out, h), "too long");
    assert!(err.len() < 400, "the error repeats the filter: {} bytes", err.len());
    let o = run(&["aggregate", "--input", "nothing.csv", "--filter", &deep, "--out", "y.csv"], h);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let err = check(fetch(&sim.account_args(), &[], &h.join("x.docx"), h), ".xlsx");
    assert!(err.contains(".png") && err.contains(".svg"), "every format is listed: {err}");
    if std::path::Path::new("/proc/self").exists() {
        check(fetch(&sim.account_args(), &[], std::path::Path::new("/proc/x.csv"), h), "does not take new files");
    }
    let log: serde_json::Value = reqwest::blocking::get(format!("{}/_sim/requests", sim.url)).unwrap().json().unwrap();
    let sent = log.as_array().unwrap().iter().filter(|r| r["path"].as_str().unwrap().contains("/analytics/")).count();
    assert_eq!(sent, 0, "nothing was fetched for outputs that cannot be written");

    let o = run(&["fetch", "subscriptions", "--base-url", "not a url", "--token", "t", "--out", "x.csv"], h);
    let err = check(o, "is not a web address");
    assert!(!err.contains("of command line"), "{err}");
    std::fs::write(h.join("noext"), "a,b\n1,2\n").unwrap();
    check(
        run(&["aggregate", "--input", h.join("noext").to_str().unwrap(), "--out", out.to_str().unwrap()], h),
        "has no extension",
    );
}
