import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// An error in plain words with the one thing to do about it, a button that does what it says
// ("Sign in" opens sign-in, "Try again" tries again, "Edit filter" goes to the filter), and the
// technical detail folded away for support.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, } from "@fluentui/react-components";
import { describeError } from "../backend/errors";
import { useOptionalApp } from "../app/context";
export function ErrorBar({ error, onRetry, onEditFilter }) {
    const d = describeError(error);
    const app = useOptionalApp();
    const act = (() => {
        switch (error.action) {
            case "retry":
                return onRetry;
            case "editFilter":
                return onEditFilter;
            case "signIn":
            case "openSettings":
                return app ? () => app.go({ screen: "accounts", account: app.account?.id }) : undefined;
            default:
                return undefined;
        }
    })();
    return (_jsxs(MessageBar, { intent: "error", layout: "multiline", "data-testid": "error-bar", "data-code": error.code, children: [_jsxs(MessageBarBody, { children: [_jsx(MessageBarTitle, { children: d.title }), error.message, error.detail ? (_jsx(Accordion, { collapsible: true, children: _jsxs(AccordionItem, { value: "details", children: [_jsx(AccordionHeader, { size: "small", children: "Details" }), _jsx(AccordionPanel, { children: _jsx(Text, { size: 200, font: "monospace", children: error.detail }) })] }) })) : null] }), d.actionLabel && act ? (_jsx(MessageBarActions, { children: _jsx(Button, { onClick: act, "data-testid": "error-action", children: d.actionLabel }) })) : null] }));
}
// Something worth knowing that is not an error (a saved copy was set aside, say).
export function NoteBar({ text, intent = "warning" }) {
    return (_jsx(MessageBar, { intent: intent, layout: "multiline", "data-testid": "note-bar", children: _jsx(MessageBarBody, { children: text }) }));
}
