export type OperationName =
  | 'startBuild'
  | 'getBuild'
  | 'listBuilds'
  | 'abortBuild'
  | 'getService'
  | 'getJob'
  | 'listProjects'
  | 'listServices'
  | 'listJobs'
  | 'listBranches'
  | 'listPullRequests'
  | 'getBuildLogs'
  | 'checkToken';

export const DEPLOY_BUILD = 'Project > Services > Deployment > Deploy Build';
const READ_SERVICES = 'Project > Services > General > Read';
export const DEPLOY_JOB_BUILD = 'Project > Jobs > Deployment > Deploy Build';
const READ_JOBS = 'Project > Jobs > General > Read';

/** The token permission each operation needs, as Northflank names it in the token's role settings. */
const PERMISSIONS: Record<OperationName, string | undefined> = {
  startBuild: DEPLOY_BUILD,
  abortBuild: DEPLOY_BUILD,
  getBuild: READ_SERVICES,
  listBuilds: READ_SERVICES,
  getService: READ_SERVICES,
  getJob: READ_JOBS,
  listServices: READ_SERVICES,
  listJobs: READ_JOBS,
  listBranches: READ_SERVICES,
  listPullRequests: READ_SERVICES,
  listProjects: 'Project > Projects > Manage > Read',
  getBuildLogs: 'Project > Services > Deployment > View Instance Logs',
  // Any valid token may describe itself.
  checkToken: undefined,
};

/** The same operations on a job's builds need the job family of permissions (as js-client 0.9.5 names them). */
const JOB_PERMISSIONS: Partial<Record<OperationName, string>> = {
  startBuild: DEPLOY_JOB_BUILD,
  abortBuild: DEPLOY_JOB_BUILD,
  // js-client types reading one job build with the deploy permission; listing them only needs read.
  getBuild: DEPLOY_JOB_BUILD,
  listBuilds: READ_JOBS,
  getBuildLogs: 'Project > Jobs > Deployment > View Instance Logs',
};

export function permissionFor(operation: OperationName, onJob: boolean): string | undefined {
  return (onJob ? JOB_PERMISSIONS[operation] : undefined) ?? PERMISSIONS[operation];
}

/**
 * Newer Northflank documentation names a different permission for some operations than the
 * official client does; a 403 message mentions both so the user is not sent after the wrong one.
 */
export const ALTERNATIVE_PERMISSIONS: Partial<Record<OperationName, string>> = {
  startBuild: 'Project > Services > General > Update',
};
