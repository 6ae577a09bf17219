import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync, chmodSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { readRepository } from './readRepository';
import type { Repository, RepositoryState } from '../../../src/git/repositoryState';
import { armConfiguredCommands, commitFile, git, pushedRepository, removeTemporaryFolders, temporaryFolder, tripwire } from './testRepository';

/** Same content, another timestamp: git status must hash the file again to know it is unchanged. */
function touch(file: string): void {
  const past = new Date('2001-02-03T04:05:06Z');
  utimesSync(file, past, past);
}

/** Plain git, as the user would run it in a terminal; it may fail once a tripwire has run. */
function plainGitStatus(root: string): void {
  try {
    git(root, 'status');
  } catch {
    // the tripwire failing made git fail; whether it ran is what matters
  }
}

function asRepository(state: RepositoryState): Repository {
  assert.equal(state.kind, 'repository', JSON.stringify(state));
  return state as Repository;
}

// How far HEAD is ahead of and behind its upstream, an upstream that is gone and a detached HEAD are
// readRepositoryHead's alone and tested in readRepositoryHead.test.ts; the cases here are those where the count of changes matters too.
describe('readRepository', () => {
  after(removeTemporaryFolders);

  it('says a folder outside any repository is not a repository', async () => {
    const folder = temporaryFolder();
    const state = await readRepository(folder);
    assert.deepEqual(state, {
      kind: 'notRepository',
      folder,
      message: `The folder "${folder}" is not inside a git repository. Open the repository's folder, or run git init and commit.`,
    });
  });

  it('says a missing folder does not exist', async () => {
    const folder = join(temporaryFolder(), 'missing');
    assert.deepEqual(await readRepository(folder), { kind: 'notRepository', folder, message: `The folder "${folder}" does not exist.` });
  });

  it('says the .git folder itself has no working tree', async () => {
    const { root } = pushedRepository();
    const state = await readRepository(join(root, '.git'));
    assert.equal(state.kind, 'notRepository');
    assert.match(state.kind === 'notRepository' ? state.message : '', /inside a \.git folder or a bare repository/);
  });

  it('reports a repository without commits, with its branch', async () => {
    const root = temporaryFolder();
    git(root, 'init', '-q');
    assert.deepEqual(await readRepository(root), {
      kind: 'noCommits',
      root,
      branch: 'main',
      message: `The repository "${root}" has no commits yet. Commit and push your work, then build.`,
    });
  });

  it('reads a clean, pushed branch: root, sha, branch, upstream and the remote branch holding HEAD', async () => {
    const { root, sha } = pushedRepository();
    assert.deepEqual(await readRepository(root), {
      kind: 'repository',
      root,
      sha,
      branch: 'main',
      upstream: { name: 'origin/main', exists: true, ahead: 0, behind: 0 },
      pushedTo: 'origin/main',
      changes: { tracked: 0, untracked: 0, conflicted: 0 },
    });
  });

  it('finds the repository root from a subfolder', async () => {
    const { root } = pushedRepository();
    mkdirSync(join(root, 'services', 'api'), { recursive: true });
    assert.equal(asRepository(await readRepository(join(root, 'services', 'api'))).root, root);
  });

  it('keeps a trailing space in the root folder name', async () => {
    const root = join(temporaryFolder(), 'repo ');
    mkdirSync(root);
    git(root, 'init', '-q');
    const state = await readRepository(root);
    assert.equal(state.kind === 'noCommits' && state.root, root);
  });

  it('reads a branch without upstream, finding its commit on another remote branch', async () => {
    const { root } = pushedRepository();
    git(root, 'switch', '-q', '-c', 'feature');
    let repository = asRepository(await readRepository(root));
    assert.equal(repository.branch, 'feature');
    assert.equal(repository.upstream, undefined);
    assert.equal(repository.pushedTo, 'origin/main');

    commitFile(root, 'feature.txt', 'new');
    repository = asRepository(await readRepository(root));
    assert.equal(repository.pushedTo, undefined);
  });

  it('counts modified, staged, deleted and untracked files, odd names included', async () => {
    const { root } = pushedRepository();
    commitFile(root, 'gone.txt', 'x');
    git(root, 'push', '-q');
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(join(root, 'staged.txt'), 'new');
    git(root, 'add', 'staged.txt');
    git(root, 'rm', '-q', 'gone.txt');
    writeFileSync(join(root, 'untracked one.txt'), '');
    writeFileSync(join(root, 'line\nbreak.txt'), '');
    const repository = asRepository(await readRepository(root));
    assert.deepEqual(repository.changes, { tracked: 3, untracked: 2, conflicted: 0 });
    assert.equal(repository.pushedTo, 'origin/main');
  });

  it('counts conflicted files during a merge', async () => {
    const { root } = pushedRepository();
    git(root, 'switch', '-q', '-c', 'other');
    commitFile(root, 'Dockerfile', 'FROM debian\n');
    git(root, 'switch', '-q', 'main');
    commitFile(root, 'Dockerfile', 'FROM ubuntu\n');
    assert.throws(() => git(root, 'merge', '-q', 'other'));
    assert.deepEqual(asRepository(await readRepository(root)).changes, { tracked: 1, untracked: 0, conflicted: 1 });
  });

  it('runs no clean filter on a file whose timestamp changed, and still sees the file unchanged', async () => {
    const { root } = pushedRepository();
    commitFile(root, '.gitattributes', '* filter=evil\n');
    const filter = tripwire();
    git(root, 'config', 'filter.evil.clean', filter.command);
    touch(join(root, 'Dockerfile'));
    const repository = asRepository(await readRepository(root));
    assert.equal(filter.tripped(), false, 'readRepository ran the clean filter');
    assert.deepEqual(repository.changes, { tracked: 0, untracked: 0, conflicted: 0 });
    plainGitStatus(root);
    assert.equal(filter.tripped(), true, 'plain git status should have run the filter, so the check above proved nothing');
  });

  it('starts no filter process, even one marked required', async () => {
    const { root } = pushedRepository();
    commitFile(root, '.gitattributes', '*.txt filter=evil\n');
    commitFile(root, 'notes.txt', 'notes\n');
    const filter = tripwire();
    git(root, 'config', 'filter.evil.process', filter.command);
    git(root, 'config', 'filter.evil.required', 'true');
    touch(join(root, 'notes.txt'));
    const state = await readRepository(root);
    assert.equal(filter.tripped(), false, 'readRepository started the filter process');
    assert.equal(state.kind, 'repository', JSON.stringify(state));
    plainGitStatus(root);
    assert.equal(filter.tripped(), true, 'plain git status should have started the filter process');
  });

  it('runs no filter whose name holds "=" and ".", defined in an included config and named by info/attributes', async () => {
    const { root } = pushedRepository();
    const filter = tripwire();
    const included = join(temporaryFolder(), 'included.config');
    git(root, 'config', '--file', included, 'filter.a=b.c.clean', filter.command);
    git(root, 'config', 'include.path', included);
    writeFileSync(join(root, '.git', 'info', 'attributes'), '* filter=a=b.c\n');
    touch(join(root, 'Dockerfile'));
    const state = await readRepository(root);
    assert.equal(filter.tripped(), false, 'readRepository ran the filter');
    assert.equal(state.kind, 'repository', JSON.stringify(state));
    plainGitStatus(root);
    assert.equal(filter.tripped(), true, 'plain git status should have run the filter');
  });

  describe('a partial clone that lacks the objects status needs', () => {
    /** Cloned without trees or checkout: status needs HEAD's tree, which git would fetch from the promisor remote. */
    function partialClone(): string {
      const { origin } = pushedRepository();
      git(origin, 'config', 'uploadpack.allowFilter', 'true');
      const root = join(temporaryFolder(), 'partial');
      git(origin, 'clone', '-q', '--no-checkout', '--filter=tree:0', `file://${origin}`, root);
      return root;
    }

    it('still reads a blobless clone, which has every tree and commit status needs', async () => {
      const { origin } = pushedRepository();
      git(origin, 'config', 'uploadpack.allowFilter', 'true');
      const root = join(temporaryFolder(), 'blobless');
      git(origin, 'clone', '-q', '--filter=blob:none', `file://${origin}`, root);
      const uploadPack = tripwire();
      git(root, 'config', 'remote.origin.uploadpack', uploadPack.command);
      touch(join(root, 'Dockerfile'));
      writeFileSync(join(root, 'added.txt'), 'new');
      const repository = asRepository(await readRepository(root));
      assert.equal(uploadPack.tripped(), false);
      assert.equal(repository.pushedTo, 'origin/main');
      assert.deepEqual(repository.changes, { tracked: 0, untracked: 1, conflicted: 0 });
    });

    const commands: [string, (root: string, command: { command: string; script: string }) => void][] = [
      ['the upload-pack a remote names', (root, { command }) => git(root, 'config', 'remote.origin.uploadpack', command)],
      ['an ext:: command the config allows', (root, { script }) => {
        git(root, 'config', 'remote.origin.url', `ext::${script}`);
        git(root, 'config', 'protocol.ext.allow', 'always');
      }],
      ['core.sshCommand', (root, { command }) => {
        git(root, 'config', 'remote.origin.url', 'ssh://git.example.invalid/shop.git');
        git(root, 'config', 'core.sshCommand', command);
      }],
    ];
    for (const [what, configure] of commands) {
      it(`fetches nothing, so runs no command: ${what}`, async () => {
        const root = partialClone();
        const command = tripwire();
        configure(root, command);
        const state = await readRepository(root);
        assert.equal(command.tripped(), false, `readRepository fetched, running ${what}`);
        assert.equal(state.kind, 'gitFailed', JSON.stringify(state));
        plainGitStatus(root);
        assert.equal(command.tripped(), true, `plain git status should have fetched, running ${what}`);
      });
    }
  });

  describe('a submodule', () => {
    /** A pushed repository with the repository `lib` checked out as the submodule `lib`. */
    function withSubmodule(): { root: string; submodule: string } {
      const { root } = pushedRepository();
      const library = temporaryFolder();
      git(library, 'init', '-q');
      commitFile(library, 'lib.txt', 'lib\n');
      git(root, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library, 'lib');
      git(root, 'commit', '-q', '-m', 'add lib');
      return { root, submodule: join(root, 'lib') };
    }

    it("runs no filter its own config names, on a file in it whose timestamp changed", async () => {
      const { root, submodule } = withSubmodule();
      const filter = tripwire();
      const info = join(git(submodule, 'rev-parse', '--absolute-git-dir'), 'info');
      mkdirSync(info, { recursive: true });
      writeFileSync(join(info, 'attributes'), '* filter=own\n');
      git(submodule, 'config', 'filter.own.clean', filter.command);
      touch(join(submodule, 'lib.txt'));
      const repository = asRepository(await readRepository(root));
      assert.equal(filter.tripped(), false, "readRepository ran the submodule's filter");
      assert.deepEqual(repository.changes, { tracked: 0, untracked: 0, conflicted: 0 });
      plainGitStatus(root);
      assert.equal(filter.tripped(), true, "plain git status should have run the submodule's filter");
    });

    it('counts it when checked out at another commit, but not changes inside it', async () => {
      const { root, submodule } = withSubmodule();
      writeFileSync(join(submodule, 'lib.txt'), 'changed\n');
      writeFileSync(join(submodule, 'new.txt'), 'new\n');
      assert.deepEqual(asRepository(await readRepository(root)).changes, { tracked: 0, untracked: 0, conflicted: 0 });
      git(submodule, 'add', '-A');
      git(submodule, 'commit', '-q', '-m', 'move on');
      assert.deepEqual(asRepository(await readRepository(root)).changes, { tracked: 1, untracked: 0, conflicted: 0 });
    });
  });

  it('runs no other command the config names, nor a hook, in any of its git processes', async () => {
    const { root } = pushedRepository();
    commitFile(root, 'unpushed.txt', 'not on the remote\n'); // so that it also looks for HEAD on the remotes
    const ran = armConfiguredCommands(root);
    touch(join(root, 'Dockerfile'));
    writeFileSync(join(root, 'unpushed.txt'), 'changed\n');
    const repository = asRepository(await readRepository(root));
    assert.deepEqual(ran(), []);
    assert.equal(repository.pushedTo, undefined);
    assert.deepEqual(repository.changes, { tracked: 1, untracked: 0, conflicted: 0 });
  });

  it("does not run the repository's fsmonitor hook, which plain git status would run", async function () {
    const { root } = pushedRepository();
    const marker = join(root, '..', 'fsmonitor-ran');
    const hook = join(root, '..', 'fsmonitor.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(hook, 0o755);
    git(root, 'config', 'core.fsmonitor', hook);
    await readRepository(root);
    assert.equal(existsSync(marker), false, 'readRepository ran the fsmonitor hook');
    git(root, 'status');
    if (!existsSync(marker)) this.skip(); // this git cannot run fsmonitor hooks, so the check above proved nothing
  });
});
