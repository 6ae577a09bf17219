import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { readRepositoryHead } from '../../src/git/readRepositoryHead';
import { type Emulator, FAST_PACE, type RecordedRequest, SEED, startEmulator, TOKENS } from '../emulator';
import { Workbench } from '../ui/workbench';
import { type Browser, launchBrowser } from '../vscode/browser';
import { type CodeServer, startCodeServer } from '../vscode/codeServer';
import { type ActivationTimes, EXTENSION_ID, loadAndActivateMs, readActivationTimesOf } from './activationTimes';
import { type CliHome, createCliHome, runCliStartBuild, runCliVersion } from './cliContext';
import { EMPTY_EXTENSION_ID, installEmptyExtension, installPingExtension, PING_COMMAND_TITLE } from './emptyExtension';
import { createGitCallLog, type GitCallLog, gitCallTime, isExtensionGitCall } from './gitCallLog';
import { round, type Samples, samples } from './samples';
import { createStartBuildWorkspace } from './startBuildWorkspace';

/** Parts of the two paths measured alone in this process, to show where their time goes. */
export interface Baselines {
  /** The extension's readRepositoryHead on the same workspace, in plain Node: its first step after the token, and all it waits for from git. */
  readHead: Samples;
  /** Spawning `node -e ""` until it exits. */
  nodeStartup: Samples;
  /** Spawning `northflank --version` until it exits: start-up and loading the CLI, no request. */
  cliVersion: Samples;
}

export interface WorkbenchResult {
  baselines: Baselines;
  /** The activate() call, as the extension host timed it, one per fresh extension host. */
  activate: Samples;
  /** Loading dist/extension.js before that call, from the same activations. */
  loadCode: Samples;
  /** The same figures for the window's first load, when everything else starts at once too. */
  firstLoad: ActivationTimes;
  /** Per reload: our load + activate() minus the empty extension's, both from the same report. */
  loadOverEmpty: Samples;
  /** Our load + activate() per reload. */
  loadAndActivate: Samples;
  /** The empty extension's load + activate() per reload, in the same windows. */
  emptyLoadAndActivate: Samples;
  /** The empty extension's figures at the window's first load. */
  emptyFirstLoad: ActivationTimes;
  /** The empty extension's rows as read, per reload. */
  emptyActivations: ActivationTimes[];
  /** The 1-minute load average when each reload's activation times were read. */
  loadAverage: number[];
  /** Enter on "Northflank: Start Build" to the emulator receiving the POST: the first build in a freshly loaded window. */
  startToPost: Samples;
  /** The same, for a second build in the same window. */
  startToPostAgain: Samples;
  /** Spawning the official CLI with the same request body to the emulator receiving its POST, right after each first build. */
  cliStartToPost: Samples;
  /**
   * Enter on a command that does nothing, in an extension already active, to its handler: VS Code's part
   * of Start Build's time, run from the Command Palette in the same windows. The first run of each
   * command in a window costs VS Code one more round trip to the extension host (it asks whether the
   * command's activation event activates anything), as it does for the first build.
   */
  paletteDispatchFirst: Samples;
  /** The same, run again in the same window, as a second build is. */
  paletteDispatchAgain: Samples;
  /** Per first build: when each request reached the emulator and when the bench saw and answered the question, from Enter. */
  timelines: string[][];
  /** Requests the emulator received and git commands the extension ran from each new page until the first build was started: activation may do neither. */
  requestsWhileStarting: string[];
}

const SERVICE_NAME = 'Web Combined';
const STEP_TIMEOUT_MS = 20_000;
const execFileAsync = promisify(execFile);
const STORAGE_FLUSH_MS = 3_000;
const SETTLE_MS = 3_000;

/**
 * One code-server window on a one-Dockerfile repository, the emulator in this process (so its
 * request times and ours share a clock), the token set and the service linked with Link Services.
 * Then, `runs` times: reload the window (a new extension host process, so activation is cold),
 * read the activation times VS Code recorded, start a build from the Command Palette, run the CLI with the
 * same request, and start a second build in the now warm window.
 */
