export const ALL_ACCOUNTS = "all";
export function allAccounts(accounts) {
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
        warning: null,
    };
}
/// Whether "All accounts" is worth offering: two or more accounts.
export function offersAll(accounts) {
    return accounts.length >= 2;
}
