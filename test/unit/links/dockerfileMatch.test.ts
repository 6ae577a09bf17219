import * as assert from 'node:assert/strict';
import { matchDockerfile, normalizeDockerfilePath, type DockerfileCandidate } from '../../../src/links/dockerfileMatch';

const api = { projectId: 'shop', serviceId: 'api' };
const web = { projectId: 'shop', serviceId: 'web' };
const previews = { projectId: 'shop', serviceId: 'web-previews' };
const docs = { projectId: 'shop', serviceId: 'docs' };
const migrate = { projectId: 'shop', jobId: 'migrate' };

const SHOP: DockerfileCandidate[] = [
  { ref: api, buildMethod: 'dockerfile', dockerFilePath: '/services/api/Dockerfile' },
  { ref: web, buildMethod: 'dockerfile', dockerFilePath: '/services/web/Dockerfile.prod' },
  { ref: previews, buildMethod: 'dockerfile', dockerFilePath: '/services/web/Dockerfile.prod' },
  // A buildpack service still reports the API's default Dockerfile in the deprecated fields.
  { ref: docs, buildMethod: 'buildpack', dockerFilePath: '/Dockerfile' },
  { ref: migrate, buildMethod: 'dockerfile', dockerFilePath: '/jobs/migrate/Dockerfile' },
];

describe('the Dockerfile → service rule', () => {
  it('builds the one service whose Dockerfile it is, without asking', () => {
    assert.deepEqual(matchDockerfile('/services/api/Dockerfile', SHOP), { kind: 'one', ref: api });
  });

  it('builds the one job whose Dockerfile it is', () => {
    assert.deepEqual(matchDockerfile('/jobs/migrate/Dockerfile', SHOP), { kind: 'one', ref: migrate });
  });

  it('asks between the services that share a Dockerfile, offering only those', () => {
    assert.deepEqual(matchDockerfile('/services/web/Dockerfile.prod', SHOP), { kind: 'ask', matching: [web, previews], offered: [web, previews] });
  });

  it('asks when no service builds the file, offering every Dockerfile build and no buildpack one', () => {
    assert.deepEqual(matchDockerfile('/tools/Dockerfile', SHOP), { kind: 'ask', matching: [], offered: [api, web, previews, migrate] });
  });

  it('never matches a buildpack service, whatever its deprecated Dockerfile fields say', () => {
    const match = matchDockerfile('/Dockerfile', SHOP);
    assert.equal(match.kind, 'ask');
    assert.ok(match.kind === 'ask' && !match.offered.includes(docs));
  });

  it('asks nothing of a folder with one Dockerfile build, whichever Dockerfile is built', () => {
    const one = [SHOP[0], SHOP[3]];
    assert.deepEqual(matchDockerfile('/tools/Dockerfile', one), { kind: 'one', ref: api });
  });

  it('keeps a remembered answer while it is still linked', () => {
    assert.deepEqual(matchDockerfile('/services/web/Dockerfile.prod', SHOP, previews), { kind: 'one', ref: previews });
    assert.deepEqual(matchDockerfile('/tools/Dockerfile', SHOP, { projectId: 'shop', jobId: 'migrate' }), { kind: 'one', ref: { projectId: 'shop', jobId: 'migrate' } });
  });

  it('forgets a remembered answer that is no longer linked, or builds with buildpacks', () => {
    assert.equal(matchDockerfile('/services/web/Dockerfile.prod', SHOP, { projectId: 'shop', serviceId: 'gone' }).kind, 'ask');
    assert.equal(matchDockerfile('/Dockerfile', SHOP, docs).kind, 'ask');
  });

  it("prefers the team setting's Dockerfile, which the caller passes as the candidate's path", () => {
    const shared = SHOP.map((c) => (c.ref === web ? { ...c, dockerFilePath: '/services/web/Dockerfile.dev' } : c));
    assert.deepEqual(matchDockerfile('/services/web/Dockerfile.dev', shared), { kind: 'one', ref: web });
    assert.deepEqual(matchDockerfile('/services/web/Dockerfile.prod', shared), { kind: 'one', ref: previews });
  });

  it('compares paths in one form: leading slash, doubled and "." folders', () => {
    assert.equal(normalizeDockerfilePath('services/api/Dockerfile'), '/services/api/Dockerfile');
    assert.equal(normalizeDockerfilePath('/services//api/./Dockerfile'), '/services/api/Dockerfile');
    assert.deepEqual(matchDockerfile('services/api/Dockerfile', SHOP), { kind: 'one', ref: api });
  });
});
