// The open-source components inside Partner Lens, with their licences, searchable.
import { useMemo, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  SearchBox,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useLicences } from "../../backend/queries";

const useStyles = makeStyles({
  list: { maxHeight: "50vh", overflow: "auto", marginTop: "8px", border: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: "flex", gap: "12px", padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  name: { flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" },
  lic: { color: tokens.colorNeutralForeground3 },
});

function List() {
  const s = useStyles();
  const q = useLicences();
  const [search, setSearch] = useState("");
  const shown = useMemo(() => {
    const n = search.trim().toLowerCase();
    return (q.data ?? []).filter((l) => !n || l.name.toLowerCase().includes(n) || l.licence.toLowerCase().includes(n));
  }, [q.data, search]);
  if (q.isPending) return <Spinner size="small" label="Loading the list…" />;
  return (
    <>
      <Text>
        {q.data?.length ?? 0} components. Each is used under its licence; the full texts come with the source code.
      </Text>
      <SearchBox aria-label="Search components" placeholder="Search" value={search} onChange={(_, d) => setSearch(d.value)} />
      <div className={s.list} role="list" aria-label="Components and licences">
        {shown.map((l) => (
          <div role="listitem" key={`${l.name}@${l.version}`} className={s.row}>
            <span className={s.name}>
              {l.name} {l.version}
            </span>
            <span className={s.lic}>{l.licence}</span>
          </div>
        ))}
      </div>
    </>
  );
}

export function LicencesDialog() {
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button>Open-source licences</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Open-source licences</DialogTitle>
          <DialogContent>
            <List />
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
