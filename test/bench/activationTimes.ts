import type { Workbench } from '../ui/workbench';

/** What VS Code's extension host recorded when it activated the extension, in milliseconds. */
export interface ActivationTimes {
  /** Loading the main module, dist/extension.js: reading, compiling and running its top level. */
  loadCode: number;
  /** The activate() call until it returned. */
  callActivate: number;
  /** From its return until the promise it returned settled (0 for a synchronous activate()). */
  finishActivate: number;
}

export const EXTENSION_ID = 'northflank-build-community.northflank-build';
const TIMEOUT_MS = 20_000;

/**
 * Reads the rows of `ids` in "Extension Activation Stats" of Developer: Startup Performance, all
 * from the same report of the same window. The extension host times each activation itself
 * (ExtensionActivationTimes); the Running Extensions view shows the sum of the first two as
 * "Activation: N ms".
 */
export async function readActivationTimesOf<Id extends string>(workbench: Workbench, ids: readonly Id[]): Promise<Record<Id, ActivationTimes>> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    await workbench.runCommand('Developer: Startup Performance');
    const lines = workbench.page.locator('.editor-instance .view-lines .view-line');
    await lines.first().waitFor({ timeout: TIMEOUT_MS });
    const texts = (await lines.allInnerTexts()).map((line) => line.replace(/\u00a0/g, ' '));
    await workbench.runCommand('View: Close All Editors');
    const rows = ids.map((id) => texts.find((line) => line.startsWith(`| ${id} `)));
    if (rows.every((row) => row !== undefined)) return Object.fromEntries(ids.map((id, index) => [id, parseRow(rows[index]!)])) as Record<Id, ActivationTimes>;
    // The report is written once, when it opens; opened too early, it lacks the extension.
    if (Date.now() > deadline) throw new Error(`Developer: Startup Performance shows no activation of ${ids.filter((_, index) => rows[index] === undefined).join(', ')}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
}

/** Loading the main module and the activate() call until its promise settled. */
export function loadAndActivateMs(times: ActivationTimes): number {
  return times.loadCode + times.callActivate + times.finishActivate;
}

/** `| id | Eager | Load Code | Call Activate | Finish Activate | Event | By |` */
function parseRow(row: string): ActivationTimes {
  const cells = row.split('|').map((cell) => cell.trim());
  const [loadCode, callActivate, finishActivate] = cells.slice(3, 6).map(Number);
  if (![loadCode, callActivate, finishActivate].every(Number.isFinite)) throw new Error(`cannot read the activation times in "${row}"`);
  return { loadCode, callActivate, finishActivate };
}
