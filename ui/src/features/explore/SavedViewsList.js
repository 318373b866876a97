import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The saved views: open one in Explore, or delete it.
import { Button, Link, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Spinner, Text, Tooltip, makeStyles, tokens, } from "@fluentui/react-components";
import { Bookmark20Regular, Delete20Regular } from "@fluentui/react-icons";
import { useApp } from "../../app/context";
import { useDeleteView, useSavedViews } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";
const useStyles = makeStyles({
    list: { listStyleType: "none", padding: 0, margin: "8px 0 0", display: "flex", flexDirection: "column", gap: "4px" },
    item: { display: "flex", alignItems: "center", gap: "8px" },
    name: { flex: 1, minWidth: 0 },
    muted: { color: tokens.colorNeutralForeground3 },
});
export function SavedViewsList({ emptyText }) {
    const s = useStyles();
    const { go, account, info } = useApp();
    const title = (id) => info.datasets.find((d) => d.id === id)?.title ?? id;
    const views = useSavedViews();
    const del = useDeleteView();
    if (views.isPending)
        return _jsx(Spinner, { size: "tiny", label: "Reading the saved views\u2026" });
    if (views.error)
        return _jsx(ErrorBar, { error: views.error, onRetry: () => views.refetch() });
    if (!views.data?.length)
        return _jsx(Text, { className: s.muted, children: emptyText });
    return (_jsx("ul", { className: s.list, "data-testid": "saved-views", children: views.data.map((v) => (_jsxs("li", { className: s.item, children: [_jsxs("span", { className: s.name, children: [_jsx(Link, { onClick: () => go({ screen: "explore", account: account?.id, view: v.view }), children: v.name }), " ", _jsx(Text, { size: 200, className: s.muted, children: title(v.view.dataset) })] }), _jsx(Tooltip, { content: `Delete "${v.name}"`, relationship: "label", children: _jsx(Button, { appearance: "subtle", size: "small", icon: _jsx(Delete20Regular, {}), onClick: () => del.mutate(v.name) }) })] }, v.name))) }));
}
/// Explore's "Saved views" menu: open one.
export function SavedViewsMenu() {
    const { go, account, info } = useApp();
    const views = useSavedViews();
    const title = (id) => info.datasets.find((d) => d.id === id)?.title ?? id;
    return (_jsxs(Menu, { children: [_jsx(MenuTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { icon: _jsx(Bookmark20Regular, {}), "data-testid": "saved-views-menu", children: "Saved views" }) }), _jsx(MenuPopover, { children: _jsx(MenuList, { children: views.data?.length ? (views.data.map((v) => (_jsx(MenuItem, { secondaryContent: title(v.view.dataset), onClick: () => go({ screen: "explore", account: account?.id, view: v.view }), children: v.name }, v.name)))) : (_jsx(MenuItem, { disabled: true, children: "No saved views yet: use Save view" })) }) })] }));
}
