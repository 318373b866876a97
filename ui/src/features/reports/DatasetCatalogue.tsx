// The first step of a new report: the Insights data sets, each with what it holds in words and
// its columns, to pick from.
import { useState } from "react";
import { Button, Card, CardHeader, SearchBox, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { DatasetCard } from "../../backend";
import { toUiError } from "../../backend";
import { useCatalogue } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "12px" },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))", gap: "12px" },
  card: { padding: "12px", gap: "6px", cursor: "pointer", ":hover": { boxShadow: tokens.shadow8 } },
  muted: { color: tokens.colorNeutralForeground3 },
  columns: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
});

export function DatasetCatalogue({ account, onPick, onCancel }: { account: string; onPick: (c: DatasetCard) => void; onCancel: () => void }) {
  const s = useStyles();
  const cat = useCatalogue(account);
  const [search, setSearch] = useState("");
  const q = search.trim().toLowerCase();
  const shown = (cat.data ?? []).filter(
    (c) => !q || c.title.toLowerCase().includes(q) || c.description.toLowerCase().includes(q) || c.columns.some((x) => x.label.toLowerCase().includes(q)),
  );
  return (
    <div className={s.box} data-testid="catalogue">
      <div>
        <Button onClick={onCancel}>Back to reports</Button>
      </div>
      <Text size={400} weight="semibold">
        What should the report be about?
      </Text>
      <SearchBox placeholder="Find data: seats, revenue, customers…" value={search} onChange={(_, d) => setSearch(d.value)} aria-label="Find a data set" />
      {cat.isLoading ? <Spinner label="Asking Partner Center which data it offers…" /> : null}
      {cat.error ? <ErrorBar error={toUiError(cat.error)} onRetry={() => void cat.refetch()} /> : null}
      <div className={s.grid}>
        {shown.map((c) => (
          <Card
            key={c.name}
            className={s.card}
            onClick={() => onPick(c)}
            role="button"
            aria-label={`${c.title}: ${c.description}`}
            data-testid={`catalogue-${c.name}`}
          >
            <CardHeader header={<Text weight="semibold">{c.title}</Text>} />
            <Text className={s.muted}>{c.description}</Text>
            <Text className={s.columns}>
              {c.columns.length} columns: {c.columns.slice(0, 6).map((x) => x.label).join(", ")}
              {c.columns.length > 6 ? "…" : ""}
            </Text>
          </Card>
        ))}
      </div>
    </div>
  );
}
