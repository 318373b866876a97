export function stateWords(a) {
    const s = a.state;
    switch (s.kind) {
        case "signedIn":
            return { text: a.sample ? "Sample data, made up on this computer" : `Signed in as ${s.who}`, badge: "Signed in", tone: "success", needsYou: false };
        case "needsSignIn":
            return { text: "Needs you to sign in again", badge: "Sign in again", tone: "danger", needsYou: true };
        case "mfaRequired":
            return {
                text: "Multi-factor sign-in required: this tenant does not accept a password alone. Sign in with your browser instead.",
                badge: "Multi-factor required",
                tone: "danger",
                needsYou: true,
            };
        case "noAccess":
            return {
                text: "No access to analytics: the sign-in works, but this account may not read Partner Center analytics. Ask your Partner Center admin for an analytics role.",
                badge: "No access",
                tone: "warning",
                needsYou: false,
            };
        case "offline":
            return { text: "Can't reach Partner Center right now. The data already fetched still shows.", badge: "Can't reach", tone: "warning", needsYou: false };
        case "failed":
            return { text: s.message, badge: "Sign-in failed", tone: "danger", needsYou: true };
        case "unknown":
            return { text: "Not checked yet", badge: "Checking…", tone: "subtle", needsYou: false };
    }
}
export const CLOUDS = [
    { kind: "global", label: "Global", hint: "Partner Center for most of the world (partner.microsoft.com)" },
    { kind: "china", label: "China (21Vianet)", hint: "Partner Center operated by 21Vianet" },
    { kind: "usGovernment", label: "US Government", hint: "Partner Center for US Government Community Cloud" },
    { kind: "custom", label: "Custom address", hint: "A sign-in and API address you give (a test server, say)" },
];
export const METHODS = {
    browser: { label: "Sign in with your browser", hint: "Your usual Microsoft sign-in page opens, multi-factor included. Recommended." },
    deviceCode: { label: "Use a code on another device", hint: "For when no browser opens here: type a code on your phone or another computer." },
    appSecret: { label: "App secret", hint: "App-only access with the app registration's client secret." },
    appCertificate: { label: "App certificate", hint: "App-only access with a certificate (a PEM or PFX file) instead of a secret." },
    password: { label: "User name and password", hint: "Fails where multi-factor sign-in is enforced, which is most tenants." },
};
/// "Global · contoso.onmicrosoft.com · browser sign-in".
export function accountLine(a) {
    if (a.sample)
        return "Built-in sample: no sign-in needed";
    const how = METHODS[a.method]?.label.toLowerCase() ?? a.method;
    return `${a.cloud} · ${a.tenant} · ${how}`;
}
/// Whether the person can sign this account in again from the window (every kind can).
export function canSignIn(a) {
    return !a.sample;
}
