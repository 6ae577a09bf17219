import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, win32 } from 'node:path';
import { canonicalFilePath, canonicalFolder, locateChosenDockerfile, locateDockerfile } from '../../../src/dockerfile/dockerfileLocation';

describe('locateDockerfile', () => {
  it('gives a Dockerfile at the root as "/Dockerfile" with work dir "/"', () => {
    assert.deepEqual(locateDockerfile('/home/me/repo', '/home/me/repo/Dockerfile', posix), { ok: true, dockerFilePath: '/Dockerfile', dockerWorkDir: '/' });
  });

  it("gives a nested Dockerfile's path from the root and its folder as the work dir", () => {
    assert.deepEqual(locateDockerfile('/home/me/repo/', '/home/me/repo/services/api/Dockerfile.prod', posix), {
      ok: true,
      dockerFilePath: '/services/api/Dockerfile.prod',
      dockerWorkDir: '/services/api',
    });
  });

  it('uses forward slashes for Windows paths, whatever the case of the drive letter', () => {
    assert.deepEqual(locateDockerfile('C:/src/repo', 'c:\\src\\repo\\services\\api\\Dockerfile', win32), {
      ok: true,
      dockerFilePath: '/services/api/Dockerfile',
      dockerWorkDir: '/services/api',
    });
  });

  it('refuses a file outside the repository with a clear error value', () => {
    const result = locateDockerfile('/home/me/repo', '/home/me/other/Dockerfile', posix);
    assert.deepEqual(result, {
      ok: false,
      reason: 'outsideRepository',
      message: 'The file "/home/me/other/Dockerfile" is not inside the repository "/home/me/repo"; Northflank builds from the repository, so pick a Dockerfile inside it.',
    });
  });

  it('refuses a file on another Windows drive and the repository folder itself', () => {
    assert.equal(locateDockerfile('C:\\repo', 'D:\\repo\\Dockerfile', win32).ok, false);
    const itself = locateDockerfile('/repo', '/repo', posix);
    assert.equal(itself.ok === false && itself.reason, 'outsideRepository');
  });

  it('does not mistake a sibling folder sharing the prefix for the repository', () => {
    const result = locateDockerfile('/home/me/repo', '/home/me/repo-old/Dockerfile', posix);
    assert.equal(result.ok === false && result.reason, 'outsideRepository');
  });

  it('refuses a path with a space, naming the character, its position and what to do', () => {
    assert.deepEqual(locateDockerfile('/r', '/r/my app/Dockerfile', posix), {
      ok: false,
      reason: 'rejectedPath',
      message:
        'The Dockerfile path "/my app/Dockerfile" has a space at position 4; Northflank accepts only letters A–Z, digits, \'-\', \'.\' and \'_\' in paths. Rename the folder or file.',
    });
  });

  it('refuses a non-ASCII letter in a folder name', () => {
    const result = locateDockerfile('/r', '/r/dienste/größe/Dockerfile', posix);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /"ö" \(U\+00F6\) at position 12/);
  });
});

