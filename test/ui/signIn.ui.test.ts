import * as assert from 'node:assert/strict';
import { TOKENS } from '../emulator';
import { signOut } from './flows';
import { ui } from './hooks';
const STEP_TIMEOUT_MS = 15_000;

describe('Signing in to Northflank', () => {
  beforeEach(async () => {
    await signOut();
  });

  it('shows a refused token under the text, in the box that stays open, and signs in once the text is fixed', async () => {
    const { workbench, emulator } = ui();
    const before = emulator.requests.length;
    await workbench.runCommand('Northflank: Sign In…');
    await workbench.waitForQuickInput('Sign In to Northflank');
    await workbench.submitInputBox('nf-not-a-real-token');

    const refusal = workbench.quickInput().locator('.quick-input-message', { hasText: 'Northflank refused this token (HTTP 401)' });
    await refusal.waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('sign-in-refused-inline');
    assert.equal(await workbench.page.locator('.notifications-toasts .notification-toast', { hasText: 'refused' }).count(), 0, 'the refusal is said in the box, not in a notification');

    // The box is still there, with the text to fix: a person pastes the right token over it.
    await workbench.submitInputBox(`  ${TOKENS.full}  `);
    await workbench.notificationTextAnywhere(/Signed in to Northflank as/);
    await workbench.northflankStatusItem().filter({ hasNotText: 'sign in' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const checks = emulator.requests.slice(before).filter((request) => request.path === '/v1/auth');
    assert.equal(checks.length, 2, 'each Enter checks the token once');
    assert.equal(checks[1].headers.authorization, 'Bearer <redacted>');
  });

  it('signs in and out from the Accounts menu, and the status bar offers to sign in once signed out', async () => {
    const { workbench, emulator } = ui();
    await workbench.northflankStatusItem().filter({ hasText: 'Northflank: sign in' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const accountsIcon = workbench.page.locator('.activitybar .action-label.codicon-accounts-view-bar-icon');
    // A press where the icon is, as a person clicks: while sign-in is requested a badge lies over the icon.
    const openAccounts = async () => {
      const box = await accountsIcon.boundingBox();
      if (!box) throw new Error('no Accounts icon');
      await workbench.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await workbench.page.mouse.down();
      await workbench.page.mouse.up();
    };

    // Signed out, the extension asks VS Code for a session without prompting: the Accounts icon gets a badge.
    await workbench.page.locator('.activitybar [aria-label*="Sign in requested"]').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await openAccounts();
    const signInEntry = workbench.page.locator('.monaco-menu .action-label', { hasText: /Sign in with Northflank/ });
    await signInEntry.waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('accounts-menu-sign-in');
    await signInEntry.click();
    await workbench.waitForQuickInput('Sign In to Northflank');
    await workbench.submitInputBox(TOKENS.full);
    await workbench.notificationTextAnywhere(/Signed in to Northflank as/);

    await openAccounts();
    const account = workbench.page.locator('.monaco-menu .action-label', { hasText: emulator.state.team.id });
    await account.waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.screenshot('accounts-menu-signed-in');
    await account.hover();
    const signOutEntry = workbench.page.locator('.monaco-menu .action-label', { hasText: /^Sign Out$/ });
    await signOutEntry.waitFor({ timeout: STEP_TIMEOUT_MS });
    // VS Code asks before signing out of an account that extensions use.
    const confirm = workbench.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Sign Out$/ });
    const signedOut = workbench.northflankStatusItem().filter({ hasText: 'Northflank: sign in' });
    // A menu ignores a press that comes while its submenu is still opening: press until it answers.
    for (let attempt = 0; attempt < 3 && (await signOutEntry.isVisible()); attempt++) {
      await signOutEntry.click();
      await confirm.or(signedOut).first().waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    if (await confirm.isVisible()) await confirm.click();

    await signedOut.waitFor({ timeout: STEP_TIMEOUT_MS });
  });
});
