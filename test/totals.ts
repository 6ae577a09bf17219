import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './vscode/paths';

// Each suite leaves its counts here, so `npm test` can close with one line for the whole run.
const DIRECTORY = join(REPO_ROOT, 'test-results', 'totals');

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export function recordTotals(label: string, totals: Totals): void {
  mkdirSync(DIRECTORY, { recursive: true });
  writeFileSync(join(DIRECTORY, `${label}.json`), JSON.stringify(totals));
}

function grandTotal(): Totals & { suites: string[] } {
  const sum = { passed: 0, failed: 0, skipped: 0, suites: [] as string[] };
  for (const file of readdirSync(DIRECTORY, { withFileTypes: true }).filter((f) => f.name.endsWith('.json'))) {
    const totals = JSON.parse(readFileSync(join(DIRECTORY, file.name), 'utf8')) as Totals;
    sum.passed += totals.passed;
    sum.failed += totals.failed;
    sum.skipped += totals.skipped;
    sum.suites.push(file.name.replace(/\.json$/, ''));
  }
  return sum;
}

if (require.main === module) {
  if (process.argv.includes('--reset')) {
    rmSync(DIRECTORY, { recursive: true, force: true });
  } else {
    const total = grandTotal();
    console.log(`\nsuites: ${total.suites.join(', ')}`);
    console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
    process.exitCode = total.failed > 0 || total.suites.length === 0 ? 1 : 0;
  }
}
