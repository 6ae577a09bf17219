import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import type { Build, BuildableRef } from '../../src/northflank/types';
import { NewBuildPoller, type PollerTiming } from '../../src/watch/newBuildPoller';
import { nextTurns, SimulatedClock } from '../bench/simulatedClock';
import { type Emulator, MONOREPO, SEED, startEmulator, TOKENS } from '../emulator';
import { QUEUED_FOR_AN_HOUR } from './watchRig';

const COMBINED: BuildableRef = { projectId: SEED.projectId, serviceId: SEED.combinedServiceId };
const BUILDER: BuildableRef = { projectId: SEED.projectId, serviceId: SEED.buildServiceId };

/** The real emulator and client on a simulated clock; a second client plays CI starting builds elsewhere. */
class PollerRig {
  readonly noticed: Array<{ ref: BuildableRef; builds: Build[]; at: number }> = [];

  private constructor(
    readonly clock: SimulatedClock,
    readonly emulator: Emulator,
    readonly poller: NewBuildPoller,
    readonly elsewhere: NorthflankClient,
  ) {
    poller.onBuilds((ref, builds) => this.noticed.push({ ref, builds, at: clock.now() }));
  }

  static async start(timing?: Partial<PollerTiming>): Promise<PollerRig> {
    const clock = new SimulatedClock();
    const emulator = await startEmulator({ clock, pace: QUEUED_FOR_AN_HOUR });
    const client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const elsewhere = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full });
    return new PollerRig(clock, emulator, new NewBuildPoller({ source: client, clock, timing }), elsewhere);
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advanceBy(ms, { stepMs: 1_000, settle: async () => {
      await nextTurns();
      await this.poller.settled();
      await nextTurns();
    } });
  }

  requests(from = 0) {
    return this.emulator.requests.slice(from).map((r) => `${r.method} ${r.path}`);
  }

  async stop(): Promise<void> {
    this.poller.dispose();
    await this.emulator.stop();
  }
}

