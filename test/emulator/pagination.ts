import { ApiError } from './http';

export interface Pagination {
  hasNextPage: boolean;
  /** Present only when there is a next page: js-client's .all() stops when it is absent. */
  cursor?: string;
  count: number;
}

const DEFAULT_PER_PAGE = 50;
// Cursors look like the real ones (24 hex characters, an ObjectId); this prefix marks ours.
const CURSOR_PREFIX = 'c0de';
const CURSOR_PATTERN = /^c0de[0-9a-f]{20}$/;

export function paginate<T>(items: T[], query: Record<string, string>): { items: T[]; pagination: Pagination } {
  const details: Record<string, string> = {};
  const perPage = query.per_page === undefined ? DEFAULT_PER_PAGE : Number(query.per_page);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) details.per_page = 'must be an integer from 1 to 100';
  const page = query.page === undefined ? 1 : Number(query.page);
  if (!Number.isInteger(page) || page < 1) details.page = 'must be an integer of at least 1';
  let offset = (page - 1) * perPage;
  if (query.cursor !== undefined) {
    if (CURSOR_PATTERN.test(query.cursor)) offset = parseInt(query.cursor.slice(CURSOR_PREFIX.length), 16);
    else details.cursor = 'is not a cursor returned by this endpoint';
  }
  if (Object.keys(details).length > 0) {
    throw new ApiError(400, `Invalid pagination: ${describe(details)}`, details);
  }
  const slice = items.slice(offset, offset + perPage);
  const next = offset + slice.length;
  const hasNextPage = next < items.length;
  return {
    items: slice,
    pagination: { hasNextPage, ...(hasNextPage ? { cursor: encodeCursor(next) } : {}), count: slice.length },
  };
}

function encodeCursor(offset: number): string {
  return CURSOR_PREFIX + offset.toString(16).padStart(20, '0');
}

export function describe(details: Record<string, string>): string {
  return Object.entries(details)
    .map(([field, problem]) => `${field} ${problem}`)
    .join('; ');
}
