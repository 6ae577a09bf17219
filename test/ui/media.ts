import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SCREENSHOT_DIR } from '../vscode/paths';

/**
 * NORTHFLANK_UI_MEDIA=1 (npm run media) writes the pictures the extension and its README show, from
 * this run of the UI tests, so that they are taken again rather than edited by hand.
 */
export const WRITE_MEDIA = process.env.NORTHFLANK_UI_MEDIA === '1';

/** The screenshots the README shows, by the name the UI tests save them under. */
const README_SCREENSHOTS = [
  'builds-view-running-and-failed',
  'link-services',
  'start-build-target-pick',
  'codelens-build-stage',
  'problems-panel-failure',
  'walkthrough',
  'accounts-menu-signed-in',
];

/** Copies the README's screenshots this run took into media/screenshots/; resolves to those it did not take. */
export function copyReadmeScreenshots(): string[] {
  const missing: string[] = [];
  for (const name of README_SCREENSHOTS) {
    const taken = join(SCREENSHOT_DIR, `${name}.png`);
    if (existsSync(taken)) copyFileSync(taken, join(REPO_ROOT, 'media', 'screenshots', `${name}.png`));
    else missing.push(name);
  }
  return missing;
}
