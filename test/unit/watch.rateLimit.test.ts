import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import { TOKENS } from '../emulator';
import { QUEUED_FOR_AN_HOUR, REF, WatchRig } from './watchRig';

describe('BuildWatcher and the rate limit', () => {
  let rig: WatchRig;
  afterEach(async () => rig?.stop());

  it('after a 429, sends nothing until the window resets, then carries on', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR, rateLimit: { limit: 5, windowSeconds: 300 } });
    const build = await rig.startBuild();
    let refusedAt = 0;
    rig.watcher.onError(() => (refusedAt = rig.clock.now()));
    rig.watcher.watch(REF, build.id);
    await rig.advance(1_000);
    // Something else using the same token spends the rest of the budget behind the watcher's back.
    const elsewhere = new NorthflankClient({ baseUrl: rig.emulator.url, token: TOKENS.full, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    for (let i = 0; i < 3; i++) await elsewhere.getBuild(REF, build.id);
    const windowStart = rig.emulator.requests[0].at;
    await rig.advance(6 * 60_000);

    assert.equal(rig.errors.length, 1);
    assert.equal(rig.errors[0].kind, 'rateLimited');
    assert.ok((rig.errors[0].retryAfterSeconds ?? 0) > 250, `retry after ${rig.errors[0].retryAfterSeconds}`);
    const afterRefusal = rig.polls(build.id).filter((poll) => poll.at > refusedAt);
    assert.ok(afterRefusal.length > 0, 'polls again after the reset');
    assert.ok(afterRefusal[0].at >= windowStart + 300_000, `first poll after the 429 at +${(afterRefusal[0].at - windowStart) / 1000} s`);
    assert.ok(afterRefusal[0].at <= windowStart + 305_000, 'and promptly once it has reset');
  });

  it('spreads a running-low budget over the time left, so it never hits a 429', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR, rateLimit: { limit: 20, windowSeconds: 600 } });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id);
    await rig.advance(15 * 60_000);
    assert.deepEqual(
      rig.errors.map((error) => error.kind),
      [],
    );
    const windowStart = rig.emulator.requests[0].at;
    const inFirstWindow = rig.emulator.requests.filter((request) => request.at < windowStart + 600_000);
    assert.ok(inFirstWindow.length <= 20, `${inFirstWindow.length} requests in a window of 20`);
    // Spread out, not spent early and then silent: it was still asking late in the window.
    assert.ok(inFirstWindow.some((request) => request.at > windowStart + 500_000));
    const lateGaps = inFirstWindow.slice(-4).map((request, index, list) => (index === 0 ? 0 : request.at - list[index - 1].at));
    assert.ok(Math.min(...lateGaps.slice(1)) > 30_000, `slower than the normal 30 s near the end: ${lateGaps.join(', ')}`);
  });

  for (const [what, storm] of [
    ['x-ratelimit-reset: 0', { resetSeconds: 0 }],
    ['Retry-After: 1', { retryAfter: 1 }],
  ] as const) {
    it(`backs off in a storm of 429s that say ${what}, and still sees the build conclude`, async () => {
      const pace = { queuedMs: 20_000, startingMs: 20_000, cloningMs: 20_000, buildingMs: 11 * 60_000, uploadingMs: 20_000 };
      // No live tail, as when the proxy refuses it too: only the polls' own pace counts.
      rig = await WatchRig.start({ pace, tail: false });
      const build = await rig.startBuild();
      rig.emulator.inject({ kind: 'status429', ...storm, count: 100_000, method: 'GET', path: new RegExp(`/build/${build.id}$`) });
      rig.watcher.watch(REF, build.id);
      await rig.advance(10 * 60_000);
      const inStorm = rig.polls(build.id).length;
      // Keeping a 3 s pace would be 200 requests; backing off to the 30 s ceiling is about 30.
      assert.ok(inStorm <= 40, `${inStorm} polls in 10 minutes of 429s`);
      rig.emulator.clearFaults();
      await rig.advance(5 * 60_000);
      assert.equal(rig.conclusions.length, 1, 'the build was still seen to conclude');
    });
  }
});
