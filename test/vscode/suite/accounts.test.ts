import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SECOND_TEAM, TOKENS, tokenFingerprint } from '../../emulator';
import type { Deps } from '../../../src/vscode/deps';
import type { NorthflankAuthProvider } from '../../../src/vscode/auth/authProvider';
import { emulator, waitFor } from './environment';
import { CANCEL, ENTER, fixtureUri, InTurn, LINKS, recordMessages, startBuildPosts, teamOfToken, useStartBuildState, workspaceFolder } from './startBuildScript';

const PROVIDER_ID = 'northflank';
const SIGN_IN = 'Sign In to Northflank';
/** The second team's service, as Northflank names it. */
const LABS_WEB = 'Labs Web';

/** Sessions as VS Code's Accounts menu gets them from the provider. */
async function sessionLabels(provider: NorthflankAuthProvider): Promise<string[]> {
  return (await provider.getSessions()).map((session) => session.account.label);
}

function provider(deps: Deps): NorthflankAuthProvider {
  if (!deps.authProvider) throw new Error('the authentication provider is not registered');
  return deps.authProvider;
}

/** The sessions VS Code announced for the Northflank provider, from now on. */
function watchSessionEvents(): { count(): number; dispose(): void } {
  let count = 0;
  const subscription = vscode.authentication.onDidChangeSessions((event) => {
    if (event.provider.id === PROVIDER_ID) count++;
  });
  return { count: () => count, dispose: () => subscription.dispose() };
}

