import { describe, expect, it } from "vitest";
import { describeError, toUiError } from "./errors";

describe("errors", () => {
  it("gives every code the backend sends a title, and actions a label", () => {
    for (const code of ["unreachable", "bad_response", "sign_in_required", "mfa_required", "throttled", "bad_filter"]) {
      expect(describeError({ code, message: "m", action: "retry", detail: null }).title).not.toBe("Something went wrong");
    }
    expect(describeError({ code: "mfa_required", message: "", action: "signIn", detail: null }).actionLabel).toBe("Sign in");
  });

  it("turns anything thrown into a UiError", () => {
    expect(toUiError(new Error("boom")).message).toContain("boom");
    expect(toUiError("command not found").code).toBe("internal");
    const e = { code: "network", message: "x", action: null, detail: null };
    expect(toUiError(e)).toBe(e);
  });
});
