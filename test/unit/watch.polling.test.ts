import * as assert from 'node:assert/strict';
import { gaps, QUEUED_FOR_AN_HOUR, REF, TWO_MINUTE_PACE, WatchRig } from './watchRig';

describe('BuildWatcher polling', () => {
  let rig: WatchRig;
  afterEach(async () => rig?.stop());

  it('sends nothing and holds no timer while no build is watched', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE });
    rig.watcher.setVisibility({ focused: true, viewVisible: true });
    await rig.advance(10 * 60_000);
    assert.equal(rig.emulator.requests.length, 0);
    assert.equal(rig.clock.pendingTimers, 0);
  });

  it('backs off from 3 s to 30 s while the build does not change', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id);
    await rig.advance(5 * 60_000);
    const intervals = gaps(rig.polls(build.id));
    assert.equal(intervals[0], 3_000);
    assert.deepEqual(
      intervals,
      [...intervals].sort((a, b) => a - b),
      'intervals never shrink',
    );
    assert.equal(Math.max(...intervals), 30_000);
    assert.ok(intervals.filter((interval) => interval === 30_000).length >= 3, `settles at 30 s: ${intervals.join(', ')}`);
  });

  it('asks quickly again once the status has changed', async () => {
    const pace = { ...QUEUED_FOR_AN_HOUR, queuedMs: 90_000, startingMs: 3_600_000 };
    rig = await WatchRig.start({ pace });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id);
    await rig.advance(3 * 60_000);
    const polls = rig.polls(build.id);
    const sawStarting = rig.changes.find((change) => change.status === 'STARTING');
    assert.ok(sawStarting, 'the change to STARTING was reported');
    const next = polls.find((poll) => poll.at > sawStarting.at);
    assert.equal(next?.at, sawStarting.at + 3_000);
  });

  it('stops asking the moment a build concludes, and reports its outcome once', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(4 * 60_000);
    assert.equal(rig.conclusions.length, 1);
    assert.equal(rig.conclusions[0].status, 'SUCCESS');
    assert.equal(rig.conclusions[0].success, true);
    const order = ['QUEUED', 'STARTING', 'CLONING', 'BUILDING', 'UPLOADING', 'SUCCESS'];
    const ranks = rig.changes.map((change) => order.indexOf(change.status));
    assert.ok(!ranks.includes(-1), `only known statuses: ${rig.changes.map((change) => change.status).join(', ')}`);
    assert.deepEqual(ranks, [...new Set(ranks)].sort((a, b) => a - b), 'each status reported once, in order');
    const requestsAtConclusion = rig.emulator.requests.length;
    await rig.advance(10 * 60_000);
    assert.equal(rig.emulator.requests.length, requestsAtConclusion);
    assert.equal(rig.clock.pendingTimers, 0);
    assert.equal(rig.watcher.isWatching(REF, build.id), false);
  });

  it('reports a failed build as concluded without success', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE });
    const build = await rig.startBuild();
    rig.emulator.failSha(build.sha ?? '');
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(4 * 60_000);
    assert.equal(rig.conclusions.length, 1);
    assert.equal(rig.conclusions[0].status, 'FAILURE');
    assert.equal(rig.conclusions[0].success, false);
  });

  it('reports an aborted build as concluded', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(30_000);
    await rig.client.abortBuild(REF, build.id);
    await rig.advance(60_000);
    assert.equal(rig.conclusions.length, 1);
    assert.equal(rig.conclusions[0].status, 'ABORTED');
  });

  it('does not watch a build already known to be concluded', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE });
    rig.watcher.watch(REF, 'quiet-meadow-4410', { id: 'quiet-meadow-4410', status: 'SUCCESS', concluded: true, success: true });
    await rig.advance(60_000);
    assert.equal(rig.emulator.requests.length, 0);
    assert.equal(rig.clock.pendingTimers, 0);
  });

  it('never has two requests for one build in flight, even when an answer is slow', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR });
    const build = await rig.startBuild();
    rig.emulator.inject({ kind: 'delay', ms: 100, path: /\/build\/[^/]+$/, count: 1 });
    rig.watcher.watch(REF, build.id);
    // Two simulated minutes pass while the first answer is still on its way, and everything that
    // could ask for another request happens meanwhile.
    await rig.clock.advanceBy(60_000);
    rig.watcher.setVisibility({ focused: false, viewVisible: false });
    rig.watcher.setVisibility({ focused: true, viewVisible: true });
    rig.watcher.refresh(REF, build.id);
    rig.watcher.watch(REF, build.id);
    await rig.clock.advanceBy(60_000);
    assert.equal(rig.polls(build.id).length, 1);
    await rig.settle();
    await rig.advance(10_000);
    assert.ok(rig.polls(build.id).length >= 2, 'polling resumes once the slow answer has arrived');
    assert.deepEqual(rig.errors, []);
  });

  it('keeps polling, slower, through server errors and reports each one', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR });
    const build = await rig.startBuild();
    rig.emulator.inject({ kind: 'status500', path: /\/build\/[^/]+$/, count: 2 });
    rig.watcher.watch(REF, build.id);
    await rig.advance(60_000);
    assert.deepEqual(
      rig.errors.map((error) => error.kind),
      ['server', 'server'],
    );
    assert.deepEqual(gaps(rig.polls(build.id)).slice(0, 2), [4_500, 6_750]);
    assert.equal(rig.changes[0]?.status, 'QUEUED');
  });

  it('stops watching a build that does not exist, saying which', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE });
    rig.watcher.watch(REF, 'no-such-build');
    await rig.advance(60_000);
    assert.equal(rig.errors.length, 1);
    assert.equal(rig.errors[0].kind, 'notFound');
    assert.match(rig.errors[0].message, /no-such-build/);
    assert.equal(rig.polls('no-such-build').length, 1);
    assert.equal(rig.clock.pendingTimers, 0);
  });

  it('polls about four times less while the window is unfocused and the view hidden', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR });
    const seen = await rig.startBuild();
    rig.watcher.watch(REF, seen.id);
    await rig.advance(10 * 60_000);
    const visibleCount = rig.polls(seen.id).length;
    const hidden = await rig.startBuild();
    rig.watcher.setVisibility({ focused: false, viewVisible: false });
    rig.watcher.watch(REF, hidden.id);
    await rig.advance(10 * 60_000);
    const hiddenCount = rig.polls(hidden.id).length;
    assert.ok(hiddenCount * 2 <= visibleCount, `hidden ${hiddenCount} vs visible ${visibleCount}`);
    const before = rig.polls(hidden.id).length;
    rig.watcher.setVisibility({ focused: true, viewVisible: false });
    await rig.advance(30_000);
    assert.ok(rig.polls(hidden.id).length > before, 'polls again within 30 s of the window regaining focus');
  });

  it('lets go of timers, requests and tails on dispose', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR, tail: true });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(10_000);
    rig.watcher.dispose();
    const requests = rig.emulator.requests.length;
    await rig.advance(10 * 60_000);
    assert.equal(rig.emulator.requests.length, requests);
    assert.equal(rig.clock.pendingTimers, 0);
  });
});
