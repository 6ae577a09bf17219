import { ALL_PERMISSIONS } from './permissions';
import type { SeedProject, SeedService, SeedToken } from './seed';

/**
 * A team besides the default one, with a token of its own: each token sees only its team's projects,
 * so a folder linked to this team's service builds only with this token.
 */
export const SECOND_TEAM = {
  teamId: 'acme-labs',
  name: 'Acme Labs',
  token: 'nf-emulator-second-team-token',
  projectId: 'labs',
  serviceId: 'labs-web',
  repositoryUrl: 'https://github.com/acme-labs/labs-web',
  mainSha: '7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c',
} as const;

/** Fresh objects on each call, so that a test editing one seed leaves the others alone. */
export function secondTeamTokens(): SeedToken[] {
  return [{ token: SECOND_TEAM.token, teamId: SECOND_TEAM.teamId, name: 'Acme Labs full access', role: 'Admin', permissions: [...ALL_PERMISSIONS] }];
}

export function secondTeamProjects(): SeedProject[] {
  return [{ id: SECOND_TEAM.projectId, teamId: SECOND_TEAM.teamId, name: 'Labs', description: 'Acme Labs web app' }];
}

export function secondTeamServices(): SeedService[] {
  return [
    {
      projectId: SECOND_TEAM.projectId,
      id: SECOND_TEAM.serviceId,
      name: 'Labs Web',
      serviceType: 'combined',
      buildSource: 'git',
      repositoryUrl: SECOND_TEAM.repositoryUrl,
      linkedBranch: 'main',
      dockerfile: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' },
      branches: [{ name: 'main', sha: SECOND_TEAM.mainSha, author: 'octocat', message: 'Labs landing page', date: '2025-05-03T10:00:00.000Z' }],
    },
  ];
}
