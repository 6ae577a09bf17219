import type { ServiceRef } from './types';

const APP_URL = 'https://app.northflank.com';

/**
 * The service's builds page in the Northflank app. Northflank has no documented
 * page per build, so the builds list is the closest stable link. Without the team
 * slug, the `/s/` form lets the app pick the user's current team.
 */
export function serviceBuildsUrl(ref: ServiceRef, teamId?: string): string {
  const team = teamId ? `t/${encodeURIComponent(teamId)}` : 's';
  return `${APP_URL}/${team}/project/${encodeURIComponent(ref.projectId)}/services/${encodeURIComponent(ref.serviceId)}/builds`;
}
