import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import type { BuildableRef } from '../../src/northflank/types';
import { type Conclusion, LinkedBuilds } from '../../src/watch/linkedBuilds';
import { SimulatedClock } from '../bench/simulatedClock';
import { type Emulator, MONOREPO, startEmulator, TOKENS } from '../emulator';
import { advanceSettled, TWO_MINUTE_PACE } from './watchRig';

const API: BuildableRef = { projectId: MONOREPO.projectId, serviceId: MONOREPO.apiServiceId };
const MIGRATE: BuildableRef = { projectId: MONOREPO.projectId, jobId: MONOREPO.migrateJobId };

describe('LinkedBuilds: the links, their builds, the watcher and the poller together', () => {
  let emulator: Emulator;
  let store: LinkedBuilds<BuildableRef>;
  const clock = new SimulatedClock();
  const conclusions: Conclusion[] = [];
  const advance = (ms: number) => advanceSettled(clock, () => store.settled(), ms);

  beforeEach(async () => {
    emulator = await startEmulator({ clock, pace: TWO_MINUTE_PACE });
    const client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    store = new LinkedBuilds({ lists: () => client, polling: () => client, clock });
    conclusions.length = 0;
    store.onDidConclude((conclusion) => conclusions.push(conclusion));
    store.setLinks([API, MIGRATE]);
  });
  afterEach(async () => {
    store.dispose();
    await emulator.stop();
  });

  it('sends nothing until a list is asked for or someone looks', async () => {
    await advance(10 * 60_000);
    assert.deepEqual(emulator.requests, []);
  });

  it('loads the first page of each link, and watches a build started here to its conclusion, announced once', async () => {
    await store.refresh();
    assert.deepEqual(
      emulator.requests.map((r) => r.path).sort(),
      ['/v1/projects/shop/jobs/migrate/build', '/v1/projects/shop/services/api/build'],
    );
    const build = await new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full }).startBuild(MIGRATE, {});
    store.track(MIGRATE, build);
    assert.equal(store.groups()[1].builds[0].id, build.id, 'shown at once, on top of its group');
    await advance(4 * 60_000);
    assert.deepEqual(
      conclusions.map((c) => [c.build.id, c.build.status, c.abortedHere]),
      [[build.id, 'SUCCESS', false]],
    );
  });

  it('marks the conclusion of a build aborted here, so nobody is told what they did', async () => {
    const client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full });
    const build = await client.startBuild(API, {});
    store.track(API, build);
    await client.abortBuild(API, build.id);
    store.aborted(API, build.id);
    await advance(60_000);
    assert.deepEqual(
      conclusions.map((c) => [c.build.status, c.abortedHere]),
      [['ABORTED', true]],
    );
  });
});