export async function measureInWorkbench(extensionDir: string, runs: number, log: (line: string) => void): Promise<WorkbenchResult> {
  const stops: (() => Promise<void> | void)[] = [];
  let workbench: Workbench | undefined;
  try {
    const emulator = await startEmulator({ pace: FAST_PACE });
    stops.push(() => emulator.stop());
    const workspace = createStartBuildWorkspace();
    stops.push(() => workspace.remove());
    // code-server's folder, to install the empty extension into before it starts; removed after it stops.
    const stateDir = mkdtempSync(join(tmpdir(), 'nf-bench-code-server-'));
    stops.push(() => rmSync(stateDir, { recursive: true, force: true }));
    installEmptyExtension(extensionDir, join(stateDir, 'extensions'));
    installPingExtension(extensionDir, join(stateDir, 'extensions'));
    const pingFile = join(stateDir, 'ping.log');
    const cliHome = createCliHome(emulator.url, TOKENS.full);
    stops.push(() => cliHome.remove());
    const gitCalls = createGitCallLog();
    stops.push(() => gitCalls.remove());
    const codeServer: CodeServer = await startCodeServer({
      stateDir,
      env: { ...gitCalls.env, NORTHFLANK_BENCH_PING_FILE: pingFile },
      userSettings: { 'northflank.apiUrl': emulator.url, 'workbench.editor.enablePreview': false, 'notifications.dnd': false },
    });
    stops.push(() => codeServer.stop());
    const browser: Browser = await launchBrowser();
    stops.push(() => browser.close());
    // Tall enough that Developer: Startup Performance shows its activation table without scrolling.
    await browser.page.setViewportSize({ width: 1400, height: 2400 });
    workbench = new Workbench(browser.page);

    const readBoth = () => readActivationTimesOf(workbench!, [EXTENSION_ID, EMPTY_EXTENSION_ID]);
    await browser.page.goto(codeServer.workbenchUrl({ folder: workspace.dir, extensionDevelopmentPath: extensionDir }));
    await workbench.waitUntilReady();
    await workbench.statusBarItem('Northflank: sign in').waitFor({ timeout: 60_000 });
    const firstBoth = await readBoth();
    const firstLoad = firstBoth[EXTENSION_ID];
    log(`  window ready; first load: loading ${firstLoad.loadCode} ms, activate() ${activateMs(firstLoad)} ms; empty extension ${emptyLoadAndActivateMs(firstBoth[EMPTY_EXTENSION_ID])} ms; load ${oneMinuteLoad()}`);

    await workbench.runCommand('Northflank: Sign In…');
    await workbench.waitForQuickInput('Sign In to Northflank');
    await workbench.submitInputBox(TOKENS.full);
    await workbench.waitForNotification(/signed in/i);
    // Link Services lists every buildable service and job; this repository's remote is a local
    // folder, which names no hosted repository, so nothing is ticked and the bench ticks one.
    await workbench.runCommand('Northflank: Link Services…');
    await workbench.quickInput().locator('.quick-input-title', { hasText: 'to Northflank' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbench.pickQuickPick(SERVICE_NAME);
    await workbench.page.keyboard.press('Enter');
    await workbench.statusBarItem(SERVICE_NAME).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The web workbench writes workspace state to IndexedDB a little later; a reload right away loses the link.
    await new Promise((resolveWait) => setTimeout(resolveWait, STORAGE_FLUSH_MS));

    const activations: ActivationTimes[] = [];
    const emptyActivations: ActivationTimes[] = [];
    const loadAverage: number[] = [];
    const first: number[] = [];
    const again: number[] = [];
    const cli: number[] = [];
    const dispatchFirst: number[] = [];
    const dispatchAgain: number[] = [];
    const timelines: string[][] = [];
    const requestsWhileStarting: string[] = [];
    for (let run = 0; run < runs; run++) {
      // The last window's work (its second build's count of changes, the settings read after it)
      // ends before the next window starts, as a person's earlier work has when they open one.
      await new Promise((resolveWait) => setTimeout(resolveWait, SETTLE_MS));
      await browser.page.reload();
      // Counted from the new page on: the old window's extension host may still be talking as it goes.
      const beforeStart = emulator.requests.length;
      const gitBeforeStart = gitCalls.lines().length;
      await workbench.waitUntilReady();
      await workbench.statusBarItem(SERVICE_NAME).waitFor({ timeout: 60_000 });
      const both = await readBoth();
      loadAverage.push(oneMinuteLoad());
      activations.push(both[EXTENSION_ID]);
      emptyActivations.push(both[EMPTY_EXTENSION_ID]);
      // Other extensions are still starting; a person starts a build once the window has settled.
      await new Promise((resolveWait) => setTimeout(resolveWait, SETTLE_MS));
      requestsWhileStarting.push(...emulator.requests.slice(beforeStart).map((request) => `${request.method} ${request.path}`));
      requestsWhileStarting.push(...gitCalls.lines().slice(gitBeforeStart).filter(isExtensionGitCall).map((line) => `git ${line}`));

      const cold = await startBuildFromPalette(workbench, emulator, gitCalls);
      // A build of a commit read before runs its first git command (the count of changes) after the POST.
      if (!(await extensionGitCallSince(gitCalls, gitBeforeStart))) {
        throw new Error('the git call log missed the git commands of Start Build, so it cannot show whether activation ran git');
      }
      first.push(cold.ms);
      timelines.push(cold.timeline);
      if (cold.post.body === undefined) throw new Error('the extension sent a build request without a body');
      cli.push(await cliStartToPost(emulator, cliHome, cold.post.body));
      dispatchFirst.push(await pingFromPalette(workbench, pingFile));
      dispatchAgain.push(await pingFromPalette(workbench, pingFile));
      again.push((await startBuildFromPalette(workbench, emulator, gitCalls)).ms);
      const over = loadAndActivateMs(activations[run]) - emptyLoadAndActivateMs(emptyActivations[run]);
      log(
        `  run ${run + 1}/${runs} (load ${loadAverage[run]}): loading ${activations[run].loadCode} ms, activate() ${activateMs(activations[run])} ms, ` +
          `empty extension ${emptyLoadAndActivateMs(emptyActivations[run])} ms (its wait after activate() ${emptyActivations[run].finishActivate} ms), over it ${round(over)} ms; ` +
          `Start Build ${first[run]} ms (again ${again[run]} ms), CLI ${cli[run]} ms; a command that does nothing ${dispatchFirst[run]} ms (again ${dispatchAgain[run]} ms)`,
      );
    }
    const baselines = await measureBaselines(workspace.dir, cliHome, runs);
    return {
      baselines,
      activate: samples(activations.map(activateMs)),
      loadCode: samples(activations.map((times) => times.loadCode)),
      firstLoad,
      loadOverEmpty: samples(activations.map((ours, run) => loadAndActivateMs(ours) - emptyLoadAndActivateMs(emptyActivations[run]))),
      loadAndActivate: samples(activations.map(loadAndActivateMs)),
      emptyLoadAndActivate: samples(emptyActivations.map(emptyLoadAndActivateMs)),
      emptyActivations,
      emptyFirstLoad: firstBoth[EMPTY_EXTENSION_ID],
      loadAverage,
      startToPost: samples(first),
      startToPostAgain: samples(again),
      cliStartToPost: samples(cli),
      paletteDispatchFirst: samples(dispatchFirst),
      paletteDispatchAgain: samples(dispatchAgain),
      timelines,
      requestsWhileStarting,
    };
  } catch (error) {
    const screenshot = await workbench?.screenshot('bench-workbench-failure').catch(() => undefined);
    if (screenshot !== undefined) log(`  screenshot of the failure: ${screenshot}`);
    throw error;
  } finally {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => {});
  }
}

async function measureBaselines(workspaceDir: string, cliHome: CliHome, runs: number): Promise<Baselines> {
  const time = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const readHeadMs: number[] = [];
  const nodeMs: number[] = [];
  const cliMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    readHeadMs.push(await time(() => readRepositoryHead(workspaceDir)));
    nodeMs.push(await time(() => execFileAsync(process.execPath, ['-e', ''])));
    cliMs.push(await time(() => runCliVersion(cliHome)));
  }
  return { readHead: samples(readHeadMs), nodeStartup: samples(nodeMs), cliVersion: samples(cliMs) };
}

