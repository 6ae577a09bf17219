import * as assert from 'node:assert/strict';
import { NorthflankClient } from '../../src/northflank/client';
import { SECOND_TEAM, SEED, startEmulator, TOKENS, tokenFingerprint, type Emulator } from '../emulator';

describe('one client for several teams: each request carries the token its targets call for', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.stop());

  it('asks the token source with the project and service of each request, and sends what it answers', async () => {
    const asked: unknown[] = [];
    const client = new NorthflankClient({
      baseUrl: emulator.url,
      token: async (targets) => {
        asked.push(targets);
        return targets.projectId === SECOND_TEAM.projectId ? SECOND_TEAM.token : TOKENS.full;
      },
    });
    const from = emulator.requests.length;

    await client.getService({ projectId: SECOND_TEAM.projectId, serviceId: SECOND_TEAM.serviceId });
    await client.getService({ projectId: SEED.projectId, serviceId: SEED.combinedServiceId });

    assert.deepEqual(asked, [
      { projectId: SECOND_TEAM.projectId, serviceId: SECOND_TEAM.serviceId },
      { projectId: SEED.projectId, serviceId: SEED.combinedServiceId },
    ]);
    assert.deepEqual(
      emulator.requests.slice(from).map((request) => request.tokenFingerprint),
      [tokenFingerprint(SECOND_TEAM.token), tokenFingerprint(TOKENS.full)],
    );
  });
});
