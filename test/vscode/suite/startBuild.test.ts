import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { TOKENS } from '../../emulator';
import { git } from '../../fixtures/workspace';
import { emulator } from './environment';
import { CANCEL, fixtureGit, fixtureOrigin, fixtureUri, LINKS, recordMessages, teamOfToken, startBuildPosts, useStartBuildState, workspaceFolder } from './startBuildScript';

const COMBINED_PATH = '/v1/projects/default-project/services/web-combined/build';
const BUILD_PATH = '/v1/projects/default-project/services/api-builder/build';

/** Listens to `setStatusBarMessage`, as recordMessages does to notifications. */
function recordStatusBarMessages(): { shown: Array<{ text: string; timeout: unknown }>; restore(): void } {
  const shown: Array<{ text: string; timeout: unknown }> = [];
  const window = vscode.window as unknown as { setStatusBarMessage: (text: string, ...rest: unknown[]) => vscode.Disposable };
  const original = window.setStatusBarMessage;
  window.setStatusBarMessage = (text: string, ...rest: unknown[]) => {
    shown.push({ text, timeout: rest[0] });
    return original.call(vscode.window, text, ...rest);
  };
  return { shown, restore: () => (window.setStatusBarMessage = original) };
}

function startBuild(dockerfile?: vscode.Uri): Thenable<unknown> {
  return dockerfile === undefined ? vscode.commands.executeCommand('northflank.startBuild') : vscode.commands.executeCommand('northflank.startBuild', dockerfile);
}

