import * as assert from 'node:assert/strict';
import { ui } from './hooks';

const DOCKERFILES = ['Dockerfile', 'jobs/migrate/Dockerfile', 'services/api/Dockerfile', 'services/web/Dockerfile.prod'];
const OTHER_FILES = ['README.md', 'services/api/server.js'];

describe('Where a person finds Northflank Build in the VS Code window', () => {
  it('shows a Northflank item in the status bar once the workspace is open', async () => {
    const { workbench } = ui();
    await workbench.northflankStatusItem().waitFor({ timeout: 20_000 });
    await workbench.screenshot('status-bar-item');
  });

  it('lists "Northflank: Start Build" in the Command Palette', async () => {
    const { workbench } = ui();
    await workbench.waitForPaletteEntry('Northflank: Start Build');
    await workbench.screenshot('palette-start-build');
  });

  it('lists "Northflank: Link Services…" in the Command Palette, and no longer "Select Service", which it replaced', async () => {
    const { workbench } = ui();
    await workbench.waitForPaletteEntry('Northflank: Link Services…');
    const entries = await workbench.paletteEntries('Northflank: ');
    assert.ok(entries.includes('Northflank: Link Services…'), entries.join(', '));
    assert.ok(!entries.some((entry) => entry.includes('Select Service')), entries.join(', '));
  });

  for (const path of DOCKERFILES) {
    it(`offers "Build with Northflank" when right-clicking ${path} in the Explorer`, async () => {
      const { workbench } = ui();
      await workbench.openExplorerContextMenu(path);
      if (path === DOCKERFILES[1]) await workbench.screenshot('explorer-context-menu-dockerfile');
      assert.ok((await workbench.contextMenuItems()).includes('Build with Northflank'), `no Build with Northflank in the menu of ${path}`);
    });
  }

  for (const path of OTHER_FILES) {
    it(`does not offer "Build with Northflank" on ${path}, which is not a Dockerfile`, async () => {
      const { workbench } = ui();
      await workbench.openExplorerContextMenu(path);
      const items = await workbench.contextMenuItems();
      assert.ok(items.includes('Copy Path'), `the context menu of ${path} did not finish drawing: ${items.join(', ')}`);
      assert.ok(!items.some((item) => /Northflank|Start Build/.test(item)), `Northflank is offered on ${path}: ${items.join(', ')}`);
    });
  }

  it('answers the "Build with Northflank" context-menu item with a prompt or a message of its own', async () => {
    const { workbench } = ui();
    await workbench.openExplorerContextMenu('services/api/Dockerfile');
    await workbench.chooseContextMenuItem('Build with Northflank');
    await workbench.waitForPromptOrNotification();
    await workbench.screenshot('start-build-from-context-menu');
  });
});