describe('locateChosenDockerfile, on real symlinks', () => {
  // <top>/repo is the repository; <top>/outside is not; <top>/repo-link leads to the repository.
  let top: string;
  let repo: string;
  const file = (path: string) => {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), 'FROM alpine\n');
  };
  const link = (path: string, target: string) => {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    symlinkSync(target, join(top, path));
  };

  before(function () {
    if (process.platform === 'win32') this.skip(); // creating symlinks needs privileges there
    top = realpathSync(mkdtempSync(join(tmpdir(), 'nf-dockerfile-')));
    repo = join(top, 'repo');
    file('repo/docker/Dockerfile.prod');
    file('repo/services/api/Dockerfile');
    file('outside/Dockerfile');
    link('repo/app/Dockerfile', '../docker/Dockerfile.prod');
    link('repo/api', 'services/api');
    link('repo/absolute/Dockerfile', join(top, 'repo/docker/Dockerfile.prod'));
    link('repo/escape/Dockerfile', '../../outside/Dockerfile');
    link('repo/roundabout/Dockerfile', '../../repo/docker/Dockerfile.prod');
    link('repo-link', 'repo');
  });
  after(() => top && rmSync(top, { recursive: true, force: true }));

  it('sends a symlinked Dockerfile under its own name, with its own folder as the build context', async () => {
    assert.deepEqual(await locateChosenDockerfile(repo, join(repo, 'app/Dockerfile')), { ok: true, dockerFilePath: '/app/Dockerfile', dockerWorkDir: '/app' });
  });

  it('gives the link and its target their own paths, so a list of Dockerfiles shows each once', async () => {
    const paths = await Promise.all(['app/Dockerfile', 'docker/Dockerfile.prod'].map((path) => locateChosenDockerfile(repo, join(repo, path))));
    assert.deepEqual(
      paths.map((location) => location.ok && location.dockerFilePath),
      ['/app/Dockerfile', '/docker/Dockerfile.prod'],
    );
  });

  it('keeps the name of a symlinked folder inside the repository', async () => {
    assert.deepEqual(await locateChosenDockerfile(repo, join(repo, 'api/Dockerfile')), { ok: true, dockerFilePath: '/api/Dockerfile', dockerWorkDir: '/api' });
  });

  it('compares the repository root resolved, as git reports it, when the files are reached through a link', async () => {
    const throughLink = join(top, 'repo-link');
    assert.deepEqual(await locateChosenDockerfile(repo, join(throughLink, 'app/Dockerfile')), { ok: true, dockerFilePath: '/app/Dockerfile', dockerWorkDir: '/app' });
    assert.deepEqual(await locateChosenDockerfile(repo, join(throughLink, 'services/api/Dockerfile')), {
      ok: true,
      dockerFilePath: '/services/api/Dockerfile',
      dockerWorkDir: '/services/api',
    });
  });

  it("refuses a link to a file outside the repository, which Northflank's clone could not follow", async () => {
    const chosen = join(repo, 'escape/Dockerfile');
    assert.deepEqual(await locateChosenDockerfile(repo, chosen), {
      ok: false,
      reason: 'outsideRepository',
      message: `The file "${chosen}" is a link to "${join(top, 'outside/Dockerfile')}", outside the repository "${repo}"; Northflank clones the repository, where the link leads nowhere, so pick a Dockerfile inside it.`,
    });
  });

  it("sends the target of a link that would lead nowhere in Northflank's clone: absolute, or out of the repository and back", async () => {
    for (const path of ['absolute/Dockerfile', 'roundabout/Dockerfile']) {
      assert.deepEqual(await locateChosenDockerfile(repo, join(repo, path)), { ok: true, dockerFilePath: '/docker/Dockerfile.prod', dockerWorkDir: '/docker' }, path);
    }
  });

  it('places a file that does not exist (yet) by its path, and still refuses one outside the repository', async () => {
    assert.deepEqual(await locateChosenDockerfile(repo, join(repo, 'new/Dockerfile')), { ok: true, dockerFilePath: '/new/Dockerfile', dockerWorkDir: '/new' });
    const outside = await locateChosenDockerfile(repo, join(top, 'elsewhere/Dockerfile'));
    assert.equal(outside.ok === false && outside.reason, 'outsideRepository');
  });
});

describe('canonicalFolder', () => {
  it('writes every folder one way: a leading slash, no trailing one, "/" for the root', () => {
    const cases: Array<[string, string]> = [
      ['/services/api', '/services/api'],
      ['/services/api/', '/services/api'],
      ['services/api', '/services/api'],
      ['/services//api//', '/services/api'],
      ['/', '/'],
      ['', '/'],
      ['//', '/'],
    ];
    for (const [written, canonical] of cases) assert.equal(canonicalFolder(written), canonical, written);
  });

  it('keeps the leading slash of a file path, adding it when missing', () => {
    assert.equal(canonicalFilePath('services/api/Dockerfile'), '/services/api/Dockerfile');
    assert.equal(canonicalFilePath('/Dockerfile'), '/Dockerfile');
  });
});
