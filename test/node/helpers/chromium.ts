/**
 * The machine's Chromium for Node tests that drive a real browser (the same binary and flags
 * as web-test-runner.config.mjs): for tests whose subject runs in this process, such as the
 * proxy, and so cannot live in Web Test Runner.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { puppeteerCore } from '@web/test-runner-chrome';

export type Browser = Awaited<ReturnType<typeof puppeteerCore.launch>>;
export type Page = Awaited<ReturnType<Browser['newPage']>>;

const executablePath = [process.env['CHROME_PATH'], '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome']
  .filter((path): path is string => Boolean(path))
  .find((path) => existsSync(path));

/** Launches headless Chromium; without the networking flags it floods the closed network. */
export function launchChromium(): Promise<Browser> {
  assert.ok(executablePath, 'No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
  return puppeteerCore.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
