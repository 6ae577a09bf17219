import * as assert from 'node:assert/strict';
import { buildDuration, buildPhase, buildSourceLabel, isConcluded, isConcludedStatus, statusInWords } from '../../src/northflank/buildStatus';
import { relativeTime } from '../../src/northflank/relativeTime';
import { buildsPageUrl } from '../../src/northflank/appLinks';

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

  it('takes a terminal status as concluded when the answer leaves concluded out, but not when it says false', () => {
    // js-client types every build field but id as optional: a real answer may carry a status and no flag.
    for (const status of ['SUCCESS', 'FAILURE', 'ABORTED', 'CRASHED', 'SUBMISSION_FAILURE']) {
      assert.equal(isConcluded({ status }), true, status);
      assert.equal(isConcluded({ status, concluded: false }), false, `${status} with concluded: false`);
    }
    for (const status of ['QUEUED', 'PENDING', 'BUILDING', 'IN_PROGRESS', 'TELEPORTING', undefined]) {
      assert.equal(isConcluded({ status }), false, String(status));
    }
    assert.equal(isConcluded({ status: 'BUILDING', concluded: true }), true, 'the flag wins when present');
    assert.equal(isConcluded({ status: 'SUCCESS', concluded: null as unknown as boolean }), true, 'a null flag says no more than a missing one');
    assert.equal(isConcluded({}), false);
  });

  it('shows a build with a terminal status and no concluded flag as finished', () => {
    assert.equal(buildPhase({ status: 'SUCCESS' }), 'succeeded');
    assert.equal(buildPhase({ status: 'FAILURE' }), 'failed');
    assert.equal(buildPhase({ status: 'CRASHED' }), 'failed');
    assert.equal(buildPhase({ status: 'SUBMISSION_FAILURE' }), 'failed');
    assert.equal(buildPhase({ status: 'ABORTED' }), 'aborted');
    assert.equal(buildPhase({ status: 'BUILDING' }), 'running');
    assert.equal(statusInWords({ status: 'SUCCESS' }), 'Succeeded');
    assert.equal(statusInWords({ status: 'ABORTED' }), 'Aborted');
    const createdAt = '2026-01-01T12:00:00Z';
    assert.equal(buildDuration({ createdAt, status: 'SUCCESS' }, Date.parse(createdAt) + 60_000), undefined, 'a finished build does not keep ageing');
    assert.equal(buildDuration({ createdAt, status: 'BUILDING' }, Date.parse(createdAt) + 5_000), '5s');
  });

  it('labels a build by pull request or branch and short sha', () => {
    const sha = 'a'.repeat(40);
    assert.equal(buildSourceLabel({ id: 'b1', branch: 'main', sha }), 'main@aaaaaaa');
    assert.equal(buildSourceLabel({ id: 'b1', branch: 'feature', pullRequestId: 12, sha }), 'PR #12@aaaaaaa');
    assert.equal(buildSourceLabel({ id: 'b1', pullRequestId: null }), 'b1');
  });

  it('says statuses in words, not API capitals', () => {
    assert.equal(statusInWords({ status: 'SUCCESS', concluded: true, success: true }), 'Succeeded');
    assert.equal(statusInWords({ status: 'FAILURE', concluded: true, success: false }), 'Failed');
    assert.equal(statusInWords({ status: 'BUILDING', concluded: false }), 'Building');
    assert.equal(statusInWords({ status: 'UNSCHEDULABLE', concluded: false }), 'Waiting for capacity');
    assert.equal(statusInWords({ status: 'ABORTED', concluded: true }), 'Aborted');
  });

  it('names a status it has never heard of by its phase', () => {
    assert.equal(statusInWords({ status: 'TELEPORTING', concluded: false }), 'Running');
    assert.equal(statusInWords({ status: 'TELEPORTING', concluded: true, success: true }), 'Succeeded');
    assert.equal(statusInWords({ status: 'BUILDING', concluded: true, success: true }), 'Succeeded');
  });

  it('gives the duration of a concluded build and the age of a running one', () => {
    const createdAt = '2026-01-01T12:00:00Z';
    const start = Date.parse(createdAt) / 1000;
    assert.equal(buildDuration({ createdAt, buildConcludedAt: start + 45, concluded: true }), '45s');
    assert.equal(buildDuration({ createdAt, buildConcludedAt: start + 130, concluded: true }), '2m 10s');
    assert.equal(buildDuration({ createdAt, buildConcludedAt: start + 3780, concluded: true }), '1h 3m');
    assert.equal(buildDuration({ createdAt, concluded: false }, Date.parse(createdAt) + 5000), '5s');
    assert.equal(buildDuration({ createdAt, concluded: true }), undefined, 'a concluded build without its end has no duration');
    assert.equal(buildDuration({ concluded: false }), undefined);
  });

  it('tells the documented end states from a bare list status', () => {
    for (const status of ['SUCCESS', 'FAILURE', 'ABORTED', 'CRASHED', 'SUBMISSION_FAILURE']) assert.equal(isConcludedStatus(status), true, status);
    for (const status of ['QUEUED', 'BUILDING', 'TELEPORTING', undefined]) assert.equal(isConcludedStatus(status), false, String(status));
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
    assert.equal(buildsPageUrl(ref, 'acme'), 'https://app.northflank.com/t/acme/project/default-project/services/web-combined/builds');
    assert.equal(buildsPageUrl(ref), 'https://app.northflank.com/s/project/default-project/services/web-combined/builds');
  });

  it("links to a job's builds page", () => {
    assert.equal(buildsPageUrl({ projectId: 'shop', jobId: 'migrate' }, 'acme'), 'https://app.northflank.com/t/acme/project/shop/jobs/migrate/builds');
  });
});
