import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// The app-only credential: a client secret, or a certificate file (PEM with its key, or a PFX
// with its password) picked in the system's Open dialog. Nothing typed here is kept by the
// window: it goes to the backend, which puts it in the system keyring.
import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DocumentKey20Regular } from "@fluentui/react-icons";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
export const NO_CREDENTIAL = { secret: "", certificatePath: null, certificatePassword: "" };
const useStyles = makeStyles({
    file: { display: "flex", alignItems: "center", gap: "10px", flexWrap: "wrap" },
    name: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
    muted: { color: tokens.colorNeutralForeground3 },
});
export function isPfx(path) {
    return !!path && /\.(pfx|p12)$/i.test(path);
}
/// Whether enough is given to sign in with.
export function credentialReady(method, c) {
    if (method === "appSecret")
        return c.secret.trim().length > 0;
    if (method === "appCertificate")
        return c.certificatePath !== null;
    return true;
}
/// The arguments the backend takes: (secret, certificate path, certificate password).
export function credentialArgs(method, c) {
    if (method === "appSecret")
        return [c.secret.trim(), null, null];
    if (method === "appCertificate")
        return [null, c.certificatePath, isPfx(c.certificatePath) ? c.certificatePassword : null];
    return [null, null, null];
}
export function AppCredentialFields({ method, value, onChange, onError, }) {
    const s = useStyles();
    const b = useBackend();
    if (method === "appSecret") {
        return (_jsx(Field, { label: "Client secret", required: true, hint: "The secret's value from the app registration (not its ID).", children: _jsx(Input, { type: "password", value: value.secret, onChange: (_, d) => onChange({ ...value, secret: d.value }), autoComplete: "off", "data-testid": "client-secret" }) }));
    }
    if (method !== "appCertificate")
        return null;
    const choose = async () => {
        try {
            const path = await b.chooseCertificateFile();
            if (path)
                onChange({ ...value, certificatePath: path });
        }
        catch (e) {
            onError(toUiError(e).message);
        }
    };
    const fileName = value.certificatePath?.split(/[\\/]/).pop() ?? null;
    return (_jsxs(_Fragment, { children: [_jsx(Field, { label: "Certificate", required: true, hint: "A .pem file with the certificate and its private key, or a .pfx file.", children: _jsxs("div", { className: s.file, children: [_jsx(Button, { icon: _jsx(DocumentKey20Regular, {}), onClick: () => void choose(), "data-testid": "choose-certificate", children: fileName ? "Choose another file…" : "Choose file…" }), fileName ? (_jsx(Text, { className: s.name, title: value.certificatePath ?? undefined, "data-testid": "certificate-name", children: fileName })) : (_jsx(Text, { className: s.muted, children: "No file chosen" }))] }) }), isPfx(value.certificatePath) ? (_jsx(Field, { label: "PFX password", hint: "Leave empty if the file has none.", children: _jsx(Input, { type: "password", value: value.certificatePassword, onChange: (_, d) => onChange({ ...value, certificatePassword: d.value }), autoComplete: "off" }) })) : null] }));
}
