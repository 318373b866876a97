import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The left navigation: the six places of the app, with icons and labels; collapsible to icons.
import { Button, Tooltip, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ArrowDownload24Regular, DataBarVertical24Regular, DocumentTable24Regular, Home24Regular, Navigation24Regular, PeopleTeam24Regular, Settings24Regular, } from "@fluentui/react-icons";
export const NAV_ITEMS = [
    { screen: "home", label: "Home", icon: _jsx(Home24Regular, {}) },
    { screen: "explore", label: "Explore", icon: _jsx(DataBarVertical24Regular, {}) },
    { screen: "reports", label: "Reports", icon: _jsx(DocumentTable24Regular, {}) },
    { screen: "downloads", label: "Downloads", icon: _jsx(ArrowDownload24Regular, {}) },
    { screen: "accounts", label: "Accounts", icon: _jsx(PeopleTeam24Regular, {}) },
    { screen: "settings", label: "Settings", icon: _jsx(Settings24Regular, {}) },
];
const useStyles = makeStyles({
    nav: {
        display: "flex",
        flexDirection: "column",
        gap: "2px",
        padding: "8px 6px",
        width: "200px",
        flexShrink: 0,
        background: tokens.colorNeutralBackground3,
        borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
        transitionProperty: "width",
        transitionDuration: tokens.durationFast,
        overflow: "hidden",
    },
    collapsed: { width: "52px" },
    item: { justifyContent: "flex-start", minWidth: 0, width: "100%", fontWeight: tokens.fontWeightRegular, paddingLeft: "8px" },
    current: {
        background: tokens.colorNeutralBackground1Selected,
        fontWeight: tokens.fontWeightSemibold,
        boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
    },
    list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
});
export function Nav({ current, collapsed, onToggle, onGo, }) {
    const s = useStyles();
    return (_jsxs("nav", { "aria-label": "Main", className: mergeClasses(s.nav, collapsed && s.collapsed), "data-testid": "nav", children: [_jsx(Tooltip, { content: collapsed ? "Show labels" : "Hide labels", relationship: "label", positioning: "after", children: _jsx(Button, { appearance: "subtle", icon: _jsx(Navigation24Regular, {}), className: s.item, onClick: onToggle, "aria-expanded": !collapsed }) }), _jsx("ul", { className: s.list, children: NAV_ITEMS.map((item) => {
                    const button = (_jsx(Button, { appearance: "subtle", icon: item.icon, className: mergeClasses(s.item, current === item.screen && s.current), "aria-current": current === item.screen ? "page" : undefined, onClick: () => onGo(item.screen), "data-testid": `nav-${item.screen}`, children: collapsed ? null : item.label }));
                    return (_jsx("li", { children: collapsed ? (_jsx(Tooltip, { content: item.label, relationship: "label", positioning: "after", children: button })) : (button) }, item.screen));
                }) })] }));
}
