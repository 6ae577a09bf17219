import vscode = require('vscode');

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
  /** Shown but refused when chosen, with this reason. */
  disabledReason?: string;
}

export interface PickManyItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface PickOptions {
  title: string;
  placeholder?: string;
  /** The item picked when the user just presses Enter. */
  active?: (item: PickItem<unknown>) => boolean;
}

/**
 * What a question answers when its Back button is pressed. A registered symbol, so that the tests'
 * own compiled copy of this module and the extension's bundle agree on it.
 */
export const BACK: unique symbol = Symbol.for('northflank.back') as never;
export type Back = typeof BACK;

/** A question of a flow of several: it has a Back button unless it is the first asked. */
export interface StepOptions {
  back: boolean;
}

export type InputOptions = vscode.InputBoxOptions & { title: string };

export type Severity = 'information' | 'warning' | 'error';

/** What checking an entered text found: a refusal to show under the text, or the result to go on with. */
export type Checked<R> = { refusal: string; /** Enter may try the same text again (a network failure); else it must change first. */ canRetry?: boolean } | { result: R };

/** An input whose Enter runs a slow check (a request) while the box stays open, showing what it refused. */
export type CheckedInputOptions<R> = InputOptions & { check(value: string): Promise<Checked<R>> };

const SHOW: Record<Severity, <A extends string>(message: string, ...actions: A[]) => Thenable<A | undefined>> = {
  information: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warning: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
};

/**
 * The questions the flows ask. Everything goes through here so each step is a
 * small function of its answers, and cancelling any question ends the flow.
 */
export interface Prompter {
  pick<T>(items: Array<PickItem<T>>, options: PickOptions): Promise<T | undefined>;
  /** A question of a flow of several, which may answer BACK. */
  pickStep<T>(items: Array<PickItem<T>>, options: PickOptions & StepOptions): Promise<T | Back | undefined>;
  /** Several answers; items marked `picked` start ticked. Undefined on cancel, [] when all are unticked. */
  pickMany<T>(items: Array<PickManyItem<T>>, options: PickOptions): Promise<T[] | undefined>;
  pickManyStep<T>(items: Array<PickManyItem<T>>, options: PickOptions & StepOptions): Promise<T[] | Back | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  inputStep(options: InputOptions & StepOptions): Promise<string | Back | undefined>;
  /** Resolves to the check's result once a text passes it; undefined when cancelled. */
  inputChecked<R>(options: CheckedInputOptions<R>): Promise<R | undefined>;
  /**
   * A message that stops nothing (a notification); resolves to the action clicked, if any, which can
   * be long after the flow that said it has ended, so flows do not await it.
   */
  notify<A extends string>(severity: Severity, message: string, ...actions: A[]): Promise<A | undefined>;
  /** A modal question; resolves to the chosen action or undefined for Cancel. */
  ask<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined>;
}

export const windowPrompter: Prompter = {
  async pick<T>(items: Array<PickItem<T>>, options: PickOptions): Promise<T | undefined> {
    const chosen = await pickEnabled(items, { ...options, back: false });
    return chosen === BACK ? undefined : chosen;
  },
  pickStep: pickEnabled,
  async pickMany<T>(items: Array<PickManyItem<T>>, options: PickOptions): Promise<T[] | undefined> {
    const chosen = await pickManyStep(items, { ...options, back: false });
    return chosen === BACK ? undefined : chosen;
  },
  pickManyStep,
  async input(options: InputOptions): Promise<string | undefined> {
    const entered = await showInput({ ...options, back: false });
    return entered === BACK ? undefined : entered;
  },
  inputStep: showInput,
  inputChecked: showCheckedInput,
  async notify<A extends string>(severity: Severity, message: string, ...actions: A[]): Promise<A | undefined> {
    return SHOW[severity](message, ...actions);
  },
  async ask<A extends string>(message: string, detail: string, ...actions: A[]) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  },
};

async function pickEnabled<T>(items: Array<PickItem<T>>, options: PickOptions & StepOptions): Promise<T | Back | undefined> {
  for (;;) {
    const chosen = await showPick(items, { ...options, many: false });
    if (chosen === undefined || chosen === BACK) return chosen;
    const [item] = chosen;
    if (!item) return undefined;
    if (!item.disabledReason) return item.value;
    await vscode.window.showWarningMessage(vscode.l10n.t("{0} can't be chosen: {1}", item.label, item.disabledReason), { modal: true });
  }
}

