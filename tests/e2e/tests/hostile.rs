//! Hostile data from the service (issue 12), in the real window: the sample's customers are
//! named with markup (`<img onerror=…>`, `<script>`, an `onmouseover` handler, each of which
//! would mark the page and ask the backend to clear the cache if it ever ran) and with text a
//! spreadsheet takes for a formula. The names show as text in the table, the rows and the
//! chart's tooltip; nothing in them runs; markup put into the page behind React's back is
//! stopped by the Content-Security-Policy; and the CSV and Excel exports hold them as text.

use std::path::Path;
use std::time::Duration;

use calamine::{Data, Reader, Xlsx};
use lens_e2e::{Session, answer_save_dialog, app_binary, shot};
use serde_json::Value;

const TODAY: &str = "2026-11-21";
/// Four of the simulator's hostile names (lens_sim::world::HOSTILE_NAMES).
const IMG: &str = "<img src=x onerror=\"window.__pwned=1;window.__TAURI_INTERNALS__.invoke('clear_cache')\">";
const SCRIPT: &str = "<script>window.__pwned=1;window.__TAURI_INTERNALS__.invoke('clear_cache')</script>";
const FORMULA: &str = "=HYPERLINK(\"http://example.invalid\",\"Open\")";
const PLUS: &str = "+SUM(1,2)";

fn cached_files(home: &Path) -> usize {
    walkdir(&home.join("data/cache")).iter().filter(|p| p.extension().is_some_and(|e| e == "parquet")).count()
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walkdir(&p)) } else { out.push(p) }
    }
    out
}

/// Whether anything the names carry ran: the mark it would leave, elements it would have made.
fn nothing_ran(s: &Session) {
    let v = s.script(
        "return { pwned: window.__pwned === undefined ? null : window.__pwned, \
                  elements: document.querySelectorAll('img[src=x], [onerror], [onmouseover], body script:not([src])').length };",
    );
    assert_eq!(v["pwned"], Value::Null, "something in a name ran: {v}");
    assert_eq!(v["elements"], 0, "markup from a name became elements: {v}");
}

