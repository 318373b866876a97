import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// "Add account": the cloud, the tenant, the app registration and how to sign in, then the
// sign-in itself in the same dialog. Cancelling the sign-in of an account just added removes
// it again, so a half-added account never lingers.
import { useState } from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";
import { AppCredentialFields, NO_CREDENTIAL, credentialArgs, credentialReady } from "./AppCredentialFields";
import { SignInFlow } from "./SignInFlow";
import { CLOUDS, METHODS, stateWords } from "./words";
const useStyles = makeStyles({
    surface: { width: "600px", maxWidth: "calc(100vw - 48px)" },
    form: { display: "flex", flexDirection: "column", gap: "14px" },
    two: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "12px" },
    radio: { display: "flex", flexDirection: "column" },
    hint: { color: tokens.colorNeutralForeground3, marginLeft: "32px", marginTop: "-6px", marginBottom: "4px" },
    muted: { color: tokens.colorNeutralForeground3 },
});
const MAIN_METHODS = ["browser", "deviceCode", "appSecret", "appCertificate"];
const EMPTY = {
    name: "",
    cloud: "global",
    authorityUrl: "",
    apiUrl: "",
    tenant: "",
    clientId: "",
    method: "browser",
    username: "",
    credential: NO_CREDENTIAL,
};
function missing(f) {
    if (!f.name.trim())
        return "Give the account a name.";
    if (f.cloud === "custom" && (!f.authorityUrl.trim() || !f.apiUrl.trim()))
        return "Give both addresses of the custom cloud.";
    if (!f.tenant.trim())
        return "Give the tenant: its domain (contoso.onmicrosoft.com) or its ID.";
    if (!f.clientId.trim())
        return "Give the application (client) ID of your app registration.";
    if (f.method === "password" && !f.username.trim())
        return "Give the user name.";
    if (!credentialReady(f.method, f.credential))
        return f.method === "appSecret" ? "Give the client secret." : "Choose the certificate file.";
    return null;
}
export function AddAccountDialog({ open, onClose, onAdded }) {
    const s = useStyles();
    const b = useBackend();
    const qc = useQueryClient();
    const [f, setF] = useState(EMPTY);
    const [step, setStep] = useState({ kind: "details" });
    const [error, setError] = useState(null);
    const [tried, setTried] = useState(false);
    const [busy, setBusy] = useState(false);
    const set = (patch) => setF((old) => ({ ...old, ...patch }));
    const app = f.method === "appSecret" || f.method === "appCertificate";
    const problem = missing(f);
    const reset = () => {
        setF(EMPTY);
        setStep({ kind: "details" });
        setError(null);
        setTried(false);
    };
    const close = () => {
        reset();
        onClose();
    };
    const finish = (a) => {
        void qc.invalidateQueries({ queryKey: keys.appInfo });
        reset();
        onAdded(a);
    };
    const abandon = async (a) => {
        try {
            await b.removeAccount(a.id);
        }
        finally {
            void qc.invalidateQueries({ queryKey: keys.appInfo });
            close();
        }
    };
    const add = async () => {
        setTried(true);
        if (problem)
            return;
        setBusy(true);
        setError(null);
        const account = {
            name: f.name.trim(),
            cloud: f.cloud,
            authorityUrl: f.cloud === "custom" ? f.authorityUrl.trim() : null,
            apiUrl: f.cloud === "custom" ? f.apiUrl.trim() : null,
            tenant: f.tenant.trim(),
            clientId: f.clientId.trim(),
            method: f.method,
            username: f.method === "password" ? f.username.trim() : null,
        };
        try {
            const added = await b.addAccount(account, ...credentialArgs(f.method, f.credential));
            void qc.invalidateQueries({ queryKey: keys.appInfo });
            if (!app) {
                setStep({ kind: "signIn", account: added });
                return;
            }
            setStep({ kind: "checking", account: added });
            const checked = await b.checkAccount(added.id);
            if (checked.state.kind === "signedIn")
                finish(checked);
            else
                setStep({ kind: "appFailed", account: checked });
        }
        catch (e) {
            setError(toUiError(e));
            setStep((old) => (old.kind === "checking" ? { kind: "appFailed", account: old.account } : old));
        }
        finally {
            setBusy(false);
        }
    };
    const title = step.kind === "details" ? "Add a Partner Center account" : `Sign in to ${step.account.name}`;
    return (_jsx(Dialog, { open: open, onOpenChange: (_, d) => !d.open && step.kind === "details" && close(), modalType: "modal", children: _jsx(DialogSurface, { className: s.surface, "data-testid": "add-account-dialog", children: _jsxs(DialogBody, { children: [_jsx(DialogTitle, { children: title }), _jsx(DialogContent, { children: step.kind === "signIn" ? (_jsx(SignInFlow, { account: step.account, onDone: finish, onCancel: () => void abandon(step.account) })) : step.kind === "checking" ? (_jsx(Spinner, { size: "small", label: "Checking the app's access to Partner Center\u2026", labelPosition: "after" })) : step.kind === "appFailed" ? (_jsxs("div", { className: s.form, children: [_jsx(MessageBar, { intent: "error", layout: "multiline", "data-testid": "app-check-failed", children: _jsx(MessageBarBody, { children: error?.message ?? stateWords(step.account).text }) }), _jsxs(Text, { children: ["Check the values, or give the ", f.method === "appSecret" ? "secret" : "certificate", " again:"] }), _jsx(SignInFlow, { account: step.account, onDone: finish, onCancel: () => void abandon(step.account) })] })) : (_jsxs("form", { className: s.form, id: "add-account-form", 
                            // Our own message names what is missing, in words; the browser's bubble would not.
                            noValidate: true, onSubmit: (e) => {
                                e.preventDefault();
                                void add();
                            }, children: [error ? _jsx(ErrorBar, { error: { ...error, action: null } }) : null, _jsx(Field, { label: "Name", required: true, hint: "How Partner Lens shows it: the company, region or tenant.", children: _jsx(Input, { value: f.name, onChange: (_, d) => set({ name: d.value }), placeholder: "Contoso Europe", "data-testid": "account-name-input" }) }), _jsx(Field, { label: "Cloud", hint: CLOUDS.find((c) => c.kind === f.cloud)?.hint, children: _jsx(Dropdown, { value: CLOUDS.find((c) => c.kind === f.cloud)?.label, selectedOptions: [f.cloud], onOptionSelect: (_, d) => d.optionValue && set({ cloud: d.optionValue }), "data-testid": "cloud", children: CLOUDS.map((c) => (_jsx(Option, { value: c.kind, "data-testid": `cloud-${c.kind}`, children: c.label }, c.kind))) }) }), f.cloud === "custom" ? (_jsxs("div", { className: s.two, children: [_jsx(Field, { label: "Sign-in address", required: true, children: _jsx(Input, { value: f.authorityUrl, onChange: (_, d) => set({ authorityUrl: d.value }), placeholder: "https://login.example.com", "data-testid": "authority-url" }) }), _jsx(Field, { label: "API address", required: true, children: _jsx(Input, { value: f.apiUrl, onChange: (_, d) => set({ apiUrl: d.value }), placeholder: "https://api.example.com", "data-testid": "api-url" }) })] })) : null, _jsxs("div", { className: s.two, children: [_jsx(Field, { label: "Tenant", required: true, hint: "Domain or directory ID", children: _jsx(Input, { value: f.tenant, onChange: (_, d) => set({ tenant: d.value }), placeholder: "contoso.onmicrosoft.com", "data-testid": "tenant" }) }), _jsx(Field, { label: "Application (client) ID", required: true, hint: "From your app registration", children: _jsx(Input, { value: f.clientId, onChange: (_, d) => set({ clientId: d.value }), placeholder: "00000000-0000-\u2026", "data-testid": "client-id" }) })] }), _jsx(Field, { label: "How to sign in", children: _jsx(RadioGroup, { value: f.method, onChange: (_, d) => set({ method: d.value }), "data-testid": "method", children: [...MAIN_METHODS, ...(f.method === "password" ? ["password"] : [])].map((m) => (_jsxs("div", { className: s.radio, children: [_jsx(Radio, { value: m, label: METHODS[m].label, "data-testid": `method-${m}` }), _jsx(Text, { size: 200, className: s.hint, children: METHODS[m].hint })] }, m))) }) }), f.method !== "password" ? (_jsx(Accordion, { collapsible: true, children: _jsxs(AccordionItem, { value: "more", children: [_jsx(AccordionHeader, { size: "small", "data-testid": "more-ways", children: "More ways to sign in" }), _jsxs(AccordionPanel, { children: [_jsx(Button, { appearance: "subtle", onClick: () => set({ method: "password" }), "data-testid": "method-password", children: METHODS.password.label }), _jsx(Text, { size: 200, className: s.muted, as: "p", children: METHODS.password.hint })] })] }) })) : (_jsxs(_Fragment, { children: [_jsx(MessageBar, { intent: "warning", layout: "multiline", children: _jsx(MessageBarBody, { children: "A user name and password fail where multi-factor sign-in is enforced (Microsoft answers AADSTS50076). Most tenants enforce it; sign in with your browser if you can." }) }), _jsx(Field, { label: "User name", required: true, children: _jsx(Input, { value: f.username, onChange: (_, d) => set({ username: d.value }), placeholder: "alex@contoso.com", "data-testid": "username" }) })] })), _jsx(AppCredentialFields, { method: f.method, value: f.credential, onChange: (credential) => set({ credential }), onError: (message) => setError({ code: "file", message, action: null, detail: null }) }), tried && problem ? (_jsx(Text, { role: "alert", className: s.muted, "data-testid": "form-problem", children: problem })) : null] })) }), step.kind === "details" ? (_jsxs(DialogActions, { children: [_jsx(Button, { onClick: close, "data-testid": "add-account-cancel", children: "Cancel" }), _jsx(Button, { appearance: "primary", type: "submit", form: "add-account-form", disabled: busy, "data-testid": "add-account-submit", children: busy ? "Adding…" : app ? "Add account" : "Add and sign in" })] })) : step.kind === "appFailed" || step.kind === "signIn" ? (_jsx(DialogActions, { children: _jsx(Button, { appearance: "subtle", onClick: () => finish(step.account), "data-testid": "keep-account", children: step.kind === "signIn" ? "Keep it and sign in later" : "Keep it and close" }) })) : null] }) }) }));
}
