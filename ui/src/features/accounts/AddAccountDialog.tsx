// "Set up by your IT department": the cloud, the organisation, the app registration and how to
// sign in, each way with when it is needed and what it can read; then the sign-in itself in
// the same dialog. Cancelling the sign-in of an account just added removes
// it again, so a half-added account never lingers.
import { useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import type { AccountView, CloudKind, NewAccount, SignInMethod, UiError } from "../../backend";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";
import { AppCredentialFields, NO_CREDENTIAL, credentialArgs, credentialReady, type AppCredential } from "./AppCredentialFields";
import { SignInFlow } from "./SignInFlow";
import { CLOUDS, METHODS, stateWords } from "./words";

const useStyles = makeStyles({
  surface: { width: "600px", maxWidth: "calc(100vw - 48px)" },
  // When the form is taller than the window its content scrolls; the scrollbar then sits over the
  // fields' right edge unless the content keeps room for it.
  content: { paddingRight: "10px" },
  form: { display: "flex", flexDirection: "column", gap: "14px" },
  two: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "12px" },
  radio: { display: "flex", flexDirection: "column" },
  hint: { color: tokens.colorNeutralForeground3, marginLeft: "32px", marginTop: "-6px", marginBottom: "4px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const MAIN_METHODS: SignInMethod[] = ["browser", "deviceCode", "appSecret", "appCertificate"];

interface Form {
  name: string;
  cloud: Exclude<CloudKind, "sample">;
  authorityUrl: string;
  apiUrl: string;
  tenant: string;
  clientId: string;
  method: SignInMethod;
  username: string;
  credential: AppCredential;
}

const EMPTY: Form = {
  name: "",
  cloud: "global",
  authorityUrl: "",
  apiUrl: "",
  tenant: "",
  clientId: "",
  method: "browser",
  username: "",
  credential: NO_CREDENTIAL,
};

function missing(f: Form): string | null {
  if (!f.name.trim()) return "Give the account a name.";
  if (f.cloud === "custom" && (!f.authorityUrl.trim() || !f.apiUrl.trim())) return "Give both addresses of the custom cloud.";
  if (!f.tenant.trim()) return "Give the tenant: its domain (contoso.onmicrosoft.com) or its ID.";
  if (!f.clientId.trim()) return "Give the application (client) ID of your app registration.";
  if (f.method === "password" && !f.username.trim()) return "Give the user name.";
  if (!credentialReady(f.method, f.credential)) return f.method === "appSecret" ? "Give the client secret." : "Choose the certificate file.";
  return null;
}

type Step = { kind: "details" } | { kind: "signIn"; account: AccountView } | { kind: "checking"; account: AccountView } | { kind: "appFailed"; account: AccountView };

export function AddAccountDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (a: AccountView) => void }) {
  const s = useStyles();
  const b = useBackend();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(EMPTY);
  const [step, setStep] = useState<Step>({ kind: "details" });
  const [error, setError] = useState<UiError | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => setF((old) => ({ ...old, ...patch }));
  const app = f.method === "appSecret" || f.method === "appCertificate";
  const problem = missing(f);

  const reset = () => {
    setF(EMPTY);
    setStep({ kind: "details" });
    setError(null);
    setTried(false);
  };
  const close = () => {
    reset();
    onClose();
  };
  const finish = (a: AccountView) => {
    void qc.invalidateQueries({ queryKey: keys.appInfo });
    reset();
    onAdded(a);
  };
  const abandon = async (a: AccountView) => {
    try {
      await b.removeAccount(a.id);
    } finally {
      void qc.invalidateQueries({ queryKey: keys.appInfo });
      close();
    }
  };

  const add = async () => {
    setTried(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    const account: NewAccount = {
      name: f.name.trim(),
      cloud: f.cloud,
      authorityUrl: f.cloud === "custom" ? f.authorityUrl.trim() : null,
      apiUrl: f.cloud === "custom" ? f.apiUrl.trim() : null,
      tenant: f.tenant.trim(),
      clientId: f.clientId.trim(),
      method: f.method,
      username: f.method === "password" ? f.username.trim() : null,
    };
    try {
      const added = await b.addAccount(account, ...credentialArgs(f.method, f.credential));
      void qc.invalidateQueries({ queryKey: keys.appInfo });
      if (!app) {
        setStep({ kind: "signIn", account: added });
        return;
      }
      setStep({ kind: "checking", account: added });
      const checked = await b.checkAccount(added.id);
      if (checked.state.kind === "signedIn") finish(checked);
      else setStep({ kind: "appFailed", account: checked });
    } catch (e) {
      setError(toUiError(e));
      setStep((old) => (old.kind === "checking" ? { kind: "appFailed", account: old.account } : old));
    } finally {
      setBusy(false);
    }
  };

  const title = step.kind === "details" ? "Set up by your IT department" : `Sign in to ${step.account.name}`;
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && step.kind === "details" && close()} modalType="modal">
      <DialogSurface className={s.surface} data-testid="add-account-dialog">
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={s.content}>
            {step.kind === "signIn" ? (
              <SignInFlow account={step.account} onDone={finish} onCancel={() => void abandon(step.account)} />
            ) : step.kind === "checking" ? (
              <Spinner size="small" label="Checking the app's access to Partner Center…" labelPosition="after" />
            ) : step.kind === "appFailed" ? (
              <div className={s.form}>
                <MessageBar intent="error" layout="multiline" data-testid="app-check-failed">
                  <MessageBarBody>
                    {error?.message ??
                      [stateWords(step.account).text, ...step.account.access.filter((l) => !l.ok).map((l) => l.text)].join(" ")}
                  </MessageBarBody>
                </MessageBar>
                <Text>Check the values, or give the {f.method === "appSecret" ? "secret" : "certificate"} again:</Text>
                <SignInFlow account={step.account} onDone={finish} onCancel={() => void abandon(step.account)} />
              </div>
            ) : (
              <form
                className={s.form}
                id="add-account-form"
                // Our own message names what is missing, in words; the browser's bubble would not.
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  void add();
                }}
              >
                <Text className={s.muted}>
                  For accounts your IT department prepared: its own app registration, one organisation, or an app that
                  signs in by itself. Everyone else: close this and use Sign in with Microsoft.
                </Text>
                {error ? <ErrorBar error={{ ...error, action: null }} /> : null}
                <Field label="Name" required hint="How Partner Lens shows it: the company, region or tenant.">
                  <Input value={f.name} onChange={(_, d) => set({ name: d.value })} placeholder="Contoso Europe" data-testid="account-name-input" />
                </Field>
                <Field label="Cloud" hint={CLOUDS.find((c) => c.kind === f.cloud)?.hint}>
                  <Dropdown
                    value={CLOUDS.find((c) => c.kind === f.cloud)?.label}
                    selectedOptions={[f.cloud]}
                    onOptionSelect={(_, d) => d.optionValue && set({ cloud: d.optionValue as Form["cloud"] })}
                    data-testid="cloud"
                  >
                    {CLOUDS.map((c) => (
                      <Option key={c.kind} value={c.kind} data-testid={`cloud-${c.kind}`}>
                        {c.label}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
                {f.cloud === "custom" ? (
                  <div className={s.two}>
                    <Field label="Sign-in address" required>
                      <Input value={f.authorityUrl} onChange={(_, d) => set({ authorityUrl: d.value })} placeholder="https://login.example.com" data-testid="authority-url" />
                    </Field>
                    <Field label="API address" required>
                      <Input value={f.apiUrl} onChange={(_, d) => set({ apiUrl: d.value })} placeholder="https://api.example.com" data-testid="api-url" />
                    </Field>
                  </div>
                ) : null}
                <div className={s.two}>
                  <Field label="Tenant" required hint="Domain or directory ID">
                    <Input value={f.tenant} onChange={(_, d) => set({ tenant: d.value })} placeholder="contoso.onmicrosoft.com" data-testid="tenant" />
                  </Field>
                  <Field label="Application (client) ID" required hint="From your app registration">
                    <Input value={f.clientId} onChange={(_, d) => set({ clientId: d.value })} placeholder="00000000-0000-…" data-testid="client-id" />
                  </Field>
                </div>
                <Field label="How to sign in">
                  <RadioGroup value={f.method} onChange={(_, d) => set({ method: d.value as SignInMethod })} data-testid="method">
                    {[...MAIN_METHODS, ...(f.method === "password" ? (["password"] as SignInMethod[]) : [])].map((m) => (
                      <div key={m} className={s.radio}>
                        <Radio value={m} label={METHODS[m].label} data-testid={`method-${m}`} />
                        <Text size={200} className={s.hint}>
                          {METHODS[m].hint}
                        </Text>
                      </div>
                    ))}
                  </RadioGroup>
                </Field>
                {f.method !== "password" ? (
                  <Accordion collapsible>
                    <AccordionItem value="more">
                      <AccordionHeader size="small" data-testid="more-ways">
                        More ways to sign in
                      </AccordionHeader>
                      <AccordionPanel>
                        <Button appearance="subtle" onClick={() => set({ method: "password" })} data-testid="method-password">
                          {METHODS.password.label}
                        </Button>
                        <Text size={200} className={s.muted} as="p">
                          {METHODS.password.hint}
                        </Text>
                      </AccordionPanel>
                    </AccordionItem>
                  </Accordion>
                ) : (
                  <>
                    <MessageBar intent="warning" layout="multiline">
                      <MessageBarBody>
                        Partner Center refuses a user name and password wherever multi-factor sign-in is enforced, which it is
                        for everyone since April 2026 (Microsoft answers AADSTS50076). Sign in with the browser if you can.
                      </MessageBarBody>
                    </MessageBar>
                    <Field label="User name" required>
                      <Input value={f.username} onChange={(_, d) => set({ username: d.value })} placeholder="alex@contoso.com" data-testid="username" />
                    </Field>
                  </>
                )}
                <AppCredentialFields
                  method={f.method}
                  value={f.credential}
                  onChange={(credential) => set({ credential })}
                  onError={(message) => setError({ code: "file", message, action: null, detail: null })}
                />
                {tried && problem ? (
                  <Text role="alert" className={s.muted} data-testid="form-problem">
                    {problem}
                  </Text>
                ) : null}
              </form>
            )}
          </DialogContent>
          {step.kind === "details" ? (
            <DialogActions>
              <Button onClick={close} data-testid="add-account-cancel">
                Cancel
              </Button>
              <Button appearance="primary" type="submit" form="add-account-form" disabled={busy} data-testid="add-account-submit">
                {busy ? "Adding…" : app ? "Add account" : "Add and sign in"}
              </Button>
            </DialogActions>
          ) : step.kind === "appFailed" || step.kind === "signIn" ? (
            <DialogActions>
              <Button appearance="subtle" onClick={() => finish(step.account)} data-testid="keep-account">
                {step.kind === "signIn" ? "Keep it and sign in later" : "Keep it and close"}
              </Button>
            </DialogActions>
          ) : null}
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
