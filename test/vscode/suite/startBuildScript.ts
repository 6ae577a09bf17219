import * as vscode from 'vscode';
import { git } from '../../fixtures/workspace';
import { SEED, TOKENS } from '../../emulator';
import type { RecordedRequest } from '../../emulator';
import type { Deps } from '../../../src/vscode/deps';
import type { ExtensionApi } from '../../../src/extension';
import { BACK, type Back, type CheckedInputOptions, type InputOptions, type PickItem, type PickManyItem, type PickOptions, type Prompter, type Severity, type StepOptions } from '../../../src/vscode/prompter';
import type { StoredLink } from '../../../src/vscode/links/buildableLink';
import type { ServiceRef } from '../../../src/northflank/types';
import { activatedExtension, emulator, workspaceRoot } from './environment';

// What the Start Build tests share: a Prompter that answers from a script, a record of the
// messages the extension shows, and the fixture repository put back the way it started.

/**
 * Answer for a question: a label to choose (icons like `$(git-branch)` ignored), text to type, or CANCEL.
 * A multi-select pick takes the list of labels to leave ticked, or TICKED to accept what it ticked itself.
 */
export const CANCEL = Symbol('cancel');
export const TICKED = Symbol('ticked');
/** What a plain Enter does: the preselected item of a pick, the text already in an input, the first button of a modal. */
export const ENTER = Symbol('enter');
export type Answer = string | string[] | typeof CANCEL | typeof TICKED | typeof ENTER | typeof BACK;

/** Answers for a question asked several times (after Back), one a time; the last one repeats. */
export class InTurn {
  readonly answers: Answer[];
  constructor(...answers: Answer[]) {
    this.answers = answers;
  }
}

export interface AskedQuestion {
  kind: 'pick' | 'pickMany' | 'input' | 'ask';
  /** The pick's or input's title; the modal question's message. */
  title: string;
  /** The offered labels (icons removed) or the modal's actions. */
  choices: string[];
  /** Labels of the items shown but not choosable. */
  disabled: string[];
  /** The label preselected for a plain Enter. */
  active?: string;
  /** A multi-select pick's labels ticked before any answer. */
  ticked?: string[];
  /** Whether it had a Back button. */
  back?: boolean;
  /** What a checked input said under the text, each time Enter's check refused it. */
  refusals?: string[];
  answer?: Answer;
}

