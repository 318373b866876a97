// "All accounts": one account-shaped entry that the backend answers by combining every
// signed-in account (with the account as a field), so screens need no special case.
import type { AccountView } from "../backend";

export const ALL_ACCOUNTS = "all";

export function allAccounts(accounts: AccountView[]): AccountView {
  return {
    id: ALL_ACCOUNTS,
    name: "All accounts",
    cloud: "",
    cloudKind: "custom",
    tenant: "",
    clientId: "",
    method: "browser",
    username: null,
    sample: accounts.length > 0 && accounts.every((a) => a.sample),
    isDefault: false,
    state: { kind: "signedIn", who: "" },
    checkedAt: null,
    everSignedIn: true,
    warning: null,
    access: [],
    revenueHidden: false,
  };
}

/// Whether "All accounts" is worth offering: two or more accounts.
export function offersAll(accounts: AccountView[]): boolean {
  return accounts.length >= 2;
}
