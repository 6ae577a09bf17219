import { branchHeadSha } from './builds';
import { paginate } from './pagination';
import { PERMISSIONS } from './permissions';
import type { Route } from './router';
import type { SeedBranch, SeedService } from './seed';
import { branchView, pullRequestView, serviceDetails, serviceSummary } from './serviceViews';
import { projectsOf } from './state';

const READ_PROJECTS = { name: PERMISSIONS.readProjects, action: 'list projects' };
const READ_SERVICES = { name: PERMISSIONS.readServices, action: 'read services' };
const SERVICE_PATH = '/projects/:projectId/services/:serviceId';

export const catalogRoutes: Route[] = [
  {
    method: 'GET',
    path: '/projects',
    permission: READ_PROJECTS,
    handle: ({ world, token, query }) => {
      const page = paginate(projectsOf(world.state, token), query);
      const projects = page.items.map((project) => ({ id: project.id, name: project.name, ...(project.description ? { description: project.description } : {}) }));
      return { data: { projects }, pagination: page.pagination };
    },
  },
  {
    method: 'GET',
    path: '/projects/:projectId/services',
    permission: READ_SERVICES,
    handle: ({ world, params, query }) => {
      const page = paginate(
        world.state.services.filter((service) => service.projectId === params.projectId),
        query,
      );
      return { data: { services: page.items.map((service) => serviceSummary(world, service)) }, pagination: page.pagination };
    },
  },
  {
    method: 'GET',
    path: SERVICE_PATH,
    permission: READ_SERVICES,
    handle: ({ world, service }) => ({ data: serviceDetails(world, service as SeedService) }),
  },
  {
    method: 'GET',
    path: `${SERVICE_PATH}/branches`,
    permission: READ_SERVICES,
    handle: ({ service, query }) => {
      const page = paginate(branchesOf(service as SeedService), query);
      return { data: { branches: page.items.map(branchView) }, pagination: page.pagination };
    },
  },
  {
    method: 'GET',
    path: `${SERVICE_PATH}/pull-requests`,
    permission: READ_SERVICES,
    handle: ({ service, query }) => {
      const source = service as SeedService;
      const page = paginate(source.pullRequests ?? [], query);
      return { data: { pullRequests: page.items.map((pr) => pullRequestView(source, pr)) }, pagination: page.pagination };
    },
  },
];

function branchesOf(service: SeedService): SeedBranch[] {
  if (service.serviceType === 'deployment') return [];
  if (service.branches) return service.branches;
  const linked = service.linkedBranch ?? 'main';
  return [{ name: linked, sha: branchHeadSha(service, linked) }];
}
