/**
 * After a push from the editor: how soon the build CI starts is shown in the Builds view's model, and
 * what looking costs when CI builds nothing. A real `git push` to a fixture's origin, whose post-receive
 * hook has the emulator's CI start the builds; the pushed commit read off the ref files as the extension
 * reads it; then the search on a simulated clock against the emulator, with the shop's five links.
 * Prints {"push_to_followed_s", "push_search_requests"} as JSON.
 * Run: npm run compile-tests && node out/test/bench/pushFollow.js [--verbose]
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findGitDirs, pushedCommit, readHeadState } from '../../src/git/pushedHead';
import { NorthflankClient } from '../../src/northflank/client';
import type { BuildableRef } from '../../src/northflank/types';
import { LinkedBuilds } from '../../src/watch/linkedBuilds';
import { pushCandidates, type PushTarget } from '../../src/watch/pushSearch';
import { MONOREPO, startEmulator, TOKENS } from '../emulator';
import { installCiPushHook } from '../fixtures/ciPushHook';
import { createWorkspaceFixture, git, SHOP_REPOSITORY_URL } from '../fixtures/workspace';
import { printFigures, round } from './samples';
import { nextTurns, SimulatedClock } from './simulatedClock';
import { FIVE_MINUTE_PACE } from './watch';

/** What the extension waits for git's ref updates to settle before it reads them (pushFollower.ts). */
const SETTLE_S = 0.25;

const SHOP = MONOREPO.projectId;
const TARGETS: PushTarget[] = [
  { ref: { projectId: SHOP, serviceId: MONOREPO.apiServiceId }, kind: 'combined', ciOn: true, branch: 'main' },
  { ref: { projectId: SHOP, serviceId: MONOREPO.webServiceId }, kind: 'combined', ciOn: true, branch: 'main' },
  { ref: { projectId: SHOP, serviceId: MONOREPO.webPreviewsServiceId }, kind: 'build', ciOn: true },
  { ref: { projectId: SHOP, serviceId: MONOREPO.docsServiceId }, kind: 'combined', ciOn: false, branch: 'main' },
  { ref: { projectId: SHOP, jobId: MONOREPO.migrateJobId }, kind: 'job', ciOn: true, branch: 'main' },
];

export interface PushFollowBenchResult {
  push_to_followed_s: number;
  push_search_requests: number;
  detail: { readRefsMs: number; searchedS: number; foundRequests: string[]; giveUpRequests: string[]; gaveUpAfterS: number; notes: Array<string | undefined>; timersLeft: number };
}

export async function runPushFollowBench(): Promise<PushFollowBenchResult> {
  const clock = new SimulatedClock();
  const emulator = await startEmulator({ clock, pace: FIVE_MINUTE_PACE, ciPushHook: true });
  const fixture = createWorkspaceFixture({ originUrl: SHOP_REPOSITORY_URL });
  const client = new NorthflankClient({ baseUrl: emulator.url, token: TOKENS.full, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
  const store = new LinkedBuilds<BuildableRef>({ lists: () => client, polling: () => client, clock });
  store.setLinks(TARGETS.map((target) => target.ref));
  const settle = async () => {
    await nextTurns();
    await store.settled();
    await nextTurns();
  };
  const pushAndRead = async (message: string) => {
    git(fixture.dir, ['commit', '--quiet', '--allow-empty', '-m', message]);
    // Asynchronous: the hook calls the emulator, which answers from this process.
    await promisify(execFile)('git', ['push', '--quiet'], { cwd: fixture.dir });
    const started = performance.now();
    const dirs = await findGitDirs(fixture.dir);
    const pushed = dirs && pushedCommit(await readHeadState(dirs));
    if (!pushed) throw new Error('the push was not read off the ref files');
    return { pushed, readRefsMs: performance.now() - started };
  };
  try {
    installCiPushHook(fixture.originDir, emulator.url, SHOP_REPOSITORY_URL);
    const first = await pushAndRead('Checkout: remember the cart');
    const searched = pushCandidates(TARGETS, first.pushed);
    const from = emulator.requests.length;
    const pushedAt = clock.now();
    store.followPush(first.pushed, searched);
    const shown = () => store.groups().filter((group) => group.builds.some((build) => build.sha === first.pushed.sha)).length === searched.length;
    while (!shown() && clock.now() - pushedAt < 5 * 60_000) await clock.advanceBy(250, { settle });
    if (!shown()) throw new Error('the builds of the push were never shown');
    const searchedS = (clock.now() - pushedAt) / 1000;
    const foundRequests = emulator.requests.slice(from, from + 10).map((request) => `${((request.at - pushedAt) / 1000).toFixed(1)}s ${request.method} ${request.path}`);
    // Let the found builds run to their end, so that only the search counts next.
    await clock.advanceBy(15 * 60_000, { settle });

    git(fixture.originDir, ['config', 'core.hooksPath', '/dev/null']);
    const second = await pushAndRead('Docs: nothing CI builds');
    const idleFrom = emulator.requests.length;
    const secondAt = clock.now();
    store.followPush(second.pushed, searched);
    await clock.advanceBy(10 * 60_000, { settle });
    const giveUp = emulator.requests.slice(idleFrom);
    return {
      push_to_followed_s: round(searchedS + SETTLE_S + first.readRefsMs / 1000, 2),
      push_search_requests: giveUp.length,
      detail: {
        readRefsMs: round(first.readRefsMs, 2),
        searchedS,
        foundRequests,
        giveUpRequests: giveUp.map((request) => `${((request.at - secondAt) / 1000).toFixed(1)}s ${request.method} ${request.path}`),
        gaveUpAfterS: giveUp.length > 0 ? (giveUp[giveUp.length - 1].at - secondAt) / 1000 : 0,
        notes: store.groups().map((group) => group.pushNote),
        timersLeft: clock.pendingTimers,
      },
    };
  } finally {
    store.dispose();
    await emulator.stop();
    fixture.remove();
  }
}

if (require.main === module) printFigures(runPushFollowBench());
