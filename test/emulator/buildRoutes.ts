import { abortBuild, type BuildFields, buildView, createBuild, startedBuildView } from './builds';
import { ApiError } from './http';
import { paginate } from './pagination';
import { type ParentKind, parentRef } from './parents';
import type { Route, RouteContext } from './router';
import { buildsOf, findBuild, type BuildRecord } from './state';

/** What differs between starting a service build and a job build: the body's rules and what gets built. */
export type BuildPlanner = (context: RouteContext) => BuildFields;

/** Start, list, get and abort builds of one kind of parent. */
export function buildRoutes(parent: ParentKind, plan: BuildPlanner): Route[] {
  const path = `/projects/:projectId/${parent.collection}/:${parent.idParam}/build`;
  const { listBuilds, getBuild, deployBuild } = parent.permissions;
  return [
    {
      method: 'POST',
      path,
      permission: deployBuild,
      handle: (context) => {
        if (context.rawBody.trim() !== '' && typeof context.body === 'string') {
          throw new ApiError(400, 'The request body is not valid JSON', { body: 'must be a JSON object' });
        }
        return { data: startedBuildView(context.world, createBuild(context.world, plan(context))) };
      },
    },
    {
      method: 'GET',
      path,
      permission: listBuilds,
      handle: (context) => {
        const { world, params } = context;
        const page = paginate(buildsOf(world.state, params.projectId, parentRef(parent, context)), context.query);
        return { data: { builds: page.items.map((build) => buildView(world, build)) }, pagination: page.pagination };
      },
    },
    {
      method: 'GET',
      path: `${path}/:buildId`,
      permission: getBuild,
      handle: (context) => ({ data: buildView(context.world, requireBuild(parent, context, context.params.buildId)) }),
    },
    {
      method: 'DELETE',
      path: `${path}/:buildId`,
      permission: deployBuild,
      handle: (context) => {
        const build = requireBuild(parent, context, context.params.buildId);
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
}

export function requireBuild(parent: ParentKind, context: RouteContext, buildId: string): BuildRecord {
  const ref = parentRef(parent, context);
  const build = findBuild(context.world.state, context.params.projectId, ref, buildId);
  if (!build) throw new ApiError(404, `Build '${buildId}' not found for ${parent.noun} '${ref.id}'`, { buildId });
  return build;
}
