import { Button, Field, ProgressBar } from "@fluentui/react-components";
import type { LoadProgress } from "../backend";
import { formatNumber } from "../lib/format";

// A fetch in progress: how far, of how much, and a way to stop it.
export function FetchProgress({ what, progress, onCancel }: { what: string; progress: LoadProgress | null; onCancel: () => void }) {
  const total = progress?.total ?? null;
  const value = total && total > 0 ? Math.min(1, (progress?.rows ?? 0) / total) : undefined;
  const text = progress
    ? total !== null
      ? `${formatNumber(progress.rows)} of ${formatNumber(total)} rows`
      : `${formatNumber(progress.rows)} rows so far`
    : "Connecting…";
  return (
    <div style={{ display: "flex", alignItems: "end", gap: 12 }} data-testid="fetch-progress">
      <Field label={`Fetching ${what}`} validationMessage={text} validationState="none" style={{ flex: 1 }}>
        <ProgressBar value={value} thickness="large" />
      </Field>
      <Button onClick={onCancel}>Cancel</Button>
    </div>
  );
}
