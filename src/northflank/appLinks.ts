import { buildableId, isJob } from './buildableRef';
import type { BuildableRef } from './types';

const APP_URL = 'https://app.northflank.com';

/**
 * The service's or job's builds page in the Northflank app. Northflank has no documented
 * page per build, so the builds list is the closest stable link. Without the team
 * slug, the `/s/` form lets the app pick the user's current team.
 */
export function buildsPageUrl(ref: BuildableRef, teamId?: string): string {
  const team = teamId ? `t/${encodeURIComponent(teamId)}` : 's';
  const parent = isJob(ref) ? 'jobs' : 'services';
  return `${APP_URL}/${team}/project/${encodeURIComponent(ref.projectId)}/${parent}/${encodeURIComponent(buildableId(ref))}/builds`;
}
