import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BuildWorld } from './builds';
import { BAD_GATEWAY_PAGE, type FaultPlan, MALFORMED_JSON } from './faults';
import { ApiError, bearerToken, errorBody, parseBody, readBody, sendJson, sendText } from './http';
import type { RateLimiter } from './rateLimit';
import { type RecordedAnswer, recordedHeaders, type RecordedRequest, tokenFingerprint } from './recording';
import { resolveScope, type RouteContext, type Router } from './router';

export interface Pipeline {
  world: BuildWorld;
  router: Router;
  faults: FaultPlan;
  limiter: RateLimiter;
  requests: RecordedRequest[];
  /** The JSON answers sent by routes and errors, when the emulator records them; faults are not recorded. */
  answers?: RecordedAnswer[];
  /** Waits for delay faults, so that stopping the emulator can cut them short. */
  sleep(ms: number): Promise<void>;
}

/** One request, in the order the real service plausibly applies its checks: rate limit, token, route, permission, ids, body. */
export async function handleRequest(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawBody = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const query = Object.fromEntries(url.searchParams);
  const body = parseBody(rawBody);
  const token = bearerToken(req.headers.authorization);
  pipeline.requests.push({
    method,
    path: url.pathname,
    query,
    headers: recordedHeaders(req.headers),
    ...(token !== undefined ? { tokenFingerprint: tokenFingerprint(token) } : {}),
    body,
    at: pipeline.world.clock.now(),
  });

  const fault = pipeline.faults.take(method, url.pathname);
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'delay') await pipeline.sleep(fault.ms);
  if (res.destroyed) return;

  const verdict = pipeline.limiter.hit(token ?? 'anonymous');
  const headers = verdict.headers;
  if (fault?.kind === 'status500') {
    sendJson(res, 500, { error: { status: 500, message: 'Internal server error', id: randomUUID() } }, headers);
    return;
  }
  if (fault?.kind === 'status429') {
    const stormHeaders: Record<string, string> = { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(fault.resetSeconds ?? 0) };
    if (fault.retryAfter !== undefined) {
      delete stormHeaders['x-ratelimit-reset'];
      stormHeaders['retry-after'] = String(fault.retryAfter);
    }
    sendJson(res, 429, { error: { status: 429, message: 'Too many requests' } }, stormHeaders);
    return;
  }
  if (fault?.kind === 'html502') {
    sendText(res, 502, 'text/html', BAD_GATEWAY_PAGE, headers);
    return;
  }
  if (fault?.kind === 'malformedJson') {
    sendText(res, 200, 'application/json; charset=utf-8', MALFORMED_JSON, headers);
    return;
  }
  try {
    if (!verdict.allowed) {
      throw new ApiError(429, `Rate limit exceeded: try again in ${verdict.resetSeconds} seconds`, { retryAfterSeconds: verdict.resetSeconds });
    }
    const answer = route(pipeline, method, url.pathname, { token, query, body, rawBody });
    pipeline.answers?.push({ method, path: url.pathname, status: 200, body: answer });
    sendJson(res, 200, answer, headers);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(500, `Emulator error: ${String(error)}`);
    const extra: Record<string, string> = apiError.status === 429 ? { 'retry-after': String(verdict.resetSeconds) } : {};
    const answer = errorBody(apiError.status, apiError.message, apiError.details);
    pipeline.answers?.push({ method, path: url.pathname, status: apiError.status, body: answer });
    sendJson(res, apiError.status, answer, { ...headers, ...extra });
  }
}

interface Incoming {
  token: string | undefined;
  query: Record<string, string>;
  body: unknown;
  rawBody: string;
}

function route(pipeline: Pipeline, method: string, pathname: string, incoming: Incoming): unknown {
  const { world } = pipeline;
  if (incoming.token === undefined) {
    throw new ApiError(401, 'Missing API token: send it as "Authorization: Bearer <token>"');
  }
  const token = world.state.tokens.find((candidate) => candidate.token === incoming.token);
  if (!token) throw new ApiError(401, 'The API token is invalid, expired or revoked');
  const match = pipeline.router.match(method, pathname);
  if (!match) throw new ApiError(404, `No such endpoint: ${method} ${pathname}`);
  const { route: found, params } = match;
  if (found.permission && !token.permissions.includes(found.permission.name)) {
    throw new ApiError(403, `This API token lacks the permission '${found.permission.name}' needed to ${found.permission.action}`, {
      requiredPermission: found.permission.name,
    });
  }
  const context: RouteContext = { world, token, params, query: incoming.query, body: incoming.body, rawBody: incoming.rawBody };
  resolveScope(context);
  const answer = found.handle(context);
  return answer.pagination ? { data: answer.data, pagination: answer.pagination } : { data: answer.data };
}
