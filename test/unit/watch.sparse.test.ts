import * as assert from 'node:assert/strict';
import { REF, TWO_MINUTE_PACE, WatchRig } from './watchRig';

/**
 * js-client types every build field but `id` as optional, so a real answer may say `status: "SUCCESS"`
 * and nothing about `concluded`. The emulator's `sparse` option sends such answers.
 */
describe('BuildWatcher against sparse build answers', () => {
  let rig: WatchRig;
  afterEach(async () => rig?.stop());

  // Fails until src/watch/buildWatcher.ts decides "concluded" with isConcluded() from buildStatus.ts
  // instead of `build.concluded === true`.
  it('sees a build conclude from its status alone when answers leave concluded out', async () => {
    rig = await WatchRig.start({ pace: TWO_MINUTE_PACE, sparse: { keep: ['status'] } });
    const build = await rig.startBuild();
    assert.deepEqual(Object.keys(build), ['id', 'status'], 'the emulator sends sparse answers');
    rig.watcher.watch(REF, build.id, build);
    await rig.advance(4 * 60_000);

    assert.deepEqual(
      rig.conclusions.map((concluded) => concluded.status),
      ['SUCCESS'],
      'the conclusion is reported once',
    );
    const requests = rig.emulator.requests.length;
    await rig.advance(10 * 60_000);
    assert.equal(rig.emulator.requests.length, requests, 'no polling once the status says it has ended');
    assert.equal(rig.clock.pendingTimers, 0);
    assert.equal(rig.watcher.isWatching(REF, build.id), false);

    rig.watcher.watch(REF, 'quiet-meadow-4410', { id: 'quiet-meadow-4410', status: 'SUCCESS' });
    await rig.advance(60_000);
    assert.equal(rig.emulator.requests.length, requests, 'a build known to have ended is not watched');
  });
});
