// An account's state, cloud and way of signing in, in the words the window uses everywhere
// (the Accounts list, the header badge, the health banner), so they never disagree.
import type { AccountState, AccountView, CloudChoice, CloudKind, SignInMethod } from "../../backend";

export type Tone = "success" | "warning" | "danger" | "informative" | "subtle";

export interface StateWords {
  /// "Signed in as alex@contoso.com".
  text: string;
  /// The short badge: "Signed in", "Signed out"…
  badge: string;
  tone: Tone;
  /// Whether the account needs the person before it can fetch data.
  needsYou: boolean;
}

export function stateWords(a: AccountView): StateWords {
  const s: AccountState = a.state;
  switch (s.kind) {
    case "signedIn":
      return { text: a.sample ? "Sample data, made up on this computer" : `Signed in as ${s.who}`, badge: "Signed in", tone: "success", needsYou: false };
    case "needsSignIn":
      // A new account whose first sign-in is still to come is not in trouble; one whose sign-in
      // ended is. The button says "Sign in again"; the badge and the sentence say what is so.
      return !a.everSignedIn
        ? { text: "Not signed in yet", badge: "Not signed in", tone: "informative", needsYou: true }
        : { text: "The sign-in has ended: sign in to fetch new data. What was fetched still shows.", badge: "Signed out", tone: "danger", needsYou: true };
    case "mfaRequired":
      return {
        text: "Multi-factor sign-in required: this tenant does not accept a password alone. Sign in with your browser instead.",
        badge: "Multi-factor required",
        tone: "danger",
        needsYou: true,
      };
    case "noAccess":
      return {
        // What it can and cannot read, and why, follows on the card when it was tried.
        text: a.access.length
          ? "Signed in, but Partner Center shows this account no analytics."
          : "No access to analytics: the sign-in works, but this account may not read Partner Center analytics. Ask your Partner Center admin for an analytics role.",
        badge: "No access",
        tone: "warning",
        needsYou: false,
      };
    case "consentRequired":
      return {
        text: "Your organisation needs an administrator to approve Partner Lens once. Sign in again to get the link to send them.",
        badge: "Needs approval",
        tone: "warning",
        needsYou: true,
      };
    case "offline":
      return { text: "Can't reach Partner Center right now. The data already fetched still shows.", badge: "Can't reach", tone: "warning", needsYou: false };
    case "failed":
      return { text: s.message, badge: "Sign-in failed", tone: "danger", needsYou: true };
    case "unknown":
      return { text: "Not checked yet", badge: "Checking…", tone: "subtle", needsYou: false };
  }
}

export const CLOUDS: { kind: Exclude<CloudKind, "sample">; label: string; hint: string }[] = [
  { kind: "global", label: "Global", hint: "Partner Center for most of the world (partner.microsoft.com)" },
  { kind: "china", label: "China (21Vianet)", hint: "Partner Center operated by 21Vianet" },
  { kind: "usGovernment", label: "US Government", hint: "Partner Center for US Government Community Cloud" },
  { kind: "custom", label: "Custom address", hint: "A sign-in and API address you give (a test server, say)" },
];

/// The clouds a person may pick under "Other clouds".
export const CLOUD_CHOICES: { kind: CloudChoice; label: string }[] = [
  { kind: "global", label: "Microsoft's global cloud" },
  { kind: "china", label: "China (operated by 21Vianet)" },
  { kind: "usGovernment", label: "US Government" },
];

/// Each way of signing in: its name, and for IT when it is needed and what it can read.
export const METHODS: Record<SignInMethod, { label: string; hint: string }> = {
  browser: {
    label: "Your organisation's app, in the browser",
    hint: "When your IT department registered its own app for Partner Lens. Reads whatever the person signing in may read.",
  },
  deviceCode: {
    label: "Your organisation's app, with a code",
    hint: "The same, with a code typed on another device, for computers where no browser opens.",
  },
  appSecret: {
    label: "App alone, with a secret",
    hint: "A confidential app signing in by itself. Partner Center's analytics and reports take a person's sign-in only, so this reads nothing today.",
  },
  appCertificate: {
    label: "App alone, with a certificate",
    hint: "As above, with a certificate (a PEM or PFX file) instead of a secret. Reads nothing today either.",
  },
  password: {
    label: "User name and password",
    hint: "Partner Center refuses it wherever multi-factor sign-in is enforced, which it is for everyone since April 2026.",
  },
};

const WAYS: Record<SignInMethod, string> = {
  browser: "browser sign-in",
  deviceCode: "sign-in with a code",
  appSecret: "app alone (secret)",
  appCertificate: "app alone (certificate)",
  password: "user name and password",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/// "alex@contoso.com · browser sign-in", with the cloud when it is not the global one. A
/// directory ID (what a sign-in names the organisation by) is IT's business, not shown.
export function accountLine(a: AccountView): string {
  if (a.sample) return "Built-in sample: no sign-in needed";
  const who = a.username ?? (GUID.test(a.tenant) ? null : a.tenant);
  return [a.cloudKind === "global" ? null : a.cloud, who, WAYS[a.method] ?? a.method].filter(Boolean).join(" · ");
}

/// Whether the person can sign this account in again from the window (every kind can).
export function canSignIn(a: AccountView): boolean {
  return !a.sample;
}
