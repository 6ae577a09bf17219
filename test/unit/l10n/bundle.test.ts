import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportMessages } from '../../setup/l10nBundle';

const root = join(__dirname, '..', '..', '..', '..');

describe('l10n/bundle.l10n.json, the strings translators work from', () => {
  it('is what `npm run l10n` exports from the source as it is now', async function () {
    // l10n-dev's own export, in this process: a second Node with its parser took over 20 s on a busy machine.
    this.timeout(60_000);
    const exported = await exportMessages(root);
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
