import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Renaming an account: only its name in Partner Lens changes, nothing in Partner Center.
import { useEffect, useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input } from "@fluentui/react-components";
export function RenameDialog({ account, onClose, onRename, error, }) {
    const [name, setName] = useState("");
    useEffect(() => setName(account?.name ?? ""), [account]);
    return (_jsx(Dialog, { open: account !== null, onOpenChange: (_, d) => !d.open && onClose(), children: _jsx(DialogSurface, { "data-testid": "rename-dialog", children: _jsx("form", { onSubmit: (e) => {
                    e.preventDefault();
                    if (name.trim())
                        onRename(name.trim());
                }, children: _jsxs(DialogBody, { children: [_jsx(DialogTitle, { children: "Rename account" }), _jsx(DialogContent, { children: _jsx(Field, { label: "Name", validationState: error ? "error" : "none", validationMessage: error ?? undefined, children: _jsx(Input, { value: name, onChange: (_, d) => setName(d.value), autoFocus: true, "data-testid": "rename-input" }) }) }), _jsxs(DialogActions, { children: [_jsx(Button, { onClick: onClose, children: "Cancel" }), _jsx(Button, { appearance: "primary", type: "submit", disabled: !name.trim(), "data-testid": "rename-save", children: "Rename" })] })] }) }) }) }));
}
