import * as assert from 'node:assert/strict';
import { chmodSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pushCurrentBranch } from '../../../src/git/pushCurrentBranch';
import { readRepository } from './readRepository';
import { commitFile, git, pushedRepository, removeTemporaryFolders, teammatePushes, temporaryFolder, tripwire } from './testRepository';

describe('pushCurrentBranch', () => {
  after(removeTemporaryFolders);

  it('pushes unpushed commits to the upstream', async () => {
    const { root, origin } = pushedRepository();
    const sha = commitFile(root, 'a.txt', 'a');
    assert.deepEqual(await pushCurrentBranch(root), { ok: true, branch: 'main', sha, upstreamSet: false });
    assert.equal(git(origin, 'rev-parse', 'main'), sha);
    const state = await readRepository(root);
    assert.equal(state.kind === 'repository' && state.pushedTo, 'origin/main');
  });

  it('pushes a branch without upstream to origin under the same name and makes that its upstream', async () => {
    const { root, origin } = pushedRepository();
    git(root, 'switch', '-q', '-c', 'feature/login');
    const sha = commitFile(root, 'login.txt', 'login');
    assert.deepEqual(await pushCurrentBranch(root), { ok: true, branch: 'feature/login', sha, upstreamSet: true });
    assert.equal(git(origin, 'rev-parse', 'feature/login'), sha);
    const state = await readRepository(root);
    assert.deepEqual(state.kind === 'repository' && state.upstream, { name: 'origin/feature/login', exists: true, ahead: 0, behind: 0 });
  });

  it('pushes to the tracked branch even when it has another name', async () => {
    const { root, origin } = pushedRepository();
    git(root, 'switch', '-q', '-c', 'local-name', '--track', 'origin/main');
    const sha = commitFile(root, 'b.txt', 'b');
    assert.deepEqual(await pushCurrentBranch(root), { ok: true, branch: 'local-name', sha, upstreamSet: false });
    assert.equal(git(origin, 'rev-parse', 'main'), sha);
  });

  it("runs the user's pre-push hook, with terminal prompts turned off", async () => {
    const { root } = pushedRepository();
    const seen = join(root, '..', 'prompt-setting');
    const hook = join(root, '.git', 'hooks', 'pre-push');
    writeFileSync(hook, `#!/bin/sh\nprintf '%s' "$GIT_TERMINAL_PROMPT" > '${seen}'\n`);
    chmodSync(hook, 0o755);
    commitFile(root, 'c.txt', 'c');
    assert.equal((await pushCurrentBranch(root)).ok, true);
    assert.equal(readFileSync(seen, 'utf8'), '0');
  });

  it("runs no clean filter, neither reading the branch nor pushing it", async () => {
    const { root, origin } = pushedRepository();
    commitFile(root, '.gitattributes', '* filter=evil\n');
    const filter = tripwire();
    git(root, 'config', 'filter.evil.clean', filter.command);
    const past = new Date('2001-02-03T04:05:06Z');
    utimesSync(join(root, 'Dockerfile'), past, past);
    const result = await pushCurrentBranch(root);
    assert.equal(filter.tripped(), false, 'Push and Build ran the clean filter');
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(git(origin, 'rev-parse', 'main'), git(root, 'rev-parse', 'HEAD'));
  });

  it('still pushes when the environment names an editor, a pager and an SSH command', async () => {
    const saved = { EDITOR: process.env.EDITOR, GIT_PAGER: process.env.GIT_PAGER, GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND };
    Object.assign(process.env, { EDITOR: 'vim', GIT_PAGER: 'less', GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' });
    try {
      const { root } = pushedRepository();
      commitFile(root, 'd.txt', 'd');
      assert.deepEqual(await pushCurrentBranch(root).then((result) => result.ok), true);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('explains a push rejected because the remote moved on', async () => {
    const { root, origin } = pushedRepository();
    teammatePushes(root, origin, 'theirs.txt');
    commitFile(root, 'mine.txt', 'mine');
    assert.deepEqual(await pushCurrentBranch(root), {
      ok: false,
      message: 'The remote has commits that "main" does not have, so the push was rejected. Pull (or rebase) first, then Push and Build again.',
    });
  });

  it('explains that there is no origin to push a new branch to', async () => {
    const root = temporaryFolder();
    git(root, 'init', '-q');
    commitFile(root, 'Dockerfile', 'FROM alpine\n');
    assert.deepEqual(await pushCurrentBranch(root), {
      ok: false,
      message: '"main" has no upstream and the repository has no remote named "origin". Add one (git remote add origin <url>) or push the branch once yourself, then try again.',
    });
  });

  it('refuses a detached HEAD and a repository without commits', async () => {
    const { root, sha } = pushedRepository();
    git(root, 'switch', '-q', '--detach');
    assert.deepEqual(await pushCurrentBranch(root), {
      ok: false,
      message: `HEAD is detached at ${sha.slice(0, 7)}, so there is no branch to push. Check out a branch (or create one here), then try again.`,
    });
    const empty = temporaryFolder();
    git(empty, 'init', '-q');
    assert.deepEqual(await pushCurrentBranch(empty), { ok: false, message: 'There is nothing to push: the repository has no commits yet.' });
  });

  it('reports a folder that is not a repository as a failure value', async () => {
    const folder = temporaryFolder();
    const result = await pushCurrentBranch(folder);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /^Git failed while reading the branch to push in ".*": not a git repository/);
  });
});
