import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// "Waiting for your browser…": the system browser shows Microsoft's sign-in page (multi-factor
// included) and the app listens on loopback for the answer. Cancel stops the wait.
import { useEffect, useRef, useState } from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";
import { newJobId } from "./jobs";
const useStyles = makeStyles({
    box: { display: "flex", flexDirection: "column", gap: "12px", alignItems: "flex-start" },
    muted: { color: tokens.colorNeutralForeground3 },
    actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});
export function BrowserSignIn({ account, onDone, onCancel, onUseCode, }) {
    const s = useStyles();
    const b = useBackend();
    const [attempt, setAttempt] = useState(0);
    const [error, setError] = useState(null);
    const job = useRef(null);
    // The latest callbacks, so a re-render of the parent does not restart the sign-in.
    const done = useRef(onDone);
    done.current = onDone;
    useEffect(() => {
        const id = newJobId("browser");
        job.current = id;
        setError(null);
        let live = true;
        b.signInBrowser(account.id, id).then((a) => live && done.current(a), (e) => {
            const u = toUiError(e);
            if (live && u.code !== "cancelled")
                setError(u);
        });
        return () => {
            live = false;
            void b.cancelJob(id);
        };
    }, [account.id, attempt, b]);
    const cancel = () => {
        if (job.current)
            void b.cancelJob(job.current);
        onCancel();
    };
    if (error) {
        return (_jsxs("div", { className: s.box, "data-testid": "browser-failed", children: [_jsx(ErrorBar, { error: { ...error, action: null } }), _jsxs("div", { className: s.actions, children: [_jsx(Button, { appearance: "primary", onClick: () => setAttempt((n) => n + 1), "data-testid": "browser-retry", children: "Try again" }), _jsx(Button, { onClick: onUseCode, children: "Use a code on another device" }), _jsx(Button, { onClick: cancel, children: "Cancel" })] })] }));
    }
    return (_jsxs("div", { className: s.box, "data-testid": "browser-waiting", role: "status", children: [_jsx(Spinner, { size: "small", label: "Waiting for your browser\u2026", labelPosition: "after" }), _jsx(Text, { children: "Your browser has opened Microsoft's sign-in page. Sign in there (with your authenticator if it asks); Partner Lens comes back to the front when you're done." }), _jsx(Text, { size: 200, className: s.muted, children: "No browser window? Use a code on another device instead." }), _jsxs("div", { className: s.actions, children: [_jsx(Button, { onClick: onUseCode, "data-testid": "use-code", children: "Use a code instead" }), _jsx(Button, { onClick: cancel, "data-testid": "cancel-sign-in", children: "Cancel" })] })] }));
}
