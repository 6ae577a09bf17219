import type { BuildableRef, JobRef } from './types';

export function isJob(ref: BuildableRef): ref is JobRef {
  return 'jobId' in ref && typeof ref.jobId === 'string';
}

/** The service's or job's own id. */
export function buildableId(ref: BuildableRef): string {
  return isJob(ref) ? ref.jobId : ref.serviceId;
}

/** `/v1/projects/{projectId}/services/{serviceId}` or `…/jobs/{jobId}`, percent-encoded. */
export function buildablePath(ref: BuildableRef): string {
  const parent = isJob(ref) ? 'jobs' : 'services';
  return `/v1/projects/${encodeURIComponent(ref.projectId)}/${parent}/${encodeURIComponent(buildableId(ref))}`;
}

/** One string per service or job, the same however the ref was built: for maps, sets and stored keys. */
export function buildableKey(ref: BuildableRef): string {
  return `${ref.projectId}/${isJob(ref) ? 'jobs' : 'services'}/${buildableId(ref)}`;
}

export function sameBuildable(a: BuildableRef, b: BuildableRef): boolean {
  return buildableKey(a) === buildableKey(b);
}

/** Just the ids, without whatever else the object carries (a link's name, its kind): what is sent and stored. */
export function refOf(ref: BuildableRef): BuildableRef {
  return isJob(ref) ? { projectId: ref.projectId, jobId: ref.jobId } : { projectId: ref.projectId, serviceId: ref.serviceId };
}

/** Reads a key made by `buildableKey` back; undefined for anything else. */
export function parseBuildableKey(key: string): BuildableRef | undefined {
  const match = /^([^/]+)\/(services|jobs)\/([^/]+)$/.exec(key);
  if (!match) return undefined;
  return match[2] === 'jobs' ? { projectId: match[1], jobId: match[3] } : { projectId: match[1], serviceId: match[3] };
}

/** `combined` and `build` services can be built; a `deployment` service (or an unknown type) cannot. */
export function buildableServiceKind(serviceType: string | undefined): 'combined' | 'build' | undefined {
  return serviceType === 'combined' || serviceType === 'build' ? serviceType : undefined;
}
