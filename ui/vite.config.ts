import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The window loads the built files from inside the binary; the dev server is only for UI work.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    // Whole-app tests on a shared two-core machine: a few seconds each, sometimes more.
    testTimeout: 20_000,
  },
});
