// The one table that turns an error code from the backend into a title and an action button.
// It is keyed by the generated ErrorCode type, so a code the backend can send without words
// here fails the type check. The message itself comes from the backend in plain words.
import type { Action, ErrorCode, ServiceError } from "./bindings";

export type UiError = ServiceError;

export function isUiError(e: unknown): e is UiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/// Anything thrown (including a JavaScript failure) as a UiError.
export function toUiError(e: unknown): UiError {
  if (isUiError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  console.error("window error", e);
  return {
    code: "internal",
    message: "Something went wrong in the window. Try again; if it keeps happening, the details are in the log file.",
    action: "retry",
    detail: message,
  };
}

export const TITLES: Record<ErrorCode, string> = {
  usage: "That can't be done that way",
  unreachable: "Partner Center can't be reached",
  network: "The connection dropped",
  bad_response: "Partner Center sent data we couldn't read",
  sign_in_required: "Sign in again",
  mfa_required: "Multi-factor sign-in needed",
  sign_in_failed: "Sign-in didn't work",
  consent_required: "Your organisation's approval is needed",
  no_application: "Sign-in isn't set up in this copy",
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

export const ACTIONS: Record<Action, string> = {
  retry: "Try again",
  signIn: "Sign in",
  openSettings: "Open settings",
  editFilter: "Edit filter",
};

export function describeError(e: UiError): { title: string; actionLabel: string | null } {
  return {
    title: TITLES[e.code] ?? "Something went wrong",
    actionLabel: e.action ? ACTIONS[e.action] : null,
  };
}
