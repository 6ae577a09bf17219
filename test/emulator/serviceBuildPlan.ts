import { createHash } from 'node:crypto';
import type { BuildPlanner } from './buildRoutes';
import { branchHeadSha, type BuildFields } from './builds';
import { ApiError } from './http';
import { describe } from './pagination';
import { buildRecipe } from './recipe';
import type { SeedService } from './seed';
import { validateStartBuild } from './validation';

/** A service build: combined services build their linked branch, build services a branch or pull request, or a bundle. */
export const planServiceBuild: BuildPlanner = (context) => {
  const service = context.service as SeedService;
  if (service.serviceType === 'deployment') {
    throw new ApiError(400, `Service '${service.id}' is a deployment service and cannot be built; only combined and build services have builds`, {
      serviceType: service.serviceType,
    });
  }
  const validated = validateStartBuild(context.body, service);
  if (Object.keys(validated.issues).length > 0) {
    throw new ApiError(400, `Invalid build request: ${describe(validated.issues)}`, validated.issues);
  }
  return {
    projectId: service.projectId,
    parent: { kind: 'service', id: service.id },
    body: context.body ?? {},
    ...buildRecipe(service, validated.fields.overrides),
    ...(validated.kind === 'bundle' ? bundleTarget(service, validated.fields) : gitTarget(service, validated.fields)),
  };
};

type Target = Pick<BuildFields, 'branch' | 'pullRequestId' | 'sha' | 'bundleUrl'>;

function bundleTarget(service: SeedService, fields: Record<string, unknown>): Target {
  const bundleUrl = fields.bundleUrl as string;
  const branch = (fields.branch as string | undefined) ?? service.linkedBranch;
  const sha = (fields.sha as string | undefined) ?? createHash('sha1').update(bundleUrl).digest('hex');
  return { bundleUrl, branch, sha };
}

/** Unknown branches and pull requests are refused with 400, naming the field, like other body problems. */
function gitTarget(service: SeedService, fields: Record<string, unknown>): Target {
  const sha = fields.sha as string | undefined;
  if (service.serviceType === 'combined') {
    const branch = service.linkedBranch ?? 'main';
    return { branch, sha: sha ?? branchHeadSha(service, branch) };
  }
  if (fields.pullRequestId !== undefined) {
    const id = Number(fields.pullRequestId);
    const pr = service.pullRequests?.find((candidate) => candidate.id === id && (candidate.state ?? 'OPEN') === 'OPEN');
    if (!pr) {
      throw new ApiError(400, `Invalid build request: pullRequestId ${id} is not an open pull request of service '${service.id}'`, {
        pullRequestId: `no open pull request #${id}`,
      });
    }
    return { branch: pr.source, pullRequestId: id, sha: sha ?? pr.sha };
  }
  const branch = fields.branch as string;
  if (service.branches && !service.branches.some((candidate) => candidate.name === branch)) {
    throw new ApiError(400, `Invalid build request: branch '${branch}' does not exist in the repository of service '${service.id}'`, {
      branch: `no branch named '${branch}'`,
    });
  }
  return { branch, sha: sha ?? branchHeadSha(service, branch) };
}
