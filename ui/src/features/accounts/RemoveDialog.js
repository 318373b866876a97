import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Removing an account asks first: it forgets the sign-in and deletes the data fetched for it.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text } from "@fluentui/react-components";
export function RemoveDialog({ account, onClose, onRemove }) {
    return (_jsx(Dialog, { open: account !== null, onOpenChange: (_, d) => !d.open && onClose(), children: _jsx(DialogSurface, { "data-testid": "remove-dialog", children: _jsxs(DialogBody, { children: [_jsxs(DialogTitle, { children: ["Remove ", account?.name, "?"] }), _jsx(DialogContent, { children: _jsx(Text, { children: "Partner Lens forgets this account's sign-in and deletes the data fetched for it from this computer. Nothing changes in Partner Center, and you can add the account again later." }) }), _jsxs(DialogActions, { children: [_jsx(Button, { onClick: onClose, children: "Keep it" }), _jsx(Button, { appearance: "primary", onClick: onRemove, "data-testid": "remove-confirm", children: "Remove" })] })] }) }) }));
}