/**
 * A Prompter answering from a script: each key is a piece of a question's title (or of a modal
 * question's message), each value the answer. A question the script does not answer is cancelled
 * and recorded in `unanswered`, so a test learns about every question it did not expect.
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: AskedQuestion[] = [];

  /**
   * `otherwise` answers every question the script does not: ENTER drives the flow as a person who
   * presses Enter at every question.
   */
  constructor(
    private readonly script: Record<string, Answer | InTurn>,
    private readonly otherwise?: Answer,
  ) {}

  get unanswered(): string[] {
    return this.asked.filter((question) => question.answer === undefined).map((question) => `${question.kind}: ${question.title}`);
  }

  question(titlePart: string): AskedQuestion | undefined {
    return this.asked.find((question) => question.title.includes(titlePart));
  }

  async pick<T>(items: Array<PickItem<T>>, options: PickOptions): Promise<T | undefined> {
    const chosen = await this.pickStep(items, { ...options, back: false });
    if (chosen === BACK) throw new Error(`"${options.title}" has no Back button`);
    return chosen;
  }

  async pickStep<T>(items: Array<PickItem<T>>, options: PickOptions & StepOptions): Promise<T | Back | undefined> {
    const choosable = items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
    const question: AskedQuestion = {
      kind: 'pick',
      title: options.title,
      choices: choosable.map((item) => plain(item.label)),
      disabled: choosable.filter((item) => item.disabledReason).map((item) => plain(item.label)),
      active: plainOf(options.active ? choosable.find((item) => options.active?.(item)) : choosable.find((item) => !item.kind)),
      back: options.back,
    };
    this.asked.push(question);
    question.answer = this.answerFor(options.title);
    if (question.answer === undefined || question.answer === CANCEL) return undefined;
    if (question.answer === BACK) return this.back(question);
    const label = question.answer === ENTER ? question.active : question.answer;
    if (label === undefined) throw new Error(`"${options.title}": Enter chooses nothing`);
    if (typeof label !== 'string') throw new Error(`"${options.title}" is a single pick; answer it with one label`);
    const chosen = choosable.find((item) => plain(item.label) === label);
    if (!chosen) throw new Error(`"${options.title}" offers no "${label}"; it offers ${question.choices.map((c) => `"${c}"`).join(', ')}`);
    if (chosen.disabledReason) throw new Error(`"${label}" is shown disabled in "${options.title}": ${chosen.disabledReason}`);
    return chosen.value;
  }

  async pickMany<T>(items: Array<PickManyItem<T>>, options: PickOptions): Promise<T[] | undefined> {
    const chosen = await this.pickManyStep(items, { ...options, back: false });
    if (chosen === BACK) throw new Error(`"${options.title}" has no Back button`);
    return chosen;
  }

  async pickManyStep<T>(items: Array<PickManyItem<T>>, options: PickOptions & StepOptions): Promise<T[] | Back | undefined> {
    const choosable = items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
    const question: AskedQuestion = {
      kind: 'pickMany',
      title: options.title,
      choices: choosable.map((item) => plain(item.label)),
      disabled: [],
      ticked: choosable.filter((item) => item.picked).map((item) => plain(item.label)),
      back: options.back,
    };
    this.asked.push(question);
    question.answer = this.answerFor(options.title);
    if (question.answer === undefined || question.answer === CANCEL) return undefined;
    if (question.answer === BACK) return this.back(question);
    if (question.answer === TICKED || question.answer === ENTER) return choosable.filter((item) => item.picked).map((item) => item.value);
    const labels = typeof question.answer === 'string' ? [question.answer] : question.answer;
    const missing = labels.filter((label) => !choosable.some((item) => plain(item.label) === label));
    if (missing.length > 0) throw new Error(`"${options.title}" offers no ${missing.join(', ')}; it offers ${question.choices.join(', ')}`);
    return choosable.filter((item) => labels.includes(plain(item.label))).map((item) => item.value);
  }

  async input(options: InputOptions): Promise<string | undefined> {
    const entered = await this.inputStep({ ...options, back: false });
    if (entered === BACK) throw new Error(`"${options.title}" has no Back button`);
    return entered;
  }

  async inputStep(options: InputOptions & StepOptions): Promise<string | Back | undefined> {
    const question: AskedQuestion = { kind: 'input', title: options.title, choices: [], disabled: [], back: options.back };
    this.asked.push(question);
    question.answer = this.answerFor(options.title);
    if (question.answer === undefined || question.answer === CANCEL) return undefined;
    if (question.answer === BACK) return this.back(question);
    const text = question.answer === ENTER ? (options.value ?? '') : question.answer;
    if (typeof text !== 'string') throw new Error(`"${options.title}" takes text`);
    const refusal = await options.validateInput?.(text);
    if (refusal) throw new Error(`"${options.title}" refuses "${text}": ${typeof refusal === 'string' ? refusal : refusal.message}`);
    return text;
  }

  /**
   * Enter runs the check; a refusal is recorded under the question and the next answer is typed, as a
   * person would fix the text in the box that stayed open. Script several answers with InTurn.
   */
  async inputChecked<R>(options: CheckedInputOptions<R>): Promise<R | undefined> {
    const question: AskedQuestion = { kind: 'input', title: options.title, choices: [], disabled: [], back: false, refusals: [] };
    this.asked.push(question);
    for (let turn = 0; turn < 5; turn++) {
      question.answer = this.answerFor(options.title);
      if (question.answer === undefined || question.answer === CANCEL) return undefined;
      const text = question.answer === ENTER ? (options.value ?? '') : question.answer;
      if (typeof text !== 'string') throw new Error(`"${options.title}" takes text`);
      const refusal = await options.validateInput?.(text);
      if (refusal) throw new Error(`"${options.title}" refuses "${text}": ${typeof refusal === 'string' ? refusal : refusal.message}`);
      const checked = await options.check(text);
      if ('result' in checked) return checked.result;
      question.refusals?.push(checked.refusal);
    }
    throw new Error(`"${options.title}" was refused 5 times: ${question.refusals?.join(' | ')}`);
  }

  /** Recorded (see `recordMessages`); a script key matching the message clicks one of its actions. */
  async notify<A extends string>(severity: Severity, message: string, ...actions: A[]): Promise<A | undefined> {
    said.push({ severity, text: message, actions: [...actions] });
    const key = Object.keys(this.script).find((part) => message.includes(part));
    const answer = key === undefined ? undefined : this.script[key];
    return actions.find((action) => action === answer);
  }

  async ask<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined> {
    const question: AskedQuestion = { kind: 'ask', title: `${message} ${detail}`, choices: [...actions], disabled: [] };
    this.asked.push(question);
    question.answer = this.answerFor(question.title);
    if (question.answer === undefined || question.answer === CANCEL) return undefined;
    const chosen = question.answer === ENTER ? actions[0] : actions.find((action) => action === question.answer);
    if (!chosen) throw new Error(`"${message}" offers no "${String(question.answer)}"; it offers ${actions.join(', ')}`);
    return chosen;
  }

  private readonly times = new Map<string, number>();

  private answerFor(title: string): Answer | undefined {
    const key = Object.keys(this.script).find((part) => title.includes(part));
    if (key === undefined) return this.otherwise;
    const entry = this.script[key];
    const time = this.times.get(key) ?? 0;
    this.times.set(key, time + 1);
    if (entry instanceof InTurn) return entry.answers[Math.min(time, entry.answers.length - 1)];
    // A plain BACK is pressed once: asked again, the question is answered with Enter.
    return entry === BACK && time > 0 ? ENTER : entry;
  }

  private back(question: AskedQuestion): Back {
    if (!question.back) throw new Error(`"${question.title}" has no Back button`);
    return BACK;
  }
}

