import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";

// Fluent's focus manager logs after teardown unless each test's tree is unmounted.
afterEach(() => cleanup());

// jsdom does no layout, so every element measures 0×0 and a virtualised table would show no
// rows. Give elements a plausible size instead.
Object.defineProperty(HTMLElement.prototype, "offsetHeight", { configurable: true, get: () => 360 });
Object.defineProperty(HTMLElement.prototype, "offsetWidth", { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 360 });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 800 });
HTMLElement.prototype.getBoundingClientRect = function () {
  return { x: 0, y: 0, top: 0, left: 0, bottom: 360, right: 800, width: 800, height: 360, toJSON: () => ({}) } as DOMRect;
};
