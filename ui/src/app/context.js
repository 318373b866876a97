// What every screen may ask of the frame: where it is, how to go elsewhere, which account is
// in use, whether the theme is dark.
import { createContext, useContext } from "react";
export const AppContext = createContext(null);
export function useApp() {
    const v = useContext(AppContext);
    if (!v)
        throw new Error("useApp outside the app frame");
    return v;
}
/// The frame's context where there may be none (an error shown before the frame exists).
export function useOptionalApp() {
    return useContext(AppContext);
}
