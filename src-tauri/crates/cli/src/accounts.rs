//! `partner-lens accounts add|list|remove` and `partner-lens signin ACCOUNT`.

use clap::{Args, Subcommand};
use lens_model::Secret;
use lens_service::accounts::AppCredential;
use lens_service::first_sign_in::{self, CloudChoice};
use lens_service::{Account, Accounts, AppPaths, CancellationToken, Cloud, ServiceError, SignInMethod};

use super::client_args::SECRET_ENV;

pub const PASSWORD_ENV: &str = "PARTNER_LENS_PASSWORD";

#[derive(Subcommand, Debug)]
pub enum AccountsCmd {
    /// Sign in with your work account in the browser (nothing else needed), or add an account
    /// your IT department set up (--tenant, --client-id; an app secret comes from
    /// PARTNER_LENS_CLIENT_SECRET).
    Add(AddArgs),
    /// List the accounts and whether each is signed in.
    List,
    /// Give an account another name (its id, and what is saved under it, stay).
    Rename { account: String, name: String },
    /// Remove an account, its saved sign-in and the data fetched for it.
    Remove { account: String },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// A name for the account, e.g. "Contoso EU" (by default the organisation's name).
    pub name: Option<String>,
    /// Sign in with a code on another device instead of this computer's browser.
    #[arg(long)]
    pub device_code: bool,
    /// global, china, usgov or custom.
    #[arg(long, default_value = "global")]
    pub cloud: String,
    /// For --cloud custom: the sign-in authority.
    #[arg(long)]
    pub authority_url: Option<String>,
    /// For --cloud custom: the API host.
    #[arg(long)]
    pub api_url: Option<String>,
    /// Set up by IT: the organisation (domain or directory ID).
    #[arg(long)]
    pub tenant: Option<String>,
    /// Set up by IT: the application (client) ID of your organisation's app registration.
    #[arg(long)]
    pub client_id: Option<String>,
    /// Set up by IT: browser (default), device, password (legacy), app (a client secret) or
    /// certificate.
    #[arg(long)]
    pub method: Option<String>,
    /// For --method password: the user name.
    #[arg(long)]
    pub username: Option<String>,
    /// For --method certificate: a PEM file (key and certificate) or a PFX file (its password in
    /// PARTNER_LENS_CERTIFICATE_PASSWORD).
    #[arg(long)]
    pub certificate: Option<std::path::PathBuf>,
}

pub const CERTIFICATE_PASSWORD_ENV: &str = "PARTNER_LENS_CERTIFICATE_PASSWORD";

#[derive(Args, Debug)]
pub struct SigninArgs {
    pub account: String,
    /// Sign in with a code on another device instead of this computer's browser.
    #[arg(long)]
    pub device: bool,
}

fn usage(msg: impl Into<String>) -> ServiceError {
    ServiceError::usage(msg)
}

fn cloud(a: &AddArgs) -> Result<Cloud, ServiceError> {
    Ok(match a.cloud.to_ascii_lowercase().as_str() {
        "global" => Cloud::Global,
        "china" | "21vianet" => Cloud::China,
        "usgov" | "us-government" | "usgovernment" => Cloud::UsGovernment,
        "custom" => Cloud::Custom {
            authority_url: a.authority_url.clone().ok_or_else(|| usage("--cloud custom needs --authority-url"))?,
            api_url: a.api_url.clone().ok_or_else(|| usage("--cloud custom needs --api-url"))?,
        },
        other => return Err(usage(format!("--cloud must be global, china, usgov or custom, not \"{other}\""))),
    })
}

/// The account registry, for any command: what happened to the saved sign-ins at opening (an
/// unreadable file set aside) is said here, once, whichever command opened it first.
pub fn open() -> Result<Accounts, ServiceError> {
    let accounts = Accounts::open(&AppPaths::resolve())?;
    if let Some(notice) = accounts.secrets_notice() {
        eprintln!("Note: {notice}");
    }
    Ok(accounts)
}

