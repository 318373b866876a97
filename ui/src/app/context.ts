// What every screen may ask of the frame: where it is, how to go elsewhere, which account is
// in use, whether the theme is dark.
import { createContext, useContext } from "react";
import type { AccountView, AppInfo } from "../backend";
import type { Route } from "./router";

export interface AppContextValue {
  info: AppInfo;
  route: Route;
  go: (r: Route, opts?: { replace?: boolean }) => void;
  account: AccountView | null;
  dark: boolean;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error("useApp outside the app frame");
  return v;
}

/// The frame's context where there may be none (an error shown before the frame exists).
export function useOptionalApp(): AppContextValue | null {
  return useContext(AppContext);
}
