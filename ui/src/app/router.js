// Where the window is, in the address's hash (`#/explore?account=…&view=…`): it works under the
// app's custom protocol, Back and Forward move through it, and the last one is saved so the app
// reopens there. A screen's whole state (Explore's data set, filters, grouping, chart) is in it.
import { useCallback, useEffect, useState } from "react";
export const SCREENS = ["home", "explore", "reports", "downloads", "accounts", "settings"];
export function routeToHash(r) {
    const q = new URLSearchParams();
    if (r.account)
        q.set("account", r.account);
    if (r.view)
        q.set("view", JSON.stringify(r.view));
    const s = q.toString();
    return `#/${r.screen}${s ? `?${s}` : ""}`;
}
export function parseHash(hash) {
    const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
    if (!m)
        return null;
    const screen = m[1];
    if (screen !== "welcome" && !SCREENS.includes(screen))
        return null;
    const q = new URLSearchParams(m[2] ?? "");
    const route = { screen };
    const account = q.get("account");
    if (account)
        route.account = account;
    const view = q.get("view");
    if (view) {
        try {
            const v = JSON.parse(view);
            if (v && typeof v === "object" && typeof v.dataset === "string")
                route.view = v;
        }
        catch {
            // A damaged address opens the screen with its defaults.
        }
    }
    return route;
}
function current() {
    return parseHash(window.location.hash);
}
/// The route, and a way to go somewhere (`replace` keeps Back from stopping at every step of,
/// say, a drag of the zoom slider).
export function useRoute() {
    const [route, setRoute] = useState(current);
    useEffect(() => {
        const on = () => setRoute(current());
        window.addEventListener("hashchange", on);
        window.addEventListener("popstate", on);
        return () => {
            window.removeEventListener("hashchange", on);
            window.removeEventListener("popstate", on);
        };
    }, []);
    const go = useCallback((r, opts) => {
        const hash = routeToHash(r);
        if (hash === window.location.hash)
            return;
        if (opts?.replace) {
            window.history.replaceState(null, "", hash);
        }
        else {
            window.history.pushState(null, "", hash);
        }
        setRoute(parseHash(hash));
    }, []);
    return [route, go];
}
