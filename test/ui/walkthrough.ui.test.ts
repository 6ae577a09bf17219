import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { TOKENS } from '../emulator';
import { REPO_ROOT } from '../vscode/paths';
import { acceptEveryQuestion, answerLinkServices, buildCount, buildRow, linkServices, movePointerAway, openBuildsView, SHOP_LINKS, signOut, waitForLinkRows } from './flows';
import { ui } from './hooks';
import { WRITE_MEDIA } from './media';

const STEP_TIMEOUT_MS = 15_000;

const WEBP_QUALITY = 0.2;

interface Manifest {
  publisher: string;
  name: string;
  contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; media: { image: string } }> }> };
}
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const walkthrough = manifest.contributes.walkthroughs[0];
const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** The image the manifest gives the step whose id ends with `.step`. */
function stepImage(step: string): string {
  const found = walkthrough.steps.find((entry) => entry.id.endsWith(`.${step}`));
  assert.ok(found, `the walkthrough has no step ${step}`);
  return found.media.image;
}

/**
 * Saves the part of the window `locator` covers (plus `margin` pixels): a PNG in the test results
 * always, and with NORTHFLANK_UI_MEDIA=1 a WebP at `mediaPath` too.
 */
async function clip(locator: Locator, name: string, mediaPath: string, margin = 8, bottom?: Locator): Promise<void> {
  const { workbench } = ui();
  const shown = await locator.boundingBox();
  assert.ok(shown, `${name}: nothing to clip, the element is not shown`);
  const end = bottom === undefined ? null : await bottom.boundingBox();
  // Up to the bottom of `bottom` when given: a view's rows, not the empty pane below them.
  const box = end === null ? shown : { ...shown, height: end.y + end.height - shown.y };
  const viewport = workbench.page.viewportSize() ?? { width: 1280, height: 800 };
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  const region = { x, y, width: Math.min(viewport.width - x, Math.ceil(box.width + 2 * margin)), height: Math.min(viewport.height - y, Math.ceil(box.height + 2 * margin)) };
  await workbench.screenshot(name, region);
  if (WRITE_MEDIA) writeFileSync(join(REPO_ROOT, mediaPath), await webp(await workbench.page.screenshot({ clip: region })));
}

/**
 * `png` as a lossy WebP, encoded by the browser's own canvas: the images ship in the .vsix, and at
 * quality 0.2 a screenshot of the workbench is about a third of its PNG's bytes (JPEG at the same
 * quality, about its PNG's), with its text still legible; at 0.1 the letters blur. No image tool
 * to install.
 */
async function webp(png: Buffer): Promise<Buffer> {
  const page = await ui().workbench.page.context().newPage();
  try {
    const encoded = (await page.evaluate(`(async () => {
      const image = new Image();
      image.src = 'data:image/png;base64,${png.toString('base64')}';
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      canvas.getContext('2d').drawImage(image, 0, 0);
      return canvas.toDataURL('image/webp', ${WEBP_QUALITY});
    })()`)) as string;
    assert.match(encoded, /^data:image\/webp;base64,/, 'this browser does not encode WebP');
    return Buffer.from(encoded.slice(encoded.indexOf(',') + 1), 'base64');
  } finally {
    await page.close();
  }
}

