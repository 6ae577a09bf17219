export type OperationName =
  | 'startBuild'
  | 'getBuild'
  | 'listBuilds'
  | 'abortBuild'
  | 'getService'
  | 'listProjects'
  | 'listServices'
  | 'listBranches'
  | 'listPullRequests'
  | 'getBuildLogs'
  | 'checkToken';

export const DEPLOY_BUILD = 'Project > Services > Deployment > Deploy Build';
export const READ_SERVICES = 'Project > Services > General > Read';

/** The token permission each operation needs, as Northflank names it in the token's role settings. */
export const PERMISSIONS: Record<OperationName, string | undefined> = {
  startBuild: DEPLOY_BUILD,
  abortBuild: DEPLOY_BUILD,
  getBuild: READ_SERVICES,
  listBuilds: READ_SERVICES,
  getService: READ_SERVICES,
  listServices: READ_SERVICES,
  listBranches: READ_SERVICES,
  listPullRequests: READ_SERVICES,
  listProjects: 'Project > Projects > Manage > Read',
  getBuildLogs: 'Project > Services > Deployment > View Instance Logs',
  // Any valid token may describe itself.
  checkToken: undefined,
};

/**
 * Newer Northflank documentation names a different permission for some operations than the
 * official client does; a 403 message mentions both so the user is not sent after the wrong one.
 */
export const ALTERNATIVE_PERMISSIONS: Partial<Record<OperationName, string>> = {
  startBuild: 'Project > Services > General > Update',
};
