export function isUiError(e) {
    return typeof e === "object" && e !== null && "code" in e && "message" in e;
}
/// Anything thrown (including a JavaScript failure) as a UiError.
export function toUiError(e) {
    if (isUiError(e))
        return e;
    const message = e instanceof Error ? e.message : String(e);
    console.error("window error", e);
    return {
        code: "internal",
        message: "Something went wrong in the window. Try again; if it keeps happening, the details are in the log file.",
        action: "retry",
        detail: message,
    };
}
export const TITLES = {
    usage: "That can't be done that way",
    unreachable: "Partner Center can't be reached",
    network: "The connection dropped",
    bad_response: "Partner Center sent data we couldn't read",
    sign_in_required: "Sign in again",
    mfa_required: "Multi-factor sign-in needed",
    sign_in_failed: "Sign-in didn't work",
    forbidden: "No access",
    bad_request: "Partner Center refused the request",
    bad_filter: "Check the filter",
    bad_question: "Check the options",
    unknown_column: "Unknown column",
    not_found: "Not found",
    not_loaded: "No data yet",
    not_ready: "Not ready yet",
    throttled: "Partner Center is busy",
    server_error: "Partner Center had a problem",
    cancelled: "Stopped",
    cache_corrupt: "Saved data was damaged",
    file: "The file couldn't be written",
    exists: "That name is taken",
    disk_full: "Your disk is full",
    settings: "Settings couldn't be saved",
    secrets: "Sign-ins couldn't be kept",
    bad_account: "The account's settings are not right",
    port: "The sample data couldn't start",
    internal: "Something went wrong",
};
export const ACTIONS = {
    retry: "Try again",
    signIn: "Sign in",
    openSettings: "Open settings",
    editFilter: "Edit filter",
};
export function describeError(e) {
    return {
        title: TITLES[e.code] ?? "Something went wrong",
        actionLabel: e.action ? ACTIONS[e.action] : null,
    };
}
