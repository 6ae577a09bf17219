import { PERMISSIONS } from './permissions';
import type { RouteContext, RoutePermission } from './router';
import type { BuildParent } from './state';

/**
 * How the API addresses one kind of build parent. The build and build-log routes of a service and
 * of a job are the same apart from these.
 */
export interface ParentKind {
  kind: BuildParent['kind'];
  /** Paths read /projects/{projectId}/{collection}/{id}/… */
  collection: string;
  /** The path parameter that holds the parent's id. */
  idParam: string;
  /** For messages: "Build 'x' not found for service 'y'". */
  noun: string;
  permissions: {
    listBuilds: RoutePermission;
    getBuild: RoutePermission;
    deployBuild: RoutePermission;
    viewLogs: RoutePermission;
  };
}

const READ_SERVICES = { name: PERMISSIONS.readServices, action: 'read services and their builds' };

export const SERVICE_PARENT: ParentKind = {
  kind: 'service',
  collection: 'services',
  idParam: 'serviceId',
  noun: 'service',
  permissions: {
    listBuilds: READ_SERVICES,
    getBuild: READ_SERVICES,
    deployBuild: { name: PERMISSIONS.deployBuild, action: 'start or abort builds' },
    // The docs' string; js-client's own is a generic 'Account > Service | Job | Addon > General > Read'.
    viewLogs: { name: PERMISSIONS.viewLogs, action: 'read build logs' },
  },
};

export const JOB_PARENT: ParentKind = {
  kind: 'job',
  collection: 'jobs',
  idParam: 'jobId',
  noun: 'job',
  permissions: {
    listBuilds: { name: PERMISSIONS.readJobs, action: 'read jobs and their builds' },
    // Unlike a service build, js-client 0.9.5 asks Deploy Build, not Read, to get one job build.
    getBuild: { name: PERMISSIONS.deployJobBuild, action: 'read a job build' },
    deployBuild: { name: PERMISSIONS.deployJobBuild, action: 'start or abort job builds' },
    // By analogy with services; js-client names only its generic logs string, for both.
    viewLogs: { name: PERMISSIONS.viewJobLogs, action: 'read job build logs' },
  },
};

export const PARENT_KINDS: readonly ParentKind[] = [SERVICE_PARENT, JOB_PARENT];

/** The parent a request's path names. */
export function parentRef(parent: ParentKind, context: RouteContext): BuildParent {
  return { kind: parent.kind, id: context.params[parent.idParam] };
}
