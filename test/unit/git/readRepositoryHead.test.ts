import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitFailure } from '../../../src/git/gitFailure';
import { readRepositoryHead } from '../../../src/git/readRepositoryHead';
import { readWorkingTreeChanges } from '../../../src/git/readWorkingTreeChanges';
import type { RepositoryHead, RepositoryHeadState } from '../../../src/git/repositoryState';
import { armConfiguredCommands, commitFile, git, pushedRepository, removeTemporaryFolders, teammatePushes, temporaryFolder, tripwire } from './testRepository';

function asHead(state: RepositoryHeadState): RepositoryHead {
  assert.equal(state.kind, 'repository', JSON.stringify(state));
  return state as RepositoryHead;
}

/** An index git cannot read: whatever reads it (any `git status`) fails. */
function breakIndex(root: string): void {
  writeFileSync(join(root, '.git', 'index'), 'not an index');
}

describe('readRepositoryHead', () => {
  after(removeTemporaryFolders);

  it('reads a clean, pushed branch: root, sha, branch, upstream and the remote branch holding HEAD, and nothing else', async () => {
    const { root, sha } = pushedRepository();
    assert.deepEqual(await readRepositoryHead(root), {
      kind: 'repository',
      root,
      sha,
      branch: 'main',
      upstream: { name: 'origin/main', exists: true, ahead: 0, behind: 0 },
      pushedTo: 'origin/main',
    });
  });

  it('names the branch as it is where a tag has the same name', async () => {
    const { root } = pushedRepository();
    git(root, 'tag', 'main');
    const head = asHead(await readRepositoryHead(root));
    assert.equal(head.branch, 'main');
    assert.equal(head.upstream?.name, 'origin/main');
  });

  it('reads no index and no working-tree file: it answers where every git status fails', async () => {
    const { root, sha } = pushedRepository();
    breakIndex(root);
    assert.throws(() => git(root, 'status'), /index/, 'git status should fail on the broken index, or this test proves nothing');
    const head = asHead(await readRepositoryHead(root));
    assert.equal(head.sha, sha);
    assert.equal(head.pushedTo, 'origin/main');
  });

  it('finds the root from a subfolder, and is not confused by a file named HEAD', async () => {
    const { root, sha } = pushedRepository();
    mkdirSync(join(root, 'services', 'api'), { recursive: true });
    writeFileSync(join(root, 'services', 'api', 'HEAD'), 'a file, not a revision\n');
    writeFileSync(join(root, 'HEAD'), 'a file, not a revision\n');
    const head = asHead(await readRepositoryHead(join(root, 'services', 'api')));
    assert.equal(head.root, root);
    assert.equal(head.sha, sha);
  });

  it('counts commits ahead and behind the upstream at once, and finds HEAD on no remote', async () => {
    const { root, origin } = pushedRepository();
    teammatePushes(root, origin, 'theirs.txt');
    git(root, 'fetch', '-q');
    commitFile(root, 'a.txt', 'a');
    const sha = commitFile(root, 'b.txt', 'b');
    const head = asHead(await readRepositoryHead(root));
    assert.equal(head.sha, sha);
    assert.deepEqual(head.upstream, { name: 'origin/main', exists: true, ahead: 2, behind: 1 });
    assert.equal(head.pushedTo, undefined);
  });

  it('names the upstream when it holds HEAD even though it has moved on', async () => {
    const { root, origin } = pushedRepository();
    teammatePushes(root, origin, 'theirs.txt');
    git(root, 'fetch', '-q');
    const head = asHead(await readRepositoryHead(root));
    assert.deepEqual(head.upstream, { name: 'origin/main', exists: true, ahead: 0, behind: 1 });
    assert.equal(head.pushedTo, 'origin/main');
  });

  it('reports an upstream whose remote branch is gone', async () => {
    const { root } = pushedRepository();
    git(root, 'switch', '-q', '-c', 'gone');
    git(root, 'push', '-q', '-u', 'origin', 'gone');
    git(root, 'push', '-q', 'origin', '--delete', 'gone');
    const head = asHead(await readRepositoryHead(root));
    assert.equal(head.branch, 'gone');
    assert.deepEqual(head.upstream, { name: 'origin/gone', exists: false, ahead: 0, behind: 0 });
    assert.equal(head.pushedTo, 'origin/main');
  });

  it('reads a branch without upstream, and finds a remote branch that contains HEAD without pointing at it', async () => {
    const { root } = pushedRepository();
    const first = git(root, 'rev-parse', 'HEAD');
    commitFile(root, 'second.txt', 'second');
    git(root, 'push', '-q');
    git(root, 'switch', '-q', '-c', 'feature/older', first);
    const head = asHead(await readRepositoryHead(root));
    assert.equal(head.branch, 'feature/older');
    assert.equal(head.sha, first);
    assert.equal(head.upstream, undefined);
    assert.equal(head.pushedTo, 'origin/main');
  });

  it('reads a detached HEAD as no branch, even where a branch points at the same commit', async () => {
    const { root, sha } = pushedRepository();
    git(root, 'switch', '-q', '--detach');
    const head = asHead(await readRepositoryHead(root));
    assert.equal(head.branch, undefined);
    assert.equal(head.upstream, undefined);
    assert.equal(head.sha, sha);
    assert.equal(head.pushedTo, 'origin/main');
  });

  it('reads a detached HEAD at a commit no branch and no remote has', async () => {
    const { root } = pushedRepository();
    git(root, 'switch', '-q', '--detach');
    const sha = commitFile(root, 'local.txt', 'only here');
    const head = asHead(await readRepositoryHead(root));
    assert.equal(head.branch, undefined);
    assert.equal(head.sha, sha);
    assert.equal(head.pushedTo, undefined);
  });

  it("reads a linked worktree's own HEAD, not the main working tree's", async () => {
    const { root, sha } = pushedRepository();
    const linked = join(temporaryFolder(), 'linked');
    git(root, 'worktree', 'add', '-q', '-b', 'other', linked);
    const head = asHead(await readRepositoryHead(linked));
    assert.equal(head.root, linked);
    assert.equal(head.sha, sha);
    assert.equal(head.branch, 'other');
    assert.equal(head.upstream, undefined);
    assert.equal(asHead(await readRepositoryHead(root)).branch, 'main');
  });

  it('reports a repository without commits, with its branch and root', async () => {
    const root = join(temporaryFolder(), 'repo ');
    mkdirSync(root);
    git(root, 'init', '-q');
    git(root, 'symbolic-ref', 'HEAD', 'refs/heads/first');
    assert.deepEqual(await readRepositoryHead(root), {
      kind: 'noCommits',
      root,
      branch: 'first',
      message: `The repository "${root}" has no commits yet. Commit and push your work, then build.`,
    });
  });

  it('says a folder outside any repository, or the .git folder, is not a repository', async () => {
    const folder = temporaryFolder();
    assert.equal((await readRepositoryHead(folder)).kind, 'notRepository');
    const { root } = pushedRepository();
    const state = await readRepositoryHead(join(root, '.git'));
    assert.match(state.kind === 'notRepository' ? state.message : JSON.stringify(state), /inside a \.git folder or a bare repository/);
  });

  it('fetches nothing in a partial clone that lacks the trees status needs', async () => {
    const { origin, sha } = pushedRepository();
    git(origin, 'config', 'uploadpack.allowFilter', 'true');
    const root = join(temporaryFolder(), 'partial');
    git(origin, 'clone', '-q', '--no-checkout', '--filter=tree:0', `file://${origin}`, root);
    const uploadPack = tripwire();
    git(root, 'config', 'remote.origin.uploadpack', uploadPack.command);
    const head = asHead(await readRepositoryHead(root));
    assert.equal(uploadPack.tripped(), false, 'readRepositoryHead fetched');
    assert.equal(head.sha, sha);
    assert.equal(head.pushedTo, 'origin/main');
  });

  it('runs no command the config names, nor a hook, in any of its git processes', async () => {
    const { root } = pushedRepository();
    git(root, 'switch', '-q', '--detach');
    commitFile(root, 'unpushed.txt', 'not on the remote\n'); // so that it also looks for HEAD on the remotes
    const ran = armConfiguredCommands(root);
    const head = asHead(await readRepositoryHead(root));
    assert.deepEqual(ran(), []);
    assert.equal(head.pushedTo, undefined);
  });
});

describe('readWorkingTreeChanges', () => {
  after(removeTemporaryFolders);

  it('counts changed and untracked files', async () => {
    const { root } = pushedRepository();
    writeFileSync(join(root, 'Dockerfile'), 'FROM debian\n');
    writeFileSync(join(root, 'new.txt'), '');
    assert.deepEqual(await readWorkingTreeChanges(root), { tracked: 1, untracked: 1, conflicted: 0 });
  });

  it('throws a GitFailure that names what it was doing when git cannot count', async () => {
    const { root } = pushedRepository();
    breakIndex(root);
    await assert.rejects(readWorkingTreeChanges(root), (error: unknown) => {
      assert.ok(error instanceof GitFailure, String(error));
      assert.match(error.message, /counting the uncommitted changes/);
      return true;
    });
  });
});