describe('The "Build on Northflank" walkthrough', () => {
  it('pictures each step with the real window: the token box, the sign-in welcome, the linked builds', async () => {
    const { workbench } = ui();
    await signOut();
    await workbench.clearNotifications();

    const welcome = (await openBuildsView()).locator('.welcome-view-content');
    await welcome.getByText('Sign in to Northflank with an API token').waitFor({ timeout: STEP_TIMEOUT_MS });
    await movePointerAway();
    await clip(welcome, 'walkthrough-sign-in', stepImage('signIn'), 8, welcome.locator('.monaco-button').first());

    await workbench.runCommand('Northflank: Sign In…');
    await workbench.waitForQuickInput('Sign In to Northflank');
    await clip(workbench.quickInput(), 'walkthrough-token', stepImage('createToken'));
    await workbench.submitInputBox(TOKENS.full);
    await workbench.notificationTextAnywhere(/signed in/i);
    await workbench.clearNotifications();

    const linked = await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length, 3_000);
    // An earlier test may have left another service linked: tick exactly the shop's, as a person would.
    if (linked.length !== SHOP_LINKS.length || linked.some((row) => !SHOP_LINKS.includes(row.name))) await linkServices(SHOP_LINKS);
    assert.deepEqual((await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length)).map((row) => row.name), SHOP_LINKS);
    // A seeded build of the shop's services: the view shows builds, not only the groups.
    await (await buildRow('misty-canyon-2718')).waitFor({ timeout: STEP_TIMEOUT_MS });
    await movePointerAway();
    const pane = await openBuildsView();
    // From the side bar's title (NORTHFLANK: BUILDS, with its buttons) to the last row.
    await clip(workbench.page.locator('.part.sidebar'), 'walkthrough-builds', stepImage('linkAndBuild'), 0, pane.locator('.monaco-list-row').last());
  });

  it('opens from Welcome: Open Walkthrough… with its three steps and their buttons', async () => {
    const { workbench } = ui();
    const page = workbench.page;
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.pickQuickPick(nls['walkthrough.gettingStarted.title']);

    const slide = page.locator('.gettingStartedSlideDetails');
    await slide.waitFor({ timeout: STEP_TIMEOUT_MS });
    const titles = (await slide.locator('.getting-started-step .step-title').allInnerTexts()).map((title) => title.trim());
    assert.deepEqual(titles, ['createToken', 'signIn', 'linkAndBuild'].map((step) => nls[`walkthrough.gettingStarted.${step}.title`]));

    // Each step, opened, shows its image, loaded from the extension's folder.
    for (const step of walkthrough.steps) {
      await slide.locator('.getting-started-step .step-title', { hasText: nls[`${step.id.replace(/^northflank\./, 'walkthrough.')}.title`] }).click();
      const image = slide.locator(`.getting-started-media img[srcset*=${JSON.stringify(encodeURIComponent(step.media.image.split('/').pop() ?? ''))}]`);
      await image.waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.waitForFunction((element) => (element as unknown as { complete: boolean; naturalWidth: number }).complete, await image.elementHandle());
      const width = await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth);
      assert.ok(width > 0, `the image of ${step.id} did not load`);
    }
    await slide.locator('.getting-started-step .step-title', { hasText: nls['walkthrough.gettingStarted.createToken.title'] }).click();

    await movePointerAway();
    await workbench.screenshot('walkthrough');

    // The last step's buttons run the extension's commands.
    await slide.locator('.getting-started-step .step-title', { hasText: nls['walkthrough.gettingStarted.linkAndBuild.title'] }).click();
    const buttons = slide.locator('.getting-started-step.expanded .monaco-button');
    await buttons.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.deepEqual((await buttons.allInnerTexts()).map((label) => label.trim()), ['Link Services', 'Start Build']);
    await page.keyboard.press('Control+W');
  });

  it("takes a signed-out person from its buttons alone to a first build: Sign In, Link Services, Start Build", async () => {
    const { workbench, emulator } = ui();
    const page = workbench.page;
    await signOut();
    await workbench.clearNotifications();
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.pickQuickPick(nls['walkthrough.gettingStarted.title']);
    const slide = page.locator('.gettingStartedSlideDetails');
    const step = (id: string) => slide.locator('.getting-started-step .step-title', { hasText: nls[`walkthrough.gettingStarted.${id}.title`] });
    const button = (label: string) => slide.locator('.getting-started-step.expanded .monaco-button', { hasText: label });

    await step('signIn').click();
    await button('Sign In').click();
    await workbench.waitForQuickInput('Sign In to Northflank');
    await workbench.submitInputBox(TOKENS.full);
    await workbench.notificationTextAnywhere(/Signed in to Northflank as/);

    await step('linkAndBuild').click();
    await button('Link Services').click();
    // What builds this repository is ticked already; an earlier test may have linked more, so tick exactly it.
    await answerLinkServices(SHOP_LINKS);
    await waitForLinkRows((rows) => rows.length === SHOP_LINKS.length);

    const before = buildCount();
    const requests = emulator.requests.length;
    await step('linkAndBuild').click();
    await button('Start Build').click();
    const started = await acceptEveryQuestion(before);
    assert.ok(SHOP_LINKS.includes(started.name), `a build of one of the shop's services started: ${started.name}`);
    const posts = emulator.requests.slice(requests).filter((request) => request.method === 'POST' && request.path.endsWith('/build'));
    assert.equal(posts.length, 1, 'exactly one build was asked for');
    await page.keyboard.press('Control+W');
  });
});
