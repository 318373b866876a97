import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Settings: the theme, where data and logs are kept (with Open folder and Clear cache), the
// version and the open-source licences.
import { useEffect, useState } from "react";
import { Button, Card, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Radio, RadioGroup, Subtitle2, Switch, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { DocumentText20Regular, FolderOpen20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../backend/context";
import { keys, useDownloads, useUpdateSettings } from "../../backend/queries";
import { useApp } from "../../app/context";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { formatBytes, formatDateTime } from "../../lib/format";
import { LicencesDialog } from "./LicencesDialog";
const useStyles = makeStyles({
    page: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "760px" },
    card: { padding: "16px", gap: "12px" },
    row: { display: "flex", gap: "12px", alignItems: "center", flexWrap: "wrap" },
    path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all", flex: 1, minWidth: "200px" },
    muted: { color: tokens.colorNeutralForeground3 },
});
export function SettingsScreen() {
    const s = useStyles();
    const { info } = useApp();
    const b = useBackend();
    const qc = useQueryClient();
    const update = useUpdateSettings();
    const [freed, setFreed] = useState(null);
    const [error, setError] = useState(null);
    const [confirm, setConfirm] = useState(false);
    // The cache's size as it is now, not as it was when the app started.
    useEffect(() => {
        void qc.invalidateQueries({ queryKey: keys.appInfo });
    }, [qc]);
    const clear = async () => {
        setConfirm(false);
        try {
            setFreed((await b.clearCache()) ?? 0);
            qc.removeQueries({ queryKey: ["tableStatus"] });
            qc.removeQueries({ queryKey: ["explore"] });
            await qc.invalidateQueries({ queryKey: keys.appInfo });
        }
        catch (e) {
            setError(e);
        }
    };
    const open = (path) => b.openPath(path).catch(setError);
    const library = useDownloads().data?.library ?? null;
    const moveLibrary = async () => {
        try {
            const dir = await b.chooseFolder();
            if (!dir)
                return;
            await update.mutateAsync({ libraryDir: dir });
            await qc.invalidateQueries({ queryKey: keys.downloads });
        }
        catch (e) {
            setError(e);
        }
    };
    const startAtLogin = async (on) => {
        try {
            const settings = await b.setStartAtLogin(on);
            qc.setQueryData(keys.appInfo, (old) => (old ? { ...old, settings } : old));
        }
        catch (e) {
            setError(e);
        }
    };
    return (_jsxs("div", { className: s.page, children: [_jsx(PageHeader, { title: "Settings" }), _jsxs(Card, { className: s.card, children: [_jsx(Subtitle2, { as: "h2", children: "Appearance" }), _jsx(Field, { label: "Theme", children: _jsxs(RadioGroup, { layout: "horizontal", value: info.settings.theme, onChange: (_, d) => update.mutate({ theme: d.value }), "data-testid": "theme", children: [_jsx(Radio, { value: "light", label: "Light", "data-testid": "theme-light" }), _jsx(Radio, { value: "dark", label: "Dark", "data-testid": "theme-dark" }), _jsx(Radio, { value: "system", label: "As the system", "data-testid": "theme-system" })] }) })] }), _jsxs(Card, { className: s.card, children: [_jsx(Subtitle2, { as: "h2", children: "Data on this computer" }), _jsxs("div", { className: s.row, children: [_jsx(Text, { weight: "semibold", children: "Data" }), _jsx(Text, { className: s.path, children: info.dataDir }), _jsx(Button, { icon: _jsx(FolderOpen20Regular, {}), onClick: () => open(info.dataDir), children: "Open folder" })] }), _jsxs("div", { className: s.row, children: [_jsx(Text, { weight: "semibold", children: "Logs" }), _jsx(Text, { className: s.path, children: info.logsDir }), _jsx(Button, { icon: _jsx(FolderOpen20Regular, {}), onClick: () => open(info.logsDir), children: "Open folder" })] }), info.lastCrash && (_jsxs("div", { className: s.row, "data-testid": "last-crash", children: [_jsxs(Text, { children: ["Partner Lens stopped unexpectedly on ", crashTime(info.lastCrash.when), ". A report was saved in the logs folder; it holds no data or passwords, so you can send it to support."] }), _jsx(Button, { icon: _jsx(DocumentText20Regular, {}), onClick: () => open(info.lastCrash.path), "data-testid": "open-crash", children: "Open report" })] })), _jsxs("div", { className: s.row, children: [_jsxs(Text, { children: ["Fetched data saved for quick opening and offline use: ", _jsx("strong", { children: formatBytes(info.cacheBytes ?? 0) })] }), _jsxs(Dialog, { open: confirm, onOpenChange: (_, d) => setConfirm(d.open), children: [_jsx(DialogTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { "data-testid": "clear-cache", children: "Clear cache" }) }), _jsx(DialogSurface, { children: _jsxs(DialogBody, { children: [_jsx(DialogTitle, { children: "Clear the saved data?" }), _jsxs(DialogContent, { children: ["This removes ", formatBytes(info.cacheBytes ?? 0), " of fetched data saved on this computer. Your accounts, sign-ins, saved views, settings and report files are kept. Data is fetched again the next time you open it, which needs a connection."] }), _jsxs(DialogActions, { children: [_jsx(DialogTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { children: "Keep it" }) }), _jsx(Button, { appearance: "primary", onClick: clear, "data-testid": "confirm-clear", children: "Clear cache" })] })] }) })] })] }), freed !== null ? _jsxs(Text, { className: s.muted, children: ["Cleared ", formatBytes(freed), "."] }) : null, info.keyringNote ? _jsx(Text, { className: s.muted, children: info.keyringNote }) : null] }), _jsxs(Card, { className: s.card, "data-testid": "settings-reports", children: [_jsx(Subtitle2, { as: "h2", children: "Reports and schedules" }), _jsxs("div", { className: s.row, children: [_jsx(Text, { weight: "semibold", children: "Report files go to" }), _jsx(Text, { className: s.path, children: library ?? "…" }), _jsx(Button, { onClick: () => void moveLibrary(), children: "Change\u2026" }), library ? (_jsx(Button, { icon: _jsx(FolderOpen20Regular, {}), onClick: () => open(library), children: "Open folder" })) : null] }), _jsx(Switch, { label: "Start Partner Lens when I sign in to my computer, so reports download and schedules run", checked: !!info.settings.startAtLogin, onChange: (_, d) => void startAtLogin(d.checked), "data-testid": "start-at-login" }), _jsx(Switch, { label: "Pause all schedules on this computer", checked: !!info.settings.schedulesPaused, onChange: (_, d) => update.mutate({ schedulesPaused: d.checked }) }), _jsx(Text, { className: s.muted, children: "Closing the window keeps Partner Lens in the tray, where downloads and schedules go on. Quit it from the tray icon's menu." })] }), _jsxs(Card, { className: s.card, children: [_jsx(Subtitle2, { as: "h2", children: "About" }), _jsxs(Text, { children: ["Partner Lens ", info.version, ", under the MIT licence."] }), _jsx("div", { className: s.row, children: _jsx(LicencesDialog, {}) })] }), error ? _jsx(ErrorBar, { error: error }) : null] }));
}
/// The report's local time ("2026-11-20 09:30:00") as dates are shown elsewhere. Formatted as if
/// UTC so the clock time stays the one the report was written at.
function crashTime(when) {
    return formatDateTime(`${when.replace(" ", "T")}Z`);
}
