const UNITS: Array<[limitSeconds: number, unitSeconds: number, name: string]> = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86400, 3600, 'hour'],
  [86400 * 30, 86400, 'day'],
  [86400 * 365, 86400 * 30, 'month'],
  [Infinity, 86400 * 365, 'year'],
];

/** "just now", "5 minutes ago", "2 days ago". */
export function relativeTime(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 10) return 'just now';
  for (const [limit, unit, name] of UNITS) {
    if (seconds < limit) {
      const count = Math.floor(seconds / unit);
      return `${count} ${name}${count === 1 ? '' : 's'} ago`;
    }
  }
  return '';
}