function plain(label: string): string {
  return label.replace(/\$\([^)]+\)/g, '').trim();
}

function plainOf(item: vscode.QuickPickItem | undefined): string | undefined {
  return item === undefined ? undefined : plain(item.label);
}

export interface ShownMessage {
  severity: 'error' | 'warning' | 'information';
  text: string;
  /** The buttons offered with it. */
  actions: string[];
}

/** Every message a ScriptedPrompter was given, in order, whichever prompter the test installed. */
const said: ShownMessage[] = [];

/**
 * What the extension tells the user from now on, through the Prompter seam (a ScriptedPrompter must be
 * installed, as `useStartBuildState` and the Builds state do). Messages are recorded, not shown.
 */
export function recordMessages(): { readonly shown: ShownMessage[] } {
  const from = said.length;
  return {
    get shown() {
      return said.slice(from);
    },
  };
}

export const LINKS: Record<'combined' | 'build', StoredLink & ServiceRef> = {
  combined: { projectId: SEED.projectId, serviceId: SEED.combinedServiceId, name: 'Web Combined', kind: 'combined' },
  build: { projectId: SEED.projectId, serviceId: SEED.buildServiceId, name: 'API Builder', kind: 'build' },
};

/**
 * Signs in with exactly this one token, as its team (the emulator knows whose it is), without a
 * request: tests that count requests count only their own.
 */
export async function signInOnly(deps: Deps, token: string): Promise<void> {
  const accounts = await deps.accounts.list();
  if (accounts.length === 1 && accounts[0].token === token) return;
  await deps.accounts.clear();
  const teamId = teamOfToken(token);
  await deps.accounts.add(token, { teamId, label: teamId });
}

/** The team the emulator's seed puts a token in. */
export function teamOfToken(token: string): string {
  const state = emulator().state;
  const seeded = state.tokens.find((entry) => entry.token === token) as { teamId?: string } | undefined;
  return seeded?.teamId ?? state.team.id;
}

export async function extensionDeps(): Promise<Deps> {
  return ((await activatedExtension()).exports as ExtensionApi).deps();
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.getWorkspaceFolder(workspaceRoot());
  if (!folder) throw new Error('no workspace folder');
  return folder;
}

