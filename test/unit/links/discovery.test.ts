import * as assert from 'node:assert/strict';
import { buildableKey } from '../../../src/northflank/buildableRef';
import { discoverBuildables, type DetailsCache } from '../../../src/links/discovery';
import { NorthflankClient } from '../../../src/northflank/client';
import type { BuildableRef, BuildSettings } from '../../../src/northflank/types';
import { sameRepository } from '../../../src/repository/remoteUrl';
import { type Emulator, MONOREPO, startEmulator, TOKENS } from '../../emulator';

const service = (serviceId: string) => buildableKey({ projectId: MONOREPO.projectId, serviceId });
const job = (jobId: string) => buildableKey({ projectId: MONOREPO.projectId, jobId });

class MemoryCache implements DetailsCache {
  readonly entries = new Map<string, BuildSettings>();
  get(ref: BuildableRef): BuildSettings | undefined {
    return this.entries.get(buildableKey(ref));
  }
  set(ref: BuildableRef, settings: BuildSettings): void {
    this.entries.set(buildableKey(ref), settings);
  }
}

describe('Discovering what builds this repository (against the emulator)', () => {
  let emulator: Emulator;
  let api: NorthflankClient;
  before(async () => {
    emulator = await startEmulator();
    api = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full });
  });
  after(() => emulator.stop());

  it("finds the shop's services and job from an ssh remote, and nothing that builds another repository", async () => {
    const found = await discoverBuildables(api, ['git@github.com:example-org/shop.git'], new MemoryCache(), { sameRepository });
    const matching = found.buildables.filter((b) => b.matchesRemote).map((b) => `${b.kind}:${buildableKey(b.ref)}`);
    assert.deepEqual(matching.sort(), [
      `build:${service(MONOREPO.webPreviewsServiceId)}`,
      `combined:${service(MONOREPO.apiServiceId)}`,
      `combined:${service(MONOREPO.docsServiceId)}`,
      `combined:${service(MONOREPO.webServiceId)}`,
      `job:${job(MONOREPO.migrateJobId)}`,
    ]);
    const keys = found.buildables.map((b) => buildableKey(b.ref));
    assert.ok(keys.includes(job(MONOREPO.nightlyReportJobId)), 'a job of another repository is still offered, unmatched');
    assert.ok(!keys.includes(service(MONOREPO.databaseServiceId)), 'a deployment service cannot be built and is not offered');
  });

  it('says which services build with buildpacks and which have CI off', async () => {
    const found = await discoverBuildables(api, [MONOREPO.repositoryUrl], new MemoryCache(), { sameRepository });
    const docs = found.buildables.find((b) => buildableKey(b.ref) === service(MONOREPO.docsServiceId));
    assert.equal(docs?.settings?.buildMethod, 'buildpack');
    assert.equal(docs?.ciOn, false);
    const apiService = found.buildables.find((b) => buildableKey(b.ref) === service(MONOREPO.apiServiceId));
    assert.equal(apiService?.settings?.dockerfile.path, '/services/api/Dockerfile');
  });

  it('uses the list endpoints, reads each candidate once, and reads none again while the cache is fresh', async () => {
    const cache = new MemoryCache();
    const before = emulator.requests.length;
    const cold = await discoverBuildables(api, [MONOREPO.repositoryUrl], cache, { sameRepository });
    const sent = emulator.requests.slice(before);
    assert.equal(cold.requests, sent.length, 'the count it reports is what the emulator received');
    const reads = sent.filter((r) => /\/(services|jobs)\/[^/]+$/.test(r.path));
    assert.equal(reads.length, cold.buildables.length, 'one read per buildable candidate');
    assert.equal(new Set(reads.map((r) => r.path)).size, reads.length, 'no candidate is read twice');

    const warmStart = emulator.requests.length;
    const warm = await discoverBuildables(api, [MONOREPO.repositoryUrl], cache, { sameRepository });
    const again = emulator.requests.slice(warmStart);
    assert.equal(again.filter((r) => /\/(services|jobs)\/[^/]+$/.test(r.path)).length, 0);
    assert.equal(warm.requests, again.length);
    assert.deepEqual(
      warm.buildables.filter((b) => b.matchesRemote).map((b) => buildableKey(b.ref)),
      cold.buildables.filter((b) => b.matchesRemote).map((b) => buildableKey(b.ref)),
    );
  });

  it('matches no remote when the repository has none, and still lists everything buildable', async () => {
    const found = await discoverBuildables(api, [], new MemoryCache(), { sameRepository });
    assert.ok(found.buildables.length > 5);
    assert.ok(found.buildables.every((b) => !b.matchesRemote));
  });
});

describe('Discovery with a token that cannot read everything', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
    // A token allowed to read services but not jobs.
    const reader = emulator.state.tokens.find((token) => token.token === TOKENS.full);
    emulator.state.tokens.push({ ...reader!, token: 'services-only', permissions: reader!.permissions.filter((p) => !p.startsWith('Project > Jobs')) });
  });
  after(() => emulator.stop());

  it('still finds the services, and says which lists it could not read', async () => {
    const api = new NorthflankClient({ baseUrl: emulator.url, token: 'services-only', retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const found = await discoverBuildables(api, [MONOREPO.repositoryUrl], new MemoryCache(), { sameRepository });
    assert.ok(found.buildables.some((b) => b.matchesRemote && buildableKey(b.ref) === service(MONOREPO.apiServiceId)));
    assert.ok(found.buildables.every((b) => b.kind !== 'job'));
    assert.ok(found.unreadable.length > 0 && found.unreadable.every((line) => line.startsWith('the jobs of ')), found.unreadable.join('\n'));
  });
});
