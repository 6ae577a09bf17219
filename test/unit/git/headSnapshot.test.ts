import * as assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithCommitted } from '../../../src/git/committedFile';
import { GitFailure } from '../../../src/git/gitFailure';
import type { ReadMemory } from '../../../src/git/readMemory';
import { readRepositoryHead } from '../../../src/git/readRepositoryHead';
import type { RepositoryHead, RepositoryHeadState } from '../../../src/git/repositoryState';
import { commitFile, git, pushedRepository, removeTemporaryFolders, teammatePushes, temporaryFolder } from './testRepository';

// A read of HEAD is kept with marks of the files it came from, and the next read runs no git while
// they are as they were. "No git" is proven by taking git off PATH: a read that needed git would fail.

/** What a workspace's Memento does: JSON in, JSON out. */
function memory(): ReadMemory {
  const kept = new Map<string, string>();
  return {
    get: <T>(key: string) => (kept.has(key) ? (JSON.parse(kept.get(key)!) as T) : undefined),
    update: (key: string, value: unknown) => {
      kept.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
  };
}

/** Files made just now would not be kept with the real window of 2 s; these tests wait this much instead. */
const SETTLED_MS = 10;
const settle = () => new Promise((resolveWait) => setTimeout(resolveWait, 3 * SETTLED_MS));

async function withoutGit<T>(work: () => Promise<T>): Promise<T> {
  const path = process.env.PATH;
  process.env.PATH = temporaryFolder();
  try {
    return await work();
  } finally {
    process.env.PATH = path;
  }
}

function asHead(state: RepositoryHeadState): RepositoryHead {
  assert.equal(state.kind, 'repository', JSON.stringify(state));
  return state as RepositoryHead;
}

async function readKept(root: string, kept: ReadMemory): Promise<RepositoryHead> {
  await settle();
  return asHead(await readRepositoryHead(root, kept, SETTLED_MS));
}

describe('readRepositoryHead with a memory', () => {
  after(removeTemporaryFolders);

  it('answers a second read of an unchanged repository without git, as git did', async () => {
    const { root } = pushedRepository();
    const kept = memory();
    const head = await readKept(root, kept);
    assert.equal((await withoutGit(() => readRepositoryHead(root))).kind, 'gitFailed', 'without a memory, the read needs git: this test proves nothing otherwise');
    assert.deepEqual(await withoutGit(() => readRepositoryHead(root, kept)), head);

    // An edit, and a git status that refreshes the index (as VS Code's git extension does), change
    // files in .git but nothing the head comes from.
    const gitFolder = statSync(join(root, '.git')).mtimeMs;
    await settle();
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine\n');
    git(root, 'status', '--porcelain');
    assert.notEqual(statSync(join(root, '.git')).mtimeMs, gitFolder, 'git status wrote the index, or this proves nothing');
    assert.deepEqual(await withoutGit(() => readRepositoryHead(root, kept)), head);
  });

  it('asks git again after a commit and push, a checkout, a fetch, packed refs and an upstream change', async () => {
    const { root, origin } = pushedRepository();
    const kept = memory();
    await readKept(root, kept);

    const pushed = commitFile(root, 'app.txt', 'v2');
    git(root, 'push', '-q');
    assert.equal((await readKept(root, kept)).sha, pushed);

    git(root, 'checkout', '-q', '-b', 'feature');
    git(root, 'push', '-q', '-u', 'origin', 'feature');
    assert.equal((await readKept(root, kept)).branch, 'feature');

    git(root, 'checkout', '-q', 'main');
    await readKept(root, kept);
    teammatePushes(root, origin);
    git(root, 'fetch', '-q');
    assert.equal((await readKept(root, kept)).upstream?.behind, 1);
    git(root, 'pull', '-q', '--ff-only');
    await readKept(root, kept);

    git(root, 'pack-refs', '--all');
    assert.equal((await withoutGit(() => readRepositoryHead(root, kept))).kind, 'gitFailed', 'packed refs are read again');
    await readKept(root, kept);
    git(root, 'branch', '--unset-upstream');
    assert.equal((await withoutGit(() => readRepositoryHead(root, kept))).kind, 'gitFailed', 'a changed config is read again');
    assert.equal((await readKept(root, kept)).upstream, undefined);
  });

  it('does not keep a read of files changed in the last seconds, which git may have read mid-change', async () => {
    const { root } = pushedRepository();
    const kept = memory();
    asHead(await readRepositoryHead(root, kept));
    assert.equal((await withoutGit(() => readRepositoryHead(root, kept))).kind, 'gitFailed');
  });

  it('reads again from a subfolder that has become a repository of its own', async () => {
    const { root } = pushedRepository();
    const sub = join(root, 'services', 'api');
    mkdirSync(sub, { recursive: true });
    const kept = memory();
    assert.equal((await readKept(sub, kept)).root, root);
    git(sub, 'init', '-q');
    assert.equal((await withoutGit(() => readRepositoryHead(sub, kept))).kind, 'gitFailed');
  });

  it('does not keep a linked worktree, whose refs live in another folder', async () => {
    const { root } = pushedRepository();
    const linked = join(temporaryFolder(), 'linked');
    git(root, 'worktree', 'add', '-q', '-b', 'feature', linked);
    git(linked, 'push', '-q', '-u', 'origin', 'feature');
    const kept = memory();
    assert.equal((await readKept(linked, kept)).branch, 'feature');
    assert.equal((await withoutGit(() => readRepositoryHead(linked, kept))).kind, 'gitFailed');
  });
});

describe('compareWithCommitted with a memory', () => {
  after(removeTemporaryFolders);

  it("keeps what a commit named by its id holds, and never what HEAD holds, which can move", async () => {
    const { root, sha } = pushedRepository();
    const kept = memory();
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile', kept), 'clean');
    assert.equal(await withoutGit(() => compareWithCommitted(root, sha, '/Dockerfile', kept)), 'clean');
    await assert.rejects(withoutGit(() => compareWithCommitted(root, sha, '/Dockerfile')), GitFailure, 'without a memory, the comparison needs git');
    assert.equal(await compareWithCommitted(root, 'HEAD', '/Dockerfile', kept), 'clean');
    await assert.rejects(withoutGit(() => compareWithCommitted(root, 'HEAD', '/Dockerfile', kept)), GitFailure);
  });
});
