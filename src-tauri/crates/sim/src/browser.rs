//! A person at a browser, for tests, benchmarks and the sample data: follows the simulator's
//! sign-in pages over plain HTTP (account and password, the second factor, consent) as someone
//! would, and gets user tokens the way an app does (authorization code with PKCE). The sign-in
//! pages are the simulator's own (`auth::pages`), whose forms name their fields plainly.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Who signs in, and what they answer on the pages.
#[derive(Debug, Clone)]
pub struct Person {
    pub username: String,
    pub password: String,
    /// The second factor's code.
    pub otp: String,
    /// Accept the app's request for permissions when asked (or refuse it).
    pub consent: bool,
}

/// How the pages ended: a redirect back to the app (its address, with the code or the error),
/// or a page with the last words the service said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Redirect(String),
    Page(String),
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The text of a page, without its markup.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The form on a page: where it posts, its hidden fields and its choices.
struct Form {
    action: String,
    ctx: String,
    inputs: Vec<String>,
    choices: Vec<String>,
}

fn form_of(html: &str) -> Option<Form> {
    let start = html.find("<form method=\"post\"")?;
    let tag_end = html[start..].find('>')? + start;
    let action = attr(&html[start..=tag_end], "action")?;
    let mut ctx = String::new();
    let mut inputs = Vec::new();
    let mut choices = Vec::new();
    for piece in html[tag_end..].split('<').skip(1) {
        let tag = piece.split('>').next().unwrap_or_default();
        if let Some(rest) = tag.strip_prefix("input") {
            let name = attr(rest, "name").unwrap_or_default();
            if name == "ctx" {
                ctx = attr(rest, "value").unwrap_or_default();
            } else {
                inputs.push(name);
            }
        } else if let Some(rest) = tag.strip_prefix("button") {
            choices.extend(attr(rest, "value"));
        }
    }
    Some(Form { action, ctx, inputs, choices })
}

/// Signs `who` in on the pages starting at `url` (an authorize, admin-consent or device page).
pub async fn sign_in(url: &str, who: &Person) -> Result<Ending, String> {
    let http =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().map_err(|e| e.to_string())?;
    let origin = url::Url::parse(url).map_err(|e| e.to_string())?;
    let mut resp = http.get(url).send().await.map_err(|e| e.to_string())?;
    for _ in 0..8 {
        if resp.status().is_redirection() {
            let to = resp.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default();
            return Ok(Ending::Redirect(to.to_string()));
        }
        let html = resp.text().await.map_err(|e| e.to_string())?;
        let Some(form) = form_of(&html) else { return Ok(Ending::Page(text_of(&html))) };
        let mut fields: Vec<(String, String)> = vec![("ctx".into(), form.ctx.clone())];
        for input in &form.inputs {
            let value = match input.as_str() {
                "username" => &who.username,
                "password" => &who.password,
                "otp" => &who.otp,
                _ => continue,
            };
            fields.push((input.clone(), value.clone()));
        }
        let choice = ["next", "verify", if who.consent { "accept" } else { "cancel" }, "back"]
            .into_iter()
            .find(|c| form.choices.iter().any(|x| x == c))
            .unwrap_or_default();
        fields.push(("choice".into(), choice.to_string()));
        let action = origin.join(&form.action).map_err(|e| e.to_string())?;
        let before = form.ctx;
        resp = http.post(action).form(&fields).send().await.map_err(|e| e.to_string())?;
        // The same form again (a wrong password, a wrong code) would go round for ever.
        if resp.status().is_success() {
            let html = resp.text().await.map_err(|e| e.to_string())?;
            if let Some(again) = form_of(&html)
                && again.ctx == before
                && again.inputs == form.inputs
                && html.contains("role=\"alert\"")
            {
                return Ok(Ending::Page(text_of(&html)));
            }
            resp =
                reqwest::Response::from(http::Response::builder().status(200).body(html).map_err(|e| e.to_string())?);
        }
    }
    Err("the sign-in pages went on for too long".into())
}

/// Follows the last redirect back to the app, as a browser does: the page the app showed.
pub async fn follow(to: &str) -> Result<String, String> {
    let r = reqwest::get(to).await.map_err(|e| e.to_string())?;
    let status = r.status();
    let text = r.text().await.map_err(|e| e.to_string())?;
    Ok(format!("{status}: {}", text_of(&text)))
}

/// User tokens from the simulator at `base_url` for `who`, through the authorize endpoint with
/// PKCE, as an app gets them: (access token, refresh token).
pub async fn user_tokens(
    base_url: &str,
    tenant: &str,
    client_id: &str,
    who: &Person,
) -> Result<(String, String), String> {
    let verifier = "sim-browser-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let redirect = "http://127.0.0.1/";
    let mut url = url::Url::parse(&format!("{base_url}/{tenant}/oauth2/v2.0/authorize")).map_err(|e| e.to_string())?;
    url.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", redirect)
        .append_pair(
            "scope",
            "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile",
        )
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let back = match sign_in(url.as_str(), who).await? {
        Ending::Redirect(to) => url::Url::parse(&to).map_err(|e| e.to_string())?,
        Ending::Page(text) => return Err(text),
    };
    let q: std::collections::HashMap<String, String> = back.query_pairs().into_owned().collect();
    let code = q.get("code").ok_or_else(|| q.get("error_description").cloned().unwrap_or_else(|| back.to_string()))?;
    let v: serde_json::Value = reqwest::Client::new()
        .post(format!("{base_url}/{tenant}/oauth2/v2.0/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", client_id),
            ("code", code.as_str()),
            ("redirect_uri", redirect),
            ("code_verifier", verifier),
            ("scope", "https://api.partnercenter.microsoft.com/user_impersonation offline_access"),
        ])
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    match (v["access_token"].as_str(), v["refresh_token"].as_str()) {
        (Some(a), Some(r)) => Ok((a.to_string(), r.to_string())),
        _ => Err(format!("no tokens in {v}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_read_with_their_fields_and_choices() {
        let html = "<form method=\"post\" action=\"/x/login\"><input type=\"hidden\" name=\"ctx\" value=\"a&amp;b\">\
                    <input name=\"otp\"><button name=\"choice\" value=\"verify\">Verify</button></form>";
        let f = form_of(html).unwrap();
        assert_eq!((f.action.as_str(), f.ctx.as_str()), ("/x/login", "a&b"));
        assert_eq!(f.inputs, ["otp"]);
        assert_eq!(f.choices, ["verify"]);
        assert_eq!(text_of("<p>Need <b>admin</b> approval</p>"), "Need admin approval");
    }
}
