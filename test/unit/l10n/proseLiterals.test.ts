import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWAITING_CONVERSION, NOT_USER_TEXT, proseLiterals, readsAsProse, scanVscodeLayer, sourceFiles } from './proseLiterals';

const root = join(__dirname, '..', '..', '..', '..');
const texts = (source: string) => proseLiterals('snippet.ts', source).map((literal) => literal.text);

describe('text for people in src/vscode goes through vscode.l10n.t', () => {
  const scan = scanVscodeLayer(root);
  const where = (found: typeof scan.findings) => found.map((literal) => `${literal.file}:${literal.line}: ${literal.text}`);

  it('finds no prose literal outside vscode.l10n.t in src/vscode (bar the files awaiting conversion)', () => {
    assert.deepEqual(where(scan.findings), [], 'wrap these in vscode.l10n.t, or add them to NOT_USER_TEXT with why, then run npm run l10n');
  });

  const files = sourceFiles(root, 'src/vscode');
  const coveredBy = (entry: string) => files.filter((file) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));

  it('names only files that exist in AWAITING_CONVERSION', () => {
    for (const entry of AWAITING_CONVERSION) assert.ok(coveredBy(entry).length > 0, `${entry} names no file in src/vscode`);
  });

  // Pending, so each run says what is left: the sign-in files are rewritten elsewhere, then converted.
  for (const entry of AWAITING_CONVERSION) {
    const left = scan.awaiting.filter((literal) => coveredBy(entry).includes(literal.file));
    it.skip(`${entry}: ${left.length} prose literal(s) still to go through vscode.l10n.t, then off AWAITING_CONVERSION`);
  }

  it('has no allow-listed literal that the source no longer holds', () => {
    for (const key of Object.keys(NOT_USER_TEXT)) {
      const [file, text] = [key.slice(0, key.indexOf(': ')), key.slice(key.indexOf(': ') + 2)];
      assert.ok(
        proseLiterals(file, readFileSync(join(root, file), 'utf8')).some((literal) => literal.text === text),
        `NOT_USER_TEXT lists "${key}", which is gone: remove it`,
      );
    }
  });

  it('reports a message of the real source once its vscode.l10n.t is taken off', () => {
    const file = 'src/vscode/builds/buildCommands.ts';
    const source = readFileSync(join(root, file), 'utf8');
    const wrapped = "vscode.l10n.t('Northflank: run this from the Builds view.')";
    assert.ok(source.includes(wrapped), `${file} no longer holds the message this test unwraps`);
    const unwrapped = proseLiterals(file, source.replace(wrapped, "'Northflank: run this from the Builds view.'"));
    assert.deepEqual(
      unwrapped.map((literal) => literal.text),
      ['Northflank: run this from the Builds view.'],
    );
  });

  it('reports notifications, labels, titles and placeholders written as strings or templates', () => {
    assert.deepEqual(
      texts(`
        void prompter.notify('error', \`Northflank: build \${id} failed.\`);
        const item = { label: '$(play) Start Another Build…', description: 'current branch', value: 1 };
        quickPick.placeholder = "Which Dockerfile should Northflank build?";
        node.command = { command: 'northflank.refreshBuilds', title: 'Retry' };
      `),
      ['Northflank: build ${} failed.', '$(play) Start Another Build…', 'current branch', 'Which Dockerfile should Northflank build?', 'Retry'],
    );
  });

  it('reports prose passed to vscode.l10n.t as an argument: a sentence put together from pieces', () => {
    assert.deepEqual(texts("vscode.l10n.t('Build of {0} {1}.', name, failed ? 'has failed' : 'succeeded');"), ['has failed']);
  });

  it('leaves out log lines, command ids, context keys, imports, property names, comparisons, types and regexes', () => {
    assert.deepEqual(
      texts(`
        import * as vscode from 'vscode';
        import { x } from '../Some Module';
        log().warn(\`Could not read \${file}: \${message}\`);
        console.error('Something went wrong here');
        void vscode.commands.executeCommand('setContext', 'northflank.hasToken', true);
        vscode.commands.registerCommand('northflank.startBuild', run);
        const labels = { 'Open Settings': 1 };
        if (choice === 'Show Builds') open();
        switch (status) { case 'Not Found': break; }
        type Answer = 'Build Anyway' | 'Push and Build';
        const pattern = new RegExp('^Step \\\\d+ of');
        const icon = new vscode.ThemeIcon('Warning Sign');
        const ok = vscode.l10n.t('Northflank: {0} linked', count);
        const id = \`link:\${key}\`;
        const icons = '$(sync~spin)';
      `),
      [],
    );
  });

  it('reads as prose: words with a space, or a capitalised word; not ids, keys or icons', () => {
    for (const text of ['Retry', 'CI on', 'could not refresh', 'Open ${} at line ${}', '$(history) Like last time']) assert.ok(readsAsProse(text), text);
    for (const text of ['northflank.build.viewLogs', 'warning', 'FAILURE', 'SHA', '$(warning)', ' · ', '${}@${}', '**${}** ', 'files.exclude']) assert.ok(!readsAsProse(text), text);
  });
});
