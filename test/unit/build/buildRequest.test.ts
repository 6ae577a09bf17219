import * as assert from 'node:assert/strict';
import { validateBuildRequest, type BuildRequest, type FieldError } from '../../../src/build/buildRequest';
import type { BuildRequestContext } from '../../../src/build/buildRequestSchema';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const combined: BuildRequestContext = { kind: 'combined' };
const build: BuildRequestContext = { kind: 'build' };

function errorsOf(input: BuildRequest, context = combined): FieldError[] {
  const result = validateBuildRequest(input, context);
  assert.equal(result.ok, false, 'expected the request to be refused');
  return result.ok ? [] : result.errors;
}

function bodyOf(input: BuildRequest, context = combined): unknown {
  const result = validateBuildRequest(input, context);
  assert.ok(result.ok, JSON.stringify(result));
  return result.body;
}

describe('validateBuildRequest', () => {
  describe('sha', () => {
    it('accepts 40 hexadecimal characters in either case', () => {
      assert.deepEqual(bodyOf({ sha: SHA }), { sha: SHA });
      assert.deepEqual(bodyOf({ sha: SHA.toUpperCase() }), { sha: SHA.toUpperCase() });
    });
    it('refuses a short sha, saying how long it was', () => {
      assert.deepEqual(errorsOf({ sha: 'abc1234' }), [{ field: 'sha', message: 'sha must be 40 hexadecimal characters (got 7).' }]);
    });
    it('refuses a non-hexadecimal character, naming it and its position', () => {
      assert.deepEqual(errorsOf({ sha: `g${SHA.slice(1)}` }), [{ field: 'sha', message: 'sha must be 40 hexadecimal characters (got "g" at position 1).' }]);
    });
    it('refuses a sha that is not text', () => {
      assert.deepEqual(errorsOf({ sha: 42 as unknown as string }), [{ field: 'sha', message: 'sha must be text (got number).' }]);
    });
    it('treats an empty sha as not given', () => assert.deepEqual(bodyOf({ sha: '' }), {}));
  });

  describe('combined services', () => {
    it('send an empty body to build the latest commit of the linked branch', () => assert.deepEqual(bodyOf({}), {}));
    it('refuse a branch', () => {
      assert.deepEqual(errorsOf({ branch: 'main' }), [
        { field: 'branch', message: 'branch is only for build services; a combined service builds its linked branch (or the sha you give).' },
      ]);
    });
    it('refuse a pull request', () => {
      assert.deepEqual(errorsOf({ pullRequestId: 12 }), [{ field: 'pullRequestId', message: 'pullRequestId is only for build services; a combined service builds its linked branch.' }]);
    });
  });

  describe('build services', () => {
    it('build a branch', () => assert.deepEqual(bodyOf({ branch: 'feature/login', sha: SHA }, build), { sha: SHA, branch: 'feature/login' }));
    it('build a pull request, sending its number as a number', () => {
      assert.deepEqual(bodyOf({ pullRequestId: 12 }, build), { pullRequestId: 12 });
      assert.deepEqual(bodyOf({ pullRequestId: '15' }, build), { pullRequestId: 15 });
    });
    it('need a branch or a pull request', () => {
      assert.deepEqual(errorsOf({ sha: SHA }, build), [{ field: 'branch', message: 'A build service needs a branch or a pullRequestId to build.' }]);
      assert.deepEqual(errorsOf({ branch: '', pullRequestId: '' }, build).map((error) => error.field), ['branch']);
    });
    it('refuse both a branch and a pull request', () => {
      assert.deepEqual(errorsOf({ branch: 'main', pullRequestId: 12 }, build), [
        { field: 'pullRequestId', message: 'A build service builds a branch or a pull request, not both: give branch or pullRequestId, not both.' },
      ]);
    });
    for (const bad of [0, -1, 1.5, 'abc', '12a', Number.MAX_SAFE_INTEGER + 2]) {
      it(`refuse pull request ${JSON.stringify(bad)}`, () => {
        const errors = errorsOf({ pullRequestId: bad }, build);
        assert.equal(errors[0].field, 'pullRequestId');
        assert.match(errors[0].message, /^pullRequestId must be a pull request number such as 12/);
      });
    }
  });

  describe('service types that cannot build', () => {
    it('refuses a deployment service', () => {
      assert.deepEqual(errorsOf({}, { kind: 'deployment' }), [
        { field: 'kind', message: 'A deployment service runs an image and has no builds; pick a combined or build service, or a job.' },
      ]);
    });
    it('refuses an unknown kind, naming it', () => {
      assert.match(errorsOf({}, { kind: 'addon' })[0].message, /\(this one is "addon"\)/);
    });
  });

  describe('jobs', () => {
    const job = { kind: 'job' };
    it('build the latest commit from an empty body, or the sha given, with the same overrides as services', () => {
      assert.deepEqual(bodyOf({}, job), {});
      assert.deepEqual(bodyOf({ sha: SHA, dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/', buildArguments: { A: '1' } }, job), {
        sha: SHA,
        overrides: { buildArguments: { A: '1' }, docker: { dockerFilePath: '/jobs/migrate/Dockerfile', dockerWorkDir: '/' } },
      });
    });
    it('refuse a branch, a pull request and a bundle, which only services take', () => {
      assert.deepEqual(errorsOf({ branch: 'main' }, job).map((e) => e.field), ['branch']);
      assert.deepEqual(errorsOf({ pullRequestId: 12 }, job).map((e) => e.field), ['pullRequestId']);
      assert.deepEqual(errorsOf({ bundleUrl: 'https://example.com/a.tar' }, job).map((e) => e.field), ['bundleUrl']);
    });
  });

  describe('buildpack builds', () => {
    const buildpack = { kind: 'combined', buildMethod: 'buildpack' as const };
    it('take build arguments and no docker overrides', () => {
      assert.deepEqual(bodyOf({ sha: SHA, buildArguments: { NODE_ENV: 'production' } }, buildpack), { sha: SHA, overrides: { buildArguments: { NODE_ENV: 'production' } } });
    });
    for (const field of ['dockerFilePath', 'dockerWorkDir', 'dockerfileTarget'] as const) {
      it(`refuse ${field}, saying the service builds with buildpacks`, () => {
        const value = field === 'dockerfileTarget' ? 'runtime' : '/Dockerfile';
        const [error] = errorsOf({ [field]: value }, buildpack);
        assert.equal(error.field, field);
        assert.match(error.message, /builds with buildpacks/);
      });
    }
    it('say "job" for a buildpack job', () => {
      assert.match(errorsOf({ dockerWorkDir: '/' }, { kind: 'job', buildMethod: 'buildpack' })[0].message, /this job builds with buildpacks/);
    });
  });

  describe('docker overrides', () => {
    it('nest the Dockerfile path, work dir and target under overrides.docker', () => {
      assert.deepEqual(bodyOf({ dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api/', dockerfileTarget: 'runtime' }), {
        overrides: { docker: { dockerFilePath: '/services/api/Dockerfile', dockerWorkDir: '/services/api/', dockerfileTarget: 'runtime' } },
      });
    });
    it('leave out overrides entirely when none is given, and blank ones count as none', () => {
      assert.deepEqual(bodyOf({ dockerFilePath: '', dockerWorkDir: undefined, dockerfileTarget: '', buildArguments: {} }), {});
    });
    it('refuse a path the API pattern rejects, naming the character', () => {
      assert.deepEqual(errorsOf({ dockerFilePath: '/my app/Dockerfile' }), [
        { field: 'dockerFilePath', message: `dockerFilePath "/my app/Dockerfile" has a space at position 4; Northflank accepts only letters A–Z, digits, '-', '.' and '_' in paths.` },
      ]);
    });
    it('refuse a work dir with ".." and a target with a dot', () => {
      const errors = errorsOf({ dockerWorkDir: '/../', dockerfileTarget: 'tools.v2' });
      assert.deepEqual(errors.map((error) => error.field).sort(), ['dockerWorkDir', 'dockerfileTarget']);
    });
    it('keep "${…}" in a refused value as written in the message', () => {
      assert.match(errorsOf({ dockerfileTarget: '${TARGET}' })[0].message, /"\$\{TARGET\}" has the character "\$" at position 1/);
    });
  });

  describe('build arguments', () => {
    it('are sent as given under overrides.buildArguments', () => {
      assert.deepEqual(bodyOf({ buildArguments: { NODE_ENV: 'production', EMPTY: '' } }), { overrides: { buildArguments: { NODE_ENV: 'production', EMPTY: '' } } });
    });
    it('must map names to text', () => {
      const errors = errorsOf({ buildArguments: { PORT: 3000, '': 'x' } as unknown as Record<string, string> });
      assert.deepEqual(errors, [{ field: 'buildArguments', message: 'buildArguments: PORT must be text (got number); a build argument has an empty name.' }]);
    });
    it('must be an object', () => {
      assert.equal(errorsOf({ buildArguments: ['A=1'] as unknown as Record<string, string> })[0].message, 'buildArguments must map names to text values.');
    });
  });

  describe('bundle builds', () => {
    it('send bundleUrl with an optional branch, sha and overrides, for either service type', () => {
      assert.deepEqual(bodyOf({ bundleUrl: 'https://example.com/archive.tar', branch: 'main', sha: SHA, dockerfileTarget: 'app' }), {
        bundleUrl: 'https://example.com/archive.tar',
        branch: 'main',
        sha: SHA,
        overrides: { docker: { dockerfileTarget: 'app' } },
      });
      assert.deepEqual(bodyOf({ bundleUrl: 'http://127.0.0.1:8080/a.tar' }, build), { bundleUrl: 'http://127.0.0.1:8080/a.tar' });
    });
    for (const url of ['ftp://example.com/a.tar', 'example.com/a.tar', 'https://', 'file:///tmp/a.tar']) {
      it(`refuse bundleUrl ${url}`, () => {
        assert.deepEqual(errorsOf({ bundleUrl: url }), [
          { field: 'bundleUrl', message: `bundleUrl must be an http:// or https:// address of a tar archive (got ${JSON.stringify(url)}).` },
        ]);
      });
    }
    it('refuse a pull request', () => {
      assert.deepEqual(errorsOf({ bundleUrl: 'https://example.com/a.tar', pullRequestId: 3 }, build).map((error) => error.field), ['pullRequestId']);
    });
  });

  it('reports every broken rule at once, each under its field', () => {
    const errors = errorsOf({ sha: 'abc', dockerFilePath: 'Dockerfile', branch: 'main', pullRequestId: 1 }, build);
    assert.deepEqual(errors.map((error) => error.field).sort(), ['dockerFilePath', 'pullRequestId', 'sha']);
  });

  it('never throws, even for input that is not an object', () => {
    assert.deepEqual(validateBuildRequest(null as unknown as BuildRequest, combined), {
      ok: false,
      errors: [{ field: 'request', message: 'The build request must be an object of fields.' }],
    });
  });

  it('leaves no undefined keys in the body', () => {
    const body = bodyOf({ sha: SHA, branch: undefined, dockerFilePath: '/Dockerfile', dockerWorkDir: undefined }) as object;
    assert.deepEqual(Object.keys(body), ['sha', 'overrides']);
    assert.equal(JSON.stringify(body), `{"sha":"${SHA}","overrides":{"docker":{"dockerFilePath":"/Dockerfile"}}}`);
  });
});
