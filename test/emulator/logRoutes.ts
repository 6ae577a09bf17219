import { buildLogLines, type LogEntry } from './buildLogs';
import { requireBuild } from './buildRoutes';
import { ApiError } from './http';
import { describe } from './pagination';
import { type ParentKind, parentRef } from './parents';
import type { Route, RouteContext } from './router';
import { buildsOf } from './state';

const DEFAULT_LINE_LIMIT = 1000;
const MAX_LINE_LIMIT = 10000;
const TEXT_FILTERS = ['textIncludes', 'textNotIncludes', 'regexIncludes', 'regexNotIncludes'] as const;

/** The build-log range query of one kind of parent; the tail at the same path is a WebSocket (logTail.ts). */
export function logRoutes(parent: ParentKind): Route[] {
  return [
    {
      method: 'GET',
      path: `/projects/:projectId/${parent.collection}/:${parent.idParam}/build-logs`,
      permission: parent.permissions.viewLogs,
      handle: (context) => rangeQuery(parent, context),
    },
  ];
}

interface RangeQuery {
  from: number;
  to: number;
  lineLimit: number;
  direction: 'forward' | 'backward';
  keep: (text: string) => boolean;
}

function rangeQuery(parent: ParentKind, context: RouteContext) {
  const { world, params, query } = context;
  const range = parseRange(query, world.clock.now());
  const builds = query.buildId !== undefined ? [requireBuild(parent, context, query.buildId)] : buildsOf(world.state, params.projectId, parentRef(parent, context));
  const matching = builds
    .flatMap((build) => buildLogLines(world, build))
    .filter((line) => line.at >= range.from && line.at <= range.to && range.keep(line.log))
    .sort((a, b) => (range.direction === 'forward' ? a.at - b.at : b.at - a.at));
  const page = matching.slice(0, range.lineLimit);
  const truncated = matching.length > page.length;
  return {
    data: page.map(toWire),
    pagination: { hasNextPage: truncated, ...(truncated ? { cursor: new Date(page[page.length - 1].at).toISOString() } : {}), count: page.length },
  };
}

function toWire(line: LogEntry) {
  return { containerId: line.containerId, log: line.log, ts: new Date(line.at).toISOString() };
}

function parseRange(query: Record<string, string>, now: number): RangeQuery {
  const details: Record<string, string> = {};
  if (query.queryType !== 'range') {
    details.queryType = query.queryType === 'tail' ? 'tail is a WebSocket stream; this endpoint answers range queries' : "must be 'range'";
  }
  const start = time(query, 'startTime', details);
  const end = time(query, 'endTime', details);
  let duration: number | undefined;
  if (query.duration !== undefined) {
    duration = Number(query.duration);
    if (!Number.isFinite(duration) || duration <= 0) details.duration = 'must be a positive number of seconds';
  }
  if (start !== undefined && end !== undefined && duration !== undefined) details.duration = 'cannot be combined with both startTime and endTime';
  const lineLimit = query.lineLimit === undefined ? DEFAULT_LINE_LIMIT : Number(query.lineLimit);
  if (!Number.isInteger(lineLimit) || lineLimit < 1 || lineLimit > MAX_LINE_LIMIT) details.lineLimit = `must be an integer from 1 to ${MAX_LINE_LIMIT}`;
  const direction = query.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') details.direction = "must be 'forward' or 'backward'";
  const given = TEXT_FILTERS.filter((name) => query[name] !== undefined);
  if (given.length > 1) details[given[1]] = `cannot be combined with ${given[0]}`;
  const keep = textFilter(query, given[0], details);
  if (Object.keys(details).length > 0) throw new ApiError(400, `Invalid log query: ${describe(details)}`, details);

  const span = (duration ?? 0) * 1000;
  const from = start ?? (end !== undefined && duration !== undefined ? end - span : duration !== undefined ? now - span : -Infinity);
  const to = end ?? (start !== undefined && duration !== undefined ? start + span : Infinity);
  return { from, to, lineLimit, direction: direction as RangeQuery['direction'], keep };
}

function time(query: Record<string, string>, name: string, details: Record<string, string>): number | undefined {
  if (query[name] === undefined) return undefined;
  const parsed = Date.parse(query[name]);
  if (Number.isNaN(parsed)) details[name] = 'must be an ISO 8601 date';
  return parsed;
}

function textFilter(query: Record<string, string>, name: (typeof TEXT_FILTERS)[number] | undefined, details: Record<string, string>) {
  if (name === undefined) return () => true;
  const value = query[name];
  if (name === 'textIncludes') return (text: string) => text.includes(value);
  if (name === 'textNotIncludes') return (text: string) => !text.includes(value);
  let pattern: RegExp;
  try {
    pattern = new RegExp(value);
  } catch {
    details[name] = 'is not a valid regular expression';
    return () => true;
  }
  return name === 'regexIncludes' ? (text: string) => pattern.test(text) : (text: string) => !pattern.test(text);
}
