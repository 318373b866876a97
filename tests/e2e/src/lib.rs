//! A small W3C WebDriver client for driving the real Partner Lens window through tauri-driver,
//! and helpers to run the built binary. Kept apart from the app so `cargo test --workspace`
//! never needs a display; `./dev e2e` runs these under Xvfb.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The processes of an app started with `home` as its PARTNER_LENS_HOME (the app and the WebKit
/// processes it started, which inherit its environment), without the WebDriver processes that
/// drive it: (pid, name).
pub fn app_processes(home: &Path) -> Vec<(u32, String)> {
    let marker = format!("PARTNER_LENS_HOME={}", home.display());
    let mut found = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else { return found };
    for entry in dir.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
        if !environment(pid).contains(&marker) {
            continue;
        }
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        if name != "tauri-driver" && name != "WebKitWebDriver" {
            found.push((pid, name));
        }
    }
    found
}

/// A process's environment as it was started, one `NAME=value` each (empty if it is gone).
pub fn environment(pid: u32) -> Vec<String> {
    let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) else { return Vec::new() };
    env.split(|b| *b == 0).filter(|kv| !kv.is_empty()).map(|kv| String::from_utf8_lossy(kv).into_owned()).collect()
}

/// The window binary `cargo build` made (override with PARTNER_LENS_BIN); it also runs every
/// command, so tests start the simulator with it too.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("PARTNER_LENS_BIN") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    target.join("debug/partner-lens-window")
}

pub fn output_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-output");
    std::fs::create_dir_all(&dir).expect("test-output");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

pub struct Session {
    http: reqwest::blocking::Client,
    base: String,
    id: String,
    driver: Child,
}

impl Session {
    /// Starts tauri-driver and opens the app in a new session; `env` is passed to the app.
    pub fn start(app: &Path, env: &[(&str, &str)]) -> Session {
        Session::start_with_output(app, env, None)
    }

