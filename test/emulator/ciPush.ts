import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BuildWorld, createBuild } from './builds';
import { errorBody, parseBody, readBody, sendJson } from './http';
import { buildRecipe } from './recipe';
import type { SeedBuildable } from './seed';
import type { BuildParent } from './state';

/** Where a fixture's post-receive hook tells the emulator what was pushed. Not part of the Northflank API. */
export const CI_PUSH_PATH = '/__test/push';

export interface PushedRef {
  repositoryUrl: string;
  branch: string;
  sha: string;
}

/** One build CI started for a push. */
export interface CiBuild {
  projectId: string;
  serviceId?: string;
  jobId?: string;
  buildId: string;
}

/**
 * Northflank's CI, as far as tests need it: a push to a repository starts a build on every service and
 * job with CI on that builds from it and takes the branch. Combined services and jobs build their linked
 * branch; build services any branch (the seed has no branch restrictions). The pushed commit becomes the
 * branch's head, so later builds of the branch build it too.
 */
export function receivePush(world: BuildWorld, push: PushedRef): CiBuild[] {
  const started: CiBuild[] = [];
  const parents: Array<{ parent: BuildParent; entity: SeedBuildable; buildsAnyBranch: boolean }> = [
    ...world.state.services
      .filter((service) => service.serviceType !== 'deployment' && (service.buildSource ?? 'git') === 'git')
      .map((service) => ({ parent: { kind: 'service' as const, id: service.id }, entity: service, buildsAnyBranch: service.serviceType === 'build' })),
    ...world.state.jobs.map((job) => ({ parent: { kind: 'job' as const, id: job.id }, entity: job, buildsAnyBranch: false })),
  ];
  for (const { parent, entity, buildsAnyBranch } of parents) {
    if (entity.repositoryUrl === undefined || !sameRepository(entity.repositoryUrl, push.repositoryUrl)) continue;
    const branch = entity.branches?.find((candidate) => candidate.name === push.branch);
    if (branch) branch.sha = push.sha;
    else entity.branches?.push({ name: push.branch, sha: push.sha });
    if (entity.disabledCI === true) continue;
    if (!buildsAnyBranch && (entity.linkedBranch ?? 'main') !== push.branch) continue;
    const build = createBuild(world, { projectId: entity.projectId, parent, branch: push.branch, sha: push.sha, body: undefined, ...buildRecipe(entity) });
    started.push({ projectId: entity.projectId, [parent.kind === 'service' ? 'serviceId' : 'jobId']: parent.id, buildId: build.id });
  }
  return started;
}

function sameRepository(a: string, b: string): boolean {
  const canonical = (url: string) => url.trim().toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');
  return canonical(a) === canonical(b);
}

/** `POST /__test/push {repositoryUrl, branch, sha}`; 404 unless the emulator was started with `ciPushHook`, as any unknown path. */
export async function handleCiPush(world: BuildWorld, enabled: boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = parseBody(await readBody(req)) as Partial<PushedRef> | undefined;
  if (!enabled) {
    sendJson(res, 404, errorBody(404, `No such endpoint: ${req.method ?? 'GET'} ${CI_PUSH_PATH} (start the emulator with ciPushHook to enable it)`));
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, errorBody(405, `Use POST ${CI_PUSH_PATH}`));
    return;
  }
  const valid = typeof body?.repositoryUrl === 'string' && typeof body.branch === 'string' && typeof body.sha === 'string' && /^[0-9a-f]{40}$/.test(body.sha);
  if (!valid) {
    sendJson(res, 400, errorBody(400, 'Expected {"repositoryUrl": string, "branch": string, "sha": 40 hexadecimal digits}'));
    return;
  }
  sendJson(res, 200, { data: { builds: receivePush(world, body as PushedRef) } });
}
