//! The sign-in service's pages, as a browser shows them: the account and password, the second
//! factor, the permissions an application asks for, "Need admin approval", and the endings. Each
//! page holds one form whose fields carry plain names (`username`, `password`, `otp`, `choice`),
//! so a test can play the browser over plain HTTP as a person would with one.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn frame(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body style=\"font-family:Segoe UI,sans-serif;background:#f2f2f2;margin:0\">\
         <main style=\"max-width:28em;margin:10vh auto;background:#fff;padding:2.5em;box-shadow:0 2px 6px rgba(0,0,0,.2)\">\
         <p style=\"color:#737373;margin:0 0 1em\">Microsoft (simulated)</p><h1 style=\"font-weight:600;font-size:1.5em\">{t}</h1>{body}</main></body></html>",
        t = escape(title)
    )
}

/// A page with text only.
pub fn message(status: StatusCode, title: &str, text: &str) -> Response {
    (status, Html(frame(title, &format!("<p>{}</p>", escape(text))))).into_response()
}

/// A page with a form posting to `action`; `fields` is the inner HTML (already escaped).
fn form(title: &str, action: &str, ctx: &str, fields: &str) -> Response {
    let body = format!(
        "<form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"ctx\" value=\"{}\">{fields}</form>",
        escape(action),
        escape(ctx)
    );
    (StatusCode::OK, Html(frame(title, &body))).into_response()
}

fn error_line(error: Option<&str>) -> String {
    error.map(|e| format!("<p role=\"alert\" style=\"color:#e81123\">{}</p>", escape(e))).unwrap_or_default()
}

pub fn credentials(action: &str, ctx: &str, hint: &str, error: Option<&str>) -> Response {
    form(
        "Sign in",
        action,
        ctx,
        &format!(
            "{}<p><label>Email, phone, or Skype<br><input name=\"username\" type=\"email\" value=\"{}\"></label></p>\
             <p><label>Password<br><input name=\"password\" type=\"password\"></label></p>\
             <p><button name=\"choice\" value=\"next\">Sign in</button></p>",
            error_line(error),
            escape(hint)
        ),
    )
}

pub fn second_factor(action: &str, ctx: &str, code: &str, error: Option<&str>) -> Response {
    form(
        "Enter code",
        action,
        ctx,
        &format!(
            "{}<p>Enter the code displayed in the Microsoft Authenticator app on your mobile device. \
             (The simulator's code is {}.)</p>\
             <p><label>Code<br><input name=\"otp\" inputmode=\"numeric\"></label></p>\
             <p><button name=\"choice\" value=\"verify\">Verify</button></p>",
            error_line(error),
            escape(code)
        ),
    )
}

pub fn consent(action: &str, ctx: &str, app: &str, organisation: Option<&str>) -> Response {
    let whom = match organisation {
        Some(org) => format!(
            "<p><strong>Consent on behalf of your organization.</strong> Accepting approves {} for everyone in {}.</p>",
            escape(app),
            escape(org)
        ),
        None => String::new(),
    };
    form(
        "Permissions requested",
        action,
        ctx,
        &format!(
            "<p>{} wants to:</p><ul><li>Access Partner Center on your behalf</li><li>Maintain access to data you have given it access to</li>\
             <li>Sign you in and read your profile</li></ul>{whom}\
             <p><button name=\"choice\" value=\"cancel\">Cancel</button> <button name=\"choice\" value=\"accept\">Accept</button></p>",
            escape(app)
        ),
    )
}

pub fn needs_admin(action: &str, ctx: &str, app: &str) -> Response {
    form(
        "Need admin approval",
        action,
        ctx,
        &format!(
            "<p>{} needs permission to access resources in your organization that only an admin can grant. \
             Please ask an admin to grant permission to this app before you can use it.</p>\
             <p><button name=\"choice\" value=\"back\">Return to the application without granting consent</button></p>",
            escape(app)
        ),
    )
}
