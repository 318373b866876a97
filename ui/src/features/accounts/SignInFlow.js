import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Signing an account in, whichever way it uses: the browser (the default for people), a code on
// another device, a password (legacy), or an app's secret or certificate. Used when adding an
// account and for "Sign in again".
import { useState } from "react";
import { Button, makeStyles } from "@fluentui/react-components";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";
import { AppCredentialFields, NO_CREDENTIAL, credentialArgs, credentialReady } from "./AppCredentialFields";
import { BrowserSignIn } from "./BrowserSignIn";
import { DeviceCodeSignIn } from "./DeviceCodeSignIn";
import { PasswordSignIn } from "./PasswordSignIn";
const useStyles = makeStyles({
    form: { display: "flex", flexDirection: "column", gap: "12px" },
    actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});
function AppSignIn({ account, onDone, onCancel }) {
    const s = useStyles();
    const b = useBackend();
    const [c, setC] = useState(NO_CREDENTIAL);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState(null);
    const submit = async () => {
        setBusy(true);
        setError(null);
        try {
            const a = await b.setAppCredential(account.id, ...credentialArgs(account.method, c));
            if (a.state.kind === "signedIn")
                onDone(a);
            else
                setError({ code: "sign_in_failed", message: a.state.kind === "failed" ? a.state.message : "The app could not sign in with that.", action: null, detail: null });
        }
        catch (e) {
            setError(toUiError(e));
        }
        finally {
            setBusy(false);
        }
    };
    return (_jsxs("form", { className: s.form, onSubmit: (e) => {
            e.preventDefault();
            void submit();
        }, "data-testid": "app-sign-in", children: [error ? _jsx(ErrorBar, { error: { ...error, action: null } }) : null, _jsx(AppCredentialFields, { method: account.method, value: c, onChange: setC, onError: (m) => setError({ code: "file", message: m, action: null, detail: null }) }), _jsxs("div", { className: s.actions, children: [_jsx(Button, { appearance: "primary", type: "submit", disabled: busy || !credentialReady(account.method, c), "data-testid": "app-submit", children: busy ? "Signing in…" : "Sign in" }), _jsx(Button, { onClick: onCancel, children: "Cancel" })] })] }));
}
export function SignInFlow({ account, onDone, onCancel }) {
    // A password refused for want of multi-factor sign-in goes to the browser, which can ask.
    const first = account.method === "deviceCode" ? "deviceCode" : account.method === "password" && account.state.kind !== "mfaRequired" ? "password" : "browser";
    const [way, setWay] = useState(first);
    if (account.method === "appSecret" || account.method === "appCertificate") {
        return _jsx(AppSignIn, { account: account, onDone: onDone, onCancel: onCancel });
    }
    switch (way) {
        case "browser":
            return _jsx(BrowserSignIn, { account: account, onDone: onDone, onCancel: onCancel, onUseCode: () => setWay("deviceCode") });
        case "deviceCode":
            return _jsx(DeviceCodeSignIn, { account: account, onDone: onDone, onCancel: onCancel });
        case "password":
            return _jsx(PasswordSignIn, { account: account, onDone: onDone, onCancel: onCancel, onUseBrowser: () => setWay("browser") });
    }
}
