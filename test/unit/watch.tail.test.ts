import * as assert from 'node:assert/strict';
import { sameBuildable } from '../../src/northflank/buildableRef';
import type { LogLine } from '../../src/northflank/types';
import { gaps, QUEUED_FOR_AN_HOUR, REF, TWO_MINUTE_PACE, WatchRig } from './watchRig';

describe('BuildWatcher with a live log tail', () => {
  let rig: WatchRig;
  afterEach(async () => rig?.stop());

  it('sees every status change within a few seconds, with one tail and few requests', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE, tail: true });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(3 * 60_000);

    assert.equal(rig.conclusions.length, 1);
    for (const transition of rig.transitions(build.id, TWO_MINUTE_PACE)) {
      const seen = rig.changes.find((change) => change.status === transition.status);
      assert.ok(seen, `saw ${transition.status}`);
      assert.ok(seen.at - transition.at <= 3_000, `${transition.status} seen ${(seen.at - transition.at) / 1000} s late`);
    }
    assert.equal(rig.tails().length, 1);
    const polls = rig.polls(build.id).length;
    const statusLines = 6;
    assert.ok(polls < 20, `${polls} status requests`);
    assert.ok(polls >= statusLines - 1, 'log lines did drive status requests');
  });

  it('hands on every line its tail brings, per build, so an open log needs no tail of its own', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE, tail: true });
    const build = await rig.startBuild();
    const received: LogLine[] = [];
    rig.watcher.onLines((ref, buildId, lines) => {
      if (sameBuildable(ref, REF) && buildId === build.id) received.push(...lines);
    });
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(3 * 60_000);

    assert.equal(rig.conclusions.length, 1);
    assert.deepEqual(received, await rig.client.getBuildLogs(REF, { buildId: build.id }));
    assert.equal(rig.tails().length, 1);
  });

  it('keeps a slow safety poll while the tail is quiet', async () => {
    rig = await WatchRig.start({ pace: QUEUED_FOR_AN_HOUR, tail: true });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(10 * 60_000);
    const intervals = gaps(rig.polls(build.id));
    assert.ok(intervals.length >= 8, `${intervals.length + 1} polls in 10 minutes`);
    assert.deepEqual(new Set(intervals.slice(1)), new Set([60_000]));
    assert.equal(rig.tails().length, 1);
  });

  it('falls back to polling when the tail cannot be opened, without retrying it', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE, tail: true });
    rig.emulator.inject({ kind: 'status500', path: /\/build-logs$/, count: 5 });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(60_000);
    assert.equal(rig.tails().length, 1);
    const early = gaps(rig.polls(build.id));
    assert.ok(early.length >= 4 && Math.max(...early) <= 30_000, `polls on its own schedule: ${early.join(', ')}`);
    await rig.advance(3 * 60_000);
    assert.equal(rig.conclusions[0]?.status, 'SUCCESS');
    assert.deepEqual(rig.errors, [], 'a missing tail is not an error the person needs to see');
  });

  it('falls back to polling when the tail rejects the token', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE, tail: 'badToken' });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(4 * 60_000);
    assert.equal(rig.tails().length, 1);
    assert.equal(rig.conclusions[0]?.status, 'SUCCESS');
    assert.ok(rig.changes.some((change) => change.status === 'BUILDING'));
  });

  it('sees the conclusion as soon as the tail ends, then holds no timer', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE, tail: true });
    const build = await rig.startBuild();
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(5 * 60_000);
    const concludedAt = rig.transitions(build.id, TWO_MINUTE_PACE).at(-1)?.at ?? 0;
    const seen = rig.changes.find((change) => change.status === 'SUCCESS');
    assert.ok(seen && seen.at - concludedAt <= 2_000, 'conclusion seen as the tail ended');
    assert.equal(rig.clock.pendingTimers, 0);
  });
});
