import type * as vscode from 'vscode';

/**
 * Runs `register` once activate() has returned, in the next turn of the event loop, and holds what it
 * registers. VS Code times activation from loading dist/extension.js to activate()'s return (and the
 * settling of what it returns, which includes microtasks queued meanwhile): what a window needs only
 * after it has started (listeners for builds that conclude later, the code lenses, the pushes followed)
 * is not part of it, and its code, imported by `register`, loads then too.
 */
export function afterActivation(register: () => Promise<vscode.Disposable[]>): vscode.Disposable {
  let disposed = false;
  let registered: vscode.Disposable[] = [];
  const timer = setTimeout(() => {
    void register().then((disposables) => {
      if (disposed) disposables.forEach((disposable) => disposable.dispose());
      else registered = disposables;
    });
  }, 0);
  return {
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
      registered.forEach((disposable) => disposable.dispose());
      registered = [];
    },
  };
}
