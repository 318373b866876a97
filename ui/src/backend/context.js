import { jsx as _jsx } from "react/jsx-runtime";
// Which backend the window talks to: the real one (Tauri IPC) in the app, a typed mock in tests.
import { createContext, useContext } from "react";
import { tauriBackend } from "./index";
const BackendContext = createContext(tauriBackend);
export function BackendProvider({ backend, children }) {
    return _jsx(BackendContext.Provider, { value: backend, children: children });
}
export function useBackend() {
    return useContext(BackendContext);
}
