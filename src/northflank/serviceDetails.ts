import { ServiceDetails, ServiceSummary } from './types';

type Json = Record<string, unknown>;

/**
 * Reads a `GET /v1/projects/{p}/services/{s}` answer. Newer APIs keep the Dockerfile settings in
 * `buildSettings.dockerfile.*` and mark the `vcsData.*` copies deprecated; older ones only have
 * `vcsData.*` (or `bundleData.*` for bundle services), so all are read, newest first.
 */
export function toServiceDetails(data: Json): ServiceDetails {
  const buildSettings = object(data.buildSettings);
  const dockerfile = object(buildSettings.dockerfile);
  const vcsData = object(data.vcsData);
  const bundleData = object(data.bundleData);
  const buildConfiguration = object(data.buildConfiguration);
  const engine = object(data.buildEngineConfiguration);
  return {
    ...toServiceSummary(data),
    buildSource: string(data.buildSource),
    repository: withoutEmpty({
      url: string(vcsData.projectUrl),
      provider: string(vcsData.projectType),
      branch: string(vcsData.projectBranch) ?? string(bundleData.branch) ?? string(bundleData.projectBranch),
    }),
    dockerfile: {
      path: string(dockerfile.dockerFilePath) ?? string(vcsData.dockerFilePath) ?? string(bundleData.dockerFilePath),
      workDir: string(dockerfile.dockerWorkDir) ?? string(vcsData.dockerWorkDir) ?? string(bundleData.dockerWorkDir),
      target: string(buildConfiguration.dockerfileTarget),
    },
    buildEngine: string(dockerfile.buildEngine) ?? string(engine.buildEngine),
  };
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
    status: data.status !== null && typeof data.status === 'object' ? (data.status as ServiceSummary['status']) : undefined,
  };
}

function boolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withoutEmpty<T extends object>(value: T): T | undefined {
  return Object.values(value).some((v) => v !== undefined) ? value : undefined;
}
