import { buildableKey, buildableServiceKind } from '../northflank/buildableRef';
import type {
  BuildableKind,
  BuildableRef,
  BuildSettings,
  JobDetails,
  JobSummary,
  Page,
  PageOptions,
  Project,
  ServiceDetails,
  ServiceSummary,
} from '../northflank/types';

/** The list and read calls discovery makes; the API client has them all. */
export interface DiscoveryApi {
  listProjects(page?: PageOptions): Promise<Page<Project>>;
  listServices(projectId: string, page?: PageOptions): Promise<Page<ServiceSummary>>;
  listJobs(projectId: string, page?: PageOptions): Promise<Page<JobSummary>>;
  getBuildable(ref: BuildableRef): Promise<ServiceDetails | JobDetails>;
}

/** Build settings read earlier; a repository link rarely changes, so discovery reuses them for a while. */
export interface DetailsCache {
  /** Fresh enough to trust, else undefined. */
  get(ref: BuildableRef): BuildSettings | undefined;
  set(ref: BuildableRef, settings: BuildSettings): void;
}

export interface DiscoveredBuildable {
  ref: BuildableRef;
  name: string;
  kind: BuildableKind;
  projectName: string;
  repositoryUrl?: string;
  /** Its repository is one of this repository's remotes. */
  matchesRemote: boolean;
  ciOn: boolean;
  settings?: BuildSettings;
}

export interface DiscoveryResult {
  buildables: DiscoveredBuildable[];
  /** API requests made, cache hits excluded: what this discovery cost of the hourly rate limit. */
  requests: number;
  /** Lists cut short at the page limit, so the person knows the list may be incomplete. */
  truncated: boolean;
  /** Lists the token could not read (a missing permission, say), each with why; the rest is still found. */
  unreadable: string[];
}

export interface DiscoveryOptions {
  /** True when two repository URLs name the same repository. */
  sameRepository(a: string, b: string): boolean;
  /** Reads run this many at a time. */
  concurrency?: number;
  /** Pages of 100 per list, at most. */
  maxPages?: number;
}

const PER_PAGE = 100;

/**
 * Every buildable service and job the token can see, with whether it builds one of `remoteUrls`.
 * The list endpoints give everything but the repository, so a service or job is read only when the
 * list lacks its repository and the cache has no fresh copy.
 */
export async function discoverBuildables(api: DiscoveryApi, remoteUrls: string[], cache: DetailsCache, options: DiscoveryOptions): Promise<DiscoveryResult> {
  let requests = 0;
  let truncated = false;
  const unreadable: string[] = [];
  const maxPages = options.maxPages ?? 5;
  const all = async <T>(load: (page: PageOptions) => Promise<Page<T>>): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      if (page === maxPages) {
        truncated = true;
        break;
      }
      requests++;
      const answer = await load({ perPage: PER_PAGE, cursor });
      items.push(...answer.items);
      if (!answer.hasNextPage || !answer.cursor) break;
      cursor = answer.cursor;
    }
    return items;
  };

  const projects = await all((page) => api.listProjects(page));
  const perProject = await mapLimited(projects, options.concurrency ?? 4, async (project) => {
    // A token may read a project's services but not its jobs (or be kept out of one project): what it can read still counts.
    const readable = <T>(list: Promise<T[]>, what: string) =>
      list.catch((error: unknown) => {
        unreadable.push(`${what} of ${project.name}: ${error instanceof Error ? error.message : String(error)}`);
        return [] as T[];
      });
    const [services, jobs] = await Promise.all([
      readable(all((page) => api.listServices(project.id, page)), 'the services'),
      readable(all((page) => api.listJobs(project.id, page)), 'the jobs'),
    ]);
    const found: Array<Omit<DiscoveredBuildable, 'matchesRemote'>> = [];
    for (const service of services) {
      const kind = buildableServiceKind(service.serviceType);
      if (!kind) continue;
      const ref = { projectId: project.id, serviceId: service.id };
      found.push({ ref, name: service.name, kind, projectName: project.name, repositoryUrl: service.repositoryUrl, ciOn: service.disabledCI !== true });
    }
    for (const job of jobs) {
      const ref = { projectId: project.id, jobId: job.id };
      found.push({ ref, name: job.name, kind: 'job', projectName: project.name, repositoryUrl: job.repositoryUrl, ciOn: job.disabledCI !== true });
    }
    return found;
  });

  const candidates = perProject.flat();
  const buildables = await mapLimited(candidates, options.concurrency ?? 4, async (candidate): Promise<DiscoveredBuildable> => {
    let settings = cache.get(candidate.ref);
    if (candidate.repositoryUrl === undefined && settings === undefined) {
      requests++;
      try {
        settings = await api.getBuildable(candidate.ref);
        cache.set(candidate.ref, settings);
      } catch {
        // One unreadable service must not hide the others; it is still offered, unmatched.
        settings = undefined;
      }
    }
    const repositoryUrl = candidate.repositoryUrl ?? settings?.repository?.url;
    const matchesRemote = repositoryUrl !== undefined && remoteUrls.some((remote) => options.sameRepository(remote, repositoryUrl));
    return { ...candidate, repositoryUrl, settings, matchesRemote };
  });
  return { buildables: dedupe(buildables), requests, truncated, unreadable };
}

function dedupe(buildables: DiscoveredBuildable[]): DiscoveredBuildable[] {
  const seen = new Set<string>();
  return buildables.filter((b) => !seen.has(buildableKey(b.ref)) && seen.add(buildableKey(b.ref)));
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
