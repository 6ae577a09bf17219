import * as assert from 'node:assert/strict';
import { DOCKERFILE_GLOB } from '../../../src/dockerfile/dockerfileName';

describe('DOCKERFILE_GLOB', () => {
  it('offers a glob covering the same five forms', () => {
    assert.equal(DOCKERFILE_GLOB, '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}');
  });
});
