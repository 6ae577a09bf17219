import { createHash } from 'node:crypto';
import { abortBuild, branchHeadSha, type BuildFields, buildView, createBuild, startedBuildView } from './builds';
import { ApiError } from './http';
import { paginate, describe } from './pagination';
import { PERMISSIONS } from './permissions';
import type { Route, RouteContext } from './router';
import type { SeedService } from './seed';
import { buildsOf, findBuild, type BuildRecord } from './state';
import { isObject, validateStartBuild } from './validation';

const BUILD_PATH = '/projects/:projectId/services/:serviceId/build';
const DEPLOY_BUILD = { name: PERMISSIONS.deployBuild, action: 'start or abort builds' };
const READ_SERVICES = { name: PERMISSIONS.readServices, action: 'read services and their builds' };

export const buildRoutes: Route[] = [
  { method: 'POST', path: BUILD_PATH, permission: DEPLOY_BUILD, handle: startBuild },
  {
    method: 'GET',
    path: BUILD_PATH,
    permission: READ_SERVICES,
    handle: (context) => {
      const { world, params } = context;
      const page = paginate(buildsOf(world.state, params.projectId, { kind: 'service', id: params.serviceId }), context.query);
      return { data: { builds: page.items.map((build) => buildView(world, build)) }, pagination: page.pagination };
    },
  },
  {
    method: 'GET',
    path: `${BUILD_PATH}/:buildId`,
    permission: READ_SERVICES,
    handle: (context) => ({ data: buildView(context.world, requireBuild(context)) }),
  },
  {
    method: 'DELETE',
    path: `${BUILD_PATH}/:buildId`,
    permission: DEPLOY_BUILD,
    handle: (context) => {
      const build = requireBuild(context);
      const result = abortBuild(context.world, build);
      if (!result.aborted) {
        throw new ApiError(409, `Build '${build.id}' has already concluded with status ${result.status} and cannot be aborted`, {
          buildId: build.id,
          status: result.status,
        });
      }
      return { data: {} };
    },
  },
];

export function requireBuild(context: RouteContext): BuildRecord {
  const { projectId, serviceId, buildId } = context.params;
  const build = findBuild(context.world.state, projectId, { kind: 'service', id: serviceId }, buildId);
  if (!build) throw new ApiError(404, `Build '${buildId}' not found for service '${serviceId}'`, { buildId });
  return build;
}

function startBuild(context: RouteContext) {
  const service = context.service as SeedService;
  if (service.serviceType === 'deployment') {
    throw new ApiError(400, `Service '${service.id}' is a deployment service and cannot be built; only combined and build services have builds`, {
      serviceType: service.serviceType,
    });
  }
  if (context.rawBody.trim() !== '' && typeof context.body === 'string') {
    throw new ApiError(400, 'The request body is not valid JSON', { body: 'must be a JSON object' });
  }
  const validated = validateStartBuild(context.body, service);
  if (Object.keys(validated.issues).length > 0) {
    throw new ApiError(400, `Invalid build request: ${describe(validated.issues)}`, validated.issues);
  }
  const build = createBuild(context.world, {
    projectId: service.projectId,
    parent: { kind: 'service', id: service.id },
    body: context.body ?? {},
    dockerfile: effectiveDockerfile(service, validated.fields.overrides),
    ...(validated.kind === 'bundle' ? bundleTarget(service, validated.fields) : gitTarget(service, validated.fields)),
  });
  return { data: startedBuildView(context.world, build) };
}

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

function effectiveDockerfile(service: SeedService, overrides: unknown): BuildRecord['dockerfile'] {
  const docker = isObject(overrides) && isObject(overrides.docker) ? overrides.docker : {};
  return {
    dockerFilePath: (docker.dockerFilePath as string | undefined) ?? service.dockerfile?.dockerFilePath ?? '/Dockerfile',
    dockerWorkDir: (docker.dockerWorkDir as string | undefined) ?? service.dockerfile?.dockerWorkDir ?? '/',
    dockerfileTarget: (docker.dockerfileTarget as string | undefined) ?? service.dockerfile?.dockerfileTarget,
  };
}
