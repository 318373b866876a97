// Light, dark or as the system is: one choice for Fluent's theme and the charts' theme.
import { useEffect, useState } from "react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
function systemDark() {
    return typeof window !== "undefined" && !!window.matchMedia?.("(prefers-color-scheme: dark)").matches;
}
export function useResolvedTheme(choice) {
    const [sysDark, setSysDark] = useState(systemDark);
    useEffect(() => {
        const mq = window.matchMedia?.("(prefers-color-scheme: dark)");
        if (!mq)
            return;
        const on = () => setSysDark(mq.matches);
        mq.addEventListener?.("change", on);
        return () => mq.removeEventListener?.("change", on);
    }, []);
    const dark = choice === "dark" || (choice !== "light" && sysDark);
    return { dark, fluent: dark ? webDarkTheme : webLightTheme };
}
