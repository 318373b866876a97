// Accounts: every state in plain words, adding an account with each way of signing in, and the
// actions on an account (rename, default, sign out, remove with a confirmation).
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockBackend } from "../../test/mockBackend";
import { renderApp } from "../../test/render";
import { expectAccessible } from "../../test/axe";
import { SAMPLE, account, appInfo } from "../../test/fixtures";
import type { AccountView } from "../../backend";

const STATES: AccountView[] = [
  account("eu", "Contoso Europe", { isDefault: true }),
  account("us", "Contoso US", { state: { kind: "needsSignIn" }, warning: "Contoso US needs you to sign in again." }),
  account("apac", "Contoso APAC", { method: "password", username: "ops@contoso.com", state: { kind: "mfaRequired" } }),
  account("latam", "Contoso LATAM", { method: "appSecret", state: { kind: "noAccess" } }),
  account("cn", "Contoso China", { cloud: "China (21Vianet)", cloudKind: "china", state: { kind: "offline" } }),
  account("new", "Contoso New", { state: { kind: "needsSignIn" }, everSignedIn: false }),
];

function withAccounts(accounts: AccountView[], over: Parameters<typeof mockBackend>[0] = {}) {
  return mockBackend({ checkAccount: async (id) => accounts.find((a) => a.id === id)!, ...over }, appInfo({ accounts }));
}

async function fill(label: string, value: string) {
  const box = screen.getByTestId(label);
  await userEvent.clear(box);
  await userEvent.type(box, value);
}

