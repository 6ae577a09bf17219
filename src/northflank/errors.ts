import { ALTERNATIVE_PERMISSIONS, OperationName, permissionFor } from './permissions';
import { describeFailureCode, failureCode } from './networkFailure';
import { describeValidationDetails } from './validationDetails';

export { type NorthflankErrorInit, type NorthflankErrorKind, NorthflankError, insecureUrlError } from './northflankError';
import { NorthflankError } from './northflankError';

/** The ids a request's path held, so a 404 can say which one is unknown. */
export interface Targets {
  projectId?: string;
  serviceId?: string;
  jobId?: string;
  buildId?: string;
}

export interface ErrorContext {
  operation: OperationName;
  targets: Targets;
  baseUrl: string;
}

/** The `{ error: { status, message, id, details } }` body, when the answer had one. */
export interface ApiErrorBody {
  message?: string;
  id?: string;
  details?: unknown;
}

export function parseApiErrorBody(text: string): ApiErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const outer = parsed as Record<string, unknown>;
  if (typeof outer.error === 'string') return { message: outer.error.trim() || undefined };
  const error = outer.error !== null && typeof outer.error === 'object' ? (outer.error as Record<string, unknown>) : outer;
  return {
    message: typeof error.message === 'string' && error.message.trim() ? error.message.trim() : undefined,
    id: typeof error.id === 'string' ? error.id : undefined,
    details: error.details,
  };
}

export function errorForStatus(
  ctx: ErrorContext,
  status: number,
  statusText: string,
  body: ApiErrorBody | undefined,
  retryAfterSeconds?: number,
): NorthflankError {
  const action = describeAction(ctx);
  const said = body?.message ? ` Northflank said: "${body.message}".` : '';
  const common = { status, details: body?.details, errorId: body?.id };
  if (status === 401) {
    return new NorthflankError({
      ...common,
      kind: 'unauthorized',
      message: `Northflank rejected the API token while trying to ${action} (HTTP 401). It may be wrong, expired or revoked: sign in again with 'Northflank: Sign In…'.`,
    });
  }
  if (status === 403) return new NorthflankError({ ...common, kind: 'forbidden', message: forbiddenMessage(ctx, action, said) });
  if (status === 404) return new NorthflankError({ ...common, kind: 'notFound', message: notFoundMessage(ctx, action, body) });
  if (status === 429) {
    const when = retryAfterSeconds === undefined ? 'Try again later.' : `Try again in ${formatWait(Math.max(1, retryAfterSeconds))}.`;
    return new NorthflankError({
      ...common,
      kind: 'rateLimited',
      retryAfterSeconds,
      message: `Northflank's API rate limit for this token is used up, so it refused to ${action} (HTTP 429). ${when}`,
    });
  }
  if (status >= 500) {
    const reference = body?.id ? `, error id ${body.id}` : '';
    return new NorthflankError({
      ...common,
      kind: 'server',
      // A 5xx on start build is not retried (it may have created the build), so don't invite a blind retry either.
      message: `Northflank had a server error while trying to ${action} (HTTP ${status}${statusText ? ` ${statusText}` : ''}${reference}).${ctx.operation === 'startBuild' ? uncertainOutcome(ctx, true) : ' Try again in a moment.'}`,
    });
  }
  if (status >= 400) {
    const fields = describeValidationDetails(body?.details).filter((line) => !alreadySaid(body?.message, line));
    const list = fields.length > 0 ? ` Problems: ${fields.join('; ')}.` : '';
    const reason = body?.message ? `: ${body.message.replace(/[.\s]+$/, '')}` : '';
    return new NorthflankError({
      ...common,
      kind: 'invalid',
      message: `Northflank refused to ${action} (HTTP ${status})${reason}.${list}`,
    });
  }
  return new NorthflankError({
    ...common,
    kind: 'unexpected',
    message: `Northflank answered with an unexpected HTTP ${status} while trying to ${action}.${said}${status < 400 ? ' Check the API URL setting.' : ''}`,
  });
}

