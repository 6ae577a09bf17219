import { normalizeBaseUrl } from './baseUrl';
import { NorthflankError, Targets } from './errors';
import { isObject, pageQuery, Reply } from './reply';
import { DEFAULT_RETRY, RetryOptions } from './retryPolicy';
import { buildablePath, isJob } from './buildableRef';
import { toJobDetails, toJobSummary, toServiceDetails, toServiceSummary } from './serviceDetails';
import { ApiRequest, TokenSource, Transport } from './transport';
import {
  Branch,
  Build,
  BuildableRef,
  JobDetails,
  JobRef,
  JobSummary,
  BuildLogQuery,
  LogLine,
  Page,
  PageOptions,
  Project,
  PullRequest,
  RateLimitSnapshot,
  RequestLogEntry,
  RequestOptions,
  ServiceDetails,
  ServiceRef,
  ServiceSummary,
  StartBuildBody,
  TokenInfo,
} from './types';

export interface NorthflankClientOptions {
  /** Default `https://api.northflank.com`; plain `http:` only for loopback hosts. */
  baseUrl?: string;
  /** The API token, or a function that reads it (from secret storage) for each operation. */
  token: TokenSource;
  /** Names the extension and its version, e.g. `northflank-build-vscode/0.1.0`. */
  userAgent?: string;
  /** Per attempt. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Called after every HTTP attempt; it never receives the token or query values. */
  onRequest?: (entry: RequestLogEntry) => void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_LOG_RANGE_BYTES = 32 * 1024 * 1024;

/** The Northflank REST operations the extension uses, over the global `fetch`. */
export class NorthflankClient {
  readonly baseUrl: string;
  private readonly transport: Transport;

  constructor(options: NorthflankClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.transport = new Transport({
      baseUrl: this.baseUrl,
      token: options.token,
      userAgent: options.userAgent ?? 'northflank-build-vscode',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: options.retry ?? DEFAULT_RETRY,
      onRequest: options.onRequest,
    });
  }

  /** The `x-ratelimit-*` headers of the latest answer that had them. */
  get rateLimit(): RateLimitSnapshot | undefined {
    return this.transport.rateLimit;
  }

  /** Starts a build of a service or a job; a job's body takes only `sha` and `overrides`. */
  async startBuild(ref: BuildableRef, body: StartBuildBody, options?: RequestOptions): Promise<Build> {
    const reply = await this.call(
      { operation: 'startBuild', method: 'POST', path: `${buildablePath(ref)}/build`, body, targets: targetsOf(ref) },
      options,
    );
    return reply.entity() as unknown as Build;
  }

  async getBuild(ref: BuildableRef, buildId: string, options?: RequestOptions): Promise<Build> {
    const reply = await this.call(
      { operation: 'getBuild', method: 'GET', path: buildPath(ref, buildId), targets: { ...targetsOf(ref), buildId } },
      options,
    );
    return reply.entity() as unknown as Build;
  }

  async listBuilds(ref: BuildableRef, page?: PageOptions, options?: RequestOptions): Promise<Page<Build>> {
    const reply = await this.call(
      { operation: 'listBuilds', method: 'GET', path: `${buildablePath(ref)}/build`, query: pageQuery(page), targets: targetsOf(ref) },
      options,
    );
    return reply.page('builds', (item) => item as unknown as Build);
  }

  /** Asks Northflank to stop a build; the build then ends with status `ABORTED`. */
  async abortBuild(ref: BuildableRef, buildId: string, options?: RequestOptions): Promise<void> {
    await this.call(
      { operation: 'abortBuild', method: 'DELETE', path: buildPath(ref, buildId), targets: { ...targetsOf(ref), buildId } },
      options,
    );
  }

  async getService(ref: ServiceRef, options?: RequestOptions): Promise<ServiceDetails> {
    const reply = await this.call({ operation: 'getService', method: 'GET', path: buildablePath(ref), targets: targetsOf(ref) }, options);
    return toServiceDetails(reply.entity());
  }

  async getJob(ref: JobRef, options?: RequestOptions): Promise<JobDetails> {
    const reply = await this.call({ operation: 'getJob', method: 'GET', path: buildablePath(ref), targets: targetsOf(ref) }, options);
    return toJobDetails(reply.entity());
  }

  /** The service's or the job's details: what a build of it needs to know. */
  getBuildable(ref: BuildableRef, options?: RequestOptions): Promise<ServiceDetails | JobDetails> {
    return isJob(ref) ? this.getJob(ref, options) : this.getService(ref, options);
  }

  async listProjects(page?: PageOptions, options?: RequestOptions): Promise<Page<Project>> {
    const reply = await this.call({ operation: 'listProjects', method: 'GET', path: '/v1/projects', query: pageQuery(page) }, options);
    return reply.page('projects', (item) => item as unknown as Project);
  }

  async listServices(projectId: string, page?: PageOptions, options?: RequestOptions): Promise<Page<ServiceSummary>> {
    const reply = await this.call(
      {
        operation: 'listServices',
        method: 'GET',
        path: `${projectPath(projectId)}/services`,
        query: pageQuery(page),
        targets: { projectId },
      },
      options,
    );
    return reply.page('services', toServiceSummary);
  }

