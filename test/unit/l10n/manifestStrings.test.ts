import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Compiled to out/test/unit/l10n; the manifest stays at the repository root.
const root = join(__dirname, '..', '..', '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as unknown;

/** Every `%key%` reference in the manifest, with where it is, in any field at any depth. */
function references(value: unknown, at = ''): Array<{ key: string; at: string }> {
  if (typeof value === 'string') {
    const match = /^%(.+)%$/.exec(value);
    return match ? [{ key: match[1], at }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => references(item, `${at}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, item]) => references(item, at ? `${at}.${name}` : name));
  return [];
}

describe('package.nls.json, the English of the manifest', () => {
  const manifest = read('package.json');
  const nls = read('package.nls.json') as Record<string, unknown>;
  const used = references(manifest);

  it('finds the references it checks (the contributions are written as %key%)', () => {
    assert.ok(used.length > 40, `only ${used.length} %key% references found in package.json`);
    assert.ok(used.some((ref) => ref.at.startsWith('contributes.viewsWelcome')));
  });

  it('has a non-empty text for every %key% in package.json', () => {
    const missing = used.filter(({ key }) => typeof nls[key] !== 'string' || (nls[key] as string).trim() === '');
    assert.deepEqual(
      missing.map(({ key, at }) => `${key} (at ${at})`),
      [],
      'package.json names keys that package.nls.json does not give a text',
    );
  });

  it('has no key that package.json does not use', () => {
    const keys = new Set(used.map(({ key }) => key));
    assert.deepEqual(
      Object.keys(nls).filter((key) => !keys.has(key)),
      [],
      'package.nls.json holds texts nothing refers to: remove them, or refer to them as %key%',
    );
  });
});