describe('Start Build, run in VS Code against the emulator', () => {
  const state = useStartBuildState();

  it('asks for a token when none is stored, keeps it in secret storage, and carries on to start the build', async () => {
    const deps = state.deps();
    await deps.accounts.clear();
    await deps.links.setPersonal(workspaceFolder(), [LINKS.combined]);
    const prompter = state.script({ 'Sign In to Northflank': TOKENS.full });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.equal(await deps.accounts.get(), TOKENS.full);
    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1, 'exactly one build is started');
    assert.equal(posts[0].path, COMBINED_PATH);
    assert.deepEqual(posts[0].body, {
      sha: fixtureGit('rev-parse', 'HEAD'),
      overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } },
    });
  });

  it('links the folder to a combined service, then builds HEAD with the subfolder Dockerfile it was started from and the chosen target', async () => {
    const prompter = state.script({
      'Link workspace to Northflank': ['Web Combined'],
      ': build context': '/services/api',
      ': target stage': 'build',
    });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/api/Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.equal(prompter.question(': Dockerfile'), undefined, 'no Dockerfile pick when started from a Dockerfile');
    const offered = prompter.question('Link workspace to Northflank')?.choices ?? [];
    assert.ok(offered.includes('Web Combined') && offered.includes('API Builder') && offered.includes('Migrate'), `services and jobs are offered: ${offered.join(', ')}`);
    assert.ok(!offered.includes('Database') && !offered.includes('Shop DB'), 'deployment services cannot be built and are not offered');
    assert.equal(prompter.question('which service or job builds'), undefined, 'the one link is built without a question');
    assert.deepEqual(prompter.question('build context')?.choices, ['/services/api', '/'], "another Dockerfile than the service's builds from its own folder first");
    const targets = prompter.question('target stage');
    assert.deepEqual(targets?.choices, ['build', 'runtime'], 'each stage by its name');
    assert.equal(targets?.active, 'runtime', 'the last stage, which the service builds with no target');
    assert.deepEqual(
      state.deps().links.forFolder(workspaceFolder()).map((link) => ({ ...link })),
      // The link keeps the team it was made with, for when a second team is signed in.
      [{ ...LINKS.combined, teamId: teamOfToken(TOKENS.full), origin: 'personal' }],
    );
    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, COMBINED_PATH);
    assert.deepEqual(posts[0].body, {
      sha: fixtureGit('rev-parse', 'HEAD'),
      overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'build' } },
    });
  });

  it('from the Command Palette, offers every Dockerfile of the repository and sends the one picked', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    const prompter = state.script({
      ': Dockerfile': '/services/web/Dockerfile.prod',
      ': build context': '/',
    });
    const from = emulator().requests.length;

    await startBuild();

    assert.deepEqual(prompter.unanswered, []);
    assert.deepEqual(prompter.question(': Dockerfile')?.choices, ['/Dockerfile', '/jobs/migrate/Dockerfile', '/services/api/Dockerfile', '/services/web/Dockerfile.prod']);
    assert.equal(prompter.question('target stage'), undefined, 'no target pick for a Dockerfile without named stages');
    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/web/Dockerfile.prod', dockerWorkDir: '/' } } },
    ]);
  });

  it('builds the Dockerfile "Build with Northflank" is run on, as Start Build does', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    const prompter = state.script({ 'Start Build: build context': '/services/web' });
    const from = emulator().requests.length;

    await vscode.commands.executeCommand('northflank.buildThisDockerfile', fixtureUri('services/web/Dockerfile.prod'));

    assert.deepEqual(prompter.unanswered, []);
    assert.equal(prompter.question('Start Build: Dockerfile'), undefined, 'no Dockerfile pick when run on a Dockerfile');
    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/services/web/Dockerfile.prod', dockerWorkDir: '/services/web' } } },
    ]);
  });

  it('builds the current branch on a build service', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.build]);
    const prompter = state.script({ 'what should API Builder build?': 'main' });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.deepEqual(prompter.question('what should')?.choices, ['main', 'Another branch or pull request…']);
    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, BUILD_PATH);
    assert.deepEqual(posts[0].body, { branch: 'main', overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } });
  });

  it("builds the open pull request of the checked-out branch on a build service, with the service's target preselected", async () => {
    fixtureGit('checkout', '--quiet', 'feature/login');
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.build]);
    const prompter = state.script({
      'what should API Builder build?': '#12 Add login',
      ': build context': '/services/api',
      ': target stage': "The service's target (runtime)",
    });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('services/api/Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.deepEqual(prompter.question('what should')?.choices, ['feature/login', '#12 Add login', 'Another branch or pull request…']);
    assert.equal(prompter.question('target stage')?.active, "The service's target (runtime)");
    const posts = startBuildPosts(from);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].path, BUILD_PATH);
    assert.deepEqual(posts[0].body, {
      pullRequestId: 12,
      overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' } },
    });
  });

  it('builds another branch of the build service, picked from the API', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.build]);
    const prompter = state.script({
      'what should API Builder build?': 'Another branch or pull request…',
      ': branch or pull request': 'fix-typo',
    });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.deepEqual(prompter.question('branch or pull request')?.choices, ['#12 Add login', '#15 Fix typo in README', 'main', 'feature/login', 'fix-typo']);
    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { branch: 'fix-typo', overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } },
    ]);
  });

  it('builds a detached HEAD on a combined service: the commit needs no branch', async () => {
    fixtureGit('checkout', '--quiet', '--detach', 'HEAD~1');
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    const prompter = state.script({});
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } },
    ]);
  });

  it('asks a build service with a detached HEAD for a branch or pull request, offering no current branch', async () => {
    fixtureGit('checkout', '--quiet', '--detach', 'HEAD');
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.build]);
    const prompter = state.script({
      'what should API Builder build?': 'Another branch or pull request…',
      ': branch or pull request': '#15 Fix typo in README',
    });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.deepEqual(prompter.question('what should')?.choices, ['Another branch or pull request…']);
    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { pullRequestId: 15, overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } },
    ]);
  });

  it('pushes an unpushed HEAD when the answer is "Push and Build", then builds that commit', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    writeFileSync(fixtureUri('index.js').fsPath, "console.log('pushed by Start Build');\n");
    fixtureGit('commit', '--quiet', '--all', '-m', 'Pushed by Start Build');
    const head = fixtureGit('rev-parse', 'HEAD');
    const prompter = state.script({ 'HEAD is not pushed': 'Push and Build' });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.equal(git(fixtureOrigin(), ['rev-parse', 'main']), head, 'the commit is on the remote');
    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { sha: head, overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } },
    ]);
  });

  it('builds an unpushed HEAD as it is when the answer is "Build Anyway"', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    writeFileSync(fixtureUri('index.js').fsPath, "console.log('not pushed');\n");
    fixtureGit('commit', '--quiet', '--all', '-m', 'Local only');
    const prompter = state.script({ 'HEAD is not pushed': 'Build Anyway' });
    const from = emulator().requests.length;

    await startBuild(fixtureUri('Dockerfile'));

    assert.deepEqual(prompter.unanswered, []);
    assert.notEqual(git(fixtureOrigin(), ['rev-parse', 'main']), fixtureGit('rev-parse', 'HEAD'), 'nothing was pushed');
    assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
      { sha: fixtureGit('rev-parse', 'HEAD'), overrides: { docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } } },
    ]);
  });

  it('sends the build arguments of the setting together with those entered at start', async () => {
    const settings = vscode.workspace.getConfiguration('northflank', workspaceFolder().uri);
    await settings.update('buildArguments', { NODE_ENV: 'production' }, vscode.ConfigurationTarget.WorkspaceFolder);
    await settings.update('askForBuildArguments', true, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
      const prompter = state.script({ ': build arguments': 'VERSION=1.2.3, NODE_ENV=staging' });
      const from = emulator().requests.length;

      await startBuild(fixtureUri('Dockerfile'));

      assert.deepEqual(prompter.unanswered, []);
      assert.deepEqual(startBuildPosts(from).map((post) => post.body), [
        {
          sha: fixtureGit('rev-parse', 'HEAD'),
          overrides: { buildArguments: { NODE_ENV: 'staging', VERSION: '1.2.3' }, docker: { dockerFilePath: '/Dockerfile', dockerWorkDir: '/' } },
        },
      ]);
    } finally {
      await settings.update('buildArguments', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await settings.update('askForBuildArguments', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('says the build started in the status bar for a few seconds, in no notification', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    state.script({});
    const messages = recordMessages();
    const statusBar = recordStatusBarMessages();
    try {
      await startBuild(fixtureUri('Dockerfile'));
    } finally {
      statusBar.restore();
    }

    const started = statusBar.shown.filter((message) => / started for /.test(message.text));
    assert.equal(started.length, 1, `one status bar message: ${JSON.stringify(statusBar.shown)}`);
    assert.match(started[0].text, new RegExp(`^Northflank: build \\S+ of Web Combined started for main@${fixtureGit('rev-parse', '--short=7', 'HEAD')}$`));
    assert.equal(started[0].timeout, 5000);
    // Earlier tests' builds may be announced meanwhile: none of what is said may be this start.
    assert.deepEqual(
      messages.shown.filter((message) => /started/.test(message.text)),
      [],
    );
  });

  it('starts at most one build when Start Build is invoked twice at once', async () => {
    await state.deps().links.setPersonal(workspaceFolder(), [LINKS.combined]);
    state.script({ ': build context': '/', ': target stage': 'runtime' });
    const messages = recordMessages();
    const from = emulator().requests.length;
    try {
      await Promise.all([startBuild(fixtureUri('services/api/Dockerfile')), startBuild(fixtureUri('services/api/Dockerfile'))]);
    } finally {
    }

    assert.equal(startBuildPosts(from).length, 1);
    assert.ok(
      messages.shown.some((message) => /already being started/.test(message.text)),
      `the second click is not told why nothing happens: ${JSON.stringify(messages.shown)}`,
    );
  });

  describe('cancelling any question sends nothing', () => {
    const cases: Array<{ question: string; link?: keyof typeof LINKS; dockerfile?: string; setUp?: () => Promise<void> }> = [
      { question: 'Sign In to Northflank', link: 'combined', setUp: () => state.deps().accounts.clear() },
      { question: 'Link workspace to Northflank' },
      { question: 'what should API Builder build?', link: 'build', dockerfile: 'Dockerfile' },
      { question: ': Dockerfile', link: 'combined' },
      { question: ': build context', link: 'combined', dockerfile: 'services/api/Dockerfile' },
      { question: ': target stage', link: 'combined', dockerfile: 'services/api/Dockerfile' },
    ];
    for (const { question, link, dockerfile, setUp } of cases) {
      it(`the question "${question}"`, async () => {
        if (link) await state.deps().links.setPersonal(workspaceFolder(), [LINKS[link]]);
        await setUp?.();
        const prompter = state.script({
          'Link workspace to Northflank': ['Web Combined'],
          ': build context': '/services/api',
          ': target stage': 'build',
          ': Dockerfile': '/services/api/Dockerfile',
          // Last, so that it wins over the answer above for the same question.
          [question]: CANCEL,
        });
        const from = emulator().requests.length;

        const result = await startBuild(dockerfile === undefined ? undefined : fixtureUri(dockerfile));

        assert.equal(result, undefined);
        assert.equal(prompter.asked.at(-1)?.answer, CANCEL, `the flow went on after the cancelled question: ${JSON.stringify(prompter.asked)}`);
        assert.ok(prompter.question(question), `"${question}" was never asked`);
        assert.deepEqual(startBuildPosts(from), []);
      });
    }
  });
});