/** Git in the fixture repository, with the fixture's fixed identity. */
export function fixtureGit(...args: string[]): string {
  return git(workspaceRoot().fsPath, args);
}

/** The bare repository the fixture pushes to. */
export function fixtureOrigin(): string {
  // origin is the shop's GitHub URL; insteadOf points it at the bare repository on disk.
  return fixtureGit('ls-remote', '--get-url', 'origin');
}

let originalMain: string | undefined;

/** Back to how the fixture was created: main checked out at the first main commit seen, on origin too, nothing uncommitted. */
export function resetFixtureRepository(): void {
  originalMain ??= fixtureGit('rev-parse', 'origin/main');
  fixtureGit('checkout', '--quiet', '--force', 'main');
  fixtureGit('reset', '--quiet', '--hard', originalMain);
  fixtureGit('clean', '--quiet', '--force', '-d');
  if (fixtureGit('rev-parse', 'origin/main') !== originalMain) fixtureGit('push', '--quiet', '--force', 'origin', `${originalMain}:main`);
}

export function fixtureUri(path: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...path.split('/'));
}

/** The start-build POSTs the emulator received since `from` (an index into its requests). */
/**
 * Resolves once VS Code's file watcher has reported each file (paths from the workspace root) as
 * created (or changed, when it was deleted just before), or a new folder holding it (it may report
 * only that): what the extension keeps of the workspace follows the same events. Call it before writing.
 */
export function whenCreated(paths: string[], timeoutMs = 10_000): Promise<void> {
  const waiting = new Set(paths);
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceFolder(), '**/*'), false, false, true);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`VS Code reported no creation of ${[...waiting].join(', ')} within ${timeoutMs} ms`)), timeoutMs);
    const seen = (uri: vscode.Uri) => {
      const created = vscode.workspace.asRelativePath(uri, false);
      for (const path of waiting) if (path === created || path.startsWith(`${created}/`)) waiting.delete(path);
      if (waiting.size === 0) {
        clearTimeout(timer);
        resolve();
      }
    };
    watcher.onDidCreate(seen);
    // A file deleted and made again at once (a test after one that committed it) is reported as changed.
    watcher.onDidChange(seen);
  }).finally(() => watcher.dispose());
}

export function startBuildPosts(from: number): RecordedRequest[] {
  return emulator()
    .requests.slice(from)
    .filter((request) => request.method === 'POST' && request.path.endsWith('/build'));
}

/** What earlier builds taught the extension (last time's choices, the answer for a Dockerfile) would change the questions. */
export async function forgetRememberedChoices(deps: Deps): Promise<void> {
  const state = deps.context.workspaceState;
  for (const key of state.keys()) if (/^northflank\.(lastBuild|lastBuilt|dockerfileChoice):/.test(key)) await state.update(key, undefined);
}

/**
 * Each Start Build test starts from the same place: the fixture as created, the full token stored,
 * no service linked, and the real prompter back after the test.
 */
export function useStartBuildState(): { deps(): Deps; script(answers: Record<string, Answer | InTurn>, otherwise?: Answer): ScriptedPrompter } {
  let deps: Deps | undefined;
  let original: Prompter | undefined;
  beforeEach(async () => {
    deps = await extensionDeps();
    original = deps.prompter;
    resetFixtureRepository();
    await signInOnly(deps, TOKENS.full);
    await deps.links.setPersonal(workspaceFolder(), []);
    await forgetRememberedChoices(deps);
  });
  afterEach(async () => {
    if (deps && original) deps.prompter = original;
    resetFixtureRepository();
    await vscode.commands.executeCommand('notifications.clearAll');
  });
  const current = (): Deps => {
    if (!deps) throw new Error('useStartBuildState() is only usable inside a test');
    return deps;
  };
  return {
    deps: current,
    script: (answers, otherwise?: Answer) => {
      const prompter = new ScriptedPrompter(answers, otherwise);
      current().prompter = prompter;
      return prompter;
    },
  };
}
