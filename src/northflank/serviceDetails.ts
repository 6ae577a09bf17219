import { canonicalFilePath, canonicalFolder } from '../dockerfile/dockerfileLocation';
import { BuildMethod, BuildSettings, JobDetails, JobSummary, ServiceDetails, ServiceSummary } from './types';

type Json = Record<string, unknown>;

/** Reads a `GET /v1/projects/{p}/services/{s}` answer. */
export function toServiceDetails(data: Json): ServiceDetails {
  return { ...toServiceSummary(data), ...toBuildSettings(data) };
}

/** Reads a `GET /v1/projects/{p}/jobs/{j}` answer: a job keeps its build settings where a service does. */
export function toJobDetails(data: Json): JobDetails {
  return { ...toJobSummary(data), ...toBuildSettings(data) };
}

/**
 * Newer APIs keep the Dockerfile settings in `buildSettings.dockerfile.*` and mark the `vcsData.*` copies
 * deprecated; older ones only have `vcsData.*` (or `bundleData.*` for bundle services), so all are read,
 * newest first. A buildpack build keeps API defaults in those deprecated copies, which describe no real
 * Dockerfile, so it gets no Dockerfile settings at all.
 */
function toBuildSettings(data: Json): BuildSettings {
  const buildSettings = object(data.buildSettings);
  const dockerfile = object(buildSettings.dockerfile);
  const vcsData = object(data.vcsData);
  const bundleData = object(data.bundleData);
  const buildConfiguration = object(data.buildConfiguration);
  const engine = object(data.buildEngineConfiguration);
  const buildMethod = buildMethodOf(buildSettings, engine);
  return {
    buildSource: string(data.buildSource),
    repository: withoutEmpty({
      url: string(vcsData.projectUrl),
      provider: string(vcsData.projectType),
      branch: string(vcsData.projectBranch) ?? string(bundleData.branch) ?? string(bundleData.projectBranch),
    }),
    dockerfile:
      buildMethod === 'buildpack'
        ? {}
        : {
            path: mapped(string(dockerfile.dockerFilePath) ?? string(vcsData.dockerFilePath) ?? string(bundleData.dockerFilePath), canonicalFilePath),
            workDir: mapped(string(dockerfile.dockerWorkDir) ?? string(vcsData.dockerWorkDir) ?? string(bundleData.dockerWorkDir), canonicalFolder),
            target: string(buildConfiguration.dockerfileTarget),
          },
    buildEngine: string(dockerfile.buildEngine) ?? string(engine.buildEngine),
    buildMethod,
  };
}

/**
 * Buildpacks or a Dockerfile: the newer `buildSettings` says it by which block it has; older answers
 * only name the engine in `buildEngineConfiguration`. Anything else is a Dockerfile build, the default.
 */
function buildMethodOf(buildSettings: Json, engineConfiguration: Json): BuildMethod {
  if (isObjectValue(buildSettings.dockerfile)) return 'dockerfile';
  if (isObjectValue(buildSettings.buildpack)) return 'buildpack';
  return engineConfiguration.buildEngine === 'buildpack' ? 'buildpack' : 'dockerfile';
}

export function toServiceSummary(data: Json): ServiceSummary {
  return {
    id: String(data.id ?? ''),
    name: string(data.name) ?? String(data.id ?? ''),
    projectId: string(data.projectId),
    appId: string(data.appId),
    description: string(data.description),
    tags: Array.isArray(data.tags) ? data.tags.filter((tag): tag is string => typeof tag === 'string') : undefined,
    serviceType: string(data.serviceType) ?? 'unknown',
    disabledCI: boolean(data.disabledCI),
    disabledCD: boolean(data.disabledCD),
    repositoryUrl: string(object(data.vcsData).projectUrl),
    status: data.status !== null && typeof data.status === 'object' ? (data.status as ServiceSummary['status']) : undefined,
  };
}

export function toJobSummary(data: Json): JobSummary {
  return {
    id: String(data.id ?? ''),
    name: string(data.name) ?? String(data.id ?? ''),
    projectId: string(data.projectId),
    description: string(data.description),
    jobType: string(data.jobType),
    disabledCI: boolean(data.disabledCI),
    disabledCD: boolean(data.disabledCD),
    repositoryUrl: string(object(data.vcsData).projectUrl),
    suspended: boolean(data.suspended),
  };
}

function boolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function isObjectValue(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function object(value: unknown): Json {
  return isObjectValue(value) ? value : {};
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withoutEmpty<T extends object>(value: T): T | undefined {
  return Object.values(value).some((v) => v !== undefined) ? value : undefined;
}

/** Paths are kept in one form (see `canonicalFolder`), so they compare as strings. */
function mapped(value: string | undefined, form: (value: string) => string): string | undefined {
  return value === undefined ? undefined : form(value);
}
