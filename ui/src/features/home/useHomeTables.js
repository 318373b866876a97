// The data Home is made from: every data set of the account at hand, the copies on this
// computer when there are any (so Home shows at once, and offline), fetched otherwise; Refresh
// fetches them all again. Kept per account while the app runs.
import { useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
export function useHomeTables(account) {
    const b = useBackend();
    const qc = useQueryClient();
    const [progress, setProgress] = useState(null);
    const [refreshing, setRefreshing] = useState(false);
    const [error, setError] = useState(null);
    const job = useRef(null);
    const key = ["homeTables", account];
    const run = async (fetchAll) => {
        const id = `home-${Date.now()}`;
        job.current = id;
        setProgress(null);
        try {
            return await b.refreshAll(account ?? "", fetchAll, id, setProgress);
        }
        finally {
            if (job.current === id)
                job.current = null;
            setProgress(null);
        }
    };
    const first = useQuery({ queryKey: key, queryFn: () => run(false), enabled: !!account, staleTime: Infinity, retry: false });
    const refresh = async () => {
        setRefreshing(true);
        setError(null);
        try {
            qc.setQueryData(key, await run(true));
        }
        catch (e) {
            const u = toUiError(e);
            if (u.code !== "cancelled")
                setError(u);
        }
        finally {
            setRefreshing(false);
        }
    };
    const cancel = () => {
        if (job.current)
            void b.cancelJob(job.current);
    };
    return {
        results: first.data ?? null,
        /// Changes whenever the tables behind Home change; Home's answer is keyed by it.
        stamp: first.data ? first.dataUpdatedAt : null,
        busy: first.isFetching || refreshing,
        progress,
        error: error ?? (first.error ? toUiError(first.error) : null),
        refresh: () => void refresh(),
        cancel,
    };
}
