import * as assert from 'node:assert/strict';
import { posix, win32 } from 'node:path';
import { locateDockerfile } from '../../../src/dockerfile/DockerfileLocation';

describe('locateDockerfile', () => {
  it('gives a Dockerfile at the root as "/Dockerfile" with work dir "/"', () => {
    assert.deepEqual(locateDockerfile('/home/me/repo', '/home/me/repo/Dockerfile', posix), { ok: true, dockerFilePath: '/Dockerfile', dockerWorkDir: '/' });
  });

  it("gives a nested Dockerfile's path from the root and its folder as the work dir", () => {
    assert.deepEqual(locateDockerfile('/home/me/repo/', '/home/me/repo/services/api/Dockerfile.prod', posix), {
      ok: true,
      dockerFilePath: '/services/api/Dockerfile.prod',
      dockerWorkDir: '/services/api/',
    });
  });

  it('uses forward slashes for Windows paths, whatever the case of the drive letter', () => {
    assert.deepEqual(locateDockerfile('C:/src/repo', 'c:\\src\\repo\\services\\api\\Dockerfile', win32), {
      ok: true,
      dockerFilePath: '/services/api/Dockerfile',
      dockerWorkDir: '/services/api/',
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
