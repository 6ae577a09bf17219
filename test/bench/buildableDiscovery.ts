/**
 * What Link Services costs of the hourly rate limit on a large team: `discoverBuildables` against a
 * generated emulator seed of 20 projects, once with an empty details cache and once with the cache the
 * first run filled. Requests are counted from the emulator's record; wall time is real, on loopback.
 * Run: npm run compile-tests && node out/test/bench/buildableDiscovery.js [--runs N]
 */
import { performance } from 'node:perf_hooks';
import { discoverBuildables, type DetailsCache } from '../../src/links/discovery';
import { buildableKey } from '../../src/northflank/buildableRef';
import { NorthflankClient } from '../../src/northflank/client';
import type { BuildSettings } from '../../src/northflank/types';
import { sameRepository } from '../../src/repository/remoteUrl';
import { defaultSeed, type Seed, type SeedJob, type SeedService, startEmulator, TOKENS } from '../emulator';
import { round, type Samples, samples } from './samples';

export const DISCOVERY_PROJECTS = 20;
export const SERVICES_PER_PROJECT = 10;
/** Of the ten services, these many only deploy an image: discovery leaves them out without a read. */
const DEPLOYMENT_SERVICES = 2;
export const JOBS_PER_PROJECT = 2;
/** The documented hourly limit (northflank-api.md §1.6). */
export const HOURLY_LIMIT = 1000;

const THIS_REPOSITORY = 'https://github.com/example-org/shop';
/** The repository's remote as git shows it: another form of the same URL. */
const REMOTE = 'git@github.com:example-org/shop.git';
/** This project's services and jobs build this repository; every other project builds its own. */
const MATCHING_PROJECT = 7;

/**
 * 20 projects, each with 10 services (6 combined, one of them with buildpacks and two with CI off, 2 build
 * services, 2 deployment services) and 2 jobs (manual and cron), every list under one page.
 */