/** Servers often repeat the field problems in their message; listing them twice helps nobody. */
function alreadySaid(message: string | undefined, line: string): boolean {
  const at = line.indexOf(': ');
  const problem = at < 0 ? line : line.slice(at + 2);
  return message !== undefined && problem.length > 0 && message.includes(problem);
}

function forbiddenMessage(ctx: ErrorContext, action: string, said: string): string {
  const onJob = ctx.targets.jobId !== undefined;
  const permission = permissionFor(ctx.operation, onJob);
  if (!permission) return `The API token is not allowed to ${action} (HTTP 403).${said}`;
  const alternative = onJob ? undefined : ALTERNATIVE_PERMISSIONS[ctx.operation];
  const orAlternative = alternative ? ` (some Northflank versions ask for '${alternative}' instead)` : '';
  return (
    `The API token is not allowed to ${action} (HTTP 403): it needs the permission '${permission}'${orAlternative}. ` +
    `Add it to the token's role in Northflank, or sign in with another token with 'Northflank: Sign In…'.`
  );
}

function notFoundMessage(ctx: ErrorContext, action: string, body: ApiErrorBody | undefined): string {
  const { projectId, serviceId, jobId, buildId } = ctx.targets;
  const missing = missingResource(ctx.targets, body?.message);
  const access = ' Check the id, and that the API token has access to that project.';
  const parent = jobId !== undefined ? `job '${jobId}'` : `service '${serviceId}'`;
  if (missing === 'build' && buildId) {
    return `Build '${buildId}' was not found for ${parent} in project '${projectId}'.${access}`;
  }
  if (missing === 'service' && serviceId) {
    return `Service '${serviceId}' was not found in project '${projectId}'.${access}`;
  }
  if (missing === 'job' && jobId) {
    return `Job '${jobId}' was not found in project '${projectId}'.${access}`;
  }
  if (missing === 'project' && projectId) return `Project '${projectId}' was not found.${access}`;
  const said = body?.message ? ` Northflank said: "${body.message}".` : '';
  return `Northflank found nothing at the address used to ${action} (HTTP 404).${said} Check the API URL setting.`;
}

/** The server's message usually names what it could not find; otherwise the innermost id is the likeliest. */
function missingResource(targets: Targets, serverMessage: string | undefined): 'project' | 'service' | 'job' | 'build' | undefined {
  const text = serverMessage?.toLowerCase() ?? '';
  if (targets.buildId && text.includes('build')) return 'build';
  if (targets.serviceId && text.includes('service')) return 'service';
  if (targets.jobId && text.includes('job')) return 'job';
  if (targets.projectId && text.includes('project')) return 'project';
  if (targets.buildId) return 'build';
  if (targets.serviceId) return 'service';
  if (targets.jobId) return 'job';
  if (targets.projectId) return 'project';
  return undefined;
}

export function networkError(ctx: ErrorContext, cause: unknown, mayHaveArrived: boolean): NorthflankError {
  const code = failureCode(cause);
  const reason = code ? ` (${describeFailureCode(code)})` : '';
  return new NorthflankError({
    kind: 'network',
    cause,
    message:
      `Could not reach Northflank at ${ctx.baseUrl} to ${describeAction(ctx)}${reason}. ` +
      `Check the network connection and the API URL setting.${uncertainOutcome(ctx, mayHaveArrived)}`,
  });
}

export function timeoutError(ctx: ErrorContext, timeoutMs: number, mayHaveArrived: boolean): NorthflankError {
  return new NorthflankError({
    kind: 'timeout',
    message: `Northflank did not answer within ${formatWait(timeoutMs / 1000)} while trying to ${describeAction(ctx)}.${uncertainOutcome(ctx, mayHaveArrived)}`,
  });
}

export function cancelledError(ctx: ErrorContext): NorthflankError {
  return new NorthflankError({ kind: 'cancelled', message: `Cancelled: ${describeAction(ctx)}.` });
}

export function unreadableAnswerError(ctx: ErrorContext, status: number, problem: string): NorthflankError {
  return new NorthflankError({
    kind: 'unexpected',
    status,
    message: `Northflank's answer to the request to ${describeAction(ctx)} could not be read (HTTP ${status}): ${problem}.`,
  });
}

