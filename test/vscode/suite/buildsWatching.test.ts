import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Build } from '../../../src/northflank/types';
import { emulator, waitFor } from './environment';
import { iconOf, LINKS, listRequests, NOTICE_MS, requestsFor, useBuildsState, waitForRow } from './buildsState';
import { recordMessages } from './startBuildScript';
import { buildSourceLabel } from '../../../src/northflank/buildStatus';

// The watcher's fast poll: had it not stopped, it would ask again within this.
const FAST_POLL_MS = 3_000;

describe('A build started from this window is watched live in the Builds view', () => {
  const state = useBuildsState();

  it('shows each status change without a refresh, announces the end, then stops asking about the build', async () => {
    const deps = state.deps();
    const concluded: Build[] = [];
    const subscription = deps.builds.onDidConclude(({ build }) => concluded.push(build));
    try {
      const from = emulator().requests.length;
      const build = await state.startHeld('QUEUED');
      // Shown at once, from the start answer.
      const first = await waitForRow(state.tree(), LINKS.combined, build.id, () => true, 'is listed');
      assert.ok(['clock', 'sync~spin'].includes(iconOf(first) ?? ''), `a fresh build shows ${iconOf(first)}`);

      await waitForRow(state.tree(), LINKS.combined, build.id, (row) => String(row.description).startsWith('Queued') && iconOf(row) === 'clock', 'shows Queued');
      state.hold(build.id, 'BUILDING');
      await waitForRow(state.tree(), LINKS.combined, build.id, (row) => String(row.description).startsWith('Building') && iconOf(row) === 'sync~spin', 'shows Building');
      state.hold(build.id, 'SUCCESS');
      await waitForRow(state.tree(), LINKS.combined, build.id, (row) => iconOf(row) === 'pass' && row.contextValue === 'build.concluded.sha', 'shows SUCCESS');
      await waitFor(() => concluded.some((b) => b.id === build.id), NOTICE_MS, 'the conclusion to be announced');

      assert.deepEqual(listRequests(from), [], 'the view reloaded the list instead of following the build');
      const asked = requestsFor(build.id, from);
      assert.ok(asked.some((request) => request.path.endsWith(`/build/${build.id}`)), 'the build was never polled');

      const settled = emulator().requests.length;
      const lastAskedAt = Math.max(...asked.map((request) => request.at));
      await new Promise((resolve) => setTimeout(resolve, lastAskedAt + FAST_POLL_MS + 500 - Date.now()));
      assert.deepEqual(
        requestsFor(build.id, settled).map((request) => `${request.method} ${request.path}`),
        [],
        'the build was still watched after it concluded',
      );
    } finally {
      subscription.dispose();
    }
  });

  it('announces nothing when northflank.notifyOnConclusion is false, and announces again once it is back on', async () => {
    const deps = state.deps();
    const settings = vscode.workspace.getConfiguration('northflank');
    const concluded: string[] = [];
    const subscription = deps.builds.onDidConclude(({ build }) => concluded.push(build.id));
    state.script({});
    const messages = recordMessages();
    const announced = (build: Build) => messages.shown.filter((message) => message.text.includes(` ${buildSourceLabel(build)} `)).map((message) => message.text);
    try {
      const quiet = await state.startHeld('BUILDING');
      const announcedBuild = await state.startHeld('BUILDING');

      await settings.update('notifyOnConclusion', false, vscode.ConfigurationTarget.Global);
      state.hold(quiet.id, 'SUCCESS');
      await waitFor(() => concluded.includes(quiet.id), NOTICE_MS, `${quiet.id} to conclude`);
      // The announcement is shown from the same event, before any later listener (like this test's) hears it.
      assert.deepEqual(announced(quiet), []);

      await settings.update('notifyOnConclusion', undefined, vscode.ConfigurationTarget.Global);
      state.hold(announcedBuild.id, 'FAILURE');
      await waitFor(() => concluded.includes(announcedBuild.id), NOTICE_MS, `${announcedBuild.id} to conclude`);
      // Batched conclusions wait a moment for company before they are shown.
      await waitFor(() => announced(announcedBuild).length > 0, 5_000, 'the announcement');
      assert.deepEqual(announced(announcedBuild), [`Build of Web Combined ${buildSourceLabel(announcedBuild)} failed.`]);
    } finally {
      subscription.dispose();
      await settings.update('notifyOnConclusion', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
