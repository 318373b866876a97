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
const nonce = document.querySelector<HTMLStyleElement>("style[nonce]")?.nonce || undefined;
const renderer = createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : undefined);

const queries = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } },
});

ReactDOM.createRoot(document.getElementById("root")!).render(
  <React.StrictMode>
    <RendererProvider renderer={renderer} targetDocument={document}>
      <QueryClientProvider client={queries}>
        <BackendProvider backend={tauriBackend}>
          <App />
        </BackendProvider>
      </QueryClientProvider>
    </RendererProvider>
  </React.StrictMode>,
);
