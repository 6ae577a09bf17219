export interface ServiceRef {
  projectId: string;
  serviceId: string;
}

export interface JobRef {
  projectId: string;
  jobId: string;
}

/**
 * What Northflank builds: a service or a job. The two are named by the same path parameters the
 * API uses (`serviceId`, `jobId`), and their build endpoints differ only in that segment.
 */
export type BuildableRef = ServiceRef | JobRef;

/** How a person tells the three buildable things apart: a combined or build service, or a job. */
export type BuildableKind = 'combined' | 'build' | 'job';

export interface BuildOverrides {
  buildArguments?: Record<string, string>;
  docker?: { dockerFilePath?: string; dockerWorkDir?: string; dockerfileTarget?: string };
}

export interface GitBuildBody {
  sha?: string;
  branch?: string;
  pullRequestId?: number;
  overrides?: BuildOverrides;
}

export interface BundleBuildBody {
  bundleUrl: string;
  branch?: string;
  sha?: string;
  overrides?: BuildOverrides;
}

export type StartBuildBody = GitBuildBody | BundleBuildBody;

export const KNOWN_BUILD_STATUSES = [
  'QUEUED',
  'PENDING',
  'UNSCHEDULABLE',
  'STARTING',
  'CLONING',
  'BUILDING',
  'UPLOADING',
  'ABORTED',
  'FAILURE',
  'SUBMISSION_FAILURE',
  'SUCCESS',
  'CRASHED',
  'IN_PROGRESS',
] as const;

export type KnownBuildStatus = (typeof KNOWN_BUILD_STATUSES)[number];
// The enum has grown between API versions, so an unknown string must still type-check.
export type BuildStatus = KnownBuildStatus | (string & {});

export interface Build {
  id: string;
  status?: BuildStatus;
  /** True once the build has finished, whatever the outcome. */
  concluded?: boolean;
  success?: boolean;
  branch?: string;
  pullRequestId?: number | string | null;
  sha?: string;
  message?: string | null;
  createdAt?: string;
  /** Unix seconds, as the API sends it. */
  buildConcludedAt?: number;
  registry?: { uri?: string };
}

export interface PageOptions {
  perPage?: number;
  page?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  cursor?: string;
}

export interface Project {
  id: string;
  name: string;
  description?: string;
}

export type ServiceType = 'combined' | 'build' | 'deployment' | (string & {});

export interface ServiceSummary {
  id: string;
  name: string;
  projectId?: string;
  appId?: string;
  description?: string;
  tags?: string[];
  serviceType: ServiceType;
  disabledCI?: boolean;
  disabledCD?: boolean;
  /** `vcsData.projectUrl` when the list carries it (documented lists do not; discovery then reads the service). */
  repositoryUrl?: string;
  status?: {
    build?: { status?: BuildStatus; lastTransitionTime?: string };
    deployment?: { status?: string; reason?: string; lastTransitionTime?: string };
  };
}

export interface DockerfileSettings {
  /** Path from the repository root, e.g. `/Dockerfile`. */
  path?: string;
  workDir?: string;
  target?: string;
}

export interface JobSummary {
  id: string;
  name: string;
  projectId?: string;
  description?: string;
  jobType?: 'manual' | 'cron' | (string & {});
  disabledCI?: boolean;
  /** As for services: only when the list carries it. */
  repositoryUrl?: string;
  disabledCD?: boolean;
  suspended?: boolean;
}

/** Builds either from a Dockerfile or with buildpacks; a buildpack build has no Dockerfile to override. */
export type BuildMethod = 'dockerfile' | 'buildpack';

/** What a build needs to know of the service or job it builds; services and jobs share this shape. */
export interface BuildSettings {
  buildSource?: 'git' | 'bundle' | (string & {});
  repository?: { url?: string; provider?: string; branch?: string };
  /** Read from `buildSettings.dockerfile.*`, then the deprecated `vcsData.*`; target from `buildConfiguration`. Empty for buildpack builds. */
  dockerfile: DockerfileSettings;
  buildEngine?: string;
  buildMethod: BuildMethod;
}

export interface ServiceDetails extends ServiceSummary, BuildSettings {}

export interface JobDetails extends JobSummary, BuildSettings {}

export interface Branch {
  name: string;
  id?: string;
  commit?: { sha?: string; author?: { login?: string }; message?: string; date?: string };
}

export interface PullRequest {
  id: number | string;
  state?: string;
  title?: string;
  source?: string;
  destination?: string;
  sha?: string;
  created_at?: string;
  updated_at?: string;
  html_url?: string;
}

export interface LogLine {
  containerId?: string;
  log: string;
  ts: string;
}

export interface BuildLogQuery {
  buildId: string;
  startTime?: Date | string;
  endTime?: Date | string;
  lineLimit?: number;
  direction?: 'forward' | 'backward';
}

export interface TokenInfo {
  /** Which endpoint accepted the token: older APIs only have `/v1/login`, which says little about it. */
  checkedWith: '/v1/auth' | '/v1/login';
  tokenKind?: string;
  id?: string;
  name?: string;
  entityId?: string;
  entityType?: string;
  role?: string;
  permissions?: string[];
  createdAt?: string;
  expiresAt?: string;
}

export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  resetSeconds: number;
  /** `Date.now()` when the headers arrived, so `resetSeconds` can be turned into a time. */
  observedAt: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  error?: string;
}
