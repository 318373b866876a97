import { jsx as _jsx } from "react/jsx-runtime";
import React from "react";
import ReactDOM from "react-dom/client";
import { RendererProvider, createDOMRenderer } from "@fluentui/react-components";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "./app/App";
import { tauriBackend } from "./backend";
import { BackendProvider } from "./backend/context";
import "./index.css";
// The CSP allows only styles carrying this page's nonce (Tauri puts it on the empty <style> in
// index.html); Fluent's style engine adds its rules with the same nonce.
const nonce = document.querySelector("style[nonce]")?.nonce || undefined;
const renderer = createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : undefined);
const queries = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } },
});
ReactDOM.createRoot(document.getElementById("root")).render(_jsx(React.StrictMode, { children: _jsx(RendererProvider, { renderer: renderer, targetDocument: document, children: _jsx(QueryClientProvider, { client: queries, children: _jsx(BackendProvider, { backend: tauriBackend, children: _jsx(App, {}) }) }) }) }));
