import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// "Schedule": the question on screen saved as a view and run on this computer at a time chosen
// in words (every day at 07:00, every Monday, the 1st of each month), written into a folder as
// Excel, CSV or a PNG chart. A run missed while the computer slept runs once when it wakes.
import { useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text, Toast, ToastTitle, useToastController } from "@fluentui/react-components";
import { CalendarClock20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys } from "../../backend/queries";
import { TOASTER } from "../../app/toaster";
import { ErrorBar } from "../../components/ErrorBar";
import { LocalScheduleFields } from "../../components/LocalScheduleFields";
export function ScheduleViewButton({ account, view, suggested }) {
    const b = useBackend();
    const qc = useQueryClient();
    const { dispatchToast } = useToastController(TOASTER);
    const [draft, setDraft] = useState(null);
    const [error, setError] = useState(null);
    const open = () => {
        setError(null);
        setDraft({ name: suggested, view: suggested, account, cadence: { kind: "daily" }, time: "07:00", format: view.date ? "xlsx" : "csv", folder: "", paused: false });
    };
    const save = async () => {
        if (!draft)
            return;
        try {
            // The schedule runs a saved view: this question, under the schedule's name.
            await b.saveView(draft.name, view);
            await b.saveSchedule({ ...draft, view: draft.name.trim() });
            await Promise.all([qc.invalidateQueries({ queryKey: keys.views }), qc.invalidateQueries({ queryKey: keys.schedules })]);
            dispatchToast(_jsx(Toast, { "data-testid": "schedule-saved", children: _jsx(ToastTitle, { children: `${draft.name.trim()} will run on this computer` }) }), { intent: "success", timeout: 6_000 });
            setDraft(null);
        }
        catch (e) {
            setError(e);
        }
    };
    return (_jsxs(_Fragment, { children: [_jsx(Button, { icon: _jsx(CalendarClock20Regular, {}), onClick: open, "data-testid": "schedule-view", children: "Schedule" }), _jsx(Dialog, { open: draft !== null, onOpenChange: (_, d) => !d.open && setDraft(null), children: _jsx(DialogSurface, { children: _jsxs(DialogBody, { children: [_jsx(DialogTitle, { children: "Run this view on a schedule" }), _jsxs(DialogContent, { children: [_jsx(Text, { as: "p", style: { marginBottom: "12px", display: "block" }, children: "Partner Lens fetches the data, groups it as shown here and saves the file, while it runs (in the window or the tray)." }), draft ? _jsx(LocalScheduleFields, { draft: draft, onChange: setDraft }) : null, error ? _jsx(ErrorBar, { error: toUiError(error) }) : null] }), _jsxs(DialogActions, { children: [_jsx(Button, { onClick: () => setDraft(null), children: "Cancel" }), _jsx(Button, { appearance: "primary", disabled: !draft?.name.trim() || !draft?.folder, onClick: () => void save(), "data-testid": "schedule-save", children: "Save schedule" })] })] }) }) })] }));
}
