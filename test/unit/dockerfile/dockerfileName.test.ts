import * as assert from 'node:assert/strict';
import { DOCKERFILE_GLOB, isDockerfileName } from '../../../src/dockerfile/dockerfileName';

describe('isDockerfileName', () => {
  for (const name of ['Dockerfile', 'Dockerfile.dev', 'Dockerfile.prod.arm64', 'api.Dockerfile', 'api.dockerfile', 'Containerfile']) {
    it(`accepts ${name}`, () => assert.equal(isDockerfileName(name), true));
  }
  for (const name of ['dockerfile', 'Dockerfile.', 'Dockerfiles', 'MyDockerfile', '.dockerfile', 'Dockerfile.yml.bak/x', 'docker-compose.yml', 'Containerfile.dev', '']) {
    it(`rejects ${JSON.stringify(name)}`, () => assert.equal(isDockerfileName(name), false));
  }
  it('looks only at the last part of a POSIX or Windows path', () => {
    assert.equal(isDockerfileName('/repo/services/api/Dockerfile'), true);
    assert.equal(isDockerfileName('C:\\repo\\api\\web.Dockerfile'), true);
    assert.equal(isDockerfileName('/repo/Dockerfile.d/readme.md'), false);
  });
  it('offers a glob covering the same five forms', () => {
    assert.equal(DOCKERFILE_GLOB, '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}');
  });
});
