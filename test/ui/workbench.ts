import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../vscode/paths';

const STARTUP_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 15_000;

/**
 * What a person sees and does in the VS Code window, as Playwright calls.
 * Selectors are those of VS Code 1.100 (code-server 4.100.3).
 */
export class Workbench {
  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.page.locator('.part.statusbar').waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.explorerRows().first().waitFor({ timeout: STARTUP_TIMEOUT_MS });
  }

  // --- Command palette and quick picks -------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  quickPickRows(): Locator {
    return this.quickInput().locator('.monaco-list-row');
  }

  /** Opens the Command Palette (F1) with `text` typed after the '>'. */
  async openPalette(text = ''): Promise<void> {
    await this.closeOverlays();
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await input.fill(`>${text}`);
  }

  /** The labels the Command Palette lists for `text`. */
  async paletteEntries(text: string): Promise<string[]> {
    await this.openPalette(text);
    await this.quickPickRows().first().waitFor({ timeout: STEP_TIMEOUT_MS });
    return this.quickPickRows().locator('.label-name').allInnerTexts();
  }

  /**
   * Opens the Command Palette on `title` and waits until it lists exactly that entry. Retries,
   * since a palette opened before the extension host has read the manifest never updates.
   */
  async waitForPaletteEntry(title: string, timeoutMs = STEP_TIMEOUT_MS): Promise<Locator> {
    const deadline = Date.now() + timeoutMs;
    const row = this.rowWithLabel(this.quickPickRows(), title);
    for (;;) {
      await this.openPalette(title);
      try {
        await row.waitFor({ timeout: 2_000 });
        return row;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the Command Palette does not list "${title}": ${String(error)}`);
      }
    }
  }

  /** Runs a command from the Command Palette by its full title, e.g. "Northflank: Start Build". */
  async runCommand(title: string): Promise<void> {
    await (await this.waitForPaletteEntry(title)).click();
  }

  /** The row labels of the open quick pick, as far as the list draws them (without descriptions or details). */
  async quickPickLabels(): Promise<string[]> {
    await this.quickPickRows().first().waitFor({ timeout: STEP_TIMEOUT_MS });
    // The first line holds the label; a detail line below has a .label-name of its own.
    return this.quickPickRows().evaluateAll((rows) => rows.map((row) => row.querySelector('.quick-input-list-row .label-name')?.textContent?.trim() ?? ''));
  }

  /** Chooses the quick pick row whose label is exactly `label`. */
  async pickQuickPick(label: string): Promise<void> {
    const row = this.rowWithLabel(this.quickPickRows(), label);
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    await row.click();
  }

  /** Waits for the quick pick (or input box) whose title contains `title`. */
  async waitForQuickInput(title: string): Promise<void> {
    await this.quickInput().locator('.quick-input-title', { hasText: title }).waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** Waits for the quick pick titled `title` (a part of it) and clicks the row labelled `label`. */
  async answerQuickPick(title: string, label: string): Promise<void> {
    await this.waitForQuickInput(title);
    await this.pickQuickPick(label);
    // The next question may reuse the widget: wait until this one has gone.
    await this.quickInput().locator('.quick-input-title:visible', { hasText: title }).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /**
   * Waits for the quick pick titled `title` and presses Enter, as a person who accepts what it offers
   * would: the row it has made active, or in a multi-select pick, what is ticked.
   */
  async acceptQuickPick(title: string): Promise<void> {
    await this.waitForQuickInput(title);
    await this.quickPickRows().first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await this.quickInput().locator('input').press('Enter');
    // The next question may reuse the widget: wait until this one has gone.
    await this.quickInput().locator('.quick-input-title:visible', { hasText: title }).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  // --- Multi-select quick picks (a checkbox on each row) ---------------------------------

  /** The row labels of the open multi-select pick, with whether each is ticked, as far as the list draws them. */
  async quickPickTicks(): Promise<Array<{ label: string; ticked: boolean }>> {
    await this.quickPickRows().first().waitFor({ timeout: STEP_TIMEOUT_MS });
    return this.quickPickRows().evaluateAll((rows) =>
      rows.map((row) => ({
        // The first line holds the label; a detail line below has a .label-name of its own.
        label: row.querySelector('.quick-input-list-row .label-name')?.textContent?.trim() ?? '',
        ticked: row.getAttribute('aria-checked') === 'true',
      })),
    );
  }

  /** The labels of the ticked rows of the open multi-select pick. */
  async tickedQuickPickLabels(): Promise<string[]> {
    return (await this.quickPickTicks()).filter((row) => row.ticked).map((row) => row.label);
  }

  /** Unticks every row with the pick's "Toggle all checkboxes" box: once ticks them all, twice clears them. */
  async untickAllQuickPick(): Promise<void> {
    const toggleAll = this.quickInput().locator('.quick-input-header .monaco-checkbox');
    for (let click = 0; click < 2 && (await this.tickedQuickPickLabels()).length > 0; click++) await toggleAll.click();
    const left = await this.tickedQuickPickLabels();
    if (left.length > 0) throw new Error(`still ticked after Toggle all: ${left.join(', ')}`);
  }

  /** Types `label` into the open multi-select pick to find its row, and clicks that row's checkbox. */
  async toggleQuickPickRow(label: string): Promise<void> {
    await this.quickInput().locator('input').fill(label);
    const row = this.rowWithLabel(this.quickPickRows(), label);
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    const before = await row.getAttribute('aria-checked');
    await row.locator('.monaco-checkbox').click();
    await this.rowWithLabel(this.quickPickRows(), label)
      .and(this.page.locator(`[aria-checked="${before === 'true' ? 'false' : 'true'}"]`))
      .waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** Types into the open input box (including password boxes) and presses Enter. */
  async submitInputBox(text: string): Promise<void> {
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await input.fill(text);
    await input.press('Enter');
  }

  // --- Notifications and the status bar ------------------------------------------------

  /** Waits for a notification toast whose message contains `text`. */
  async waitForNotification(text: string | RegExp): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({
      has: this.page.locator('.notification-list-item-message', { hasText: text }),
    });
    await toast.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    return toast.first();
  }

  /**
   * The text of the notification saying `text`, from its toast or, failing that, the notification center.
   * VS Code sends a notification straight to the center, with no toast, when more than three
   * arrive within 800 ms (its spam protection): a burst of build conclusions can cause that.
   */
  async notificationTextAnywhere(text: string | RegExp): Promise<string> {
    const message = (scope: string) => this.page.locator(`${scope} .notification-list-item`).filter({ has: this.page.locator('.notification-list-item-message', { hasText: text }) }).first();
    const toast = message('.notifications-toasts');
    if (await toast.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return toast.innerText();
    await this.runCommand('Notifications: Show Notifications');
    try {
      const listed = message('.notifications-center');
      await listed.waitFor({ timeout: STEP_TIMEOUT_MS });
      return await listed.innerText();
    } finally {
      // While the center is open VS Code shows no toasts at all.
      await this.runCommand('Notifications: Hide Notifications').catch(() => {});
    }
  }

  /** Closes every notification toast with its own close button. */
  async clearNotifications(): Promise<void> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    // A toast can hide by itself between the count and the click: short tries, then look again.
    for (let attempt = 0; attempt < 20 && (await toasts.count()) > 0; attempt++) {
      await toasts.first().hover({ timeout: 1_000 }).catch(() => {});
      await toasts.first().locator('.codicon-notifications-clear').click({ timeout: 1_000 }).catch(() => {});
    }
  }

  /** Waits until the extension answers the user: a quick pick or input box opens, or one of its notifications shows. */
  async waitForPromptOrNotification(source = 'Northflank Build'): Promise<void> {
    const prompt = this.page.locator('.quick-input-widget:visible');
    const notification = this.page.locator(`.notifications-toasts .notification-toast .monaco-list[aria-label*=${JSON.stringify(`source: ${source}`)}]`);
    await prompt.or(notification).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** The extension's own status bar item, whatever it shows (its text names the linked service once there is one). */
  northflankStatusItem(): Locator {
    return this.page.locator('.part.statusbar [id="northflank-build-community.northflank-build.northflank.status"]');
  }

  /** The status bar item showing `text` (waiting for it also proves the extension activated). */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text });
  }

  // --- Explorer ----------------------------------------------------------------------------

  explorerRows(): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row');
  }

  /** The Explorer row of `name` at folder depth `level` (1 = the workspace root). */
  explorerRow(name: string, level: number): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${level}"][aria-label=${JSON.stringify(name)}]`);
  }

  /** Expands the folders on the way to `path` (relative, with '/') by clicking them, and returns the file's row. */
  async revealInExplorer(path: string): Promise<Locator> {
    await this.page.keyboard.press('Control+Shift+E');
    const segments = path.split('/');
    let parentIndex = -1;
    let row: Locator | undefined;
    for (const [depth, segment] of segments.entries()) {
      const candidates = this.explorerRow(segment, depth + 1);
      await candidates.first().waitFor({ timeout: STEP_TIMEOUT_MS });
      // The same name can show at the same depth in another expanded folder: take the first one below the
      // parent. A folder shows expanded a moment before its children: until then, only the other one shows.
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      let index: number | undefined;
      for (;;) {
        const indexes = await candidates.evaluateAll((rows) => rows.map((candidate) => Number(candidate.getAttribute('data-index'))));
        index = indexes.filter((candidate) => candidate > parentIndex).sort((a, b) => a - b)[0];
        if (index !== undefined) break;
        if (Date.now() > deadline) throw new Error(`the Explorer shows no "${segment}" on the way to ${path}`);
        await this.page.waitForTimeout(100);
      }
      row = this.explorerRows().and(this.page.locator(`[data-index="${index}"]`));
      if (depth < segments.length - 1 && (await row.getAttribute('aria-expanded')) !== 'true') {
        await row.click();
        await this.page.locator(`.explorer-folders-view .monaco-list-row[data-index="${index}"][aria-expanded="true"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
      }
      parentIndex = index;
    }
    return row!;
  }

  /** Right-clicks `path` in the Explorer and returns the context menu that opens. */
  async openExplorerContextMenu(path: string): Promise<Locator> {
    const row = await this.revealInExplorer(path);
    await row.click({ button: 'right' });
    const menu = this.contextMenu();
    await menu.waitFor({ timeout: STEP_TIMEOUT_MS });
    return menu;
  }

  contextMenu(): Locator {
    return this.page.locator('.context-view .monaco-menu').first();
  }

  async contextMenuItems(): Promise<string[]> {
    const labels = await this.contextMenu().locator('.action-item:not(.disabled) .action-label').allInnerTexts();
    return labels.map((label) => label.trim()).filter((label) => label.length > 0);
  }

  /** Chooses a context menu item: pointing at it, then Enter. */
  async chooseContextMenuItem(label: string): Promise<void> {
    // A click that follows the menu's opening too closely is ignored by the menu; a focused item plus Enter is not.
    const item = this.contextMenu()
      .locator('.action-item')
      .filter({ has: this.page.locator('.action-label').getByText(label, { exact: true }) });
    await item.hover();
    await item.and(this.page.locator('.focused')).waitFor({ timeout: STEP_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.contextMenu().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  // --- Views ---------------------------------------------------------------------------

  /**
   * The view pane titled `title`, expanded. Open its container first (e.g. with runCommand).
   * A container holding a single view hides the pane header and shows the title in its own.
   */
  async viewPane(title: string): Promise<Locator> {
    const header = this.page.locator(`.pane-header[aria-label=${JSON.stringify(`${title} Section`)}]`).first();
    await header.waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pane = this.page.locator('.pane').filter({ has: header });
    await pane.locator('.pane-body').waitFor({ timeout: STEP_TIMEOUT_MS });
    return pane;
  }

  /** The text a view shows while it has nothing to list (its viewsWelcome content). */
  async viewWelcomeText(title: string): Promise<string> {
    const welcome = (await this.viewPane(title)).locator('.welcome-view-content');
    await welcome.waitFor({ timeout: STEP_TIMEOUT_MS });
    return welcome.innerText();
  }

  async viewRows(title: string): Promise<Locator> {
    return (await this.viewPane(title)).locator('.monaco-list-row');
  }

  /**
   * Drags the edge of the primary side bar until it is `width` pixels wide, and resolves to the width
   * it had, to drag it back to. A wider side bar shows a view's descriptions whole in a screenshot.
   */
  async resizeSideBar(width: number): Promise<number> {
    const sideBar = await this.page.locator('.part.sidebar').boundingBox();
    if (sideBar === null) throw new Error('the side bar is not shown');
    const y = sideBar.y + sideBar.height / 2;
    await this.page.mouse.move(sideBar.x + sideBar.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(sideBar.x + width, y, { steps: 8 });
    await this.page.mouse.up();
    await this.page.mouse.move(sideBar.x + width + 200, y);
    // The edge stays highlighted while the pointer is over it, or was just now.
    await this.page.locator('.monaco-sash.hover, .monaco-sash.active').first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    return sideBar.width;
  }

  // --- Housekeeping ------------------------------------------------------------------------

  /** Closes menus, quick inputs and other overlays, as pressing Escape a few times would. */
  async closeOverlays(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const open = (await this.quickInput().isVisible()) || (await this.contextMenu().isVisible());
      if (!open) return;
      await this.page.keyboard.press('Escape');
    }
  }

  /** Back to a quiet window between tests: no menus, no quick input, no notifications. */
  async reset(): Promise<void> {
    await this.closeOverlays();
    await this.clearNotifications();
  }

  /** Saves test-results/screenshots/NAME.png, the whole window or the `clip` region of it, and returns its path. */
  async screenshot(name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120)}.png`);
    await this.page.screenshot({ path: file, clip });
    return file;
  }

  private rowWithLabel(rows: Locator, label: string): Locator {
    return rows.filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) }).first();
  }
}
