import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { NorthflankError } from '../../src/northflank/errors';
import { openBuildLogTail } from '../../src/northflank/logTail';
import { type Emulator, type EmulatorOptions, MONOREPO, SECOND_TEAM, SEED, startEmulator, tokenFingerprint, TOKENS } from '../emulator';
import { SimulatedClock } from '../emulator/simulatedClock';

const FIRST_TEAM = 'emulator-team';
const LABS_WEB_PATH = `/projects/${SECOND_TEAM.projectId}/services/${SECOND_TEAM.serviceId}`;
const LABS_WEB = `/v1${LABS_WEB_PATH}`;
const COMBINED = `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}`;

interface Answer {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are checked field by field
}

describe('Northflank API emulator: teams', () => {
  let emulator: Emulator;

  async function restart(options: EmulatorOptions = {}): Promise<void> {
    await emulator?.stop();
    emulator = await startEmulator({ clock: new SimulatedClock(), ...options });
  }

  async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const response = await fetch(emulator.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: await response.json() };
  }

  const projectIds = async (path: string, token: string) => ((await call('GET', path, token)).json.data.projects as { id: string }[]).map((project) => project.id);

  beforeEach(() => restart());
  afterEach(() => emulator.stop());

  it("reports each token's own team as entityId at /v1/auth and /v1/login", async () => {
    for (const [token, team] of [
      [TOKENS.full, FIRST_TEAM],
      [TOKENS.noDeploy, FIRST_TEAM],
      [SECOND_TEAM.token, SECOND_TEAM.teamId],
    ]) {
      for (const path of ['/v1/auth', '/v1/login']) {
        const answer = await call('GET', path, token);
        assert.equal(answer.status, 200, `${path} with ${token}`);
        assert.equal(answer.json.data.entityId, team, `${path} with ${token}`);
        assert.equal(answer.json.data.entityType, 'team');
      }
    }
  });

  it("lists only the token's team's projects, in both path forms", async () => {
    const first = [SEED.projectId, SEED.secondProjectId, MONOREPO.projectId];
    assert.deepEqual(await projectIds('/v1/projects', TOKENS.full), first);
    assert.deepEqual(await projectIds(`/v1/teams/${FIRST_TEAM}/projects`, TOKENS.full), first);
    assert.deepEqual(await projectIds('/v1/projects', SECOND_TEAM.token), [SECOND_TEAM.projectId]);
    assert.deepEqual(await projectIds(`/v1/teams/${SECOND_TEAM.teamId}/projects`, SECOND_TEAM.token), [SECOND_TEAM.projectId]);
  });

  it("answers another team's project exactly as an unknown one: 404 naming projectId, and no build started", async () => {
    const own = await call('POST', `${LABS_WEB}/build`, SECOND_TEAM.token, {});
    assert.equal(own.status, 200, 'the second team builds its own service');
    assert.equal((await call('GET', LABS_WEB, SECOND_TEAM.token)).json.data.appId, `/${SECOND_TEAM.teamId}/${SECOND_TEAM.projectId}/${SECOND_TEAM.serviceId}`);
    const builds = emulator.state.builds.length;

    const unknown = await call('GET', '/v1/projects/no-such-project/services', TOKENS.full);
    const hidden: [string, string, string, string][] = [
      // [method, path, token, the project the path names]
      ['GET', `/v1/projects/${SECOND_TEAM.projectId}/services`, TOKENS.full, SECOND_TEAM.projectId],
      ['GET', LABS_WEB, TOKENS.full, SECOND_TEAM.projectId],
      ['GET', `${LABS_WEB}/build`, TOKENS.full, SECOND_TEAM.projectId],
      ['POST', `${LABS_WEB}/build`, TOKENS.full, SECOND_TEAM.projectId],
      ['GET', `${LABS_WEB}/build/${own.json.data.id}`, TOKENS.full, SECOND_TEAM.projectId],
      ['GET', `/v1/projects/${SEED.projectId}/services`, SECOND_TEAM.token, SEED.projectId],
      ['POST', `${COMBINED}/build`, SECOND_TEAM.token, SEED.projectId],
      ['GET', `/v1/projects/${MONOREPO.projectId}/jobs/${MONOREPO.migrateJobId}`, SECOND_TEAM.token, MONOREPO.projectId],
    ];
    for (const [method, path, token, projectId] of hidden) {
      const answer = await call(method, path, token, method === 'POST' ? {} : undefined);
      const expected = JSON.parse(JSON.stringify(unknown.json).replaceAll('no-such-project', projectId));
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.deepEqual(answer.json, expected, `${method} ${path}`);
    }
    assert.equal(emulator.state.builds.length, builds, 'no build was started in another team');
  });

  it("answers 404 naming teamId for a team form naming another team than the token's", async () => {
    const cases: [string, string, string, string][] = [
      // [method, path, token, the team the path names]
      ['GET', `/v1/teams/${SECOND_TEAM.teamId}/projects`, TOKENS.full, SECOND_TEAM.teamId],
      ['POST', `/v1/teams/${SECOND_TEAM.teamId}${LABS_WEB_PATH}/build`, TOKENS.full, SECOND_TEAM.teamId],
      ['GET', `/v1/teams/${FIRST_TEAM}/projects`, SECOND_TEAM.token, FIRST_TEAM],
      ['POST', `/v1/teams/${FIRST_TEAM}${LABS_WEB_PATH}/build`, SECOND_TEAM.token, FIRST_TEAM],
    ];
    for (const [method, path, token, teamId] of cases) {
      const answer = await call(method, path, token, method === 'POST' ? {} : undefined);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.deepEqual(answer.json.error.details, { teamId }, `${method} ${path}`);
    }
    assert.equal((await call('POST', `/v1/teams/${SECOND_TEAM.teamId}${LABS_WEB_PATH}/build`, SECOND_TEAM.token, {})).status, 200);
  });

  it("closes a log tail of another team's project as one of an unknown project", async () => {
    const build = (await call('POST', `${LABS_WEB}/build`, SECOND_TEAM.token, {})).json.data;
    const ref = { projectId: SECOND_TEAM.projectId, serviceId: SECOND_TEAM.serviceId };
    const tail = (token: string, projectId: string = ref.projectId) =>
      new Promise<{ ready: boolean; error?: NorthflankError }>((resolve) => {
        let ready = false;
        const opened = openBuildLogTail({ baseUrl: emulator.url, token }, { ...ref, projectId }, { buildId: build.id }, {
          onReady: () => {
            ready = true;
            opened.close();
          },
          onLines: () => undefined,
          onClose: (error) => resolve({ ready, error }),
        });
      });

    assert.equal((await tail(SECOND_TEAM.token)).ready, true, "the team's own token tails its build");
    const hidden = await tail(TOKENS.full);
    const unknown = await tail(TOKENS.full, 'no-such-project');
    assert.equal(hidden.ready, false);
    assert.ok(hidden.error && unknown.error, 'both tails end in an error');
    assert.equal(hidden.error?.message, unknown.error?.message.replaceAll('no-such-project', SECOND_TEAM.projectId));
  });

  it('records the fingerprint of the token each request carried, and never the token', async () => {
    await call('GET', '/v1/projects', TOKENS.full);
    await call('GET', '/v1/projects', SECOND_TEAM.token);
    await call('GET', '/v1/projects', null);
    await call('GET', '/v1/projects', 'nf-unknown-token');

    const [full, second, none, unknown] = emulator.requests;
    const sha256 = (token: string) => `sha256:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;
    assert.equal(full.tokenFingerprint, sha256(TOKENS.full));
    assert.equal(second.tokenFingerprint, sha256(SECOND_TEAM.token));
    assert.equal(tokenFingerprint(SECOND_TEAM.token), sha256(SECOND_TEAM.token));
    assert.notEqual(full.tokenFingerprint, second.tokenFingerprint);
    assert.ok(!('tokenFingerprint' in none), 'no fingerprint without a token');
    assert.equal(unknown.tokenFingerprint, sha256('nf-unknown-token'), 'an unknown token is fingerprinted too');
    assert.equal(second.headers.authorization, 'Bearer <redacted>');
    const recorded = JSON.stringify(emulator.requests);
    for (const token of [TOKENS.full, SECOND_TEAM.token, 'nf-unknown-token']) assert.ok(!recorded.includes(token), `the recording holds ${token}`);
  });

  it('records the fingerprint of the token a log tail sends in its init message', async () => {
    const build = (await call('POST', `${LABS_WEB}/build`, SECOND_TEAM.token, {})).json.data;
    await new Promise<void>((resolve) => {
      const opened = openBuildLogTail(
        { baseUrl: emulator.url, token: SECOND_TEAM.token },
        { projectId: SECOND_TEAM.projectId, serviceId: SECOND_TEAM.serviceId },
        { buildId: build.id },
        { onReady: () => opened.close(), onLines: () => undefined, onClose: () => resolve() },
      );
    });

    const upgrade = emulator.requests.find((request) => request.path.endsWith('/build-logs'));
    assert.equal(upgrade?.tokenFingerprint, tokenFingerprint(SECOND_TEAM.token));
    assert.ok(!JSON.stringify(emulator.requests).includes(SECOND_TEAM.token));
  });

  it("keeps the rate limit per token: one team's exhausted window leaves the other's token answered", async () => {
    await restart({ rateLimit: { limit: 2, windowSeconds: 60 } });
    for (let i = 0; i < 2; i++) assert.equal((await call('GET', '/v1/projects', TOKENS.full)).status, 200);

    assert.equal((await call('GET', '/v1/projects', TOKENS.full)).status, 429);
    const second = await call('GET', '/v1/projects', SECOND_TEAM.token);
    assert.equal(second.status, 200);
    assert.deepEqual(
      second.json.data.projects.map((project: { id: string }) => project.id),
      [SECOND_TEAM.projectId],
    );
  });
});
