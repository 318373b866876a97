// The table Explore answers from: the copy at hand (in memory or saved on disk) shows at once
// and offline; with none, or on Refresh, it is fetched with progress and a Cancel that stops it.
import { useCallback, useEffect, useRef, useState } from "react";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { useSetTableStatus, useTableStatus } from "../../backend/queries";
/// A saved copy older than this is fetched again by itself when Explore opens it.
const STALE_SECONDS = 60 * 60;
export function useTable(account, dataset, serviceFilter, ready) {
    const b = useBackend();
    const status = useTableStatus(account ?? "", dataset, serviceFilter, ready && !!account);
    const setStatus = useSetTableStatus();
    const [fetching, setFetching] = useState(false);
    const [progress, setProgress] = useState(null);
    const [error, setError] = useState(null);
    const job = useRef(null);
    const key = `${account}|${dataset}|${serviceFilter}`;
    const tried = useRef(null);
    const fetchNow = useCallback(async (filter) => {
        if (!account)
            return;
        const id = `load-${dataset}-${Date.now()}`;
        job.current = id;
        setFetching(true);
        setProgress(null);
        setError(null);
        try {
            const report = await b.loadDataset(account, dataset, filter, id, setProgress);
            if (job.current === id)
                setStatus(account, dataset, serviceFilter, report);
        }
        catch (e) {
            if (job.current === id)
                setError(toUiError(e));
        }
        finally {
            if (job.current === id) {
                job.current = null;
                setFetching(false);
            }
        }
    }, [account, dataset, serviceFilter, b, setStatus]);
    // Nothing at hand, or only an old copy: fetch (once per question, not in a loop on errors).
    useEffect(() => {
        if (!status.isSuccess || fetching || tried.current === key)
            return;
        const r = status.data;
        const old = r && r.fromCache && Date.now() / 1000 - r.fetchedAt > STALE_SECONDS;
        if (!r || old) {
            tried.current = key;
            void fetchNow(serviceFilter);
        }
    }, [status.isSuccess, status.data, fetching, key, fetchNow, serviceFilter]);
    const cancel = useCallback(() => {
        if (job.current)
            void b.cancelJob(job.current);
    }, [b]);
    const report = status.data ?? null;
    return {
        report,
        stamp: report ? report.fetchedAt * 1000 + report.rows : null,
        fetching,
        progress,
        error: error ?? (status.error ? toUiError(status.error) : null),
        // Refresh the rows the answer is made from (all of them when the table at hand has them all).
        refresh: () => void fetchNow(report ? report.filter : serviceFilter),
        cancel,
    };
}
