import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

describe('l10n/bundle.l10n.json, the strings translators work from', () => {
  let exportDir: string;
  before(() => {
    exportDir = mkdtempSync(join(tmpdir(), 'northflank-l10n-'));
  });
  after(() => rmSync(exportDir, { recursive: true, force: true }));

  it('is what `npm run l10n` exports from the source as it is now', function () {
    this.timeout(20_000);
    const l10nDev = dirname(require.resolve('@vscode/l10n-dev/package.json'));
    const { bin } = JSON.parse(readFileSync(join(l10nDev, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    execFileSync(process.execPath, [join(l10nDev, bin['vscode-l10n-dev']), 'export', '--outDir', exportDir, './src'], { cwd: root, stdio: 'pipe' });
    const exported = JSON.parse(readFileSync(join(exportDir, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const committed = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.ok(Object.keys(exported).length > 100, 'the export found few strings: is the source still using vscode.l10n.t?');
    // Compared as sets of messages: the order follows the file walk, which may differ between machines.
    assert.deepEqual(
      {
        added: Object.keys(exported).filter((key) => !(key in committed)),
        removed: Object.keys(committed).filter((key) => !(key in exported)),
        changed: Object.keys(exported).filter((key) => key in committed && committed[key] !== exported[key]),
      },
      { added: [], removed: [], changed: [] },
      'l10n/bundle.l10n.json is stale: run npm run l10n and commit it',
    );
  });
});
