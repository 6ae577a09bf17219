import type { BuildWorld } from './builds';
import { ApiError } from './http';
import type { Pagination } from './pagination';
import type { SeedJob, SeedProject, SeedService, SeedToken } from './seed';
import { findJob, findProject, findService, teamOf } from './state';

export interface RouteContext {
  world: BuildWorld;
  token: SeedToken;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body; undefined when empty. */
  body: unknown;
  rawBody: string;
  project?: SeedProject;
  service?: SeedService;
  job?: SeedJob;
}

export interface RouteAnswer {
  data: unknown;
  pagination?: Pagination;
}

/** The permission a route needs, and what it allows, for the 403 message. */
export interface RoutePermission {
  name: string;
  action: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Paths under /projects also answer under /teams/{teamId}/projects, like the real API. */
  path: string;
  permission?: RoutePermission;
  handle(context: RouteContext): RouteAnswer;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Route[]) {
    this.compiled = routes.flatMap((route) => {
      const forms = route.path.startsWith('/projects') ? [`/v1${route.path}`, `/v1/teams/:teamId${route.path}`] : [`/v1${route.path}`];
      return forms.map((form) => compile(route, form));
    });
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    for (const { route, pattern, names } of this.compiled) {
      if (route.method !== method) continue;
      const found = pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => (params[name] = safeDecode(found[index + 1])));
      return { route, params };
    }
    return undefined;
  }
}

function compile(route: Route, form: string): CompiledRoute {
  const names: string[] = [];
  const source = form
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Finds the team, project, service and job named in the path, answering 404 naming the id that is unknown.
 * Another team than the token's, or a project of one, is unknown: the real API does not reveal them.
 */
export function resolveScope(context: RouteContext): void {
  const { teamId, projectId, serviceId, jobId } = context.params;
  const state = context.world.state;
  if (teamId !== undefined && teamId !== teamOf(state, context.token)) {
    throw new ApiError(404, `Team '${teamId}' not found`, { teamId });
  }
  if (projectId !== undefined) {
    context.project = findProject(state, context.token, projectId);
    if (!context.project) throw new ApiError(404, `Project '${projectId}' not found`, { projectId });
  }
  if (projectId !== undefined && serviceId !== undefined) {
    context.service = findService(state, projectId, serviceId);
    if (!context.service) throw new ApiError(404, `Service '${serviceId}' not found in project '${projectId}'`, { serviceId });
  }
  if (projectId !== undefined && jobId !== undefined) {
    context.job = findJob(state, projectId, jobId);
    if (!context.job) throw new ApiError(404, `Job '${jobId}' not found in project '${projectId}'`, { jobId });
  }
}