async function pickManyStep<T>(items: Array<PickManyItem<T>>, options: PickOptions & StepOptions): Promise<T[] | Back | undefined> {
  const chosen = await showPick(items, { ...options, many: true });
  return chosen === BACK || chosen === undefined ? chosen : chosen.map((item) => item.value);
}

type ShowPickOptions = PickOptions & Partial<StepOptions> & { many: boolean };

/** One quick pick, single or multiple, with a Back button for the later questions of a flow. */
function showPick<I extends vscode.QuickPickItem>(items: I[], options: ShowPickOptions): Promise<I[] | Back | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<I>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = options.many;
    quickPick.canSelectMany = options.many;
    quickPick.ignoreFocusOut = true;
    quickPick.items = items;
    if (options.back) quickPick.buttons = [vscode.QuickInputButtons.Back];
    if (options.many) quickPick.selectedItems = items.filter((item) => item.picked);
    const active = options.active ? items.find((item) => options.active?.(item as unknown as PickItem<unknown>)) : undefined;
    if (active) quickPick.activeItems = [active];
    let settled = false;
    const settle = (answer: I[] | Back | undefined) => {
      settled = true;
      resolve(answer);
      quickPick.hide();
    };
    quickPick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle(BACK));
    quickPick.onDidAccept(() => {
      if (options.many) return settle([...quickPick.selectedItems]);
      const chosen = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      settle(chosen ? [chosen] : undefined);
    });
    quickPick.onDidHide(() => {
      if (!settled) resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

/** An input box set up from the options, whose text is checked (`validateInput`) as the person types. */
function checkingInputBox(options: InputOptions): { box: vscode.InputBox; problem(value: string): Promise<string | undefined> } {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.value = options.value ?? '';
  box.password = options.password ?? false;
  box.ignoreFocusOut = true;
  const problem = async (value: string): Promise<string | undefined> => {
    const refusal = await options.validateInput?.(value);
    return typeof refusal === 'string' ? refusal || undefined : (refusal?.message ?? undefined);
  };
  box.onDidChangeValue(async (value) => {
    const refusal = await problem(value);
    if (box.value === value) box.validationMessage = refusal;
  });
  return { box, problem };
}

/** An input box that checks as the person types, refuses Enter while the text is refused, and can go Back. */
function showInput(options: InputOptions & StepOptions): Promise<string | Back | undefined> {
  return new Promise((resolve) => {
    const { box, problem } = checkingInputBox(options);
    if (options.back) box.buttons = [vscode.QuickInputButtons.Back];
    let settled = false;
    const settle = (answer: string | Back | undefined) => {
      settled = true;
      resolve(answer);
      box.hide();
    };
    box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle(BACK));
    box.onDidAccept(async () => {
      const value = box.value;
      const refusal = await problem(value);
      box.validationMessage = refusal;
      if (!refusal) settle(value);
    });
    box.onDidHide(() => {
      if (!settled) resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}

/**
 * An input box that stays open while Enter's check runs (busy, not editable), and shows a refusal
 * under the text, so a person fixes the text where they typed it instead of starting over.
 */
function showCheckedInput<R>(options: CheckedInputOptions<R>): Promise<R | undefined> {
  return new Promise((resolve) => {
    const { box, problem } = checkingInputBox(options);
    let settled = false;
    let checking = 0;
    box.onDidAccept(async () => {
      if (box.busy) return;
      const value = box.value;
      const refusal = await problem(value);
      box.validationMessage = refusal;
      if (refusal) return;
      const turn = ++checking;
      box.busy = true;
      box.enabled = false;
      const checked = await options.check(value).catch((error: unknown): Checked<R> => ({ refusal: error instanceof Error ? error.message : String(error) }));
      if (settled || turn !== checking) return;
      box.busy = false;
      box.enabled = true;
      if ('refusal' in checked) {
        // An Error keeps Enter refused until the text changes; a Warning lets Enter try the same text again.
        const severity = checked.canRetry ? vscode.InputBoxValidationSeverity.Warning : vscode.InputBoxValidationSeverity.Error;
        box.validationMessage = { message: checked.refusal, severity };
        return;
      }
      settled = true;
      resolve(checked.result);
      box.hide();
    });
    box.onDidHide(() => {
      if (!settled) resolve(undefined);
      settled = true;
      box.dispose();
    });
    box.show();
  });
}
