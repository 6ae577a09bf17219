import type { LogLine } from '../northflank/types';
import { stripAnsi } from './ansiEscapes';

/**
 * How a log line's time is shown. `short` is the time since the build's first line (`+01:07`): what
 * a person reading a build log asks is how long a step took and where the time went, and it reads
 * the same in every time zone. `full` is the API's timestamp as sent; `none` leaves it out.
 */
export type TimestampStyle = 'short' | 'full' | 'none';

export const TIMESTAMP_STYLES: readonly TimestampStyle[] = ['short', 'full', 'none'];

/** Northflank sends each line with the container runtime's framing (`stdout F <text>`), which says nothing to a person. */
export const RUNTIME_FRAMING = /^(?:stdout|stderr) [FP] /;

/** What a line says, as a person reads it: no runtime framing, no terminal escapes, no trailing blanks. */
export function logMessage(line: LogLine): string {
  return stripAnsi(line.log.replace(RUNTIME_FRAMING, '')).trimEnd();
}

/** One line of the document: its time in `style`, measured from `start` (the build's first line) when short. */
export function renderLogLine(line: LogLine, start: string | undefined, style: TimestampStyle): string {
  const message = logMessage(line);
  const time = timestamp(line.ts, start, style);
  return time ? `${time} ${message}`.trimEnd() : message;
}

export function renderLog(lines: readonly LogLine[], style: TimestampStyle): string[] {
  const start = lines[0]?.ts;
  return lines.map((line) => renderLogLine(line, start, style));
}

function timestamp(ts: string, start: string | undefined, style: TimestampStyle): string {
  if (style === 'none') return '';
  if (style === 'full') return ts;
  const at = Date.parse(ts);
  const from = start === undefined ? at : Date.parse(start);
  if (Number.isNaN(at) || Number.isNaN(from)) return ts;
  return `+${elapsed(Math.max(0, at - from))}`;
}

/** `01:07`, or `1:02:03` past an hour. */
function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const rest = `${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

// `+01:07 `, `+1:02:03 ` or an ISO timestamp, then the message.
const TIME_PREFIX = /^(?:\+(?:\d+:)?\d\d:\d\d|\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?) /;

/** A document line's message, whichever timestamp style drew it. */
export function messageOf(documentLine: string): string {
  return documentLine.replace(TIME_PREFIX, '');
}
