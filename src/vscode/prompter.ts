import * as vscode from 'vscode';

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
 * The questions the flows ask. Everything goes through here so each step is a
 * small function of its answers, and cancelling any question ends the flow.
 */
export interface Prompter {
  pick<T>(items: Array<PickItem<T>>, options: PickOptions): Promise<T | undefined>;
  /** Several answers; items marked `picked` start ticked. Undefined on cancel, [] when all are unticked. */
  pickMany<T>(items: Array<PickManyItem<T>>, options: PickOptions): Promise<T[] | undefined>;
  input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined>;
  /** A modal question; resolves to the chosen action or undefined for Cancel. */
  ask<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined>;
}

export const windowPrompter: Prompter = {
  async pick<T>(items: Array<PickItem<T>>, options: PickOptions): Promise<T | undefined> {
    for (;;) {
      const chosen = await showPick(items, options);
      if (!chosen) return undefined;
      if (!chosen.disabledReason) return chosen.value;
      await vscode.window.showWarningMessage(`${chosen.label} can't be chosen: ${chosen.disabledReason}`, { modal: true });
    }
  },
  async pickMany<T>(items: Array<PickManyItem<T>>, options: PickOptions): Promise<T[] | undefined> {
    const chosen = await vscode.window.showQuickPick(items, {
      title: options.title,
      placeHolder: options.placeholder,
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    return chosen?.map((item) => item.value);
  },
  async input(options) {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  },
  async ask<A extends string>(message: string, detail: string, ...actions: A[]) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  },
};

function showPick<T>(items: Array<PickItem<T>>, options: PickOptions): Promise<PickItem<T> | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.matchOnDescription = true;
    quickPick.ignoreFocusOut = true;
    quickPick.items = items;
    const active = options.active ? items.find((item) => options.active?.(item)) : undefined;
    if (active) quickPick.activeItems = [active];
    let settled = false;
    quickPick.onDidAccept(() => {
      settled = true;
      resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!settled) resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
