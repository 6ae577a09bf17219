import * as assert from 'node:assert/strict';
import { buildPhase, buildSourceLabel } from '../../src/northflank/buildStatus';
import { relativeTime } from '../../src/northflank/relativeTime';
import { serviceBuildsUrl } from '../../src/northflank/appLinks';

describe('build status', () => {
  it('treats an unconcluded build as queued or running, whatever the status says', () => {
    assert.equal(buildPhase({ status: 'PENDING', concluded: false }), 'queued');
    assert.equal(buildPhase({ status: 'UNSCHEDULABLE' }), 'queued');
    assert.equal(buildPhase({ status: 'BUILDING', concluded: false }), 'running');
    assert.equal(buildPhase({ status: 'SUCCESS', concluded: false }), 'running');
  });

  it('treats a status it has never heard of as running until concluded', () => {
    assert.equal(buildPhase({ status: 'WARMING_UP_THE_FLUX_CAPACITOR', concluded: false }), 'running');
    assert.equal(buildPhase({ status: 'WARMING_UP_THE_FLUX_CAPACITOR', concluded: true, success: true }), 'succeeded');
  });

  it('takes the outcome of a concluded build from success, then status', () => {
    assert.equal(buildPhase({ status: 'SUCCESS', concluded: true, success: true }), 'succeeded');
    assert.equal(buildPhase({ status: 'FAILURE', concluded: true, success: false }), 'failed');
    assert.equal(buildPhase({ status: 'CRASHED', concluded: true }), 'failed');
    assert.equal(buildPhase({ status: 'ABORTED', concluded: true, success: false }), 'aborted');
  });

  it('labels a build by pull request or branch and short sha', () => {
    const sha = 'a'.repeat(40);
    assert.equal(buildSourceLabel({ id: 'b1', branch: 'main', sha }), 'main@aaaaaaa');
    assert.equal(buildSourceLabel({ id: 'b1', branch: 'feature', pullRequestId: 12, sha }), 'PR #12@aaaaaaa');
    assert.equal(buildSourceLabel({ id: 'b1', pullRequestId: null }), 'b1');
  });

  it('says how long ago a build was created', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(relativeTime('2026-01-01T11:59:58Z', now), 'just now');
    assert.equal(relativeTime('2026-01-01T11:55:00Z', now), '5 minutes ago');
    assert.equal(relativeTime('2026-01-01T11:00:00Z', now), '1 hour ago');
    assert.equal(relativeTime('not a date', now), '');
  });

  it('links to the service builds page, with the team when known', () => {
    const ref = { projectId: 'default-project', serviceId: 'web-combined' };
    assert.equal(serviceBuildsUrl(ref, 'acme'), 'https://app.northflank.com/t/acme/project/default-project/services/web-combined/builds');
    assert.equal(serviceBuildsUrl(ref), 'https://app.northflank.com/s/project/default-project/services/web-combined/builds');
  });
});
