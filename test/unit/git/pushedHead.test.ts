import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findGitDirs, pushedCommit, readHeadState, upstreamOf } from '../../../src/git/pushedHead';
import { commitFile, git, ignoreMachineGitConfig, pushedRepository, removeTemporaryFolders, temporaryFolder } from './testRepository';

async function stateOf(folder: string) {
  const dirs = await findGitDirs(folder);
  assert.ok(dirs, `no repository found from ${folder}`);
  return readHeadState(dirs);
}

describe('reading HEAD and its upstream from the ref files', () => {
  ignoreMachineGitConfig();
  after(removeTemporaryFolders);

  it('gives the pushed commit when the upstream holds HEAD, from a subfolder too', async () => {
    const { root, sha } = pushedRepository();
    mkdirSync(join(root, 'services', 'api'), { recursive: true });
    const state = await stateOf(join(root, 'services', 'api'));
    assert.deepEqual(state, { branch: 'main', headSha: sha, upstreamRef: 'refs/remotes/origin/main', upstreamBranch: 'main', upstreamSha: sha });
    assert.deepEqual(pushedCommit(state), { branch: 'main', sha });
  });

  it('gives nothing for a commit not pushed yet, and the commit once it is', async () => {
    const { root } = pushedRepository();
    const local = commitFile(root, 'app.js', 'x\n');
    assert.equal(pushedCommit(await stateOf(root)), undefined);
    git(root, 'push', '-q');
    assert.deepEqual(pushedCommit(await stateOf(root)), { branch: 'main', sha: local });
  });

  it('does not take a fetched commit of a teammate for a push from here', async () => {
    const { root, origin } = pushedRepository();
    const teammate = join(temporaryFolder(), 'teammate');
    git(origin, 'clone', '-q', origin, teammate);
    const theirs = commitFile(teammate, 'theirs.js', 'y\n');
    git(teammate, 'push', '-q');
    git(root, 'fetch', '-q');
    const state = await stateOf(root);
    assert.equal(state.upstreamSha, theirs);
    assert.equal(pushedCommit(state), undefined);
  });

  it('reads refs that git pack-refs moved into packed-refs', async () => {
    const { root, sha } = pushedRepository();
    git(root, 'pack-refs', '--all');
    const state = await stateOf(root);
    assert.equal(state.headSha, sha);
    assert.equal(state.upstreamSha, sha);
  });

  it('follows a linked worktree to its own HEAD and the shared refs', async () => {
    const { root } = pushedRepository();
    const tree = join(temporaryFolder(), 'tree');
    git(root, 'worktree', 'add', '-q', '-b', 'feature', tree);
    const sha = commitFile(tree, 'feature.js', 'z\n');
    git(tree, 'push', '-q', '-u', 'origin', 'feature');
    assert.deepEqual(pushedCommit(await stateOf(tree)), { branch: 'feature', sha });
  });

  it('gives the remote branch name when the local branch is named differently', async () => {
    const { root, sha } = pushedRepository();
    git(root, 'checkout', '-q', '-b', 'local-name', '--track', 'origin/main');
    assert.deepEqual(pushedCommit(await stateOf(root)), { branch: 'main', sha });
  });

  it('gives nothing with a detached HEAD or a branch without upstream', async () => {
    const { root, sha } = pushedRepository();
    git(root, 'checkout', '-q', '-b', 'no-upstream');
    assert.equal(pushedCommit(await stateOf(root)), undefined);
    git(root, 'checkout', '-q', '--detach', sha);
    const detached = await stateOf(root);
    assert.deepEqual(detached, { headSha: sha });
    assert.equal(pushedCommit(detached), undefined);
  });

  it('reads upstreams from config sections with quotes and odd spacing, and none for a local one', () => {
    const config = '[core]\n\tbare = false\n[branch "feature/x"]\n\tremote = upstream\n\tmerge = refs/heads/feature/x\n[branch "local"]\n\tremote = .\n\tmerge = refs/heads/main\n';
    assert.deepEqual(upstreamOf(config, 'feature/x'), { upstreamRef: 'refs/remotes/upstream/feature/x', upstreamBranch: 'feature/x' });
    assert.equal(upstreamOf(config, 'local'), undefined);
    assert.equal(upstreamOf(config, 'main'), undefined);
  });
});
