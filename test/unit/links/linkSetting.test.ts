import * as assert from 'node:assert/strict';
import { parseLinkSetting, toLinkSettingEntry } from '../../../src/links/linkSetting';

describe('the northflank.links setting', () => {
  it('reads services and jobs, with an optional Dockerfile', () => {
    const { links, problems } = parseLinkSetting([
      { project: 'shop', service: 'api', dockerfile: '/services/api/Dockerfile' },
      { project: 'shop', job: 'migrate' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(links, [
      { ref: { projectId: 'shop', serviceId: 'api' }, dockerFilePath: '/services/api/Dockerfile' },
      { ref: { projectId: 'shop', jobId: 'migrate' } },
    ]);
  });

  it('is empty when unset', () => {
    assert.deepEqual(parseLinkSetting(undefined), { links: [], problems: [] });
  });

  it('keeps the good entries and names each bad one', () => {
    const { links, problems } = parseLinkSetting([
      { project: 'shop', service: 'api' },
      { service: 'web' },
      { project: 'shop', service: 'web', job: 'migrate' },
      { project: 'shop' },
      'shop/api',
      { project: 'shop', job: 'migrate', dockerfile: 7 },
    ]);
    assert.deepEqual(links, [{ ref: { projectId: 'shop', serviceId: 'api' } }]);
    assert.deepEqual(problems, [
      'northflank.links[1] needs a "project" id.',
      'northflank.links[2] needs exactly one of "service" or "job".',
      'northflank.links[3] needs exactly one of "service" or "job".',
      'northflank.links[4] must be an object.',
      'northflank.links[5].dockerfile must be a path such as "/services/api/Dockerfile".',
    ]);
  });

  it('refuses a setting that is not a list', () => {
    assert.equal(parseLinkSetting({ project: 'shop' }).problems.length, 1);
  });

  it('writes entries that hold ids and a Dockerfile, and nothing else', () => {
    const link = { projectId: 'shop', serviceId: 'api', name: 'API', token: 'must-not-leak' } as unknown as { projectId: string; serviceId: string };
    assert.deepEqual(toLinkSettingEntry(link, '/services/api/Dockerfile'), { project: 'shop', service: 'api', dockerfile: '/services/api/Dockerfile' });
    assert.deepEqual(toLinkSettingEntry({ projectId: 'shop', jobId: 'migrate' }), { project: 'shop', job: 'migrate' });
  });

  it("reads and writes the team that owns a link's project, for people signed in to several", () => {
    const { links, problems } = parseLinkSetting([{ project: 'labs', service: 'labs-web', team: ' acme-labs ' }, { project: 'labs', service: 'x', team: '' }]);
    assert.deepEqual(links, [{ ref: { projectId: 'labs', serviceId: 'labs-web' }, teamId: 'acme-labs' }]);
    assert.match(problems.join(' '), /northflank\.links\[1\]\.team must be a Northflank team's id/);
    assert.deepEqual(toLinkSettingEntry({ projectId: 'labs', serviceId: 'labs-web' }, undefined, 'acme-labs'), { project: 'labs', service: 'labs-web', team: 'acme-labs' });
  });
});
