// Which backend the window talks to: the real one (Tauri IPC) in the app, a typed mock in tests.
import { createContext, useContext, type ReactNode } from "react";
import { tauriBackend, type Backend } from "./index";

const BackendContext = createContext<Backend>(tauriBackend);

export function BackendProvider({ backend, children }: { backend: Backend; children: ReactNode }) {
  return <BackendContext.Provider value={backend}>{children}</BackendContext.Provider>;
}

export function useBackend(): Backend {
  return useContext(BackendContext);
}
