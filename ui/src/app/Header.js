import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The bar across the top: the app's name, the account in use with a switcher (and "All
// accounts" when there are several), a dot on any account that needs a new sign-in, and a plain
// "Sample data" label whenever the data shown is the sample's.
import { Badge, Dropdown, Option, OptionGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import { stateWords } from "../features/accounts/words";
import { ALL_ACCOUNTS, offersAll } from "./allAccounts";
const useStyles = makeStyles({
    header: {
        display: "flex",
        alignItems: "center",
        gap: "12px",
        height: "48px",
        padding: "0 16px",
        background: tokens.colorBrandBackground,
        color: tokens.colorNeutralForegroundOnBrand,
        flexShrink: 0,
    },
    brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
    spacer: { flex: 1 },
    switcher: { minWidth: "240px" },
    option: { display: "flex", alignItems: "center", gap: "8px", width: "100%" },
    optionName: { flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
    sample: { color: tokens.colorNeutralForegroundOnBrand },
});
function LensMark() {
    return (_jsxs("svg", { width: "22", height: "22", viewBox: "0 0 24 24", "aria-hidden": "true", children: [_jsx("circle", { cx: "10", cy: "10", r: "6.5", fill: "none", stroke: "currentColor", strokeWidth: "2" }), _jsx("path", { d: "M15 15l5 5", stroke: "currentColor", strokeWidth: "2.5", strokeLinecap: "round" }), _jsx("path", { d: "M7.5 12V10.5M10 12V8.5M12.5 12V7", stroke: "currentColor", strokeWidth: "1.6", strokeLinecap: "round" })] }));
}
/// The small badge beside an account that needs the person.
function Attention({ a }) {
    const w = stateWords(a);
    if (a.sample || (!w.needsYou && !a.warning))
        return null;
    return (_jsx(Badge, { size: "small", color: w.needsYou ? "danger" : "warning", "data-testid": `attention-${a.id}`, children: w.needsYou ? w.badge : "Sign in soon" }));
}
export function Header({ accounts, account, onAccount, }) {
    const s = useStyles();
    const all = offersAll(accounts);
    return (_jsxs("header", { className: s.header, children: [_jsx(LensMark, {}), _jsx(Text, { className: s.brand, children: "Partner Lens" }), _jsx("div", { className: s.spacer }), account && accounts.length > 1 ? (_jsxs(Dropdown, { "aria-label": "Account", className: s.switcher, value: account.name, selectedOptions: [account.id], onOptionSelect: (_, d) => d.optionValue && onAccount(d.optionValue), "data-testid": "account-switcher", children: [all ? (_jsx(Option, { value: ALL_ACCOUNTS, text: "All accounts", "data-testid": "switch-all", children: "All accounts (combined)" })) : null, _jsx(OptionGroup, { label: all ? "One account" : undefined, children: accounts.map((a) => (_jsx(Option, { value: a.id, text: a.name, "data-testid": `switch-${a.id}`, children: _jsxs("span", { className: s.option, children: [_jsx("span", { className: s.optionName, children: a.name }), _jsx(Attention, { a: a })] }) }, a.id))) })] })) : account ? (_jsx(Text, { "data-testid": "account-name", children: account.name })) : null, account?.sample ? (_jsx(Badge, { appearance: "filled", color: "informative", shape: "rounded", "data-testid": "sample-badge", title: "Synthetic data from the built-in sample server", children: "Sample data" })) : null] }));
}
