import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { Text, Title2, makeStyles, tokens } from "@fluentui/react-components";
const useStyles = makeStyles({
    row: { display: "flex", alignItems: "center", gap: "16px", flexWrap: "wrap", marginBottom: "8px" },
    titles: { flex: 1, minWidth: "240px", display: "flex", flexDirection: "column", gap: "2px" },
    sub: { color: tokens.colorNeutralForeground3 },
    actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});
export function PageHeader({ title, subtitle, actions }) {
    const s = useStyles();
    return (_jsxs("div", { className: s.row, children: [_jsxs("div", { className: s.titles, children: [_jsx(Title2, { as: "h1", children: title }), subtitle ? (_jsx(Text, { className: s.sub, "data-testid": "page-subtitle", children: subtitle })) : null] }), actions ? _jsx("div", { className: s.actions, children: actions }) : null] }));
}