#[test]
fn markup_and_formulas_in_names_are_shown_and_exported_as_text_and_nothing_runs() {
    let bin = app_binary();
    assert!(bin.exists(), "build the app first: {}", bin.display());
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let home_s = home.path().display().to_string();
    let s = Session::start(
        &bin,
        &[("PARTNER_LENS_HOME", &home_s), ("PARTNER_LENS_DEMO_TODAY", TODAY), ("PARTNER_LENS_DEMO_NAMES", "hostile")],
    );
    s.wait_for("[data-testid=try-sample]", Duration::from_secs(60));
    // Every refusal by the Content-Security-Policy from here on.
    s.script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', \
         e => window.__csp.push(e.violatedDirective)); return null;",
    );
    s.click_css("[data-testid=try-sample]");
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(30));
    assert!(cached_files(home.path()) > 0, "the sample is cached");

    // Split by customer: the table's cells are the names, character for character.
    s.click_css("[data-testid=split-1]");
    s.click_css("[data-testid=split-1-customerName]");
    let cells = s.until("the table split by customer", Duration::from_secs(30), |s| {
        let cells = s.texts_of("[data-testid=answer-table] tbody td");
        cells.iter().any(|c| c == IMG).then_some(cells)
    });
    for name in [IMG, SCRIPT, FORMULA, PLUS] {
        assert!(cells.iter().any(|c| c == name), "{name} is shown as it is: {cells:?}");
    }
    nothing_ran(&s);
    shot(&s, "60-hostile-names-table");

    // The chart's tooltip over the first bar group: drawn as text.
    let chart = s.wait_for("[data-testid=answer-chart]", Duration::from_secs(10));
    s.hover_at(&chart, -200, 40);
    std::thread::sleep(Duration::from_millis(500));
    nothing_ran(&s);
    shot(&s, "61-hostile-names-tooltip");

    // The rows behind the answer: those of the customer named with an <img> tag.
    let see = s.script(
        "return [...document.querySelectorAll('[data-testid=answer-table] tbody tr')] \
           .find(tr => tr.textContent.includes('<img') && tr.querySelector('[data-testid=see-rows]') \
                 && tr.querySelector('td:nth-child(3)').textContent.trim() !== '0') \
           .querySelector('[data-testid=see-rows]');",
    );
    let see = see.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).expect("a See the rows button");
    s.click(see);
    s.wait_for("[data-testid=rows-panel]", Duration::from_secs(20));
    let rows = s.until("the rows with names", Duration::from_secs(30), |s| {
        let cells = s.texts_of("[data-testid=rows-table] td");
        cells.iter().any(|c| c == IMG || c == SCRIPT).then_some(cells)
    });
    assert!(rows.iter().any(|c| c == IMG || c == SCRIPT), "{rows:?}");
    nothing_ran(&s);
    s.scroll_to(&s.wait_for("[data-testid=rows-table]", Duration::from_secs(5)));
    shot(&s, "62-hostile-names-rows");
    s.script("document.querySelector('[data-testid=rows-panel]')?.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})); return null;");

    // Markup that reached the page some other way: the policy refuses its inline handler and
    // its inline script, and says so.
    s.script(
        "document.body.insertAdjacentHTML('beforeend', '<img id=probe src=x onerror=\"window.__pwned=2\">'); \
         const sc = document.createElement('script'); sc.id = 'probe-script'; sc.textContent = 'window.__pwned = 3'; \
         document.body.appendChild(sc); return null;",
    );
    let refused = s.until("the policy to refuse the probe", Duration::from_secs(10), |s| {
        let v = s.script("return window.__csp;");
        let v: Vec<String> = v.as_array()?.iter().filter_map(|d| d.as_str().map(str::to_string)).collect();
        (v.len() >= 2).then_some(v)
    });
    assert!(refused.iter().all(|d| d.starts_with("script-src")), "refused by script-src: {refused:?}");
    assert_eq!(s.script("return window.__pwned === undefined;"), Value::Bool(true), "the probe did not run");
    // Removed by id: a popup's portal may have been appended to the body after the script.
    s.script(
        "document.getElementById('probe').remove(); document.getElementById('probe-script').remove(); return null;",
    );
    nothing_ran(&s);
    // Nothing asked the backend to clear the cache.
    assert!(cached_files(home.path()) > 0, "the cache is still there: no command ran");

    // Exports: the CSV neutralises formulas, the workbook holds the names as text cells.
    let csv = work.path().join("hostile.csv");
    s.click_css("[data-testid=export]");
    s.click_css("[data-testid=export-csv]");
    answer_save_dialog(&csv);
    s.wait_for("[data-testid=saved-toast]", Duration::from_secs(30));
    let text = std::fs::read_to_string(&csv).expect("the exported CSV");
    assert!(text.contains("'=HYPERLINK(\"\"http://example.invalid\"\",\"\"Open\"\")"), "{text}");
    assert!(text.contains("'+SUM(1,2)") && text.contains("'-2+3 Ltd") && text.contains("'@cmd Contoso"), "{text}");
    for line in text.lines() {
        for field in line.split(',') {
            let f = field.trim_start_matches('"');
            assert!(!f.starts_with(['=', '+', '@']), "a formula left as it is: {line}");
        }
    }
    assert!(text.contains("<img src=x onerror="), "markup is exported as the text it is");

    let xlsx = work.path().join("hostile.xlsx");
    s.click_css("[data-testid=export]");
    s.click_css("[data-testid=export-xlsx]");
    answer_save_dialog(&xlsx);
    s.until("the workbook", Duration::from_secs(30), |_| xlsx.exists().then_some(()));
    std::thread::sleep(Duration::from_millis(500));
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).expect("the exported workbook");
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    let strings: Vec<String> =
        sheet.rows().flatten().filter_map(|c| if let Data::String(t) = c { Some(t.clone()) } else { None }).collect();
    assert!(strings.iter().any(|t| t == FORMULA), "the formula-like name is a text cell: {strings:?}");
    let formulas = wb.worksheet_formula(&wb.sheet_names()[0].clone()).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell is a formula");
    nothing_ran(&s);

    // The dark theme shows them the same way.
    s.click_css("[data-testid=nav-settings]");
    s.click_css("[data-testid=theme-dark]");
    s.click_css("[data-testid=nav-explore]");
    s.wait_for("[data-testid=answer-chart]", Duration::from_secs(20));
    nothing_ran(&s);
    shot(&s, "63-hostile-names-dark");
}
