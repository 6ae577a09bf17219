import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED } from '../../emulator';
import type { BuildNode, BuildsNode, LoadMoreNode } from '../../../src/vscode/builds/buildTreeItems';
import { emulator, waitFor } from './environment';
import { iconOf, LINKS, listRequests, serviceNode, serviceRows, tooltipText, useBuildsState, waitForRow, workspaceFolder } from './buildsState';
import type { BuildStatus } from '../../emulator/timeline';

const PAGE_SIZE = 20;

function builds(rows: BuildsNode[]): BuildNode[] {
  return rows.filter((node): node is BuildNode => 'build' in node);
}

function loadMore(rows: BuildsNode[]): LoadMoreNode | undefined {
  return rows.find((node): node is LoadMoreNode => node.label === 'Load more…');
}

/** What the emulator's list-builds API answers for the first `perPage` builds of the service, newest first. */
async function listedIds(perPage: number, serviceId: string = SEED.combinedServiceId): Promise<string[]> {
  const response = await fetch(`${emulator().url}/v1/projects/${SEED.projectId}/services/${serviceId}/build?per_page=${perPage}`, {
    headers: { authorization: 'Bearer nf-emulator-full-token' },
  });
  const body = (await response.json()) as { data: { builds: Array<{ id: string }> } };
  return body.data.builds.map((build) => build.id);
}

