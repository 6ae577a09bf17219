import { ErrorContext, NorthflankError, unreadableAnswerError } from './errors';
import { Page, PageOptions } from './types';

type Json = Record<string, unknown>;

/**
 * A successful answer, `{ data, pagination? }`. Its readers check only what the extension relies
 * on, so a field Northflank adds or drops elsewhere does not break anything, while a missing list
 * becomes a readable error instead of a crash further on.
 */
export class Reply {
  constructor(
    private readonly ctx: ErrorContext,
    readonly status: number,
    private readonly body: unknown,
  ) {}

  get data(): unknown {
    return isObject(this.body) ? this.body.data : undefined;
  }

  object(): Json {
    const data = this.data;
    if (!isObject(data)) throw this.unreadable(this.body === undefined ? 'it was empty' : "it has no 'data' object");
    return data;
  }

  /** An object that must carry a string `id` (a build, a service). */
  entity(): Json & { id: string } {
    const data = this.object();
    if (typeof data.id !== 'string' || data.id === '') throw this.unreadable("its 'data' has no 'id'");
    return data as Json & { id: string };
  }

  list(key?: string): unknown[] {
    const data = this.data;
    const list = key === undefined ? data : isObject(data) ? data[key] : undefined;
    if (!Array.isArray(list)) throw this.unreadable(key ? `it has no '${key}' list` : "its 'data' is not a list");
    return list;
  }

  page<T>(key: string, read: (item: Json) => T): Page<T> {
    const items = this.list(key)
      .filter(isObject)
      .map((item) => read(item));
    const pagination = isObject(this.body) && isObject(this.body.pagination) ? this.body.pagination : {};
    const cursor = typeof pagination.cursor === 'string' && pagination.cursor !== '' ? pagination.cursor : undefined;
    return { items, hasNextPage: pagination.hasNextPage === true, ...(cursor ? { cursor } : {}) };
  }

  private unreadable(problem: string): NorthflankError {
    return unreadableAnswerError(this.ctx, this.status, problem);
  }
}

export function pageQuery(page: PageOptions | undefined): Record<string, string | number | undefined> {
  return { per_page: page?.perPage, page: page?.page, cursor: page?.cursor };
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
