import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Home, for one account or all: what changed since the last visit, a tile per data set with its
// headline figure, the biggest movers in a sentence each, the renewal radar and the saved
// views. Made from the copies of the data at hand; Refresh fetches them all again.
import { Button, Card, ProgressBar, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular, Dismiss20Regular, History20Regular } from "@fluentui/react-icons";
import { toUiError } from "../../backend";
import { useHome, useHomeTiles } from "../../backend/queries";
import { ALL_ACCOUNTS } from "../../app/allAccounts";
import { useApp } from "../../app/context";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar, NoteBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { useSaveToFile } from "../../components/useSaveToFile";
import { formatNumber, lastCompleteMonth, today as todayIso } from "../../lib/format";
import { SavedViewsList } from "../explore/SavedViewsList";
import { Highlights } from "./Highlights";
import { RenewalRadar } from "./RenewalRadar";
import { Tiles } from "./Tiles";
import { useHomeTables } from "./useHomeTables";
const useStyles = makeStyles({
    page: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1400px", margin: "0 auto" },
    grid: { display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(300px, 2fr)", gap: "16px", alignItems: "start" },
    column: { display: "flex", flexDirection: "column", gap: "16px", minWidth: 0 },
    card: { padding: "16px", gap: "10px" },
    since: { display: "flex", alignItems: "center", gap: "8px", padding: "10px 14px" },
    progress: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
    bar: { flex: 1, minWidth: "200px", maxWidth: "360px" },
    muted: { color: tokens.colorNeutralForeground3 },
    center: { display: "flex", justifyContent: "center", padding: "40px" },
});
export function HomeScreen() {
    const s = useStyles();
    const { account, go, info } = useApp();
    const today = todayIso();
    const tables = useHomeTables(account?.id ?? null);
    const home = useHome(account?.id ?? "", today, tables.stamp);
    // The first fetch of an account's data sets can take a while: the tiles come first, from
    // Partner Center's monthly totals (a few grouped rows each).
    const firstFetch = tables.busy && !tables.results && !!account && account.id !== ALL_ACCOUNTS;
    const early = useHomeTiles(account?.id ?? "", today, firstFetch);
    const save = useSaveToFile();
    if (!account)
        return _jsx(EmptyState, { title: "No account yet", children: "Add an account or try the sample data to see Home." });
    const open = (view) => go({ screen: "explore", account: account.id, view });
    const title = (d) => info.datasets.find((x) => x.id === d)?.title ?? d;
    const failures = (tables.results ?? []).filter((r) => r.error);
    const h = home.data;
    const p = tables.progress;
    return (_jsxs("div", { className: s.page, children: [_jsx(PageHeader, { title: "Home", subtitle: h
                    ? `${account.name} · ${h.period}, the last complete month`
                    : early.data?.length
                        ? `${account.name} · ${lastCompleteMonth(today)}, the last complete month`
                        : account.name, actions: tables.busy ? (_jsxs("div", { className: s.progress, role: "status", "data-testid": "home-fetching", children: [_jsx(Text, { children: p
                                ? `Fetching ${title(p.dataset).toLowerCase()} (${p.step} of ${p.steps}): ${formatNumber(p.load.rows)} rows`
                                : "Getting the data ready…" }), _jsx(ProgressBar, { className: s.bar, value: p ? (p.step - 1) / p.steps : undefined, "aria-label": "Fetching the data sets" }), _jsx(Button, { icon: _jsx(Dismiss20Regular, {}), onClick: tables.cancel, children: "Cancel" })] })) : (_jsx(Button, { icon: _jsx(ArrowClockwise20Regular, {}), onClick: tables.refresh, "data-testid": "home-refresh", children: "Refresh all" })) }), tables.error ? _jsx(ErrorBar, { error: tables.error, onRetry: tables.refresh }) : null, failures.map((f) => (_jsx(NoteBar, { text: `${title(f.dataset)}: ${f.error?.message ?? ""}` }, f.dataset))), home.error ? _jsx(ErrorBar, { error: toUiError(home.error), onRetry: () => void home.refetch() }) : null, h?.sinceLastVisit ? (_jsxs(Card, { className: s.since, appearance: "filled-alternative", "data-testid": "since-last-visit", children: [_jsx(History20Regular, { "aria-hidden": "true" }), _jsx(Text, { children: h.sinceLastVisit })] })) : null, !h ? (home.error ? null : (_jsxs(_Fragment, { children: [early.data?.length && !tables.results ? (_jsxs(_Fragment, { children: [_jsx(Tiles, { tiles: early.data, ready: false, onOpen: (t) => open(t.view) }), _jsx(Text, { className: s.muted, "data-testid": "early-tiles-note", children: "These figures are Partner Center's own monthly totals. Highlights and the renewal radar follow once the data is fetched." })] })) : null, _jsx("div", { className: s.center, children: _jsx(Spinner, { label: "Working out what changed\u2026" }) })] }))) : (_jsxs(_Fragment, { children: [h.tiles.length ? (_jsx(Tiles, { tiles: h.tiles, ready: !home.isPlaceholderData && !tables.busy, onOpen: (t) => open(t.view) })) : (_jsx(EmptyState, { title: "No data yet", children: "Refresh to fetch the data sets from Partner Center." })), _jsxs("div", { className: s.grid, children: [_jsxs("div", { className: s.column, children: [_jsxs(Card, { className: s.card, children: [_jsxs(Text, { weight: "semibold", as: "h2", size: 400, children: ["Highlights of ", h.period] }), _jsx(Highlights, { items: h.highlights, onOpen: (x) => open(x.view) })] }), h.renewals ? (_jsxs(Card, { className: s.card, children: [_jsx(Text, { weight: "semibold", as: "h2", size: 400, children: "Renewal radar" }), _jsx(RenewalRadar, { renewals: h.renewals, onOpen: open, onExport: (v, name) => void save.table(account.id, v, { kind: "rows", query: {}, columns: [] }, today, `${name} ${today}`, "xlsx") })] })) : null] }), _jsxs(Card, { className: s.card, children: [_jsx(Text, { weight: "semibold", as: "h2", size: 400, children: "Saved views" }), _jsx(SavedViewsList, { emptyText: "Save a question in Explore and it appears here." })] })] })] }))] }));
}
