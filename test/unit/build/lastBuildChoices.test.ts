import * as assert from 'node:assert/strict';
import { differsFromDefaults } from '../../../src/build/lastBuildChoices';

describe('differsFromDefaults: whether "Like last time" is a choice of its own', () => {
  const service = { path: '/services/api/Dockerfile', workDir: '/services/api', target: 'runtime' };

  it('is not, for a build made by Enter alone: the Dockerfile in its default context', () => {
    assert.equal(differsFromDefaults({ dockerFilePath: '/Dockerfile', dockerWorkDir: '/' }, {}), false);
    assert.equal(differsFromDefaults({ dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api' }, service), false);
    assert.equal(differsFromDefaults({}, service), false, 'a buildpack build sends no Dockerfile settings');
  });

  it('is, with build arguments, a target, or the second context offered', () => {
    assert.equal(differsFromDefaults({ dockerFilePath: '/Dockerfile', dockerWorkDir: '/', buildArguments: { NODE_ENV: 'production' } }, {}), true);
    assert.equal(differsFromDefaults({ dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api', dockerfileTarget: 'runtime' }, service), true);
    // The service's own Dockerfile offers its configured context first; its own folder second.
    assert.equal(differsFromDefaults({ dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/' }, { ...service, workDir: '/' }), false);
    assert.equal(differsFromDefaults({ dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api' }, { ...service, workDir: '/' }), true);
  });

  it('is not for empty build arguments', () => {
    assert.equal(differsFromDefaults({ dockerFilePath: '/Dockerfile', dockerWorkDir: '/', buildArguments: {} }, {}), false);
  });
});
