import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Downloads: every report file that arrived by itself, newest first, with its report, account,
// time, rows and size; Open (Excel for most), Show in folder, Open in Explore. A failed run is
// listed as failed, in plain words, with Retry.
import { useState } from "react";
import { Badge, Button, Card, SearchBox, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { ArrowDownload24Regular, ArrowSync20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useDownloads } from "../../backend/queries";
import { useApp } from "../../app/context";
import { ScreenReaderText } from "../../components/ScreenReaderText";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { formatBytes, formatNumber, formatStamp } from "../../lib/format";
const useStyles = makeStyles({
    page: { display: "flex", flexDirection: "column", gap: "14px", maxWidth: "1400px", margin: "0 auto" },
    card: { padding: "16px", gap: "12px" },
    top: { display: "flex", gap: "12px", alignItems: "center", flexWrap: "wrap", justifyContent: "space-between" },
    muted: { color: tokens.colorNeutralForeground3 },
    path: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
    actions: { display: "flex", gap: "4px", flexWrap: "nowrap" },
    actionsHead: { width: "340px" },
    num: { textAlign: "right", whiteSpace: "nowrap" },
    numHead: { width: "110px", "& > *": { justifyContent: "flex-end", width: "100%" } },
    when: { whiteSpace: "nowrap" },
    failed: { color: tokens.colorPaletteRedForeground1 },
});
export function DownloadsScreen() {
    const s = useStyles();
    const b = useBackend();
    const qc = useQueryClient();
    const { go, account } = useApp();
    const list = useDownloads();
    const [search, setSearch] = useState("");
    const [error, setError] = useState(null);
    const [retrying, setRetrying] = useState(null);
    const act = async (f) => {
        setError(null);
        try {
            await f();
        }
        catch (e) {
            setError(e);
        }
    };
    const retry = async (f) => {
        setRetrying(f.id);
        await act(() => b.retryDownload(f.id));
        setRetrying(null);
        await qc.invalidateQueries({ queryKey: keys.downloads });
    };
    const explore = (f) => void qc
        .fetchQuery({ queryKey: keys.fileInfo(f.id), queryFn: () => b.downloadInfo(f.id), staleTime: Infinity })
        .then((info) => go({ screen: "explore", account: account?.id, view: info.defaultView }))
        .catch(setError);
    const q = search.trim().toLowerCase();
    const files = (list.data?.files ?? []).filter((f) => !q || f.reportName.toLowerCase().includes(q) || f.accountName.toLowerCase().includes(q));
    return (_jsxs("div", { className: s.page, children: [_jsx(PageHeader, { title: "Downloads", subtitle: list.data ? _jsxs(_Fragment, { children: ["Report files on this computer, in ", _jsx("span", { className: s.path, children: list.data.library })] }) : "Report files on this computer", actions: _jsx(Button, { icon: _jsx(ArrowSync20Regular, {}), onClick: () => void b.checkDownloadsNow(), "data-testid": "check-downloads", children: "Check now" }) }), error ? _jsx(ErrorBar, { error: toUiError(error) }) : null, list.isLoading ? _jsx(Spinner, { label: "Opening\u2026" }) : null, list.data && list.data.files.length === 0 ? (_jsx(EmptyState, { icon: _jsx(ArrowDownload24Regular, {}), title: "No report files yet", testId: "no-downloads", children: "When a scheduled report runs on Partner Center, its file is downloaded here by itself, before its link expires, even while the window is closed. Build one in Reports." })) : null, list.data && list.data.files.length > 0 ? (_jsxs(Card, { className: s.card, children: [_jsxs("div", { className: s.top, children: [_jsxs(Text, { className: s.muted, "data-testid": "downloads-count", children: [formatNumber(files.length), " ", files.length === 1 ? "file" : "files"] }), _jsx(SearchBox, { placeholder: "Find a report or account", value: search, onChange: (_, d) => setSearch(d.value), "aria-label": "Find a file" })] }), _jsxs(Table, { "aria-label": "Downloaded report files", "data-testid": "downloads-table", children: [_jsx(TableHeader, { children: _jsxs(TableRow, { children: [_jsx(TableHeaderCell, { children: "Report" }), _jsx(TableHeaderCell, { children: "Account" }), _jsx(TableHeaderCell, { children: "Made" }), _jsx(TableHeaderCell, { className: s.numHead, children: "Rows" }), _jsx(TableHeaderCell, { className: s.numHead, children: "Size" }), _jsx(TableHeaderCell, { className: s.actionsHead, children: _jsx(ScreenReaderText, { children: "Actions" }) })] }) }), _jsx(TableBody, { children: files.map((f) => (_jsxs(TableRow, { "data-testid": `download-${f.reportName}`, children: [_jsxs(TableCell, { children: [_jsx(Text, { weight: "semibold", children: f.reportName }), " ", f.status === "failed" ? (_jsx(Badge, { appearance: "tint", color: "danger", children: "Failed" })) : (_jsx(Badge, { appearance: "tint", color: "informative", children: f.format.toUpperCase() })), f.status === "failed" ? (_jsx(Text, { as: "p", size: 200, className: s.failed, children: f.error })) : null] }), _jsx(TableCell, { children: f.accountName }), _jsx(TableCell, { className: s.when, children: formatStamp(f.generatedAt ?? f.recordedAt) }), _jsx(TableCell, { className: s.num, children: f.rows !== null ? formatNumber(f.rows) : "–" }), _jsx(TableCell, { className: s.num, children: f.bytes !== null ? formatBytes(f.bytes) : "–" }), _jsx(TableCell, { children: f.status === "downloaded" ? (_jsxs("div", { className: s.actions, children: [_jsx(Button, { size: "small", onClick: () => void act(() => b.openDownload(f.id)), "data-testid": "download-open", children: "Open" }), _jsx(Button, { size: "small", onClick: () => void act(() => b.showDownload(f.id)), children: "Show in folder" }), _jsx(Button, { size: "small", appearance: "primary", onClick: () => explore(f), "data-testid": "download-explore", children: "Open in Explore" })] })) : (_jsx(Button, { size: "small", disabled: retrying === f.id, onClick: () => void retry(f), "data-testid": "download-retry", children: retrying === f.id ? "Trying…" : "Retry" })) })] }, f.id))) })] })] })) : null] }));
}
