// The bar across the top: the app's name, the account in use with a switcher (and "All
// accounts" when there are several), a dot on any account that needs a new sign-in, and a plain
// "Sample data" label whenever the data shown is the sample's.
import { Badge, Dropdown, Option, OptionGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { AccountView } from "../backend";
import { stateWords } from "../features/accounts/words";
import { ALL_ACCOUNTS, offersAll } from "./allAccounts";

const useStyles = makeStyles({
  header: {
    display: "flex",
    alignItems: "center",
    gap: "12px",
    height: "48px",
    padding: "0 16px",
    background: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    flexShrink: 0,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  spacer: { flex: 1 },
  switcher: { minWidth: "240px" },
  // Long names (a second person of one organisation: "Contoso Ltd (sam@contoso.com)") end in
  // an ellipsis inside the list instead of running past its edge, and the whole name is the
  // option's tooltip.
  listbox: { maxWidth: "min(360px, calc(100vw - 32px))" },
  optionRow: { minWidth: 0, overflow: "hidden" },
  option: { display: "flex", alignItems: "center", gap: "8px", width: "100%" },
  optionName: { flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  sample: { color: tokens.colorNeutralForegroundOnBrand },
});

function LensMark() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M15 15l5 5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M7.5 12V10.5M10 12V8.5M12.5 12V7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/// The small badge beside an account that needs the person.
function Attention({ a }: { a: AccountView }) {
  const w = stateWords(a);
  if (a.sample || (!w.needsYou && !a.warning)) return null;
  return (
    <Badge size="small" color={w.needsYou ? "danger" : "warning"} data-testid={`attention-${a.id}`}>
      {w.needsYou ? w.badge : "Sign in soon"}
    </Badge>
  );
}

export function Header({
  accounts,
  account,
  onAccount,
}: {
  accounts: AccountView[];
  account: AccountView | null;
  onAccount: (id: string) => void;
}) {
  const s = useStyles();
  const all = offersAll(accounts);
  return (
    <header className={s.header}>
      <LensMark />
      <Text className={s.brand}>Partner Lens</Text>
      <div className={s.spacer} />
      {account && accounts.length > 1 ? (
        <Dropdown
          aria-label="Account"
          className={s.switcher}
          value={account.name}
          selectedOptions={[account.id]}
          onOptionSelect={(_, d) => d.optionValue && onAccount(d.optionValue)}
          data-testid="account-switcher"
          listbox={{ className: s.listbox }}
        >
          {all ? (
            <Option value={ALL_ACCOUNTS} text="All accounts" data-testid="switch-all">
              All accounts (combined)
            </Option>
          ) : null}
          <OptionGroup label={all ? "One account" : undefined}>
            {accounts.map((a) => (
              <Option key={a.id} value={a.id} text={a.name} title={a.name} className={s.optionRow} data-testid={`switch-${a.id}`}>
                <span className={s.option}>
                  <span className={s.optionName}>{a.name}</span>
                  <Attention a={a} />
                </span>
              </Option>
            ))}
          </OptionGroup>
        </Dropdown>
      ) : account ? (
        <Text data-testid="account-name">{account.name}</Text>
      ) : null}
      {account?.sample ? (
        <Badge appearance="filled" color="informative" shape="rounded" data-testid="sample-badge" title="Synthetic data from the built-in sample server">
          Sample data
        </Badge>
      ) : null}
    </header>
  );
}
