// Numbers, dates and times the way the person's locale writes them.
// A machine without a configured locale reports the POSIX one, which writes 28062 for 28,062:
// fall back to English separators there.
function locale() {
    const probe = new Intl.NumberFormat(undefined).format(1000);
    return probe === "1000" ? "en-US" : undefined;
}
export const LOCALE = locale();
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
const signed = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2, signDisplay: "exceptZero" });
export function formatNumber(n) {
    if (n === null || n === undefined || Number.isNaN(n))
        return "–";
    return Number.isInteger(n) ? whole.format(n) : decimal.format(n);
}
export function formatChange(n) {
    if (n === null || n === undefined || Number.isNaN(n))
        return "–";
    return signed.format(n);
}
export function formatPercent(n) {
    if (n === null || n === undefined || Number.isNaN(n))
        return "–";
    return `${percent.format(n)}%`;
}
export function formatBytes(n) {
    if (n < 1024)
        return `${whole.format(n)} bytes`;
    const units = ["KB", "MB", "GB", "TB"];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${decimal.format(v)} ${units[i]}`;
}
/// `YYYY-MM-DD` or an ISO instant as a Date (UTC, as the service's dates are).
export function parseIso(iso) {
    return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}
// Made once: toLocaleString with options builds a new formatter on every call, which is most of
// the time a scrolling table of dates spends.
const dayFormat = new Intl.DateTimeFormat(LOCALE, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const dayTimeFormat = new Intl.DateTimeFormat(LOCALE, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
});
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", year: "numeric", timeZone: "UTC" });
export function formatDate(iso) {
    return dayFormat.format(parseIso(iso));
}
export function formatDateTime(iso) {
    return dayTimeFormat.format(parseIso(iso));
}
export function formatTime(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
}
/// ISO week number and its year (the Thursday's year).
function isoWeek(d) {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    const day = (t.getUTCDay() + 6) % 7;
    t.setUTCDate(t.getUTCDate() - day + 3);
    const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
    const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
    return [week, t.getUTCFullYear()];
}
/// The label of the period starting on `iso`, in the person's language: "3 May 2024",
/// "Week 19, 2024", "May 2024", "Q2 2024", "2024".
export function periodLabel(iso, period) {
    const d = parseIso(iso);
    switch (period) {
        case "day":
            return formatDate(iso);
        case "week": {
            const [w, y] = isoWeek(d);
            return `W${String(w).padStart(2, "0")} ${y}`;
        }
        case "month":
            return monthFormat.format(d);
        case "quarter":
            return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
        case "year":
            return String(d.getUTCFullYear());
    }
}
/// "5 minutes ago", "yesterday", in the person's language.
export function ago(epochSeconds, now = Date.now()) {
    const rtf = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });
    const secs = Math.round(epochSeconds - now / 1000);
    const abs = Math.abs(secs);
    if (abs < 45)
        return "just now";
    if (abs < 3600)
        return rtf.format(Math.round(secs / 60), "minute");
    if (abs < 86400)
        return rtf.format(Math.round(secs / 3600), "hour");
    return rtf.format(Math.round(secs / 86400), "day");
}
/// The last complete month before the day `iso` (`YYYY-MM-DD`), as Home's sentences name it
/// (they are English, from the backend): "November 2026".
export function lastCompleteMonth(iso) {
    const d = parseIso(iso);
    const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
    return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(first);
}
/// The person's today as `YYYY-MM-DD` (local date), for "last 30 days".
export function today() {
    const d = new Date();
    const m = String(d.getMonth() + 1).padStart(2, "0");
    const day = String(d.getDate()).padStart(2, "0");
    return `${d.getFullYear()}-${m}-${day}`;
}
/// A moment in words, in local time: "1 Dec 2026, 07:00".
export function formatStamp(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleString(LOCALE, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}(T00:00:00(\.0+)?Z?)?$/;
/// A column of a report's preview as people read it. The service writes dates as
/// `2026-09-01`: a column of such dates reads "Sep 1, 2026", and one whose every date is a
/// month's first day (a Month column) reads "Sep 2026". Anything else stays as sent.
export function previewColumn(values) {
    const filled = values.filter((v) => v !== "");
    if (filled.length === 0 || !filled.every((v) => DATE_ONLY.test(v)))
        return values;
    const months = filled.every((v) => v.slice(8, 10) === "01");
    return values.map((v) => (v === "" ? v : months ? monthFormat.format(parseIso(v.slice(0, 10))) : formatDate(v.slice(0, 10))));
}
