// Renders the whole app (frame, router, screens) over a mock backend at a given address.
import { render } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "../app/App";
import type { Backend } from "../backend";
import { BackendProvider } from "../backend/context";

export function renderApp(backend: Backend, hash = "") {
  window.history.replaceState(null, "", hash || "#");
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <BackendProvider backend={backend}>
        <App />
      </BackendProvider>
    </QueryClientProvider>,
  );
}