describe('Northflank accounts: sessions in the Accounts menu, one per team', () => {
  const state = useStartBuildState();

  beforeEach(async () => {
    await state.deps().accounts.clear();
  });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('northflank', workspaceFolder().uri).update('links', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await state.deps().teams.remember(workspaceFolder(), undefined);
  });

  it('creates a session from a checked token, named by its team, that VS Code hears about and lists', async () => {
    const deps = state.deps();
    state.script({ [SIGN_IN]: TOKENS.full, 'Signed in to Northflank': CANCEL });
    const events = watchSessionEvents();
    try {
      const session = await provider(deps).createSession();
      assert.equal(session.accessToken, TOKENS.full);
      assert.equal(session.account.label, teamOfToken(TOKENS.full));
      assert.deepEqual(await sessionLabels(provider(deps)), [teamOfToken(TOKENS.full)]);
      await waitFor(() => events.count() > 0, 5_000, 'VS Code to announce the new Northflank session');
    } finally {
      events.dispose();
    }
  });

  it('keeps two teams signed in side by side, and removes one without the other', async () => {
    const deps = state.deps();
    state.script({ [SIGN_IN]: new InTurn(TOKENS.full, SECOND_TEAM.token) });
    const first = await provider(deps).createSession();
    const second = await provider(deps).createSession();
    assert.deepEqual(await sessionLabels(provider(deps)), [teamOfToken(TOKENS.full), SECOND_TEAM.teamId]);

    await provider(deps).removeSession(first.id);

    assert.deepEqual(await sessionLabels(provider(deps)), [SECOND_TEAM.teamId]);
    assert.equal(await deps.accounts.get(), SECOND_TEAM.token);
    assert.equal((await provider(deps).getSessions())[0].id, second.id);
  });

  it('a second token of a team already signed in replaces its token rather than adding a session', async () => {
    const deps = state.deps();
    state.script({ [SIGN_IN]: TOKENS.noDeploy });
    await deps.accounts.add(TOKENS.full, { teamId: teamOfToken(TOKENS.full), label: teamOfToken(TOKENS.full) });
    await provider(deps).createSession();
    const accounts = await deps.accounts.list();
    assert.equal(accounts.length, 1);
    assert.equal(accounts[0].token, TOKENS.noDeploy);
  });

  it('shows a refused token under the text in the box that stays open, with no notification, and stores nothing until one is accepted', async () => {
    const deps = state.deps();
    const prompter = state.script({ [SIGN_IN]: new InTurn('nf-not-a-real-token', ` ${TOKENS.full}\n`), 'Signed in': CANCEL });
    const messages = recordMessages();
    const from = emulator().requests.length;

    await vscode.commands.executeCommand('northflank.setToken');

    const question = prompter.question(SIGN_IN);
    assert.deepEqual(question?.refusals, ['Northflank refused this token (HTTP 401). Check that you copied all of it, or create a new one.']);
    assert.deepEqual(
      messages.shown.filter((message) => message.severity !== 'information'),
      [],
      'a refusal is said in the box, not in a notification',
    );
    // The pasted spaces and line break are trimmed: the token checked and kept is the token alone.
    assert.equal(await deps.accounts.get(), TOKENS.full);
    const checks = emulator().requests.slice(from).filter((request) => request.path === '/v1/auth');
    assert.deepEqual(
      checks.map((request) => request.tokenFingerprint),
      [tokenFingerprint('nf-not-a-real-token'), tokenFingerprint(TOKENS.full)],
    );
  });

  it('offers Link Services next when the workspace builds nothing yet', async () => {
    const prompter = state.script({ [SIGN_IN]: TOKENS.full, 'Signed in to Northflank': 'Link Services', 'Link workspace to Northflank': CANCEL });
    const messages = recordMessages();

    await vscode.commands.executeCommand('northflank.setToken');

    const signedIn = messages.shown.find((message) => message.text.startsWith('Signed in to Northflank'));
    assert.deepEqual(signedIn?.actions, ['Link Services']);
    await waitFor(() => prompter.question('Link workspace to Northflank') !== undefined, 5_000, 'Link Services to ask what the workspace builds');
  });

  it("builds each link with its own team's token: the second team's service with the second team's, the first's with the first's", async () => {
    const deps = state.deps();
    await deps.accounts.add(TOKENS.full, { teamId: teamOfToken(TOKENS.full), label: teamOfToken(TOKENS.full) });
    await deps.accounts.add(SECOND_TEAM.token, { teamId: SECOND_TEAM.teamId, label: SECOND_TEAM.teamId });
    await deps.links.setPersonal(workspaceFolder(), [{ ...LINKS.combined, teamId: teamOfToken(TOKENS.full) }]);

    // Link Services asks whose services to list, lists the second team's, and keeps the first team's link.
    const linking = state.script({ 'Link workspace to Northflank: team': SECOND_TEAM.teamId, 'Link workspace to Northflank': [LABS_WEB] }, CANCEL);
    const from = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.linkServices');
    assert.deepEqual(linking.question('Link workspace to Northflank: team')?.choices, [teamOfToken(TOKENS.full), SECOND_TEAM.teamId]);
    // The project list, and every request about the second team's project, carry its token (the first team's
    // link goes on being watched with the first team's token meanwhile).
    const listed = emulator()
      .requests.slice(from)
      .filter((request) => request.path === '/v1/projects' || request.path.startsWith(`/v1/projects/${SECOND_TEAM.projectId}/`));
    assert.ok(listed.some((request) => request.path === '/v1/projects'));
    assert.deepEqual(
      listed.filter((request) => request.tokenFingerprint !== tokenFingerprint(SECOND_TEAM.token)).map((request) => request.path),
      [],
      "the second team's services are listed with its token",
    );
    assert.equal(deps.teams.ofFolder(workspaceFolder()), SECOND_TEAM.teamId, 'the folder remembers the team chosen for it');
    const links = deps.links.forFolder(workspaceFolder());
    assert.deepEqual(
      links.map((link) => [link.name, link.teamId]),
      [
        ['Web Combined', teamOfToken(TOKENS.full)],
        [LABS_WEB, SECOND_TEAM.teamId],
      ],
    );

    state.script({ 'which service or job': LABS_WEB }, ENTER);
    const beforeSecond = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.startBuild');
    const secondPosts = startBuildPosts(beforeSecond);
    assert.equal(secondPosts.length, 1, `one build of ${LABS_WEB}`);
    assert.equal(secondPosts[0].path, `/v1/projects/${SECOND_TEAM.projectId}/services/${SECOND_TEAM.serviceId}/build`);
    assert.equal(secondPosts[0].tokenFingerprint, tokenFingerprint(SECOND_TEAM.token));

    state.script({ 'which service or job': 'Web Combined' }, ENTER);
    const beforeFirst = emulator().requests.length;
    await vscode.commands.executeCommand('northflank.startBuild');
    const firstPosts = startBuildPosts(beforeFirst);
    assert.equal(firstPosts.length, 1, 'one build of Web Combined');
    assert.equal(firstPosts[0].tokenFingerprint, tokenFingerprint(TOKENS.full));
  });

  it('builds a shared link that names no team with the team the folder was linked with', async () => {
    const deps = state.deps();
    await deps.accounts.add(TOKENS.full, { teamId: teamOfToken(TOKENS.full), label: teamOfToken(TOKENS.full) });
    await deps.accounts.add(SECOND_TEAM.token, { teamId: SECOND_TEAM.teamId, label: SECOND_TEAM.teamId });
    await deps.teams.remember(workspaceFolder(), SECOND_TEAM.teamId);
    await vscode.workspace
      .getConfiguration('northflank', workspaceFolder().uri)
      .update('links', [{ project: SECOND_TEAM.projectId, service: SECOND_TEAM.serviceId }], vscode.ConfigurationTarget.WorkspaceFolder);
    state.script({}, ENTER);
    const from = emulator().requests.length;

    await vscode.commands.executeCommand('northflank.startBuild', fixtureUri('Dockerfile'));

    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].tokenFingerprint, tokenFingerprint(SECOND_TEAM.token));
  });

  it('Sign Out asks which team when several are signed in, and signs out only that one', async () => {
    const deps = state.deps();
    await deps.accounts.add(TOKENS.full, { teamId: teamOfToken(TOKENS.full), label: teamOfToken(TOKENS.full) });
    await deps.accounts.add(SECOND_TEAM.token, { teamId: SECOND_TEAM.teamId, label: SECOND_TEAM.teamId });
    const prompter = state.script({ 'Sign Out of Northflank': SECOND_TEAM.teamId });

    await vscode.commands.executeCommand('northflank.signOut');

    assert.deepEqual(prompter.question('Sign Out of Northflank')?.choices, [teamOfToken(TOKENS.full), SECOND_TEAM.teamId, 'All teams']);
    assert.deepEqual(await sessionLabels(provider(deps)), [teamOfToken(TOKENS.full)]);
  });
});
