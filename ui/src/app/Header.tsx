// The bar across the top: the app's name, the account in use (with a switcher when there are
// several) and a plain "Sample data" label whenever the data shown is the sample's.
import { Badge, Dropdown, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { AccountView } from "../backend";

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
  switcher: { minWidth: "220px" },
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
        >
          {accounts.map((a) => (
            <Option key={a.id} value={a.id}>
              {a.name}
            </Option>
          ))}
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
