import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// One account on the Accounts screen: its name, where it signs in, its state in plain words (as
// checked against Partner Center when the screen opens), a warning before the sign-in runs out,
// and what can be done with it.
import { Badge, Button, Card, CardHeader, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { ArrowClockwise20Regular, CheckmarkCircle20Filled, ErrorCircle20Filled, MoreHorizontal20Regular, PersonArrowRight20Regular, Warning20Filled, } from "@fluentui/react-icons";
import { useCheckAccount } from "../../backend/queries";
import { ago } from "../../lib/format";
import { accountLine, stateWords } from "./words";
const useStyles = makeStyles({
    card: { padding: "14px 16px", gap: "10px" },
    title: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
    badge: { whiteSpace: "nowrap", flexShrink: 0 },
    corner: { display: "flex", alignItems: "center", gap: "4px", flexShrink: 0 },
    state: { display: "flex", alignItems: "flex-start", gap: "8px" },
    stateText: { flex: 1, minWidth: 0 },
    muted: { color: tokens.colorNeutralForeground3 },
    actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
    success: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
    warning: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
    danger: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
});
const BADGE = {
    success: "success",
    warning: "warning",
    danger: "danger",
    informative: "informative",
    subtle: "subtle",
};
export function AccountCard({ account, actions }) {
    const s = useStyles();
    const check = useCheckAccount(account);
    const a = check.data ?? account;
    const checking = check.isFetching;
    const w = stateWords(a);
    const icon = w.tone === "success" ? (_jsx(CheckmarkCircle20Filled, { className: s.success })) : w.tone === "danger" ? (_jsx(ErrorCircle20Filled, { className: s.danger })) : w.tone === "warning" ? (_jsx(Warning20Filled, { className: s.warning })) : null;
    return (_jsxs(Card, { className: s.card, "data-testid": `account-${a.id}`, "data-state": a.state.kind, children: [_jsx(CardHeader, { header: _jsxs("div", { className: s.title, children: [_jsx(Text, { weight: "semibold", size: 400, children: a.name }), a.isDefault ? (_jsx(Badge, { appearance: "outline", color: "brand", "data-testid": "default-badge", children: "Default" })) : null, a.sample ? _jsx(Badge, { color: "informative", children: "Sample data" }) : null] }), description: _jsx(Text, { className: s.muted, children: accountLine(a) }), action: _jsxs("div", { className: s.corner, children: [a.sample ? null : (_jsx(Badge, { appearance: "tint", color: BADGE[w.tone], className: s.badge, "data-testid": "state-badge", children: checking && a.state.kind === "unknown" ? "Checking…" : w.badge })), _jsxs(Menu, { children: [_jsx(MenuTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { appearance: "subtle", icon: _jsx(MoreHorizontal20Regular, {}), "aria-label": `More for ${a.name}`, "data-testid": "account-menu" }) }), _jsx(MenuPopover, { children: _jsxs(MenuList, { children: [_jsx(MenuItem, { onClick: () => actions.onRename(a), "data-testid": "menu-rename", children: "Rename\u2026" }), a.isDefault ? null : (_jsx(MenuItem, { onClick: () => actions.onMakeDefault(a), "data-testid": "menu-default", children: "Make default" })), !a.sample && !w.needsYou ? (_jsx(MenuItem, { onClick: () => actions.onSignIn(a), "data-testid": "menu-sign-in", children: "Sign in again" })) : null, !a.sample && a.state.kind !== "needsSignIn" ? (_jsx(MenuItem, { onClick: () => actions.onSignOut(a), "data-testid": "menu-sign-out", children: "Sign out" })) : null, _jsx(MenuItem, { onClick: () => actions.onRemove(a), "data-testid": "menu-remove", children: "Remove\u2026" })] }) })] })] }) }), a.sample ? null : (_jsxs("div", { className: s.state, "data-testid": "state-text", children: [checking && a.state.kind === "unknown" ? _jsx(Spinner, { size: "tiny", "aria-label": "Checking" }) : icon, _jsxs(Text, { className: s.stateText, children: [w.text, a.checkedAt ? _jsxs("span", { className: s.muted, children: [" \u00B7 checked ", ago(a.checkedAt, Date.now())] }) : null] })] })), a.warning && !w.needsYou ? (_jsx(MessageBar, { intent: "warning", layout: "multiline", "data-testid": "account-warning", children: _jsx(MessageBarBody, { children: a.warning }) })) : null, a.sample ? null : (_jsx("div", { className: s.actions, children: w.needsYou || a.warning ? (_jsx(Button, { appearance: "primary", icon: _jsx(PersonArrowRight20Regular, {}), onClick: () => actions.onSignIn(a), "data-testid": "sign-in-again", children: "Sign in again" })) : (_jsx(Button, { icon: _jsx(ArrowClockwise20Regular, {}), onClick: () => void check.refetch(), disabled: checking, "data-testid": "check-again", children: checking ? "Checking…" : "Check again" })) }))] }));
}
