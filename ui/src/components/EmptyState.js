import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
import { Subtitle1, makeStyles, tokens } from "@fluentui/react-components";
const useStyles = makeStyles({
    box: {
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        textAlign: "center",
        gap: "12px",
        padding: "48px 24px",
        maxWidth: "560px",
        margin: "0 auto",
        color: tokens.colorNeutralForeground2,
    },
    icon: { fontSize: "48px", color: tokens.colorBrandForeground1, display: "flex" },
    actions: { display: "flex", gap: "8px", flexWrap: "wrap", justifyContent: "center", marginTop: "8px" },
});
export function EmptyState({ icon, title, children, actions, testId, }) {
    const s = useStyles();
    return (_jsxs("section", { className: s.box, "data-testid": testId ?? "empty-state", "aria-label": title, children: [icon ? (_jsx("span", { className: s.icon, "aria-hidden": "true", children: icon })) : null, _jsx(Subtitle1, { as: "h2", children: title }), children ? _jsx("div", { children: children }) : null, actions ? _jsx("div", { className: s.actions, children: actions }) : null] }));
}
