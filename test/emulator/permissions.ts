export const PERMISSIONS = {
  readProjects: 'Project > Projects > Manage > Read',
  readServices: 'Project > Services > General > Read',
  updateServices: 'Project > Services > General > Update',
  deployBuild: 'Project > Services > Deployment > Deploy Build',
  viewLogs: 'Project > Services > Deployment > View Instance Logs',
  readJobs: 'Project > Jobs > General > Read',
  deployJobBuild: 'Project > Jobs > Deployment > Deploy Build',
  viewJobLogs: 'Project > Jobs > Deployment > View Instance Logs',
} as const;

export const ALL_PERMISSIONS: readonly string[] = Object.values(PERMISSIONS);
