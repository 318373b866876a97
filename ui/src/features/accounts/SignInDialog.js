import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// "Sign in again" for an account that exists: from its card or from the health banner.
import { Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles } from "@fluentui/react-components";
import { SignInFlow } from "./SignInFlow";
const useStyles = makeStyles({ surface: { width: "560px", maxWidth: "calc(100vw - 48px)" } });
export function SignInDialog({ account, onClose, onDone, }) {
    const s = useStyles();
    return (_jsx(Dialog, { open: account !== null, onOpenChange: (_, d) => !d.open && onClose(), modalType: "modal", children: _jsx(DialogSurface, { className: s.surface, "data-testid": "sign-in-dialog", children: account ? (_jsxs(DialogBody, { children: [_jsxs(DialogTitle, { children: ["Sign in to ", account.name] }), _jsx(DialogContent, { children: _jsx(SignInFlow, { account: account, onDone: onDone, onCancel: onClose }) })] })) : null }) }));
}
