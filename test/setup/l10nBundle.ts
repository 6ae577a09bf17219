import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

/**
 * l10n-dev finds `vscode.l10n.t` only after an ES import of `vscode`. The sources import it the
 * CommonJS way (see eslint.config.mjs: an ES namespace import costs a copy of the API per module at
 * load), so the export reads each file with that one line in ES form.
 */
const COMMONJS_IMPORT = /^import vscode = require\('vscode'\);$/gm;

/** The messages of every TypeScript file under `root`/src, as l10n/bundle.l10n.json holds them. */
export async function exportMessages(root: string): Promise<Record<string, string>> {
  const src = join(root, 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => extname(file) === '.ts')
    .sort()
    .map((file) => ({ extension: '.ts', contents: readFileSync(join(src, file), 'utf8').replace(COMMONJS_IMPORT, "import * as vscode from 'vscode';") }));
  return (await getL10nJson(files)) as Record<string, string>;
}

// `npm run l10n`: writes the bundle translators start from.
if (require.main === module) {
  const root = join(__dirname, '..', '..', '..');
  void exportMessages(root).then((messages) => {
    writeFileSync(join(root, 'l10n', 'bundle.l10n.json'), `${JSON.stringify(messages, null, 2)}\n`);
    console.log(`l10n/bundle.l10n.json: ${Object.keys(messages).length} messages`);
  });
}