describe("Accounts", () => {
  it("shows each account's state in plain words, and what to do about it", async () => {
    const b = withAccounts(STATES);
    renderApp(b, "#/accounts");
    const card = async (id: string) => within(await screen.findByTestId(`account-${id}`));
    expect((await card("eu")).getByTestId("state-text").textContent).toContain("Signed in as alex@eu.com");
    expect((await card("eu")).getByTestId("default-badge")).toBeTruthy();
    expect((await card("us")).getByTestId("state-text").textContent).toContain("The sign-in has ended");
    // Once on the card, as the button: the badge says the state.
    expect((await card("us")).getAllByText(/Sign in again/)).toHaveLength(1);
    expect((await card("us")).getByText("Signed out")).toBeTruthy();
    // A new account, its first sign-in still to come: not an alarm.
    expect((await card("new")).getByTestId("state-text").textContent).toContain("Not signed in yet");
    expect((await card("new")).getByTestId("sign-in-again").textContent).toBe("Sign in");
    expect((await card("us")).getByTestId("sign-in-again")).toBeTruthy();
    expect((await card("apac")).getByTestId("state-text").textContent).toContain("Multi-factor sign-in required");
    expect((await card("latam")).getByTestId("state-text").textContent).toContain("No access to analytics");
    expect((await card("cn")).getByTestId("state-text").textContent).toContain("Can't reach Partner Center");
    expect((await card("cn")).getByText(/China \(21Vianet\)/)).toBeTruthy();
    await waitFor(() => expect(b.checkAccount).toHaveBeenCalledTimes(STATES.length));
    await expectAccessible();
  });

  it("Sign in with Microsoft: nothing typed, the account named after its organisation, what it can see", async () => {
    const b = mockBackend();
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("sign-in-new"));
    const dialog = await screen.findByTestId("new-sign-in-dialog");
    expect(within(dialog).queryByRole("textbox")).toBeNull();
    await expectAccessible();
    await userEvent.click(await within(dialog).findByTestId("sign-in-microsoft"));
    await waitFor(() => expect(b.signInNew).toHaveBeenCalledWith("global", expect.stringMatching(/^signin-browser-/)));
    const card = within(await screen.findByTestId("account-contoso-ltd"));
    expect(card.getByText("Contoso Ltd")).toBeTruthy();
    const lines = card.getByTestId("access-lines").textContent!;
    expect(lines).toContain("Reads all of Partner Center's analytics.");
    expect(lines).toContain("Revenue is hidden: ask your Partner Center admin for the Executive report viewer role.");
    expect(card.getByText("alex@contoso.com · browser sign-in")).toBeTruthy();
  });

  it("another cloud is a choice behind Other clouds, not a field", async () => {
    const b = mockBackend();
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("sign-in-new"));
    await userEvent.click(await screen.findByTestId("other-clouds"));
    await userEvent.click(await screen.findByTestId("cloud-choice-usGovernment"));
    expect(screen.getByTestId("cloud-picked").textContent).toBe("Signing in to: US Government");
    await userEvent.click(screen.getByTestId("sign-in-microsoft"));
    await waitFor(() => expect(b.signInNew).toHaveBeenCalledWith("usGovernment", expect.any(String)));
  });

  it("when the organisation must approve the app: one sentence, the link for the admin, Try again", async () => {
    let calls = 0;
    const b = mockBackend({
      signInNew: async () => {
        calls += 1;
        if (calls === 1) {
          throw { code: "consent_required", message: "Your organisation needs an administrator to approve Partner Lens once.", action: "signIn", detail: null };
        }
        return account("adatum", "Adatum Corporation");
      },
    });
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("sign-in-new"));
    await userEvent.click(await screen.findByTestId("sign-in-microsoft"));
    const box = await screen.findByTestId("consent-needed");
    expect(box.textContent).toContain("needs an administrator to approve Partner Lens once");
    await waitFor(() => expect((screen.getByTestId("admin-link") as HTMLInputElement).value).toContain("/adminconsent?client_id="));
    expect(b.adminConsentLink).toHaveBeenCalledWith("global", null);
    await userEvent.click(screen.getByTestId("consent-retry"));
    expect((await screen.findByTestId("account-toast")).textContent).toContain("Adatum Corporation: signed in as alex@adatum.com");
    expect(calls).toBe(2);
  });

  it("an organisation's policy: only Sign in, and no IT setup", async () => {
    const b = mockBackend({
      signInSetup: async () => ({
        ready: true,
        problem: null,
        byOrganisation: true,
        policySource: "/etc/partner-lens/policy.json",
        fixedCloud: "global",
        browser: true,
        deviceCode: false,
        itSetup: false,
        itMethods: ["browser"],
      }),
    });
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("sign-in-new"));
    expect((await screen.findByTestId("by-organisation")).textContent).toContain("Set up by your organisation");
    expect(screen.queryByTestId("other-clouds")).toBeNull();
    expect(screen.queryByTestId("add-account")).toBeNull();
  });

  it("adds an account with browser sign-in: waiting, then signed in", async () => {
    let finish: (a: AccountView) => void = () => {};
    const b = mockBackend({
      signInBrowser: (id) =>
        new Promise((done) => {
          finish = (a) => done({ ...a, id });
        }),
    });
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("add-account"));
    const dialog = await screen.findByTestId("add-account-dialog");
    await expectAccessible();
    await userEvent.click(within(dialog).getByTestId("add-account-submit"));
    expect(within(dialog).getByTestId("form-problem").textContent).toBe("Give the account a name.");
    await fill("account-name-input", "Contoso Europe");
    await fill("tenant", "contoso.onmicrosoft.com");
    await fill("client-id", "11111111-2222-3333-4444-555555555555");
    await userEvent.click(within(dialog).getByTestId("add-account-submit"));
    await waitFor(() =>
      expect(b.addAccount).toHaveBeenCalledWith(
        expect.objectContaining({ name: "Contoso Europe", cloud: "global", tenant: "contoso.onmicrosoft.com", method: "browser" }),
        null,
        null,
        null,
      ),
    );
    expect((await screen.findByTestId("browser-waiting")).textContent).toContain("Waiting for your browser…");
    expect(b.signInBrowser).toHaveBeenCalledWith("contoso-europe", expect.stringMatching(/^signin-browser-/));
    finish(account("contoso-europe", "Contoso Europe"));
    expect((await screen.findByTestId("account-toast")).textContent).toContain("Contoso Europe: signed in as alex@contoso-europe.com");
    await waitFor(() => expect(screen.queryByTestId("add-account-dialog")).toBeNull());
  });

  it("cancelling the sign-in of a new account removes it again", async () => {
    const b = mockBackend({ signInBrowser: () => new Promise(() => {}) });
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("add-account"));
    await fill("account-name-input", "Fabrikam");
    await fill("tenant", "fabrikam.onmicrosoft.com");
    await fill("client-id", "c");
    await userEvent.click(screen.getByTestId("add-account-submit"));
    await userEvent.click(await screen.findByTestId("cancel-sign-in"));
    await waitFor(() => expect(b.removeAccount).toHaveBeenCalledWith("fabrikam"));
    expect(b.cancelJob).toHaveBeenCalledWith(expect.stringMatching(/^signin-browser-/));
  });

  it("signs in with a code on another device: the code large, Copy, the link, a countdown", async () => {
    const b = withAccounts([account("us", "Contoso US", { method: "deviceCode", state: { kind: "needsSignIn" } })]);
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("sign-in-again"));
    expect((await screen.findByTestId("device-user-code")).textContent).toBe("HXQ4-T7PL");
    expect(screen.getByTestId("device-countdown").textContent).toMatch(/works for 1[45]:\d\d more/);
    await userEvent.click(screen.getByTestId("device-link"));
    expect(b.openLink).toHaveBeenCalledWith("https://microsoft.com/devicelogin");
    expect(b.finishDeviceSignIn).toHaveBeenCalledWith("us", expect.stringMatching(/^signin-device-/));
    await expectAccessible();
  });

  it("explains AADSTS50076 when a password is refused for multi-factor, and offers the browser", async () => {
    const b = withAccounts([account("apac", "Contoso APAC", { method: "password", username: "ops@contoso.com", state: { kind: "needsSignIn" } })]);
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("sign-in-again"));
    await userEvent.type(await screen.findByTestId("password"), "not-the-password");
    await userEvent.click(screen.getByTestId("password-submit"));
    expect((await screen.findByTestId("mfa-explained")).textContent).toContain("AADSTS50076");
    await userEvent.click(screen.getByTestId("use-browser"));
    await waitFor(() => expect(b.signInBrowser).toHaveBeenCalledWith("apac", expect.any(String)));
    expect((await screen.findByTestId("account-toast")).textContent).toContain("Contoso APAC: signed in");
  });

  it("adds an app account with a certificate picked in the Open dialog", async () => {
    const b = mockBackend();
    renderApp(b, "#/accounts");
    await userEvent.click(await screen.findByTestId("add-account"));
    await fill("account-name-input", "Contoso app");
    await fill("tenant", "contoso.onmicrosoft.com");
    await fill("client-id", "app-id");
    await userEvent.click(screen.getByTestId("method-appCertificate"));
    await userEvent.click(screen.getByTestId("add-account-submit"));
    expect(screen.getByTestId("form-problem").textContent).toBe("Choose the certificate file.");
    await userEvent.click(screen.getByTestId("choose-certificate"));
    expect((await screen.findByTestId("certificate-name")).textContent).toBe("partner-lens.pfx");
    await userEvent.type(screen.getByLabelText("PFX password"), "pfx-pass");
    await userEvent.click(screen.getByTestId("add-account-submit"));
    await waitFor(() =>
      expect(b.addAccount).toHaveBeenCalledWith(expect.objectContaining({ method: "appCertificate" }), null, "/home/alex/certs/partner-lens.pfx", "pfx-pass"),
    );
    await waitFor(() => expect(b.checkAccount).toHaveBeenCalledWith("contoso-app"));
  });

  it("renames, makes default, signs out, and removes only after asking", async () => {
    const b = withAccounts([SAMPLE, account("eu", "Contoso Europe")]);
    renderApp(b, "#/accounts");
    const eu = within(await screen.findByTestId("account-eu"));
    await userEvent.click(eu.getByTestId("account-menu"));
    await userEvent.click(await screen.findByTestId("menu-rename"));
    await fill("rename-input", "Contoso EMEA");
    await userEvent.click(screen.getByTestId("rename-save"));
    await waitFor(() => expect(b.renameAccount).toHaveBeenCalledWith("eu", "Contoso EMEA"));
    await userEvent.click(eu.getByTestId("account-menu"));
    await userEvent.click(await screen.findByTestId("menu-default"));
    await waitFor(() => expect(b.makeDefaultAccount).toHaveBeenCalledWith("eu"));
    await userEvent.click(eu.getByTestId("account-menu"));
    await userEvent.click(await screen.findByTestId("menu-sign-out"));
    await waitFor(() => expect(b.signOut).toHaveBeenCalledWith("eu"));
    await userEvent.click(eu.getByTestId("account-menu"));
    await userEvent.click(await screen.findByTestId("menu-remove"));
    const confirm = await screen.findByTestId("remove-dialog");
    expect(confirm.textContent).toContain("deletes the data fetched for it");
    expect(b.removeAccount).not.toHaveBeenCalled();
    await userEvent.click(within(confirm).getByTestId("remove-confirm"));
    await waitFor(() => expect(b.removeAccount).toHaveBeenCalledWith("eu"));
  });

  it("warns before a sign-in runs out, on every screen, with one button", async () => {
    const soon = account("eu", "Contoso Europe", { warning: "Contoso Europe has not been used for 80 days: open it within 10 days or it will need a new sign-in." });
    const b = withAccounts([SAMPLE, soon]);
    renderApp(b, "#/settings");
    const banner = await screen.findByTestId("health-banner");
    expect(banner.textContent).toContain("open it within 10 days");
    await userEvent.click(within(banner).getByTestId("health-sign-in"));
    await waitFor(() => expect(b.signInBrowser).toHaveBeenCalledWith("eu", expect.any(String)));
    // Signed in again: the warning is gone.
    await waitFor(() => expect(screen.queryByTestId("health-banner")).toBeNull());
  });
});
