import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run); the tests drive it with playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/**
 * Launch headless Chromium with a fresh profile, no network but 127.0.0.1 (every other request
 * is aborted and host resolution is mapped away), and collect console errors and page errors.
 */
export async function launch(): Promise<{ context: BrowserContext; page: Page; errors: string[]; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'gibbs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-default-apps', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Set a range input as a drag would: new value, then an `input` event. */
export async function setSlider(page: Page, selector: string, value: number): Promise<void> {
  await page.locator(selector).evaluate((input, v) => {
    (input as HTMLInputElement).value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** The pixels of a canvas as a data URL (to compare two moments). */
export function canvasImage(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
}