/** Whether the extension ran git since line `from` of the log, waiting a few seconds for it. */
async function extensionGitCallSince(gitCalls: GitCallLog, from: number): Promise<boolean> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!gitCalls.lines().slice(from).some(isExtensionGitCall)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  return true;
}

/** The 1-minute load average, as the bench prints it beside its figures. */
export function oneMinuteLoad(): number {
  return round(loadavg()[0], 2);
}

/**
 * The empty extension's load + activate() call. Its activate() returns undefined, so the wait VS Code
 * records after it (Finish Activate) is not its own work: it is the extension host busy with the
 * other extensions activated by the same event, ours among them. Subtracting it would credit our
 * extension with time it most likely spent itself, so it is left out (and reported).
 */
function emptyLoadAndActivateMs(times: ActivationTimes): number {
  return times.loadCode + times.callActivate;
}

/** activate() until its promise settled; ours returns synchronously, so this is the call itself. */
function activateMs(times: ActivationTimes): number {
  return times.callActivate + times.finishActivate;
}

interface StartBuildTiming {
  ms: number;
  post: RecordedRequest;
  /** From Enter on the palette entry: each request the emulator received and the bench's own steps. */
  timeline: string[];
}

/**
 * Enter on the palette entry, then Enter on every question the extension asks as soon as it
 * shows (its quick picks and input boxes have a title; the palette has none), until the POST arrives.
 */
