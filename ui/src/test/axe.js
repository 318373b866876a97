// Accessibility checks with axe-core: a test fails on any violation. Colour contrast needs
// layout, which jsdom does not do; it is checked by eye on the window's screenshots.
import axe from "axe-core";
import { expect } from "vitest";
export async function expectAccessible(root = document.body) {
    const result = await axe.run(root, {
        rules: { "color-contrast": { enabled: false } },
        resultTypes: ["violations"],
    });
    const problems = result.violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ") + " " + n.failureSummary).join("\n  ")}`);
    expect(problems, problems.join("\n\n")).toEqual([]);
}