  async listJobs(projectId: string, page?: PageOptions, options?: RequestOptions): Promise<Page<JobSummary>> {
    const reply = await this.call(
      { operation: 'listJobs', method: 'GET', path: `${projectPath(projectId)}/jobs`, query: pageQuery(page), targets: { projectId } },
      options,
    );
    return reply.page('jobs', toJobSummary);
  }

  /** The branches a build service may build. */
  async listBranches(ref: ServiceRef, page?: PageOptions, options?: RequestOptions): Promise<Page<Branch>> {
    const reply = await this.call(
      { operation: 'listBranches', method: 'GET', path: `${buildablePath(ref)}/branches`, query: pageQuery(page), targets: targetsOf(ref) },
      options,
    );
    return reply.page('branches', (item) => item as unknown as Branch);
  }

  async listPullRequests(ref: ServiceRef, page?: PageOptions, options?: RequestOptions): Promise<Page<PullRequest>> {
    const reply = await this.call(
      {
        operation: 'listPullRequests',
        method: 'GET',
        path: `${buildablePath(ref)}/pull-requests`,
        query: pageQuery(page),
        targets: targetsOf(ref),
      },
      options,
    );
    return reply.page('pullRequests', (item) => item as unknown as PullRequest);
  }

  async getBuildLogs(ref: BuildableRef, query: BuildLogQuery, options?: RequestOptions): Promise<LogLine[]> {
    const reply = await this.call(
      {
        operation: 'getBuildLogs',
        method: 'GET',
        path: `${buildablePath(ref)}/build-logs`,
        query: {
          queryType: 'range',
          buildId: query.buildId,
          startTime: isoTime(query.startTime),
          endTime: isoTime(query.endTime),
          lineLimit: query.lineLimit,
          direction: query.direction,
        },
        targets: { ...targetsOf(ref), buildId: query.buildId },
        // Log lines can be long and many; still bounded, so a runaway answer cannot fill the memory.
        maxBytes: MAX_LOG_RANGE_BYTES,
      },
      options,
    );
    // Documented as a bare list; a `{ logs: [...] }` wrapper is read too rather than failing.
    const lines = isObject(reply.data) ? reply.list('logs') : reply.list();
    return lines.filter(isObject).map(toLogLine);
  }

  /**
   * Confirms the token works and describes it. Older APIs have no `/v1/auth` (the official CLI
   * still checks with `/v1/login`), so a 404 there falls back to `/v1/login`.
   */
  async checkToken(options?: RequestOptions): Promise<TokenInfo> {
    try {
      const reply = await this.call({ operation: 'checkToken', method: 'GET', path: '/v1/auth' }, options);
      return { ...toTokenInfo(reply.data), checkedWith: '/v1/auth' };
    } catch (error) {
      if (!(error instanceof NorthflankError) || error.kind !== 'notFound') throw error;
    }
    const reply = await this.call({ operation: 'checkToken', method: 'GET', path: '/v1/login' }, options);
    return { ...toTokenInfo(reply.data), checkedWith: '/v1/login' };
  }

  private async call(request: ApiRequest, options: RequestOptions | undefined): Promise<Reply> {
    const answer = await this.transport.send(request, options?.signal);
    return new Reply({ operation: request.operation, targets: request.targets ?? {}, baseUrl: this.baseUrl }, answer.status, answer.body);
  }
}

function projectPath(projectId: string): string {
  return `/v1/projects/${encodeURIComponent(projectId)}`;
}

function buildPath(ref: BuildableRef, buildId: string): string {
  return `${buildablePath(ref)}/build/${encodeURIComponent(buildId)}`;
}

/** Only the ids go into error messages, never whatever else a caller's object carries. */
function targetsOf(ref: BuildableRef): Targets {
  return isJob(ref) ? { projectId: ref.projectId, jobId: ref.jobId } : { projectId: ref.projectId, serviceId: ref.serviceId };
}

function isoTime(time: Date | string | undefined): string | undefined {
  return time instanceof Date ? time.toISOString() : time;
}

function toLogLine(item: Record<string, unknown>): LogLine {
  return {
    containerId: typeof item.containerId === 'string' ? item.containerId : undefined,
    log: typeof item.log === 'string' ? item.log : String(item.log ?? ''),
    ts: typeof item.ts === 'string' ? item.ts : typeof item.ts === 'number' ? new Date(item.ts).toISOString() : '',
  };
}

function toTokenInfo(data: unknown): Omit<TokenInfo, 'checkedWith'> {
  if (!isObject(data)) return {};
  const info: Omit<TokenInfo, 'checkedWith'> = {};
  for (const key of ['tokenKind', 'id', 'name', 'entityId', 'entityType', 'role', 'createdAt', 'expiresAt'] as const) {
    if (typeof data[key] === 'string') info[key] = data[key] as string;
  }
  if (Array.isArray(data.permissions)) info.permissions = data.permissions.filter((p): p is string => typeof p === 'string');
  return info;
}
