import { type BuildPace, Emulator, startEmulator } from '../emulator';
import { createWorkspaceFixture, SHOP_REPOSITORY_URL, WorkspaceFixture } from '../fixtures/workspace';
import { Browser, launchBrowser } from '../vscode/browser';
import { CodeServer, startCodeServer } from '../vscode/codeServer';
import { freePort } from '../vscode/freePort';
import { REPO_ROOT } from '../vscode/paths';
import { Workbench } from './workbench';

/** Everything one UI test run drives: a fresh fixture workspace, the emulator, code-server and Chromium. */
export interface UiSession {
  workbench: Workbench;
  emulator: Emulator;
  fixture: WorkspaceFixture;
  codeServer: CodeServer;
  browser: Browser;
  /** Loads the workbench again from scratch (same workspace and servers), e.g. after a test changed its layout. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export interface UiSessionOptions {
  /** Extra settings for the fixture's .vscode/settings.json. */
  workspaceSettings?: Record<string, unknown>;
  /** Extra user settings. */
  userSettings?: Record<string, unknown>;
  /** Keep workspace trust on, so the window opens untrusted and asks. */
  workspaceTrust?: boolean;
  /** Extra environment for code-server and the extension host. */
  env?: Record<string, string>;
  onCodeServerOutput?: (line: string) => void;
}

/**
 * About 7.5 s a build: the watcher (a status request at most every 2 s while log lines come) shows it
 * queued, then running, then concluded, so a test sees each status, and a screenshot can catch it.
 */
export const UI_PACE: BuildPace = { queuedMs: 2_500, startingMs: 1_000, cloningMs: 1_000, buildingMs: 2_500, uploadingMs: 500 };

// Steady layout so that page-object lookups see one row per folder level.
const UI_USER_SETTINGS = {
  'explorer.compactFolders': false,
  'explorer.autoReveal': true,
  'workbench.editor.enablePreview': false,
  'notifications.dnd': false,
};

export async function startUiSession(options: UiSessionOptions = {}): Promise<UiSession> {
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await Promise.resolve(step()).catch(() => {});
  };
  try {
    const emulatorPort = await freePort();
    // The push route lets a fixture's origin hook start CI builds; only the test of a push installs that hook.
    const emulator = await startEmulator({ port: emulatorPort, pace: UI_PACE, ciPushHook: true });
    stops.push(() => emulator.stop());
    const fixture = createWorkspaceFixture({ settings: options.workspaceSettings, originUrl: SHOP_REPOSITORY_URL });
    stops.push(() => fixture.remove());
    const codeServer = await startCodeServer({
      // An application-scoped setting: VS Code reads it from user settings only.
      userSettings: { ...UI_USER_SETTINGS, 'northflank.apiUrl': emulator.url, ...options.userSettings },
      workspaceTrust: options.workspaceTrust,
      env: options.env,
      onOutput: options.onCodeServerOutput,
    });
    stops.push(() => codeServer.stop());
    const browser = await launchBrowser();
    stops.push(() => browser.close());

    const url = codeServer.workbenchUrl({ folder: fixture.dir, extensionDevelopmentPath: REPO_ROOT });
    const workbench = new Workbench(browser.page);
    const load = async () => {
      await browser.page.goto(url);
      await workbench.waitUntilReady();
    };
    await load();
    return { workbench, emulator, fixture, codeServer, browser, reload: load, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
