// The one table that turns an error code from the backend into a title and an action button.
// The message itself comes from the backend in plain words; this adds what to call it and
// what the button says.
import type { Action, ServiceError } from "./bindings";

export type UiError = ServiceError;

export function isUiError(e: unknown): e is UiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/// Anything thrown (including a JavaScript failure) as a UiError.
export function toUiError(e: unknown): UiError {
  if (isUiError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { code: "internal", message: `Something went wrong in the window: ${message}`, action: "retry", detail: null };
}

const TITLES: Record<string, string> = {
  unreachable: "Partner Center can't be reached",
  network: "The connection dropped",
  bad_response: "Partner Center sent data we couldn't read",
  sign_in_required: "Sign in again",
  mfa_required: "Multi-factor sign-in needed",
  sign_in_failed: "Sign-in didn't work",
  forbidden: "Not allowed",
  bad_request: "Partner Center refused the request",
  bad_filter: "Check the filter",
  bad_question: "Check the options",
  unknown_column: "Unknown column",
  not_found: "Not found",
  not_loaded: "No data yet",
  throttled: "Partner Center is busy",
  server_error: "Partner Center had a problem",
  cancelled: "Cancelled",
  cache_corrupt: "Saved data was damaged",
  file: "File problem",
  internal: "Something went wrong",
};

const ACTIONS: Record<Action, string> = {
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