export function missingTokenError(): NorthflankError {
  return new NorthflankError({
    kind: 'unauthorized',
    message: "You are not signed in to Northflank. Sign in from the Accounts menu or with 'Northflank: Sign In…'.",
  });
}

export function invalidTokenError(problem: string): NorthflankError {
  return new NorthflankError({ kind: 'unauthorized', message: `The Northflank API token cannot be used, so nothing was sent. ${problem} Sign in again with 'Northflank: Sign In…'.` });
}

export function tooLargeError(ctx: ErrorContext, status: number, limitBytes: number): NorthflankError {
  return new NorthflankError({
    kind: 'unexpected',
    status,
    message: `Northflank's answer to the request to ${describeAction(ctx)} was larger than ${formatBytes(limitBytes)}, so it was not read. Check the API URL setting: the Northflank API never answers this much.`,
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Whatever a server echoes back (in the message, the details, the error id) or a library puts in the
 * cause, the token must not end up anywhere an error is shown, logged or inspected. Every field is
 * redacted; the cause is kept only as its name, code and redacted message.
 */
export function withoutSecret(error: NorthflankError, secret: string): NorthflankError {
  if (secret.length < 4) return error;
  const redact = (text: string) => text.split(secret).join('<token>');
  const mentions = (value: unknown) => value !== undefined && JSON.stringify(value)?.includes(secret) === true;
  const cause = error.cause as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown } | undefined;
  const causeMentions = cause !== undefined && [cause.message, cause.stack, cause].some((part) => (typeof part === 'string' ? part.includes(secret) : mentions(part)));
  if (!error.message.includes(secret) && !mentions(error.details) && !error.errorId?.includes(secret) && !causeMentions && !error.stack?.includes(secret)) return error;
  const clean = new NorthflankError({
    kind: error.kind,
    message: redact(error.message),
    status: error.status,
    details: error.details === undefined ? undefined : (JSON.parse(redact(JSON.stringify(error.details))) as unknown),
    retryAfterSeconds: error.retryAfterSeconds,
    errorId: error.errorId === undefined ? undefined : redact(error.errorId),
    cause:
      cause === undefined
        ? undefined
        : { name: typeof cause.name === 'string' ? cause.name : 'Error', code: cause.code, message: typeof cause.message === 'string' ? redact(cause.message) : undefined },
  });
  return clean;
}

function uncertainOutcome(ctx: ErrorContext, mayHaveArrived: boolean): string {
  if (!mayHaveArrived || ctx.operation !== 'startBuild') return '';
  const owner = ctx.targets.jobId !== undefined ? "job's" : "service's";
  return ` The build may have started anyway: look at the ${owner} builds before starting another.`;
}

function describeAction({ operation, targets }: ErrorContext): string {
  const project = `project '${targets.projectId}'`;
  const service = targets.jobId !== undefined ? `job '${targets.jobId}'` : `service '${targets.serviceId}'`;
  const build = `build '${targets.buildId}'`;
  switch (operation) {
    case 'startBuild':
      return `start a build of ${service} in ${project}`;
    case 'getBuild':
      return `read ${build} of ${service}`;
    case 'listBuilds':
      return `list the builds of ${service}`;
    case 'abortBuild':
      return `abort ${build} of ${service}`;
    case 'getService':
    case 'getJob':
      return `read ${service} in ${project}`;
    case 'listProjects':
      return 'list projects';
    case 'listServices':
      return `list the services of ${project}`;
    case 'listJobs':
      return `list the jobs of ${project}`;
    case 'listBranches':
      return `list the branches of ${service}`;
    case 'listPullRequests':
      return `list the pull requests of ${service}`;
    case 'getBuildLogs':
      return `read the logs of ${build}`;
    case 'checkToken':
      return 'check the API token';
  }
}

function formatWait(seconds: number): string {
  if (seconds < 1) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} second${whole === 1 ? '' : 's'}`;
  const minutes = Math.ceil(whole / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} hour${hours === 1 ? '' : 's'}${rest ? ` ${rest} minute${rest === 1 ? '' : 's'}` : ''}`;
}
