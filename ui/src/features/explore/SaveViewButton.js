import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// "Save view": the question under a name, for Home, Explore and the command line.
import { useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input, Text, } from "@fluentui/react-components";
import { Save20Regular } from "@fluentui/react-icons";
import { useSaveView } from "../../backend/queries";
export function SaveViewButton({ view, suggested }) {
    const [open, setOpen] = useState(false);
    const [name, setName] = useState(suggested);
    const save = useSaveView();
    return (_jsxs(Dialog, { open: open, onOpenChange: (_, d) => {
            setOpen(d.open);
            if (d.open) {
                setName(suggested);
                save.reset();
            }
        }, children: [_jsx(DialogTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { icon: _jsx(Save20Regular, {}), "data-testid": "save-view", children: "Save view" }) }), _jsx(DialogSurface, { children: _jsx("form", { onSubmit: (e) => {
                        e.preventDefault();
                        save.mutate({ name, view }, { onSuccess: () => setOpen(false) });
                    }, children: _jsxs(DialogBody, { children: [_jsx(DialogTitle, { children: "Save this view" }), _jsxs(DialogContent, { children: [_jsx(Field, { label: "Name", validationState: save.error ? "error" : "none", validationMessage: save.error ? save.error.message : undefined, children: _jsx(Input, { value: name, onChange: (_, d) => setName(d.value), "data-testid": "view-name", autoFocus: true }) }), _jsx(Text, { size: 200, children: "The data set, filters, grouping and chart are saved. A view with the same name is replaced." })] }), _jsxs(DialogActions, { children: [_jsx(DialogTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { children: "Cancel" }) }), _jsx(Button, { appearance: "primary", type: "submit", disabled: !name.trim() || save.isPending, "data-testid": "confirm-save-view", children: "Save" })] })] }) }) })] }));
}