describe('NewBuildPoller: noticing builds started elsewhere', () => {
  let rig: PollerRig;
  afterEach(async () => rig?.stop());

  it('sends nothing and holds no timer while nobody looks and no linked build runs', async () => {
    rig = await PollerRig.start();
    rig.poller.setLinks([COMBINED, BUILDER]);
    await rig.advance(10 * 60_000);
    assert.deepEqual(rig.requests(), []);
    assert.equal(rig.clock.pendingTimers, 0);
  });

  it('asks once per project, not once per service, while the builds are looked at', async () => {
    rig = await PollerRig.start();
    rig.poller.setLinks([COMBINED, BUILDER]);
    rig.poller.setAttention(true);
    await rig.advance(60_000);
    const requests = rig.requests();
    assert.ok(requests.length >= 3, `polled: ${requests.join(', ')}`);
    assert.deepEqual(new Set(requests), new Set([`GET /v1/projects/${SEED.projectId}/services`]));
  });

  it("reads a service's builds only when its status.build changed, and hands over the new build", async () => {
    rig = await PollerRig.start();
    rig.poller.setLinks([COMBINED, BUILDER]);
    rig.poller.setAttention(true);
    await rig.advance(30_000);
    const before = rig.emulator.requests.length;
    const created = await rig.elsewhere.startBuild(COMBINED, {});
    const createdAt = rig.clock.now();
    await rig.advance(60_000);
    const notice = rig.noticed.find((n) => n.builds.some((b) => b.id === created.id));
    assert.ok(notice, 'the build started elsewhere was noticed');
    assert.deepEqual(notice.ref, COMBINED);
    assert.ok(notice.at - createdAt <= 40_000, `noticed after ${(notice.at - createdAt) / 1000} s`);
    const reads = rig.requests(before).filter((r) => r.startsWith('GET') && r.endsWith('/build'));
    assert.deepEqual(reads, [`GET /v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build`], 'only the changed service is read');
  });

  it('backs off while nothing changes, and looks again quickly after a change', async () => {
    rig = await PollerRig.start({ attentiveMs: 10_000, attentiveMaxMs: 40_000, growth: 2 });
    rig.poller.setLinks([COMBINED]);
    rig.poller.setAttention(true);
    await rig.advance(5 * 60_000);
    const at = rig.emulator.requests.map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    // The first round goes at once when someone starts looking; each quiet round doubles the wait.
    assert.equal(at[0], rig.emulator.requests[0].at);
    assert.deepEqual(gaps.slice(0, 2), [20_000, 40_000]);
    assert.ok(gaps.slice(3).every((gap) => gap === 40_000), `stays at the cap: ${gaps.join(', ')}`);
    await rig.elsewhere.startBuild(COMBINED, {});
    await rig.advance(60_000);
    const after = rig.emulator.requests.filter((r) => r.path.endsWith('/services')).map((r) => r.at);
    const last = after.slice(-2);
    assert.equal(last[1] - last[0], 10_000, 'after noticing a change it looks again at the first interval');
  });

  it('stops asking when nobody looks any more and nothing runs', async () => {
    rig = await PollerRig.start();
    rig.poller.setLinks([COMBINED]);
    rig.poller.setAttention(true);
    await rig.advance(60_000);
    rig.poller.setAttention(false);
    const before = rig.emulator.requests.length;
    await rig.advance(10 * 60_000);
    assert.equal(rig.emulator.requests.length, before);
    assert.equal(rig.clock.pendingTimers, 0);
  });

  it('keeps looking slowly for other new builds while a linked build runs and nobody looks', async () => {
    rig = await PollerRig.start({ busyMs: 60_000 });
    rig.poller.setLinks([COMBINED, BUILDER]);
    rig.poller.setBusy([COMBINED]);
    await rig.advance(5 * 60_000);
    assert.equal(rig.requests().length, 5, rig.requests().join(', '));
    rig.poller.setBusy([]);
    const before = rig.emulator.requests.length;
    await rig.advance(5 * 60_000);
    assert.equal(rig.emulator.requests.length, before, 'stops once nothing runs');
  });

  it("reads a job's builds every other round, since a job list carries no build status", async () => {
    rig = await PollerRig.start({ jobEvery: 2 });
    const job: BuildableRef = { projectId: MONOREPO.projectId, jobId: MONOREPO.migrateJobId };
    rig.poller.setLinks([COMBINED, job]);
    rig.poller.setAttention(true);
    await rig.advance(60_000);
    const jobReads = rig.requests().filter((r) => r.includes('/jobs/'));
    const serviceLists = rig.requests().filter((r) => r.endsWith('/services'));
    assert.ok(jobReads.length > 0 && jobReads.length <= Math.ceil(serviceLists.length / 2), `${jobReads.length} job reads for ${serviceLists.length} rounds`);
    const created = await rig.elsewhere.startBuild(job, {});
    await rig.advance(90_000);
    assert.ok(rig.noticed.some((n) => 'jobId' in n.ref && n.builds.some((b) => b.id === created.id)), 'the new job build was noticed');
  });

  it('notices a second build of a service whose first build is being watched', async () => {
    rig = await PollerRig.start();
    rig.poller.setLinks([COMBINED]);
    rig.poller.setAttention(true);
    await rig.advance(20_000);
    await rig.elsewhere.startBuild(COMBINED, {});
    rig.poller.setBusy([COMBINED]);
    await rig.advance(60_000);
    const second = await rig.elsewhere.startBuild(COMBINED, {});
    await rig.advance(60_000);
    assert.ok(rig.noticed.some((n) => n.builds.some((b) => b.id === second.id)), 'the second build was noticed while the first was watched');
  });

  it('never puts off a round that was due sooner when something happens', async () => {
    rig = await PollerRig.start({ attentiveMs: 10_000, attentiveMaxMs: 40_000, growth: 4 });
    rig.poller.setLinks([COMBINED]);
    rig.poller.setAttention(true);
    await rig.advance(11_000);
    const lastRound = rig.emulator.requests.at(-1)!.at;
    // The next round is due 40 s after the last one; events in between must not push it back.
    await rig.advance(30_000);
    rig.poller.setBusy([COMBINED]);
    rig.poller.setLinks([COMBINED, BUILDER]);
    await rig.advance(15_000);
    const next = rig.emulator.requests.find((r) => r.at > lastRound);
    assert.ok(next, 'the round happened');
    assert.ok(next.at - lastRound <= 40_000, `next round after ${(next.at - lastRound) / 1000} s`);
  });
});