async function startBuildFromPalette(workbench: Workbench, emulator: Emulator, gitCalls: GitCallLog): Promise<StartBuildTiming> {
  const page = workbench.page;
  await workbench.reset();
  await workbench.waitForPaletteEntry('Northflank: Start Build');
  await focusRow(page, workbench, 'Northflank: Start Build');
  const before = emulator.requests.length;
  const gitBefore = gitCalls.lines().length;
  const steps: { at: number; what: string }[] = [];
  const pressed = Date.now();
  await page.keyboard.press('Enter');
  const post = waitForStartBuildPost(emulator, before);
  let posted = false;
  void post.then(() => (posted = true), () => {});

  const question = workbench.quickInput().locator('.quick-input-title').filter({ hasText: /\S/ });
  while (!posted) {
    const shown = await Promise.race([post.then(() => false), question.waitFor({ timeout: STEP_TIMEOUT_MS }).then(() => true)]);
    if (!shown || posted) break;
    const title = await question.innerText();
    steps.push({ at: Date.now(), what: `question "${title}" seen` });
    await page.keyboard.press('Enter');
    steps.push({ at: Date.now(), what: 'Enter pressed on it' });
    await question.filter({ hasText: title }).waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }
  const request = await post;
  // The extension says so in the status bar for 5 s; the next build must not start before it is done.
  await page.locator('.statusbar-item', { hasText: /Northflank: build .+ started/ }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  const requests = emulator.requests.slice(before, emulator.requests.indexOf(request) + 1);
  for (const line of gitCalls.lines().slice(gitBefore).filter(isExtensionGitCall)) {
    const at = gitCallTime(line, pressed);
    if (at !== undefined && at <= request.at) steps.push({ at: Math.round(at), what: 'git started (the repository read, or its count of changes beside the flow)' });
  }
  const timeline = [...requests.map((sent) => ({ at: sent.at, what: `${sent.method} ${sent.path}` })), ...steps]
    .sort((a, b) => a.at - b.at)
    .map(({ at, what }) => `+${at - pressed} ms ${what}`);
  return { ms: request.at - pressed, post: request, timeline };
}

/** Enter on the ping extension's command in the Command Palette to its handler's stamp (see installPingExtension). */
async function pingFromPalette(workbench: Workbench, pingFile: string): Promise<number> {
  await workbench.reset();
  await workbench.waitForPaletteEntry(PING_COMMAND_TITLE);
  await focusRow(workbench.page, workbench, PING_COMMAND_TITLE);
  const stamps = () => (existsSync(pingFile) ? readFileSync(pingFile, 'utf8').split('\n').filter(Boolean).map(Number) : []);
  const before = stamps().length;
  const pressed = Date.now();
  await workbench.page.keyboard.press('Enter');
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const stamp = stamps()[before];
    if (stamp !== undefined) return stamp - pressed;
    if (Date.now() > deadline) throw new Error(`"${PING_COMMAND_TITLE}" did not run within ${STEP_TIMEOUT_MS / 1000} s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 5));
  }
}

/** Enter runs the focused row; after the first run "recently used" may reorder the list. */
async function focusRow(page: Page, workbench: Workbench, label: string): Promise<void> {
  for (let step = 0; step < 10; step++) {
    const focused = (await workbench.quickPickRows().and(page.locator('.focused')).locator('.label-name').innerText()).trim();
    if (focused === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not focus "${label}" in the Command Palette`);
}

async function cliStartToPost(emulator: Emulator, home: CliHome, body: unknown): Promise<number> {
  const before = emulator.requests.length;
  const spawned = Date.now();
  const post = waitForStartBuildPost(emulator, before);
  await runCliStartBuild(home, SEED.projectId, SEED.combinedServiceId, body);
  return (await post).at - spawned;
}

/** The emulator stamps each request when its body has arrived; this only has to notice it. */
function waitForStartBuildPost(emulator: Emulator, from: number): Promise<RecordedRequest> {
  const path = `/v1/projects/${SEED.projectId}/services/${SEED.combinedServiceId}/build`;
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  return new Promise((resolvePost, reject) => {
    const look = () => {
      const found = emulator.requests.slice(from).find((request) => request.method === 'POST' && request.path === path);
      if (found) resolvePost(found);
      else if (Date.now() > deadline) reject(new Error(`no POST ${path} reached the emulator within ${STEP_TIMEOUT_MS / 1000} s`));
      else setTimeout(look, 5);
    };
    look();
  });
}
