import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Saving a table or a picture to a file the person picks in the system's Save dialog, then a note
// saying where it went (with Open and Show in folder), or what went wrong. Explore's Export menu
// and Home's renewal radar both save this way.
import { Link, Toast, ToastBody, ToastFooter, ToastTitle, useToastController } from "@fluentui/react-components";
import { describeError, toUiError } from "../backend";
import { useBackend } from "../backend/context";
import { TOASTER } from "../app/toaster";
import { formatNumber } from "../lib/format";
export function useSaveToFile() {
    const b = useBackend();
    const { dispatchToast } = useToastController(TOASTER);
    const failed = (e) => {
        const err = toUiError(e);
        dispatchToast(_jsxs(Toast, { "data-testid": "export-error", children: [_jsx(ToastTitle, { children: describeError(err).title }), _jsx(ToastBody, { children: err.message })] }), { intent: "error", timeout: 12_000 });
    };
    const saved = (path, rows) => dispatchToast(_jsxs(Toast, { "data-testid": "saved-toast", children: [_jsx(ToastTitle, { children: "Saved" }), _jsxs(ToastBody, { subtitle: rows ? `${formatNumber(rows)} rows` : undefined, children: ["Saved to ", path] }), _jsxs(ToastFooter, { children: [_jsx(Link, { onClick: () => void b.openPath(path).catch(failed), children: "Open" }), _jsx(Link, { onClick: () => void b.showInFolder(path).catch(failed), children: "Show in folder" })] })] }), { intent: "success", timeout: 10_000 });
    /// A view's answer or rows as Excel or CSV.
    const table = async (account, view, source, today, name, kind) => {
        try {
            const path = await b.chooseSavePath(`${name}.${kind}`, kind);
            if (!path)
                return;
            const done = await b.exportView(account, view, source, today, path);
            saved(done.path, done.rows);
        }
        catch (e) {
            failed(e);
        }
    };
    /// A chart the window drew (a PNG data URL or SVG text).
    const picture = async (data, name, kind) => {
        try {
            if (!data)
                return;
            const path = await b.chooseSavePath(`${name}.${kind}`, kind);
            if (!path)
                return;
            const done = await b.savePicture(path, data);
            saved(done.path, 0);
        }
        catch (e) {
            failed(e);
        }
    };
    return { table, picture };
}
