import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Flags for headless Chromium on a closed network: without the background-networking ones Chromium
 * reaches out on its own (updates, sync, field trials), which both fails here and would spoil the
 * "no network request" assertion.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium is: `$CHROMIUM_PATH` when set (and only there), else Debian's package (`.ci/run` installs it). */
export function chromiumPath(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  const candidates = explicit ? [explicit] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => existsSync(path));
}

/**
 * Launches headless Chromium for a browser test file (call it from `before`). Without Chromium the
 * tests are skipped with a note, except under CI (`CI=true`), where a skipped browser test would hide
 * a broken report, so it fails instead.
 */
export async function launchChromiumOrSkip(context: Mocha.Context): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) {
    const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : 'no /usr/bin/chromium';
    const why = `${where} (install Debian package "chromium", as .ci/run does, or set CHROMIUM_PATH)`;
    if (process.env.CI === 'true') throw new Error(`browser test cannot run under CI=true: ${why}`);
    process.stderr.write(`      (skipped: ${why})\n`);
    context.skip();
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** A page with every request it makes recorded (URLs, in order), in a fresh context closed by `close`. */
export interface RecordingPage {
  page: Page;
  requests: string[];
  close: () => Promise<void>;
}

/**
 * Opens `url` in a new context and records every request the context makes, the navigation included.
 * `bypassCSP` turns the page's Content-Security-Policy off, to prove escaping holds without it; `width`
 * is the viewport's (default 1280 px).
 */
export async function openRecording(browser: Browser, url: string, options: { bypassCSP?: boolean; width?: number } = {}): Promise<RecordingPage> {
  const viewport = { width: options.width ?? 1280, height: 800 };
  const context: BrowserContext = await browser.newContext({ viewport, bypassCSP: options.bypassCSP ?? false });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}
