// Numbers and times the way the person's locale writes them.

// A machine without a configured locale reports the POSIX one, which writes 28062 for 28,062:
// fall back to English separators there.
function locale(): string | undefined {
  const probe = new Intl.NumberFormat(undefined).format(1000);
  return probe === "1000" ? "en-US" : undefined;
}
const LOCALE = locale();
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "–";
  return Number.isInteger(n) ? whole.format(n) : decimal.format(n);
}

export function formatTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
}

/// "creationDate" → "Creation date": a field's name in words, until the backend's label arrives.
export function words(field: string): string {
  const spaced = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().replace(/\bid\b/g, "ID");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
