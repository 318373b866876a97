// The saved views: open one in Explore, or delete it.
import {
  Button,
  Link,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Spinner,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Bookmark20Regular, Delete20Regular } from "@fluentui/react-icons";
import { useApp } from "../../app/context";
import { useDeleteView, useSavedViews } from "../../backend/queries";
import { ErrorBar } from "../../components/ErrorBar";

const useStyles = makeStyles({
  list: { listStyleType: "none", padding: 0, margin: "8px 0 0", display: "flex", flexDirection: "column", gap: "4px" },
  item: { display: "flex", alignItems: "center", gap: "8px" },
  name: { flex: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function SavedViewsList({ emptyText }: { emptyText: string }) {
  const s = useStyles();
  const { go, account, info } = useApp();
  const title = (id: string) => info.datasets.find((d) => d.id === id)?.title ?? id;
  const views = useSavedViews();
  const del = useDeleteView();
  if (views.isPending) return <Spinner size="tiny" label="Reading the saved views…" />;
  if (views.error) return <ErrorBar error={views.error as never} onRetry={() => views.refetch()} />;
  if (!views.data?.length) return <Text className={s.muted}>{emptyText}</Text>;
  return (
    <ul className={s.list} data-testid="saved-views">
      {views.data.map((v) => (
        <li key={v.name} className={s.item}>
          <span className={s.name}>
            <Link onClick={() => go({ screen: "explore", account: account?.id, view: v.view })}>{v.name}</Link>{" "}
            <Text size={200} className={s.muted}>
              {title(v.view.dataset)}
            </Text>
          </span>
          <Tooltip content={`Delete "${v.name}"`} relationship="label">
            <Button appearance="subtle" size="small" icon={<Delete20Regular />} onClick={() => del.mutate(v.name)} />
          </Tooltip>
        </li>
      ))}
    </ul>
  );
}

/// Explore's "Saved views" menu: open one.
export function SavedViewsMenu() {
  const { go, account, info } = useApp();
  const views = useSavedViews();
  const title = (id: string) => info.datasets.find((d) => d.id === id)?.title ?? id;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button icon={<Bookmark20Regular />} data-testid="saved-views-menu">
          Saved views
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {views.data?.length ? (
            views.data.map((v) => (
              <MenuItem
                key={v.name}
                secondaryContent={title(v.view.dataset)}
                onClick={() => go({ screen: "explore", account: account?.id, view: v.view })}
              >
                {v.name}
              </MenuItem>
            ))
          ) : (
            <MenuItem disabled>No saved views yet: use Save view</MenuItem>
          )}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
