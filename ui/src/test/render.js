import { jsx as _jsx } from "react/jsx-runtime";
// Renders the whole app (frame, router, screens) over a mock backend at a given address.
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "../app/App";
import { BackendProvider } from "../backend/context";
export function renderApp(backend, hash = "") {
    window.history.replaceState(null, "", hash || "#");
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
    return render(_jsx(QueryClientProvider, { client: qc, children: _jsx(BackendProvider, { backend: backend, children: _jsx(App, {}) }) }));
}
