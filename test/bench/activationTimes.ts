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
 * Reads this extension's row of "Extension Activation Stats" in Developer: Startup Performance.
 * The extension host times each activation itself (ExtensionActivationTimes); the Running
 * Extensions view shows the sum of the first two as "Activation: N ms".
 */
export async function readActivationTimes(workbench: Workbench): Promise<ActivationTimes> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    await workbench.runCommand('Developer: Startup Performance');
    const lines = workbench.page.locator('.editor-instance .view-lines .view-line');
    await lines.first().waitFor({ timeout: TIMEOUT_MS });
    const row = (await lines.allInnerTexts()).map((line) => line.replace(/\u00a0/g, ' ')).find((line) => line.startsWith(`| ${EXTENSION_ID} `));
    await workbench.runCommand('View: Close All Editors');
    if (row !== undefined) return parseRow(row);
    // The report is written once, when it opens; opened too early, it lacks the extension.
    if (Date.now() > deadline) throw new Error(`Developer: Startup Performance shows no activation of ${EXTENSION_ID}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
}

/** `| id | Eager | Load Code | Call Activate | Finish Activate | Event | By |` */
function parseRow(row: string): ActivationTimes {
  const cells = row.split('|').map((cell) => cell.trim());
  const [loadCode, callActivate, finishActivate] = cells.slice(3, 6).map(Number);
  if (![loadCode, callActivate, finishActivate].every(Number.isFinite)) throw new Error(`cannot read the activation times in "${row}"`);
  return { loadCode, callActivate, finishActivate };
}
