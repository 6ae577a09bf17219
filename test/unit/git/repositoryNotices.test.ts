import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRepository } from './readRepository';
import { readRepositoryHead } from '../../../src/git/readRepositoryHead';
import type { Repository, RepositoryHead } from '../../../src/git/repositoryState';
import { repositoryNotices } from '../../../src/git/repositoryNotices';
import { commitFile, git, pushedRepository, removeTemporaryFolders } from './testRepository';

async function noticesFor(root: string) {
  const state = await readRepository(root);
  assert.equal(state.kind, 'repository');
  return repositoryNotices(state as Repository);
}

describe('repositoryNotices', () => {
  after(removeTemporaryFolders);

  it('has nothing to say about a clean, pushed branch', async () => {
    assert.deepEqual(await noticesFor(pushedRepository().root), []);
  });

  it('warns first that an unpushed commit cannot be fetched, then counts the commits', async () => {
    const { root } = pushedRepository();
    const sha = commitFile(root, 'a.txt', 'a');
    assert.deepEqual(await noticesFor(root), [
      { kind: 'notOnRemote', message: `Commit ${sha.slice(0, 7)} is on no remote branch, so Northflank cannot fetch it. Push it first.` },
      { kind: 'unpushed', message: 'Branch "main" has 1 commit not pushed to origin/main.' },
    ]);
  });

  it('notes a branch without upstream and a detached HEAD', async () => {
    const { root, sha } = pushedRepository();
    git(root, 'switch', '-q', '-c', 'feature');
    assert.deepEqual(await noticesFor(root), [{ kind: 'noUpstream', message: 'Branch "feature" has no upstream branch on a remote.' }]);
    git(root, 'switch', '-q', '--detach');
    assert.deepEqual(await noticesFor(root), [{ kind: 'detached', message: `HEAD is detached at ${sha.slice(0, 7)}: no branch is checked out.` }]);
  });

  it('says uncommitted work is not part of the build', async () => {
    const { root, sha } = pushedRepository();
    writeFileSync(join(root, 'Dockerfile'), 'FROM debian\n');
    writeFileSync(join(root, 'x.txt'), '');
    writeFileSync(join(root, 'y.txt'), '');
    assert.deepEqual(await noticesFor(root), [
      { kind: 'dirty', message: `1 changed file and 2 untracked files are not committed, so the build of ${sha.slice(0, 7)} will not include them.` },
    ]);
  });

  it('says "it" for a single uncommitted file and "them" for several', async () => {
    const { root, sha } = pushedRepository();
    const short = sha.slice(0, 7);
    writeFileSync(join(root, 'Dockerfile'), 'FROM debian\n');
    assert.deepEqual(await noticesFor(root), [{ kind: 'dirty', message: `1 changed file is not committed, so the build of ${short} will not include it.` }]);
    git(root, 'checkout', '--', 'Dockerfile');
    writeFileSync(join(root, 'x.txt'), '');
    assert.deepEqual(await noticesFor(root), [{ kind: 'dirty', message: `1 untracked file is not committed, so the build of ${short} will not include it.` }]);
    writeFileSync(join(root, 'y.txt'), '');
    assert.deepEqual(await noticesFor(root), [{ kind: 'dirty', message: `2 untracked files are not committed, so the build of ${short} will not include them.` }]);
  });

  it('says nothing of uncommitted work when only the head was read, the changes not counted', async () => {
    const { root } = pushedRepository();
    writeFileSync(join(root, 'x.txt'), '');
    const head = await readRepositoryHead(root);
    assert.equal(head.kind, 'repository');
    assert.deepEqual(repositoryNotices(head as RepositoryHead), []);
    assert.deepEqual((await noticesFor(root)).map((notice) => notice.kind), ['dirty']);
  });
});
