import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import type { BuildableRef } from '../../src/northflank/types';
import { type Conclusion, LinkedBuilds } from '../../src/watch/linkedBuilds';
import { isBuildOf, pushCandidates } from '../../src/watch/pushSearch';
import { SimulatedClock } from '../bench/simulatedClock';
import { type Emulator, MONOREPO, startEmulator, TOKENS } from '../emulator';
import { SHOP_REPOSITORY_URL } from '../fixtures/workspace';
import { advanceSettled, TWO_MINUTE_PACE } from './watchRig';

const API: BuildableRef = { projectId: MONOREPO.projectId, serviceId: MONOREPO.apiServiceId };
const WEB: BuildableRef = { projectId: MONOREPO.projectId, serviceId: MONOREPO.webServiceId };
const DOCS: BuildableRef = { projectId: MONOREPO.projectId, serviceId: MONOREPO.docsServiceId };
const PREVIEWS: BuildableRef = { projectId: MONOREPO.projectId, serviceId: MONOREPO.webPreviewsServiceId };
const MIGRATE: BuildableRef = { projectId: MONOREPO.projectId, jobId: MONOREPO.migrateJobId };
const PUSHED = { branch: 'main', sha: '9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d' };

describe('Following the builds a push starts', () => {
  let emulator: Emulator;
  let store: LinkedBuilds<BuildableRef>;
  let clock: SimulatedClock;
  const conclusions: Conclusion[] = [];
  const advance = (ms: number) => advanceSettled(clock, () => store.settled(), ms);
  /** What the fixture's post-receive hook tells the emulator when the commit reaches the origin. */
  const ciReceives = (push = PUSHED) =>
    fetch(`${emulator.url}/__test/push`, { method: 'POST', body: JSON.stringify({ repositoryUrl: SHOP_REPOSITORY_URL, ...push }) }).then((answer) => assert.equal(answer.status, 200));

  beforeEach(async () => {
    clock = new SimulatedClock();
    emulator = await startEmulator({ clock, pace: TWO_MINUTE_PACE, ciPushHook: true });
    const client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    store = new LinkedBuilds({ lists: () => client, polling: () => client, clock });
    conclusions.length = 0;
    store.onDidConclude((conclusion) => conclusions.push(conclusion));
    store.setLinks([API, WEB, MIGRATE]);
  });
  afterEach(async () => {
    store.dispose();
    await emulator.stop();
  });

  it('finds the build of the pushed sha on each link within seconds, shows it and follows it to its conclusion', async () => {
    await ciReceives();
    store.followPush(PUSHED, [API, WEB, MIGRATE]);
    await advance(3_000);
    for (const group of store.groups()) {
      assert.equal(group.builds[0]?.sha, PUSHED.sha, `no build of the push shown on ${JSON.stringify(group.link)}`);
      assert.equal(group.pushNote, undefined);
    }
    const searchRequests = emulator.requests.length;
    assert.equal(searchRequests, 4, 'one service list for the project, then the builds of the two services that moved and of the job');
    await advance(4 * 60_000);
    assert.deepEqual(conclusions.map((c) => `${JSON.stringify(c.ref)} ${c.build.sha} ${c.build.status}`).sort(), [API, MIGRATE, WEB].map((ref) => `${JSON.stringify(ref)} ${PUSHED.sha} SUCCESS`).sort());
    assert.equal(clock.pendingTimers, 0, 'nothing left running once the builds concluded and nobody looks');
  });

  it('gives up after the bounded schedule with at most 6 requests when no build appears, and says so on each link', async () => {
    store.followPush(PUSHED, [API, WEB, MIGRATE]);
    await advance(2_000);
    assert.equal(emulator.requests.length, 0, 'CI gets a moment before the first look');
    await advance(10 * 60_000);
    assert.ok(emulator.requests.length <= 6, `${emulator.requests.length} requests: ${emulator.requests.map((r) => r.path).join(', ')}`);
    assert.ok(emulator.requests.length >= 4, 'it looked more than once before giving up');
    const last = emulator.requests[emulator.requests.length - 1].at - clock.now() + 10 * 60_000;
    assert.ok(last <= 60_000, `it stopped looking within a minute of the push (last at ${last} ms)`);
    assert.deepEqual(store.groups().map((group) => group.pushNote), Array(3).fill('No build of 9a8b7c6 appeared after the push'));
    assert.equal(clock.pendingTimers, 0);
  });

  it('finds a build CI starts late, after a first look found nothing', async () => {
    store.followPush(PUSHED, [API]);
    await advance(5_000);
    await ciReceives();
    await advance(60_000);
    assert.equal(store.groups()[0].builds[0]?.sha, PUSHED.sha);
    assert.equal(store.groups()[0].pushNote, undefined);
  });

  it('notes only the links where no build appeared', async () => {
    // CI builds the pushed branch on API and Web, but Docs has CI off and would never build it.
    store.setLinks([API, DOCS]);
    await ciReceives();
    store.followPush(PUSHED, [API, DOCS]);
    await advance(2 * 60_000);
    assert.deepEqual(store.groups().map((group) => group.pushNote), [undefined, 'No build of 9a8b7c6 appeared after the push']);
  });

  it('sends no request when nothing was pushed', async () => {
    await advance(10 * 60_000);
    assert.deepEqual(emulator.requests, []);
    assert.equal(clock.pendingTimers, 0);
  });

  it('searches only the links whose CI is on and whose branch rules take the pushed branch', () => {
    const searched = pushCandidates(
      [
        { ref: API, kind: 'combined', ciOn: true, branch: 'main' },
        { ref: WEB, kind: 'combined', ciOn: true, branch: 'release' },
        { ref: DOCS, kind: 'combined', ciOn: false, branch: 'main' },
        { ref: PREVIEWS, kind: 'build', ciOn: true },
        { ref: MIGRATE, kind: 'job', ciOn: true },
      ],
      PUSHED,
    );
    assert.deepEqual(searched, [API, PREVIEWS, MIGRATE]);
    assert.deepEqual(pushCandidates([{ ref: PREVIEWS, kind: 'build', ciOn: true }], { branch: 'any/branch', sha: PUSHED.sha }), [PREVIEWS]);
    assert.deepEqual(pushCandidates([{ ref: API, kind: 'combined' }], PUSHED), [], 'CI not known to be on: not searched');
  });

  it('matches a build to the pushed commit by its full or short sha only', () => {
    assert.ok(isBuildOf({ id: 'a', sha: PUSHED.sha }, PUSHED));
    assert.ok(isBuildOf({ id: 'a', sha: PUSHED.sha.slice(0, 7) }, PUSHED));
    assert.ok(!isBuildOf({ id: 'a', sha: PUSHED.sha.slice(0, 6) }, PUSHED));
    assert.ok(!isBuildOf({ id: 'a' }, PUSHED));
    assert.ok(!isBuildOf({ id: 'a', sha: '1'.repeat(40) }, PUSHED));
  });
});
