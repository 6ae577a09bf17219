import * as assert from 'node:assert/strict';
import { contextChoices } from '../../../src/dockerfile/buildContext';

// The service of the report: Dockerfile /services/api/Dockerfile, context /services/api, target runtime.
const API = { path: '/services/api/Dockerfile', workDir: '/services/api', target: 'runtime' };

describe('contextChoices', () => {
  it("defaults another Dockerfile to its own folder, not the service's context", () => {
    assert.deepEqual(contextChoices('/docker/web.Dockerfile', API), [
      { folder: '/docker', from: 'dockerfile' },
      { folder: '/services/api', from: 'service' },
    ]);
  });

  it('defaults a Dockerfile at the root to the root', () => {
    assert.deepEqual(contextChoices('/Dockerfile', API)[0], { folder: '/', from: 'dockerfile' });
  });

  it("asks nothing for the service's own Dockerfile in its configured context, however the folder is written", () => {
    for (const workDir of ['/services/api', '/services/api/', 'services/api', '/services//api/']) {
      assert.deepEqual(contextChoices('/services/api/Dockerfile', { ...API, workDir }), [{ folder: '/services/api', from: 'service' }], workDir);
    }
  });

  it("keeps the service's context first for its own Dockerfile when that context is elsewhere", () => {
    assert.deepEqual(contextChoices('/services/api/Dockerfile', { ...API, workDir: '/' }), [
      { folder: '/', from: 'service' },
      { folder: '/services/api', from: 'dockerfile' },
    ]);
  });

  it('recognises the service Dockerfile written without its leading slash', () => {
    assert.equal(contextChoices('/services/api/Dockerfile', { path: 'services/api/Dockerfile', workDir: '/' })[0].from, 'service');
  });

  it('takes the root as the context of a service with none configured', () => {
    assert.deepEqual(contextChoices('/web/Dockerfile', {}), [
      { folder: '/web', from: 'dockerfile' },
      { folder: '/', from: 'service' },
    ]);
    assert.deepEqual(contextChoices('/Dockerfile', {}), [{ folder: '/', from: 'dockerfile' }]);
  });
});
