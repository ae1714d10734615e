// Formatting of times, numbers and levels. Times are shown in UTC: verdicts are computed on event time
// (the log's own timestamp), and a replayed log must read the same on every operator's screen.

export const LEVELS = ['critical', 'high', 'medium', 'low'];

export function utc(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19) + 'Z';
}

export function clock(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().slice(11, 19);
}

/** "Jan 13" style date, for a row whose time is not today. */
export function day(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

export function risk(value) {
  return typeof value === 'number' ? value.toFixed(2) : '—';
}

export function count(value) {
  if (typeof value !== 'number') return '—';
  if (value >= 1e9) return (value / 1e9).toFixed(1) + 'G';
  if (value >= 1e6) return (value / 1e6).toFixed(1) + 'M';
  if (value >= 1e4) return (value / 1e3).toFixed(1) + 'k';
  return String(value);
}

export function level(name) {
  return LEVELS.includes(name) ? name : 'low';
}

/** How long ago, measured on this browser's clock (for "updated 3 s ago"). */
export function ago(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}

export function duration(fromIso, toIso) {
  const s = Math.max(0, Math.round((new Date(toIso) - new Date(fromIso)) / 1000));
  if (!Number.isFinite(s)) return '';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** Links to the entity pages; the key is URI-encoded, so any user name survives the round trip. */
export function entityHref(kind, key) {
  return `#/${kind === 'user' ? 'user' : 'ip'}/${encodeURIComponent(key)}`;
}