/// An app account whose secret is not saved (no keyring: secrets last one process) takes it
/// from `PARTNER_LENS_CLIENT_SECRET`, as `accounts add` did; without this, `signin NAME` and
/// `--account NAME` answered "not signed in" in a loop however the secret was given.
pub fn secret_from_env(accounts: &Accounts, id: &str) -> Result<(), ServiceError> {
    let account = accounts.find(id)?;
    if account.method != SignInMethod::AppSecret || accounts.is_signed_in(&account) {
        return Ok(());
    }
    match std::env::var(SECRET_ENV).ok().filter(|s| !s.trim().is_empty()) {
        Some(secret) => accounts.set_credential(&account.id, AppCredential::Secret(Secret::new(secret))),
        None if accounts.keyring_limitation().is_some() => Err(usage(format!(
            "{} signs in with an app secret, and without a keyring it is not saved between commands: \
             set it in {SECRET_ENV} for each command.",
            account.name
        ))),
        None => Ok(()),
    }
}

pub async fn run(cmd: AccountsCmd) -> Result<(), ServiceError> {
    let accounts = open()?;
    if let Some(why) = accounts.keyring_limitation() {
        eprintln!("Note: {why}");
    }
    match cmd {
        AccountsCmd::Add(a) if a.tenant.is_none() && a.client_id.is_none() && a.method.is_none() => {
            sign_in_new(&accounts, a).await?;
        }
        AccountsCmd::Add(a) => {
            let method_name = a.method.clone().unwrap_or_else(|| "browser".into());
            let method = SignInMethod::parse(&method_name).ok_or_else(|| {
                usage(format!("--method must be browser, device, password, app or certificate, not \"{method_name}\""))
            })?;
            let (Some(name), Some(tenant), Some(client_id)) = (a.name.clone(), a.tenant.clone(), a.client_id.clone())
            else {
                return Err(usage(
                    "An account your IT department set up needs a name, --tenant and --client-id. \
                     To sign in with your work account alone, run: partner-lens accounts add",
                ));
            };
            if method == SignInMethod::Password && a.username.is_none() {
                return Err(usage("--method password needs --username"));
            }
            let secret = match method {
                SignInMethod::AppSecret => Some(
                    std::env::var(SECRET_ENV)
                        .ok()
                        .filter(|s| !s.is_empty())
                        .ok_or_else(|| usage(format!("Set the client secret in {SECRET_ENV}.")))?,
                ),
                _ => None,
            };
            if method == SignInMethod::AppCertificate && a.certificate.is_none() {
                return Err(usage("--method certificate needs --certificate FILE (a PEM or PFX file)"));
            }
            let credential = lens_service::account_views::credential(
                secret,
                a.certificate.as_deref(),
                std::env::var(CERTIFICATE_PASSWORD_ENV).ok(),
            )?;
            let account = Account {
                id: String::new(),
                name: name.trim().to_string(),
                cloud: cloud(&a)?,
                tenant,
                client_id,
                method,
                username: a.username,
                sample: false,
            };
            let saved = accounts.add(account, credential)?;
            println!("Added {} (id {}). Sign in with: partner-lens signin {}", saved.name, saved.id, saved.id);
        }
        AccountsCmd::List => {
            let all = accounts.list()?;
            if all.is_empty() {
                println!("No accounts yet. Sign in with: partner-lens accounts add");
            }
            for a in all {
                let state = if accounts.is_signed_in(&a) { "signed in" } else { "not signed in" };
                println!(
                    "{:<20} {:<28} {:<16} {:<32} {} ({state})",
                    a.id,
                    a.name,
                    a.cloud.title(),
                    a.tenant,
                    a.method.title()
                );
            }
        }
        AccountsCmd::Rename { account, name } => {
            let a = accounts.find(&account)?;
            let renamed = accounts.rename(&a.id, &name)?;
            println!("Renamed {} to {} (id {}).", a.name, renamed.name, renamed.id);
        }
        AccountsCmd::Remove { account } => {
            let gone = accounts.remove(&account)?;
            println!("Removed {}, its saved sign-in and the data fetched for it.", gone.name);
        }
    }
    Ok(())
}