describe('The Builds view lists the linked service and its builds', () => {
  const state = useBuildsState();

  it('shows the linked service at the root, with its builds from the list-builds API, newest first', async () => {
    const service = await serviceNode(state.tree(), LINKS.combined);
    assert.equal(service.label, 'Web Combined');
    assert.equal(service.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);

    const rows = builds(await serviceRows(state.tree(), LINKS.combined));
    const expected = await listedIds(PAGE_SIZE);
    assert.deepEqual(
      rows.map((row) => row.build.id),
      expected,
    );
    const created = rows.map((row) => Date.parse(row.build.createdAt ?? ''));
    assert.deepEqual(created, [...created].sort((a, b) => b - a), 'the builds are not newest first');
    const seeded = rows.find((row) => row.build.id === 'quiet-meadow-4410');
    assert.ok(seeded, 'the seeded build quiet-meadow-4410 is not listed');
    assert.equal(seeded.label, 'main@4f2c8e1');
  });

  it('labels a pull-request build "PR #n@sha7"', async () => {
    const deps = state.deps();
    await deps.links.setPersonal(workspaceFolder(), [LINKS.build]);
    const build = await deps.connection.api().startBuild(LINKS.build, { pullRequestId: 12 });
    await deps.builds.refresh();
    const row = builds(await serviceRows(state.tree(), LINKS.build)).find((candidate) => candidate.build.id === build.id);
    assert.ok(row, `${build.id} is not listed under API Builder`);
    assert.equal(row.label, 'PR #12@b7e3c1d');
  });

  it('draws each build with the codicon, description, tooltip and context value of its status', async () => {
    const queued = await state.startHeld('QUEUED');
    const running = await state.startHeld('BUILDING');
    const succeeded = await state.startHeld('SUCCESS');
    const failed = await state.startHeld('FAILURE');
    const aborted = await state.startHeld('ABORTED');
    await state.deps().builds.refresh();

    const rows = builds(await serviceRows(state.tree(), LINKS.combined));
    const expected = [
      { build: aborted, icon: 'circle-slash', status: 'ABORTED', words: 'Aborted', context: 'build.concluded.sha' },
      { build: failed, icon: 'error', status: 'FAILURE', words: 'Failed', context: 'build.concluded.sha' },
      { build: succeeded, icon: 'pass', status: 'SUCCESS', words: 'Succeeded', context: 'build.concluded.sha' },
      { build: running, icon: 'sync~spin', status: 'BUILDING', words: 'Building', context: 'build.running.sha' },
      { build: queued, icon: 'clock', status: 'QUEUED', words: 'Queued', context: 'build.running.sha' },
    ];
    assert.deepEqual(
      rows.slice(0, expected.length).map((row) => row.build.id),
      expected.map((entry) => entry.build.id),
      'the newest builds are not first',
    );
    for (const [index, entry] of expected.entries()) {
      const row = rows[index];
      const sha = entry.build.sha ?? '';
      assert.equal(row.label, `main@${sha.slice(0, 7)}`);
      assert.equal(iconOf(row), entry.icon, `icon of the ${entry.status} build`);
      // In words, then how long it took (or has run so far: a second or two here), then when it started.
      assert.match(String(row.description), new RegExp(`^${entry.words} · \\d+s · just now$`), `description of the ${entry.status} build`);
      assert.equal(row.contextValue, entry.context, `context value of the ${entry.status} build`);
      const tooltip = tooltipText(row);
      for (const field of [`Build: ${entry.build.id}`, `Status: ${entry.words} (${entry.status})`, `SHA: ${sha}`, 'Created: ', 'Message: ']) {
        assert.ok(tooltip.includes(field), `the tooltip of the ${entry.status} build lacks "${field}": ${tooltip}`);
      }
      assert.equal(tooltip.includes('Concluded: '), entry.context.startsWith('build.concluded'), `"Concluded" in the tooltip of the ${entry.status} build`);
    }
    const spinning = rows[3].iconPath as vscode.ThemeIcon;
    assert.equal(spinning.id, 'sync~spin');
  });

  it('offers "Load more…" when the API has a next page, and loads that page only when asked', async () => {
    const deps = state.deps();
    // Enough builds for two pages whatever the other tests started.
    for (let i = 0; i < PAGE_SIZE + 1; i++) await deps.connection.api().startBuild(LINKS.combined, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    await deps.builds.refresh();
    const before = emulator().requests.length;

    const rows = await serviceRows(state.tree(), LINKS.combined);
    assert.equal(builds(rows).length, PAGE_SIZE);
    const more = loadMore(rows);
    assert.ok(more, 'no "Load more…" row after a full page');
    assert.equal(rows[rows.length - 1], more, '"Load more…" is not the last row');
    const nextPage = () => listRequests(before).filter((request) => request.query.cursor !== undefined);
    assert.deepEqual(nextPage(), [], 'the next page was asked for before "Load more…" was chosen');

    assert.ok(more.command, '"Load more…" does nothing when chosen');
    await vscode.commands.executeCommand(more.command.command, ...(more.command.arguments ?? []));
    assert.equal(nextPage().length, 1);
    assert.equal(nextPage()[0].query.per_page, String(PAGE_SIZE));

    const after = builds(await serviceRows(state.tree(), LINKS.combined));
    const expected = await listedIds(Math.min(100, after.length));
    assert.ok(after.length > PAGE_SIZE, `still ${after.length} builds after "Load more…"`);
    assert.deepEqual(
      after.map((row) => row.build.id),
      expected,
    );
  });

  it('shows a status it does not know as running, without failing, until the build concludes', async () => {
    // The emulator knows the 13 documented statuses; the API has added statuses before.
    const build = await state.startHeld('TELEPORTING' as BuildStatus);
    await state.deps().builds.refresh();
    const row = await waitForRow(state.tree(), LINKS.combined, build.id, (r) => String(r.description).startsWith('Running'), 'shows Running');
    assert.equal(iconOf(row), 'sync~spin');
    assert.equal(row.contextValue, 'build.running.sha');
    assert.ok(tooltipText(row).includes('Status: Running (TELEPORTING)'), tooltipText(row));
    assert.ok(state.deps().buildsTree, 'the tree is gone');

    state.hold(build.id, 'SUCCESS');
    const concluded = await waitForRow(state.tree(), LINKS.combined, build.id, (r) => iconOf(r) === 'pass', 'concludes');
    assert.equal(concluded.contextValue, 'build.concluded.sha');
  });

  it('refreshes with "Northflank: Refresh Builds"', async () => {
    const build = await state.startHeld('SUCCESS', LINKS.combined, {}, false);
    const before = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.refreshBuilds');
    assert.equal(listRequests(before).length, 1);
    await waitFor(async () => builds(await serviceRows(state.tree(), LINKS.combined))[0]?.build.id === build.id, 2_000, `${build.id} to be listed first`);
  });
});
