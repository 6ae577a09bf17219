import * as assert from 'node:assert/strict';
import { tokenOwner } from '../../src/northflank/tokenOwner';

describe('who a token speaks for, as the Accounts menu names it', () => {
  it('names a team token by its team', () => {
    assert.deepEqual(tokenOwner({ checkedWith: '/v1/auth', entityId: 'acme-labs', entityType: 'team', name: 'laptop' }), { teamId: 'acme-labs', label: 'acme-labs', tokenName: 'laptop' });
  });

  it('says when the token is an organisation’s', () => {
    assert.equal(tokenOwner({ checkedWith: '/v1/auth', entityId: 'acme', entityType: 'org' }).label, 'acme (organisation)');
  });

  it("falls back on the token's name, and then on words, when /v1/login says nothing of the team", () => {
    assert.deepEqual(tokenOwner({ checkedWith: '/v1/login', name: 'ci token' }), { label: 'ci token', tokenName: 'ci token' });
    assert.deepEqual(tokenOwner({ checkedWith: '/v1/login' }), { label: 'Northflank API token' });
  });
});
