import { describe, expect, it } from "vitest";
import { ACTIONS, TITLES, describeError, toUiError } from "./errors";
describe("errors", () => {
    it("every code has a title and every action a label", () => {
        for (const [code, title] of Object.entries(TITLES)) {
            expect(title.length, code).toBeGreaterThan(3);
            expect(title, code).not.toMatch(/_/);
        }
        expect(Object.values(ACTIONS)).toEqual(["Try again", "Sign in", "Open settings", "Edit filter"]);
        expect(describeError({ code: "mfa_required", message: "m", action: "signIn", detail: null })).toEqual({
            title: "Multi-factor sign-in needed",
            actionLabel: "Sign in",
        });
    });
    it("a failure in the window becomes plain words, with the cause kept as detail", () => {
        const e = toUiError(new TypeError("x is undefined"));
        expect(e.code).toBe("internal");
        expect(e.message).not.toContain("undefined");
        expect(e.detail).toBe("x is undefined");
    });
});
