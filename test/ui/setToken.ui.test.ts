import * as assert from 'node:assert/strict';
import { TOKENS } from '../emulator';
import { ui } from './hooks';

describe('Setting the API token from the Command Palette', () => {
  it('rejects a token the API does not accept, and says so', async () => {
    const { workbench, emulator } = ui();
    const before = emulator.requests.length;
    await workbench.runCommand('Northflank: Set API Token');
    await workbench.submitInputBox('nf-not-a-real-token');
    await workbench.waitForNotification(/token was not saved/i);
    await workbench.screenshot('set-token-rejected');
    assert.ok(emulator.requests.slice(before).some((request) => request.path.startsWith('/v1/auth')), 'the token was not checked against the emulator');
  });

  it('checks a pasted token against the configured API before keeping it', async () => {
    const { workbench, emulator } = ui();
    const before = emulator.requests.length;
    await workbench.runCommand('Northflank: Set API Token');
    await workbench.submitInputBox(TOKENS.full);
    await workbench.waitForNotification(/signed in|token saved/i);
    await workbench.screenshot('set-token-accepted');
    const check = emulator.requests.slice(before).find((request) => request.path.startsWith('/v1/auth'));
    assert.ok(check, 'the token was not checked against the emulator');
    assert.equal(check.headers.authorization, 'Bearer <redacted>');
  });
});
