import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The legacy way: user name and password. It says up front that it fails where multi-factor
// sign-in is enforced, and when it does (AADSTS50076) it says so and offers the browser.
import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from "@fluentui/react-components";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";
const useStyles = makeStyles({
    form: { display: "flex", flexDirection: "column", gap: "12px" },
    actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});
export function PasswordSignIn({ account, onDone, onCancel, onUseBrowser, }) {
    const s = useStyles();
    const b = useBackend();
    const [password, setPassword] = useState("");
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState(null);
    const submit = async () => {
        setBusy(true);
        setError(null);
        try {
            onDone(await b.signInPassword(account.id, password));
        }
        catch (e) {
            setError(toUiError(e));
        }
        finally {
            setBusy(false);
            setPassword("");
        }
    };
    const mfa = error?.code === "mfa_required";
    return (_jsxs("form", { className: s.form, onSubmit: (e) => {
            e.preventDefault();
            void submit();
        }, "data-testid": "password-sign-in", children: [mfa ? (_jsx(MessageBar, { intent: "error", layout: "multiline", "data-testid": "mfa-explained", children: _jsxs(MessageBarBody, { children: [_jsx(MessageBarTitle, { children: "Your organisation requires multi-factor sign-in" }), "Microsoft refused the password alone (AADSTS50076): this tenant asks for a second step, like an authenticator prompt, which only the sign-in page can show. Sign in with your browser instead; it works the same afterwards."] }) })) : error ? (_jsx(ErrorBar, { error: { ...error, action: null } })) : (_jsx(MessageBar, { intent: "warning", layout: "multiline", children: _jsx(MessageBarBody, { children: "This only works where multi-factor sign-in is not enforced, which is rare. Signing in with your browser works everywhere." }) })), _jsx(Field, { label: "User name", children: _jsx(Input, { value: account.username ?? "", readOnly: true }) }), _jsx(Field, { label: "Password", required: true, children: _jsx(Input, { type: "password", value: password, onChange: (_, d) => setPassword(d.value), autoComplete: "current-password", "data-testid": "password" }) }), _jsxs("div", { className: s.actions, children: [_jsx(Button, { appearance: "primary", type: "submit", disabled: busy || !password, "data-testid": "password-submit", children: busy ? "Signing in…" : "Sign in" }), _jsx(Button, { onClick: onUseBrowser, appearance: mfa ? "primary" : "secondary", "data-testid": "use-browser", children: "Sign in with your browser" }), _jsx(Button, { onClick: onCancel, "data-testid": "password-cancel", children: "Cancel" })] })] }));
}
