import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Accounts: the Partner Center accounts Partner Lens reads (the same registry and keyring vault
// as `partner-lens accounts`), each with its state in plain words; adding one, signing in
// again, renaming, the default, signing out and removing.
import { useState } from "react";
import { Button, Toast, ToastTitle, makeStyles, useToastController } from "@fluentui/react-components";
import { Add20Regular, DataBarVertical24Regular, PeopleTeam24Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, usePutAccount, useStartSample } from "../../backend/queries";
import { useApp } from "../../app/context";
import { TOASTER } from "../../app/toaster";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { AccountCard } from "./AccountCard";
import { AddAccountDialog } from "./AddAccountDialog";
import { RemoveDialog } from "./RemoveDialog";
import { RenameDialog } from "./RenameDialog";
import { SignInDialog } from "./SignInDialog";
const useStyles = makeStyles({
    list: { display: "flex", flexDirection: "column", gap: "10px", maxWidth: "780px" },
});
export function AccountsScreen() {
    const s = useStyles();
    const { info, go } = useApp();
    const b = useBackend();
    const qc = useQueryClient();
    const put = usePutAccount();
    const start = useStartSample();
    const { dispatchToast } = useToastController(TOASTER);
    const [adding, setAdding] = useState(false);
    const [signingIn, setSigningIn] = useState(null);
    const [renaming, setRenaming] = useState(null);
    const [renameError, setRenameError] = useState(null);
    const [removing, setRemoving] = useState(null);
    const [error, setError] = useState(null);
    const toast = (text) => dispatchToast(_jsx(Toast, { "data-testid": "account-toast", children: _jsx(ToastTitle, { children: text }) }), { intent: "success" });
    const changed = (a) => {
        if (a) {
            put(a);
            // Checked again from the backend (what the dialog held may be older than what it did).
            void qc.invalidateQueries({ queryKey: keys.check(a.id) });
        }
        void qc.invalidateQueries({ queryKey: keys.appInfo });
        void qc.invalidateQueries({ queryKey: ["home"] });
    };
    const run = async (f) => {
        setError(null);
        try {
            await f();
        }
        catch (e) {
            setError(toUiError(e));
        }
    };
    const signedIn = (a) => {
        setSigningIn(null);
        changed(a);
        // A new sign-in means new data may be readable: Explore and Home ask again.
        qc.removeQueries({ queryKey: ["tableStatus", a.id] });
        toast(a.state.kind === "signedIn" ? `${a.name}: ${a.state.who === a.name ? "signed in" : `signed in as ${a.state.who}`}` : `${a.name} is added`);
    };
    const actions = {
        onSignIn: setSigningIn,
        onRename: (a) => {
            setRenameError(null);
            setRenaming(a);
        },
        onMakeDefault: (a) => void run(async () => {
            await b.makeDefaultAccount(a.id);
            changed();
            toast(`${a.name} opens first from now on`);
        }),
        onSignOut: (a) => void run(async () => {
            changed(await b.signOut(a.id));
            toast(`${a.name} is signed out`);
        }),
        onRemove: setRemoving,
    };
    return (_jsxs(_Fragment, { children: [_jsx(PageHeader, { title: "Accounts", subtitle: "The Partner Center accounts Partner Lens reads. Sign-ins are kept in your system's keyring.", actions: _jsx(Button, { appearance: "primary", icon: _jsx(Add20Regular, {}), onClick: () => setAdding(true), "data-testid": "add-account", children: "Add account" }) }), error ? _jsx(ErrorBar, { error: { ...error, action: null } }) : null, info.accounts.length ? (_jsx("div", { className: s.list, "data-testid": "account-list", children: info.accounts.map((a) => (_jsx(AccountCard, { account: a, actions: actions }, a.id))) })) : (_jsx(EmptyState, { icon: _jsx(PeopleTeam24Regular, {}), title: "No account yet", testId: "no-accounts", actions: _jsxs(_Fragment, { children: [_jsx(Button, { appearance: "primary", icon: _jsx(Add20Regular, {}), onClick: () => setAdding(true), children: "Add account" }), _jsx(Button, { icon: _jsx(DataBarVertical24Regular, {}), onClick: () => start.mutate(undefined, { onSuccess: (a) => go({ screen: "home", account: a.id }) }), children: "Try with sample data" })] }), children: "Add your Partner Center account to see your own data. You need your tenant and the application (client) ID of an app registration with access to Partner Center analytics." })), _jsx(AddAccountDialog, { open: adding, onClose: () => setAdding(false), onAdded: (a) => {
                    setAdding(false);
                    signedIn(a);
                } }), _jsx(SignInDialog, { account: signingIn, onClose: () => setSigningIn(null), onDone: signedIn }), _jsx(RenameDialog, { account: renaming, error: renameError, onClose: () => setRenaming(null), onRename: (name) => {
                    if (!renaming)
                        return;
                    b.renameAccount(renaming.id, name).then((a) => {
                        setRenaming(null);
                        changed(a);
                    }, (e) => setRenameError(toUiError(e).message));
                } }), _jsx(RemoveDialog, { account: removing, onClose: () => setRemoving(null), onRemove: () => {
                    const a = removing;
                    setRemoving(null);
                    if (a)
                        void run(async () => {
                            await b.removeAccount(a.id);
                            qc.removeQueries({ queryKey: keys.check(a.id) });
                            changed();
                            toast(`${a.name} is removed`);
                        });
                } })] }));
}