/// "Sign in with Microsoft" from the command line: the browser (or a code), then the account
/// made from the sign-in, and what it can read.
async fn sign_in_new(accounts: &Accounts, a: AddArgs) -> Result<(), ServiceError> {
    let choice = match a.cloud.to_ascii_lowercase().as_str() {
        "global" => CloudChoice::Global,
        "china" | "21vianet" => CloudChoice::China,
        "usgov" | "us-government" | "usgovernment" => CloudChoice::UsGovernment,
        "custom" => return Err(usage("--cloud custom is set up by IT: give --tenant and --client-id too")),
        other => return Err(usage(format!("--cloud must be global, china or usgov, not \"{other}\""))),
    };
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        c2.cancel();
    });
    let signed = if a.device_code {
        match accounts.start_new_device(choice).await {
            Ok((code, resolved)) => {
                println!("{}", code.message);
                println!("Waiting for you to finish signing in…");
                accounts.finish_new_device(&code, &resolved, &cancel).await
            }
            Err(e) => Err(e),
        }
    } else {
        accounts
            .sign_in_new_browser(
                choice,
                |url| {
                    println!("Opening your browser to sign in. If it does not open, visit:\n  {url}");
                    open_browser(url)
                },
                &cancel,
            )
            .await
    };
    let account = match signed {
        Ok(a) => a,
        Err(e) if e.code == lens_service::ErrorCode::NoApplication => {
            eprintln!(
                "What your IT department sets up is added with: partner-lens accounts add NAME --tenant T --client-id C"
            );
            return Err(e);
        }
        Err(e) if e.code == lens_service::ErrorCode::ConsentRequired => {
            // The one thing to do: send this link to an administrator, then run this again.
            if let Ok(r) = first_sign_in::resolve(&accounts.sign_in_defaults(), choice, SignInMethod::Browser) {
                eprintln!("Send this link to your administrator to approve Partner Lens for your organisation:");
                eprintln!("  {}", first_sign_in::admin_consent_link(&r, None));
                eprintln!("Then run partner-lens accounts add again.");
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let account = match a.name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty() && *n != account.name) {
        Some(n) => accounts.rename(&account.id, &n)?,
        None => account,
    };
    let state = accounts.check(&account.id, None).await?;
    println!("Signed in to {} as {} (id {}).", account.name, account.username.as_deref().unwrap_or("you"), account.id);
    if let Some(access) = accounts.db().access(&account.id)? {
        for line in access.lines() {
            println!("  {} {}", if line.ok { "✓" } else { "✗" }, line.text);
        }
    }
    if let lens_service::signins::AccountState::Failed { message } = state {
        println!("  {message}");
    }
    if let Some(why) = accounts.keyring_limitation() {
        println!("The sign-in lasts until this command ends: {why}");
    }
    Ok(())
}

/// Opens the system browser, or the program in PARTNER_LENS_BROWSER (scripts and tests).
fn open_browser(url: &lens_service::Url) -> Result<(), String> {
    let (program, args): (String, Vec<String>) =
        match std::env::var("PARTNER_LENS_BROWSER").ok().filter(|s| !s.trim().is_empty()) {
            Some(cmd) => {
                let mut parts = cmd.split_whitespace().map(str::to_string);
                (parts.next().unwrap_or_default(), parts.collect())
            }
            None if cfg!(target_os = "macos") => ("open".into(), vec![]),
            None if cfg!(windows) => ("cmd".into(), vec!["/C".into(), "start".into(), String::new()]),
            None => ("xdg-open".into(), vec![]),
        };
    std::process::Command::new(&program)
        .args(args)
        .arg(url.as_str())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("{program}: {e}"))
}

pub async fn signin(a: SigninArgs) -> Result<(), ServiceError> {
    let accounts = open()?;
    let account = accounts.find(&a.account)?;
    secret_from_env(&accounts, &account.id)?;
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        c2.cancel();
    });
    let method = if a.device { SignInMethod::DeviceCode } else { account.method };
    match method {
        SignInMethod::Browser => {
            accounts
                .sign_in_browser(
                    &account.id,
                    |url| {
                        println!("Opening your browser to sign in. If it does not open, visit:\n  {url}");
                        open_browser(url)
                    },
                    &cancel,
                )
                .await?
        }
        SignInMethod::DeviceCode => {
            let code = accounts.start_device(&account.id).await?;
            println!("{}", code.message);
            println!("Waiting for you to finish signing in…");
            accounts.finish_device(&account.id, &code, &cancel).await?
        }
        SignInMethod::Password => {
            let pw = match std::env::var(PASSWORD_ENV).ok().filter(|s| !s.is_empty()) {
                Some(p) => p,
                None => {
                    eprint!("Password for {}: ", account.username.as_deref().unwrap_or("?"));
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line).map_err(|e| usage(e.to_string()))?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            accounts.sign_in_password(&account.id, &Secret::new(pw)).await?
        }
        SignInMethod::AppSecret | SignInMethod::AppCertificate => accounts.check_sign_in(&account.id).await?,
    }
    println!("Signed in to {}.", account.name);
    if let Some(why) = accounts.keyring_limitation() {
        println!("The sign-in lasts until this command ends: {why}");
    }
    Ok(())
}
