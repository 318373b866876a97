import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Signing in with a code on another device: the code in large type with Copy, the page to type
// it on, how long it still works, and Cancel. The backend waits for the person meanwhile.
import { useEffect, useRef, useState } from "react";
import { Button, Link, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Copy20Regular, Checkmark20Regular } from "@fluentui/react-icons";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { ErrorBar } from "../../components/ErrorBar";
import { newJobId } from "./jobs";
const useStyles = makeStyles({
    box: { display: "flex", flexDirection: "column", gap: "12px", alignItems: "flex-start" },
    codeRow: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
    code: {
        fontFamily: tokens.fontFamilyMonospace,
        fontSize: "32px",
        lineHeight: "40px",
        fontWeight: tokens.fontWeightSemibold,
        letterSpacing: "0.12em",
        padding: "6px 14px",
        borderRadius: tokens.borderRadiusMedium,
        background: tokens.colorNeutralBackground3,
        userSelect: "all",
    },
    muted: { color: tokens.colorNeutralForeground3 },
    actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});
function useSecondsLeft(until) {
    const [now, setNow] = useState(Date.now());
    useEffect(() => {
        if (until === null)
            return;
        const t = setInterval(() => setNow(Date.now()), 1000);
        return () => clearInterval(t);
    }, [until]);
    return until === null ? null : Math.max(0, Math.round(until - now / 1000));
}
function minutes(seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return `${m}:${String(s).padStart(2, "0")}`;
}
export function DeviceCodeSignIn({ account, onDone, onCancel, }) {
    const s = useStyles();
    const b = useBackend();
    const [attempt, setAttempt] = useState(0);
    const [code, setCode] = useState(null);
    const [error, setError] = useState(null);
    const [copied, setCopied] = useState(false);
    const job = useRef(null);
    const done = useRef(onDone);
    done.current = onDone;
    const left = useSecondsLeft(code?.expiresAt ?? null);
    useEffect(() => {
        const id = newJobId("device");
        job.current = id;
        let live = true;
        setCode(null);
        setError(null);
        b.startDeviceSignIn(account.id)
            .then((c) => {
            if (!live)
                return null;
            setCode(c);
            return b.finishDeviceSignIn(account.id, id);
        })
            .then((a) => live && a && done.current(a), (e) => {
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
    const copy = async () => {
        if (!code)
            return;
        try {
            await navigator.clipboard.writeText(code.userCode);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
        }
        catch {
            // The code is selectable text; copying by hand still works.
        }
    };
    if (error || left === 0) {
        return (_jsxs("div", { className: s.box, "data-testid": "device-failed", children: [error ? (_jsx(ErrorBar, { error: { ...error, action: null } })) : (_jsx(Text, { children: "The code has run out before it was used." })), _jsxs("div", { className: s.actions, children: [_jsx(Button, { appearance: "primary", onClick: () => setAttempt((n) => n + 1), children: "Get a new code" }), _jsx(Button, { onClick: cancel, children: "Cancel" })] })] }));
    }
    if (!code)
        return _jsx(Spinner, { size: "small", label: "Getting a code\u2026", labelPosition: "after" });
    return (_jsxs("div", { className: s.box, "data-testid": "device-code", children: [_jsxs(Text, { children: ["On your phone or another computer, open", " ", _jsx(Link, { onClick: () => void b.openLink(code.verificationUri), "data-testid": "device-link", children: code.verificationUri }), " ", "and enter this code:"] }), _jsxs("div", { className: s.codeRow, children: [_jsx("span", { className: s.code, "data-testid": "device-user-code", "aria-label": `Code ${code.userCode.split("").join(" ")}`, children: code.userCode }), _jsx(Button, { icon: copied ? _jsx(Checkmark20Regular, {}) : _jsx(Copy20Regular, {}), onClick: () => void copy(), "data-testid": "copy-code", children: copied ? "Copied" : "Copy" })] }), _jsxs("div", { className: s.codeRow, role: "status", children: [_jsx(Spinner, { size: "tiny", "aria-label": "Waiting" }), _jsxs(Text, { className: s.muted, "data-testid": "device-countdown", children: ["Waiting for you to enter the code \u00B7 it works for ", minutes(left ?? 0), " more"] })] }), _jsx("div", { className: s.actions, children: _jsx(Button, { onClick: cancel, "data-testid": "cancel-sign-in", children: "Cancel" }) })] }));
}