export function manyProjectsSeed(): Seed {
  const seed = defaultSeed();
  const projects = Array.from({ length: DISCOVERY_PROJECTS }, (_, index) => ({ id: `team-project-${index + 1}`, name: `Team Project ${index + 1}` }));
  const services: SeedService[] = [];
  const jobs: SeedJob[] = [];
  projects.forEach((project, index) => {
    const repositoryUrl = index + 1 === MATCHING_PROJECT ? THIS_REPOSITORY : `https://github.com/example-org/app-${index + 1}`;
    const branches = [{ name: 'main', sha: `${String(index + 1).padStart(2, '0')}`.padEnd(40, 'a') }];
    for (let n = 1; n <= SERVICES_PER_PROJECT; n++) {
      const base = { projectId: project.id, id: `service-${n}`, name: `Service ${n}` };
      if (n > SERVICES_PER_PROJECT - DEPLOYMENT_SERVICES) {
        services.push({ ...base, serviceType: 'deployment', image: 'library/nginx:latest' });
        continue;
      }
      const kind = n <= 6 ? 'combined' : 'build';
      services.push({
        ...base,
        serviceType: kind,
        repositoryUrl,
        branches,
        linkedBranch: kind === 'combined' ? 'main' : undefined,
        disabledCI: n === 5 || n === 6,
        ...(n === 4 ? { buildpack: { builder: 'HEROKU_24', buildContext: `/apps/${n}` } } : { dockerfile: { dockerFilePath: `/apps/${n}/Dockerfile`, dockerWorkDir: `/apps/${n}` } }),
      });
    }
    jobs.push(
      { projectId: project.id, id: 'migrate', name: 'Migrate', jobType: 'manual', repositoryUrl, branches, dockerfile: { dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/' } },
      { projectId: project.id, id: 'nightly', name: 'Nightly', jobType: 'cron', repositoryUrl, branches, buildpack: { builder: 'HEROKU_24', buildContext: '/' } },
    );
  });
  return { team: seed.team, tokens: seed.tokens, projects, services, jobs };
}

/** As the catalog's details cache, every entry fresh: the bench's runs are seconds apart, well within its 24 hours. */
class MemoryDetailsCache implements DetailsCache {
  private readonly entries = new Map<string, BuildSettings>();

  get(ref: Parameters<DetailsCache['get']>[0]): BuildSettings | undefined {
    return this.entries.get(buildableKey(ref));
  }

  set(ref: Parameters<DetailsCache['set']>[0], settings: BuildSettings): void {
    this.entries.set(buildableKey(ref), settings);
  }

  copy(): MemoryDetailsCache {
    const copy = new MemoryDetailsCache();
    for (const [key, settings] of this.entries) copy.entries.set(key, settings);
    return copy;
  }
}

export interface DiscoveryRun {
  requests: number;
  /** Wall time of the runs after the first. */
  ms: Samples;
  /** The first run in this process. */
  firstMs: number;
}

export interface BuildableDiscoveryResult {
  cold: DiscoveryRun;
  warm: DiscoveryRun;
  buildables: number;
  matching: number;
  /** What each cold discovery asked, by kind. */
  coldByKind: Record<string, number>;
}

export async function measureBuildableDiscovery(runs: number): Promise<BuildableDiscoveryResult> {
  // Several cold runs in one hour would pass the 1000 a token may send: the limit is not what is measured here.
  const emulator = await startEmulator({ seed: manyProjectsSeed(), rateLimit: { limit: 1_000_000, windowSeconds: 3600 } });
  try {
    const client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full });
    const discover = async (cache: MemoryDetailsCache) => {
      const from = emulator.requests.length;
      const started = performance.now();
      const result = await discoverBuildables(client, [REMOTE], cache, { sameRepository });
      const ms = performance.now() - started;
      const sent = emulator.requests.slice(from);
      if (sent.length !== result.requests) throw new Error(`discovery counted ${result.requests} requests, the emulator received ${sent.length}`);
      return { result, ms, sent };
    };
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    let cold: Awaited<ReturnType<typeof discover>> | undefined;
    let warm: Awaited<ReturnType<typeof discover>> | undefined;
    let filled: MemoryDetailsCache | undefined;
    let first = { cold: 0, warm: 0 };
    // The first pair also pays for loading and compiling the code on the way: it is reported apart.
    for (let run = 0; run <= runs; run++) {
      const empty = new MemoryDetailsCache();
      cold = await discover(empty);
      filled ??= empty;
      warm = await discover(filled.copy());
      if (run === 0) first = { cold: cold.ms, warm: warm.ms };
      else {
        coldMs.push(cold.ms);
        warmMs.push(warm.ms);
      }
    }
    if (!cold || !warm) throw new Error('no discovery was run');
    const matching = cold.result.buildables.filter((buildable) => buildable.matchesRemote).length;
    const expected = (SERVICES_PER_PROJECT - DEPLOYMENT_SERVICES + JOBS_PER_PROJECT) * DISCOVERY_PROJECTS;
    if (cold.result.buildables.length !== expected || matching !== expected / DISCOVERY_PROJECTS) {
      throw new Error(`discovery found ${cold.result.buildables.length} buildables (${matching} of this repository); the seed has ${expected} (${expected / DISCOVERY_PROJECTS})`);
    }
    const coldByKind: Record<string, number> = {};
    for (const request of cold.sent) {
      const kind = request.path === '/v1/projects' ? 'projects list' : /\/(services|jobs)$/.test(request.path) ? `${request.path.split('/').pop()} lists` : `${request.path.split('/')[4]} reads`;
      coldByKind[kind] = (coldByKind[kind] ?? 0) + 1;
    }
    return {
      cold: { requests: cold.result.requests, ms: samples(coldMs), firstMs: round(first.cold) },
      warm: { requests: warm.result.requests, ms: samples(warmMs), firstMs: round(first.warm) },
      buildables: cold.result.buildables.length,
      matching,
      coldByKind,
    };
  } finally {
    await emulator.stop();
  }
}

export function describeDiscovery(result: BuildableDiscoveryResult): string[] {
  const share = (requests: number) => `${((requests / HOURLY_LIMIT) * 100).toFixed(1)}% of ${HOURLY_LIMIT}/h`;
  return [
    `discovery seed: ${DISCOVERY_PROJECTS} projects × ${SERVICES_PER_PROJECT} services (${DEPLOYMENT_SERVICES} of them deployment services) + ${JOBS_PER_PROJECT} jobs; lists carry no repository, so each of the ${result.buildables} buildables is read once; ${result.matching} build this repository`,
    `cold: ${result.cold.requests} requests (${Object.entries(result.coldByKind).map(([kind, count]) => `${kind} ${count}`).join(', ')}), ${share(result.cold.requests)}, ${result.cold.requests <= HOURLY_LIMIT / 4 ? 'under' : 'over'} a quarter; median ${result.cold.ms.median} ms (${result.cold.ms.min}–${result.cold.ms.max}, N=${result.cold.ms.n} after a first run of ${result.cold.firstMs})`,
    `cached: ${result.warm.requests} requests, ${share(result.warm.requests)}; median ${result.warm.ms.median} ms (${result.warm.ms.min}–${result.warm.ms.max}, N=${result.warm.ms.n} after a first run of ${result.warm.firstMs})`,
  ];
}

if (require.main === module) {
  const runsArgument = process.argv.indexOf('--runs');
  const runs = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 5;
  measureBuildableDiscovery(runs).then(
    (result) => {
      for (const line of describeDiscovery(result)) console.error(line);
      console.log(JSON.stringify({ discovery_requests_20x10: result.cold.requests, discovery_requests_20x10_cached: result.warm.requests }));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
