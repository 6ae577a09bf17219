import * as assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compareWithCommitted } from '../../../src/git/committedFile';
import { GitFailure } from '../../../src/git/gitFailure';
import { createGitCallLog } from '../../bench/gitCallLog';
import { armConfiguredCommands, commitFile, git, ignoreMachineGitConfig, pushedRepository, removeTemporaryFolders, temporaryFolder, tripwire } from './testRepository';

/** Writes `content` at `path` below `root`, making its folders. */
function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** Commits `content` at `path`, in folders or not, and returns the new HEAD. */
function commitAt(root: string, path: string, content: string): string {
  write(root, path, content);
  git(root, 'add', '--', path);
  git(root, 'commit', '-q', '-m', `change ${path}`);
  return git(root, 'rev-parse', 'HEAD');
}

/** Awaits a rejection and hands back the GitFailure, failing on anything else. */
async function gitFailure(promise: Promise<unknown>): Promise<GitFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitFailure, `expected a GitFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a GitFailure, but the comparison succeeded');
}

describe('compareWithCommitted', () => {
  // A developer's own core.autocrlf or safecrlf would change what git hashes.
  ignoreMachineGitConfig();
  after(removeTemporaryFolders);

  // Each test takes a copy of one pushed repository: making one runs seven git processes.
  let pushed: { root: string; origin: string; sha: string };
  before(() => {
    pushed = pushedRepository();
  });

  /** A copy of the pushed repository: `Dockerfile` committed on `main` as `FROM alpine\n`, and pushed to `origin`. */
  function repository(): { root: string; origin: string; sha: string } {
    const parent = temporaryFolder();
    cpSync(dirname(pushed.root), parent, { recursive: true });
    const root = join(parent, 'work');
    const origin = join(parent, 'origin.git');
    git(root, 'remote', 'set-url', 'origin', origin);
    return { root, origin, sha: pushed.sha };
  }

  it('is clean when the file is as committed', async () => {
    const { root, sha } = repository();
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'clean');
  });

  it('is changed when the file was edited and not committed', async () => {
    const { root, sha } = repository();
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
  });

  it('is changed when the edit is only staged', async () => {
    const { root, sha } = repository();
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');
    git(root, 'add', 'Dockerfile');
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
  });

  it('is missing for a new file, untracked or only staged', async () => {
    const { root, sha } = repository();
    write(root, 'services/api/Dockerfile', 'FROM node\n');
    assert.equal(await compareWithCommitted(root, sha, '/services/api/Dockerfile'), 'missing');
    git(root, 'add', '--', 'services/api/Dockerfile');
    assert.equal(await compareWithCommitted(root, sha, '/services/api/Dockerfile'), 'missing');
  });

  it('is missing in a commit older than the one that added the file, and clean in that one', async () => {
    const { root, sha: older } = repository();
    const newer = commitAt(root, 'services/api/Dockerfile', 'FROM node\n');
    assert.equal(await compareWithCommitted(root, older, '/services/api/Dockerfile'), 'missing');
    assert.equal(await compareWithCommitted(root, newer, '/services/api/Dockerfile'), 'clean');
  });

  it('is missing in a commit that deleted the file', async () => {
    const { root, sha } = repository();
    git(root, 'rm', '-q', 'Dockerfile');
    git(root, 'commit', '-q', '-m', 'drop it');
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine\n');
    assert.equal(await compareWithCommitted(root, 'HEAD', '/Dockerfile'), 'missing');
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'clean');
  });

  it('is changed when the file was deleted from the working tree, or a folder took its place', async () => {
    const { root, sha } = repository();
    rmSync(join(root, 'Dockerfile'));
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
    mkdirSync(join(root, 'Dockerfile'));
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
  });

  it('is changed when a folder on the way was deleted or renamed', async () => {
    const { root } = repository();
    const sha = commitAt(root, 'services/api/Dockerfile', 'FROM node\n');
    renameSync(join(root, 'services'), join(root, 'apps'));
    assert.equal(await compareWithCommitted(root, sha, '/services/api/Dockerfile'), 'changed');
  });

  it('compares with the remote-tracking branch, behind the local commits', async () => {
    const { root } = repository();
    commitFile(root, 'Dockerfile', 'FROM alpine:3.20\n');
    commitAt(root, 'services/api/Dockerfile', 'FROM node\n');
    assert.equal(await compareWithCommitted(root, 'HEAD', '/Dockerfile'), 'clean');
    assert.equal(await compareWithCommitted(root, 'refs/remotes/origin/main', '/Dockerfile'), 'changed');
    assert.equal(await compareWithCommitted(root, 'HEAD', '/services/api/Dockerfile'), 'clean');
    assert.equal(await compareWithCommitted(root, 'refs/remotes/origin/main', '/services/api/Dockerfile'), 'missing');
    git(root, 'push', '-q');
    assert.equal(await compareWithCommitted(root, 'refs/remotes/origin/main', '/services/api/Dockerfile'), 'clean');
  });

  it('is clean for a CRLF copy of an LF blob under core.autocrlf=true, and changed for an edited one', async () => {
    const { root, sha } = repository();
    const committed = commitAt(root, 'Dockerfile', 'FROM alpine\nRUN echo hi\n');
    git(root, 'config', 'core.autocrlf', 'true');
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine\r\nRUN echo hi\r\n');
    assert.equal(await compareWithCommitted(root, committed, '/Dockerfile'), 'clean');
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine\r\nRUN echo bye\r\n');
    assert.equal(await compareWithCommitted(root, committed, '/Dockerfile'), 'changed');
  });

  it('is clean for a CRLF blob checked out as it is, once core.autocrlf=true is set', async () => {
    const { root } = repository();
    const committed = commitAt(root, 'Dockerfile', 'FROM alpine\r\n');
    git(root, 'config', 'core.autocrlf', 'true');
    assert.equal(await compareWithCommitted(root, committed, '/Dockerfile'), 'clean');
  });

  it('is changed when a CRLF file would be stored with LF, without core.autocrlf', async () => {
    const { root, sha } = repository();
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine\r\n');
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
  });

  it('reads paths with spaces and other than ASCII', async () => {
    const { root } = repository();
    commitAt(root, 'my services/api v2/Dockerfile', 'FROM node\n');
    const sha = commitAt(root, 'dépôt/日本/Dockerfile.prod', 'FROM rust\n');
    assert.equal(await compareWithCommitted(root, sha, '/my services/api v2/Dockerfile'), 'clean');
    assert.equal(await compareWithCommitted(root, sha, '/dépôt/日本/Dockerfile.prod'), 'clean');
    write(root, 'dépôt/日本/Dockerfile.prod', 'FROM rust:1\n');
    assert.equal(await compareWithCommitted(root, sha, '/dépôt/日本/Dockerfile.prod'), 'changed');
  });

  it('takes the path as a path, never a pattern or an option', async () => {
    const { root, sha } = repository();
    write(root, ':(icase)dockerfile', 'FROM alpine\n');
    write(root, 'Docker*', 'FROM alpine\n');
    write(root, '--output=x', 'FROM alpine\n');
    for (const path of ['/:(icase)dockerfile', '/Docker*', '/--output=x', '/DOCKERFILE']) {
      assert.equal(await compareWithCommitted(root, sha, path), 'missing', path);
    }
  });

  it('is missing for a path no tree can hold, without reading outside the repository', async () => {
    const { root, sha } = repository();
    // The first leads back to the committed Dockerfile itself, through the folder above the root.
    for (const path of [`/../${basename(root)}/Dockerfile`, '/./Dockerfile', '//Dockerfile', '/Dockerfile/', '/', '']) {
      assert.equal(await compareWithCommitted(root, sha, path), 'missing', path);
    }
  });

  it('is missing where the commit has a folder or a submodule', async () => {
    const { root } = repository();
    const library = temporaryFolder();
    git(library, 'init', '-q');
    commitFile(library, 'lib.txt', 'lib\n');
    git(root, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', library, 'lib');
    git(root, 'commit', '-q', '-m', 'add lib');
    const sha = commitAt(root, 'services/api/Dockerfile', 'FROM node\n');
    assert.equal(await compareWithCommitted(root, sha, '/services/api'), 'missing');
    assert.equal(await compareWithCommitted(root, sha, '/lib'), 'missing');
  });

  it('ignores the executable bit', async function () {
    if (process.platform === 'win32') this.skip();
    const { root, sha } = repository();
    chmodSync(join(root, 'Dockerfile'), 0o755);
    assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'clean');
  });

  it('accepts the path without its leading slash', async () => {
    const { root, sha } = repository();
    assert.equal(await compareWithCommitted(root, sha, 'Dockerfile'), 'clean');
  });

  describe('a commit git cannot read', () => {
    it('fails for a ref the repository does not have, rather than calling the file missing', async () => {
      const { root } = repository();
      const failure = await gitFailure(compareWithCommitted(root, 'refs/remotes/origin/nope', '/Dockerfile'));
      assert.equal(
        failure.message,
        `The repository "${root}" has no commit "refs/remotes/origin/nope", so it cannot tell whether that commit holds "/Dockerfile". Fetch it (git fetch), then try again.`,
      );
    });

    it('fails for a sha the repository does not have, say one pushed from elsewhere and not fetched', async () => {
      const { root, origin } = repository();
      const other = join(temporaryFolder(), 'other');
      git(root, 'clone', '-q', origin, other);
      const elsewhere = commitFile(other, 'Dockerfile', 'FROM debian\n');
      const failure = await gitFailure(compareWithCommitted(root, elsewhere, '/Dockerfile'));
      assert.match(failure.message, new RegExp(`has no commit "${elsewhere}"`));
    });

    it('fails for a commit that looks like an option', async () => {
      const { root } = repository();
      const failure = await gitFailure(compareWithCommitted(root, '--output=x', '/Dockerfile'));
      assert.match(failure.message, /has no commit "--output=x"/);
    });

    it('fails outside a repository, and for a folder that does not exist', async () => {
      const folder = temporaryFolder();
      writeFileSync(join(folder, 'Dockerfile'), 'FROM alpine\n');
      assert.match((await gitFailure(compareWithCommitted(folder, 'HEAD', '/Dockerfile'))).message, /not a git repository/);
      const gone = join(folder, 'gone');
      assert.equal((await gitFailure(compareWithCommitted(gone, 'HEAD', '/Dockerfile'))).message, `The folder "${gone}" does not exist.`);
    });
  });

  describe('links, followed as in a clone', () => {
    before(function () {
      if (process.platform === 'win32') this.skip(); // creating symlinks needs privileges there
    });

    /** `app/Dockerfile -> ../docker/Dockerfile.prod` and the folder `api -> services/api`, committed. */
    function linkedRepository(): { root: string; sha: string } {
      const { root } = repository();
      write(root, 'docker/Dockerfile.prod', 'FROM alpine\n');
      write(root, 'services/api/Dockerfile', 'FROM node\n');
      mkdirSync(join(root, 'app'));
      symlinkSync('../docker/Dockerfile.prod', join(root, 'app/Dockerfile'));
      symlinkSync('services/api', join(root, 'api'));
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'links');
      return { root, sha: git(root, 'rev-parse', 'HEAD') };
    }

    it('is clean when the links and the files they lead to are as committed', async () => {
      const { root, sha } = linkedRepository();
      assert.equal(await compareWithCommitted(root, sha, '/app/Dockerfile'), 'clean');
      assert.equal(await compareWithCommitted(root, sha, '/api/Dockerfile'), 'clean');
    });

    it('is changed when the file a link leads to was edited', async () => {
      const { root, sha } = linkedRepository();
      write(root, 'docker/Dockerfile.prod', 'FROM alpine:3.20\n');
      write(root, 'services/api/Dockerfile', 'FROM node:22\n');
      assert.equal(await compareWithCommitted(root, sha, '/app/Dockerfile'), 'changed');
      assert.equal(await compareWithCommitted(root, sha, '/api/Dockerfile'), 'changed');
    });

    it('is changed when a link now leads to another committed file', async () => {
      const { root, sha } = linkedRepository();
      rmSync(join(root, 'app/Dockerfile'));
      symlinkSync('../services/api/Dockerfile', join(root, 'app/Dockerfile'));
      assert.equal(await compareWithCommitted(root, sha, '/app/Dockerfile'), 'changed');
    });

    it('is changed when a plain file replaced the committed link', async () => {
      const { root, sha } = linkedRepository();
      rmSync(join(root, 'app/Dockerfile'));
      write(root, 'app/Dockerfile', 'FROM alpine\n');
      assert.equal(await compareWithCommitted(root, sha, '/app/Dockerfile'), 'changed');
    });

    it('is missing when the link is new, though the file it leads to is committed', async () => {
      const { root, sha } = linkedRepository();
      symlinkSync('docker/Dockerfile.prod', join(root, 'Dockerfile.link'));
      assert.equal(await compareWithCommitted(root, sha, '/Dockerfile.link'), 'missing');
    });

    it('reads a SHA-256 repository, where git hashes a link with SHA-256', async () => {
      const root = temporaryFolder();
      git(root, 'init', '-q', '--object-format=sha256');
      write(root, 'docker/Dockerfile', 'FROM alpine\n');
      symlinkSync('docker/Dockerfile', join(root, 'Dockerfile'));
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', 'first');
      assert.equal(await compareWithCommitted(root, 'HEAD', '/Dockerfile'), 'clean');
      write(root, 'docker/Dockerfile', 'FROM alpine:3.20\n');
      assert.equal(await compareWithCommitted(root, 'HEAD', '/Dockerfile'), 'changed');
    });

    it('is missing when a link leads where a clone could not follow it', async () => {
      const { root, sha } = linkedRepository();
      symlinkSync(join(root, 'docker/Dockerfile.prod'), join(root, 'absolute'));
      git(root, 'add', 'absolute');
      git(root, 'commit', '-q', '-m', 'absolute link');
      assert.equal(await compareWithCommitted(root, 'HEAD', '/absolute'), 'missing');
      assert.equal(await compareWithCommitted(root, sha, '/docker/Dockerfile.prod'), 'clean');
    });
  });

  describe('what it runs', () => {
    it('runs no clean filter, and sees the file changed without it', async () => {
      const { root } = repository();
      const sha = commitFile(root, '.gitattributes', '* filter=evil\n');
      const filter = tripwire();
      git(root, 'config', 'filter.evil.clean', filter.command);
      writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');
      assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
      assert.equal(filter.tripped(), false, 'compareWithCommitted ran the clean filter');
      try {
        git(root, 'hash-object', '--', 'Dockerfile');
      } catch {
        // the tripwire failing may make git fail; whether it ran is what matters
      }
      assert.equal(filter.tripped(), true, 'plain git hash-object should have run the filter, so the check above proved nothing');
    });

    it('runs no other command the config names, nor a hook', async () => {
      const { root, sha } = repository();
      const ran = armConfiguredCommands(root);
      writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');
      assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
      assert.deepEqual(ran(), []);
    });

    it('runs one git process when the file is as committed, and hashes it with git only when its bytes differ', async () => {
      const { root, sha } = repository();
      const log = createGitCallLog();
      const commands = () => log.lines().map((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? line);
      const saved = process.env.GIT_TRACE;
      process.env.GIT_TRACE = log.env.GIT_TRACE;
      try {
        assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'clean');
        assert.deepEqual(commands(), ['ls-tree']);
        writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');
        assert.equal(await compareWithCommitted(root, sha, '/Dockerfile'), 'changed');
        assert.deepEqual(commands().sort(), ['config', 'hash-object', 'ls-tree', 'ls-tree']);
      } finally {
        if (saved === undefined) delete process.env.GIT_TRACE;
        else process.env.GIT_TRACE = saved;
        log.remove();
      }
    });
  });
});
