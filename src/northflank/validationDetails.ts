const MAX_LINES = 8;

/**
 * Turns the `details` of a 400 answer into "field: problem" lines. Northflank documents no shape
 * for it, so both an object of field → message(s) and an array of entries are read, and anything
 * else still yields something a person can read rather than a crash.
 */
export function describeValidationDetails(details: unknown): string[] {
  const lines = collect(details, '');
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `and ${lines.length - MAX_LINES} more`];
}

function collect(value: unknown, prefix: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [prefix ? `${prefix}: ${String(value)}` : String(value)];
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) {
      return value.length === 0 ? [] : [prefix ? `${prefix}: ${value.join('; ')}` : value.join('; ')];
    }
    return value.flatMap((item) => collectEntry(item, prefix));
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
      collect(inner, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [];
}

/** One array entry, often `{ path | field | property, message }` as validators produce them. */
function collectEntry(item: unknown, prefix: string): string[] {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return collect(item, prefix);
  const record = item as Record<string, unknown>;
  const field = fieldName(record.path ?? record.field ?? record.property ?? record.key ?? record.dataPath);
  const message = record.message ?? record.msg ?? record.error;
  if (typeof message !== 'string') return collect(record, prefix);
  const name = [prefix, field].filter(Boolean).join('.');
  return [name ? `${name}: ${message}` : message];
}

function fieldName(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join('.');
  if (typeof value === 'string') return value.replace(/^[./]+/, '').replace(/\//g, '.');
  return '';
}
