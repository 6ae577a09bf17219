import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('northflank.startBuild', () => {
      void vscode.window.showInformationMessage('Northflank: Start Build is not available yet.');
    }),
  );
}

export function deactivate(): void {}