    /// [`Session::start`], with what the app prints (its stderr, where a crash would say why)
    /// written to `output` instead of the test's own output, so a test can read it.
    pub fn start_with_output(app: &Path, env: &[(&str, &str)], output: Option<&Path>) -> Session {
        let port = free_port();
        let native = free_port();
        let mut cmd = Command::new("tauri-driver");
        let stderr = match output {
            Some(p) => Stdio::from(std::fs::File::create(p).expect("the app's output file")),
            None => Stdio::inherit(),
        };
        cmd.args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .stdout(Stdio::null())
            .stderr(stderr);
        for (k, v) in env {
            cmd.env(k, v);
        }
        // The window keeps its size and place, and WebKit its storage, in the XDG folders:
        // private ones, so a test never touches (or reads) a person's own.
        let xdg = std::env::temp_dir().join(format!("lens-e2e-xdg-{port}"));
        cmd.env("XDG_CONFIG_HOME", xdg.join("config")).env("XDG_CACHE_HOME", xdg.join("cache"));
        let driver = cmd.spawn().expect("tauri-driver must be installed (cargo install tauri-driver --locked)");
        let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(120)).build().unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while http.get(format!("{base}/status")).send().is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps =
            json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": app.display().to_string()}}}});
        let v: Value =
            http.post(format!("{base}/session")).json(&caps).send().and_then(|r| r.json()).expect("new session");
        let id = v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        Session { http, base, id, driver }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.id, path)
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.http.post(self.url(path)).json(&body).send().and_then(|r| r.json()).expect("webdriver post")
    }

    fn get(&self, path: &str) -> Value {
        self.http.get(self.url(path)).send().and_then(|r| r.json()).expect("webdriver get")
    }

    /// The element for a CSS selector, if present now.
    pub fn find(&self, css: &str) -> Option<String> {
        let v = self.post("/element", json!({"using": "css selector", "value": css}));
        v["value"][ELEMENT].as_str().map(str::to_string)
    }

    /// Waits until an element matches (the app loads data at start).
    pub fn wait_for(&self, css: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(e) = self.find(css) {
                return e;
            }
            if Instant::now() >= deadline {
                let shot = output_dir().join("failure.png");
                self.screenshot(&shot);
                panic!("no element matches {css} after {timeout:?} (the window as it was: {})", shot.display());
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    pub fn attr(&self, element: &str, name: &str) -> Option<String> {
        self.get(&format!("/element/{element}/attribute/{name}"))["value"].as_str().map(str::to_string)
    }

    /// The element's text. Read as the DOM's textContent: WebKitWebDriver's visible-text
    /// algorithm returns "" for table cells that clip their overflow (an ellipsis), though a
    /// person sees the text.
    pub fn text(&self, element: &str) -> String {
        let v = self.post(
            "/execute/sync",
            json!({"script": "return arguments[0].textContent;", "args": [{ ELEMENT: element }]}),
        );
        v["value"].as_str().unwrap_or_default().to_string()
    }

    /// Clicks the element, as a person would once it can be clicked: an element still moving
    /// in (a panel opening, a list fading in) is tried again for a few seconds.
    pub fn click(&self, element: &str) {
        let deadline = Instant::now() + Duration::from_secs(8);
        loop {
            self.scroll_to(element);
            let v = self.post(&format!("/element/{element}/click"), json!({}));
            if v["value"].is_null() {
                return;
            }
            let busy =
                matches!(v["value"]["error"].as_str(), Some("element not interactable" | "element click intercepted"));
            if !busy || Instant::now() >= deadline {
                panic!("click failed: {v}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The text of every element matching `css`, in page order.
    pub fn texts_of(&self, css: &str) -> Vec<String> {
        let v = self.script(&format!("return [...document.querySelectorAll('{css}')].map(e => e.textContent);"));
        v.as_array().map(|a| a.iter().filter_map(|t| t.as_str().map(str::to_string)).collect()).unwrap_or_default()
    }

    /// One click, without waiting: whether it landed. For an element that may be replaced
    /// while it animates (an option of a list that is opening), which the caller finds again.
    pub fn try_click(&self, element: &str) -> bool {
        self.scroll_to(element);
        self.post(&format!("/element/{element}/click"), json!({}))["value"].is_null()
    }

    /// Clicks the element matching `css` once it is there.
    pub fn click_css(&self, css: &str) {
        let e = self.wait_for(css, Duration::from_secs(20));
        self.click(&e);
    }

    /// Clicks at `(dx, dy)` from the element's centre, as a mouse would (a bar of a chart).
    pub fn click_at(&self, element: &str, dx: i64, dy: i64) {
        self.pointer(
            element,
            dx,
            dy,
            &[json!({"type": "pointerDown", "button": 0}), json!({"type": "pointerUp", "button": 0})],
        );
    }

    /// Moves the mouse to `(dx, dy)` from the element's centre and leaves it there (a tooltip).
    pub fn hover_at(&self, element: &str, dx: i64, dy: i64) {
        self.pointer(element, dx, dy, &[]);
    }

    fn pointer(&self, element: &str, dx: i64, dy: i64, then: &[Value]) {
        self.scroll_to(element);
        let origin = json!({ ELEMENT: element });
        let mut actions = vec![json!({"type": "pointerMove", "origin": origin, "x": dx, "y": dy, "duration": 0})];
        actions.extend(then.iter().cloned());
        let v = self.post(
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions}]}),
        );
        assert!(v["value"].is_null(), "pointer actions failed: {v}");
    }

    pub fn send_keys(&self, element: &str, text: &str) {
        self.post(&format!("/element/{element}/value"), json!({"text": text}));
    }

    /// Runs JavaScript that ends by calling its last argument, and returns what it was given.
    pub fn script_async(&self, body: &str) -> Value {
        self.post("/execute/async", json!({"script": body, "args": []}))["value"].clone()
    }

    /// Runs JavaScript in the window and returns its value.
    pub fn script(&self, body: &str) -> Value {
        self.post("/execute/sync", json!({"script": body, "args": []}))["value"].clone()
    }

    /// Scrolls the page so the element is in view (WebDriver reads only what is rendered).
    pub fn scroll_to(&self, element: &str) {
        self.post(
            "/execute/sync",
            json!({"script": "arguments[0].scrollIntoView({block: 'center'});", "args": [{ ELEMENT: element }]}),
        );
    }

    /// The text of the element matching `css`, once it is there (scrolled into view).
    pub fn text_of(&self, css: &str) -> String {
        let e = self.wait_for(css, Duration::from_secs(20));
        self.scroll_to(&e);
        self.text(&e)
    }

    /// Polls `f` until it returns Some, or fails after `timeout` with `what`.
    pub fn until<T>(&self, what: &str, timeout: Duration, mut f: impl FnMut(&Session) -> Option<T>) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(v) = f(self) {
                return v;
            }
            if Instant::now() >= deadline {
                let shot = output_dir().join("failure.png");
                self.screenshot(&shot);
                panic!("timed out waiting for {what} (the window as it was: {})", shot.display());
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Saves a PNG of the window.
    pub fn screenshot(&self, path: &Path) {
        // WebKitWebDriver takes the picture at the page's next paint. The app has WebKit paint
        // directly (no composited layers: app::painting), and then a page at rest never paints
        // again, so the request waited forever. An invisible change, made for two seconds,
        // gives it paints to wait for.
        self.script(
            "let n = 0; const t = setInterval(() => { \
               document.body.style.outline = n++ % 2 ? '' : '1px solid transparent'; \
               if (n > 40) { clearInterval(t); document.body.style.outline = ''; } \
             }, 50);",
        );
        let v = self.get("/screenshot");
        let b64 = v["value"].as_str().expect("screenshot data");
        let png = base64::engine::general_purpose::STANDARD.decode(b64).expect("base64");
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).expect("write screenshot");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.http.delete(format!("{}/session/{}", self.base, self.id)).send();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Saves a screenshot to test-output/, once the animations of what just opened (a popover
/// fading in, a toast sliding in, a theme changing) have finished.
/// The page's text goes beside it (`name.txt`), so tests can check what a screenshot shows
/// (no secret on any screen).
pub fn shot(s: &Session, name: &str) -> PathBuf {
    // A fixed pause was not always enough on a slow run (a filter popover was caught half
    // faded in): wait until no finite animation is still running, at most 5 s, then give the
    // last frame time to be painted.
    let deadline = Instant::now() + Duration::from_secs(5);
    std::thread::sleep(Duration::from_millis(150));
    while Instant::now() < deadline {
        let running = s.script(
            "return document.getAnimations().filter(a => a.playState === 'running' \
             && a.effect && a.effect.getComputedTiming().endTime !== Infinity).length;",
        );
        if running.as_u64() == Some(0) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(300));
    let p = output_dir().join(format!("{name}.png"));
    s.screenshot(&p);
    let text = s.script("return document.body.innerText + '\\n' + [...document.querySelectorAll('input:not([type=password]), textarea')].map(e => e.value).join('\\n');");
    std::fs::write(p.with_extension("txt"), text.as_str().unwrap_or_default()).expect("write the screen's text");
    p
}

/// Answers the system's Save dialog (GTK's file chooser, a window of its own, not part of the
/// web page WebDriver sees) the way a person would: type the full path in the name field and
/// press Enter. Driven with xdotool on the test's X display.
pub fn answer_save_dialog(path: &Path) {
    answer_file_dialog("^Save as$", &["ctrl+a"], path);
}

/// Answers the system's Open dialog: Ctrl+L for the location field, the full path, Enter.
pub fn answer_open_dialog(path: &Path) {
    answer_file_dialog("^Open$", &["ctrl+l", "ctrl+a"], path);
}

fn answer_file_dialog(title: &str, keys: &[&str], path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let window = loop {
        let out = Command::new("xdotool").args(["search", "--onlyvisible", "--name", title]).output();
        let out = out.expect("xdotool must be installed (apt install xdotool)");
        if let Some(id) = String::from_utf8_lossy(&out.stdout).lines().next().map(str::to_string) {
            break id;
        }
        assert!(Instant::now() < deadline, "the file dialog ({title}) did not open");
        std::thread::sleep(Duration::from_millis(200));
    };
    // The dialog starts its widgets after it maps; give it a moment before typing.
    std::thread::sleep(Duration::from_millis(800));
    let run = |args: &[&str]| {
        let ok = Command::new("xdotool").args(args).status().map(|s| s.success()).unwrap_or(false);
        assert!(ok, "xdotool {args:?} failed");
    };
    run(&["windowfocus", "--sync", &window]);
    for k in keys {
        run(&["key", "--clearmodifiers", k]);
        std::thread::sleep(Duration::from_millis(200));
    }
    run(&["type", "--delay", "15", &path.display().to_string()]);
    std::thread::sleep(Duration::from_millis(300));
    run(&["key", "Return"]);
}

/// Waits for the app to "open" a new address in the browser (the `PARTNER_LENS_BROWSER` script
/// appends each one to `urls`; `seen` were there before) and returns it.
pub fn opened_url(urls: &Path, seen: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let lines: Vec<String> =
            std::fs::read_to_string(urls).unwrap_or_default().lines().map(str::to_string).collect();
        if lines.len() > seen {
            return lines.last().unwrap().clone();
        }
        assert!(Instant::now() < deadline, "the app did not open a sign-in page in the browser");
        std::thread::sleep(Duration::from_millis(150));
    }
}

/// A person at the browser on the simulator's sign-in pages at `url` (account, password, the
/// second factor, consent), played by the app's own `sim-sign-in` command; it then follows the
/// last redirect back to the app. Returns what the pages (or the app) showed last.
pub fn sign_in_as(url: &str, user: &str, extra: &[&str]) -> String {
    let o = Command::new(app_binary())
        .args(["sim-sign-in", url, "--user", user])
        .args(extra)
        .output()
        .expect("run sim-sign-in");
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(o.status.success(), "sim-sign-in failed: {out}{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Plays the system browser for a sign-in: the newest address the app opened, signed in as
/// `user`; what the app's loopback page said.
pub fn play_browser(urls: &Path, seen: usize, user: &str) -> String {
    sign_in_as(&opened_url(urls, seen), user, &[])
}

/// A script that stands for the system browser: it appends each address it is asked to open
/// to `urls`, and returns at once (as `xdg-open` does).
pub fn browser_script(dir: &Path, urls: &Path) -> PathBuf {
    let script = dir.join("browser.sh");
    std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" >> '{}'\n", urls.display())).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    script
}

/// A `sim` process of the app's binary, stopped when dropped: its address, and a person's token
/// it printed (its first person, signed in through its own pages).
pub struct SimProcess {
    child: Child,
    pub url: String,
    pub token: String,
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SimProcess {
    /// Starts `bin sim --port 0 ARGS` with `home` as its data folder.
    pub fn start(bin: &Path, home: &Path, args: &[&str]) -> SimProcess {
        use std::io::BufRead;
        let mut child = Command::new(bin)
            .args(["sim", "--port", "0"])
            .args(args)
            .env("PARTNER_LENS_HOME", home)
            .stdout(Stdio::piped())
            .spawn()
            .expect("sim");
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let url = line.trim().rsplit(' ').next().unwrap().to_string();
        let mut token = String::new();
        while token.is_empty() {
            line.clear();
            if out.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            if let Some(t) = line.trim().strip_prefix("TOKEN=") {
                token = t.to_string();
            }
        }
        assert!(!token.is_empty(), "the simulator printed no token");
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        SimProcess { child, url, token }
    }

    /// Flags for a command to read this simulator as its first person.
    pub fn account_args(&self) -> Vec<String> {
        ["--base-url", &self.url, "--authority-url", &self.url, "--token", &self.token]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }
}

// Accounts, as the screens show them.

/// Types into the field matching `css`, once it is there.
pub fn type_into(s: &Session, css: &str, text: &str) {
    let e = s.wait_for(css, Duration::from_secs(20));
    s.click(&e);
    s.send_keys(&e, text);
}

/// Picks an account in the header's switcher (`option` is the option's test id).
pub fn switch_account(s: &Session, option: &str) {
    // The list opens with an animation, and an option clicked before it settles is not yet
    // interactable: tried again (the list reopened if it closed) until the switch is made.
    let css = format!("[data-testid={option}]");
    s.until(&format!("the account {option} to be chosen"), Duration::from_secs(30), |s| {
        match s.find(&css) {
            Some(o) => {
                std::thread::sleep(Duration::from_millis(300));
                if s.try_click(&o) {
                    return Some(());
                }
            }
            None => {
                if let Some(c) = s.find("[data-testid=account-switcher]") {
                    s.try_click(&c);
                    std::thread::sleep(Duration::from_millis(600));
                }
            }
        }
        None
    });
}

/// The state an account's card shows, once it is `want`.
pub fn wait_state(s: &Session, id: &str, want: &str) -> String {
    s.until(&format!("{id} to be {want}"), Duration::from_secs(60), |s| {
        let card = s.find(&format!("[data-testid=account-{id}]"))?;
        (s.attr(&card, "data-state")? == want)
            .then(|| s.text_of(&format!("[data-testid=account-{id}] [data-testid=state-text]")))
    })
}

/// The id of the account card whose name is `name`.
pub fn card_id(s: &Session, name: &str) -> String {
    s.until(&format!("the card of {name}"), Duration::from_secs(20), |s| {
        let v = s.script(&format!(
            "const c = [...document.querySelectorAll('[data-testid^=account-][data-state]')].find(c => c.textContent.includes({}));\
             return c ? c.getAttribute('data-testid').slice(8) : null;",
            serde_json::to_string(name).unwrap()
        ));
        v.as_str().map(str::to_string)
    })
}
