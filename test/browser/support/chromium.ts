import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../helpers/paths.js';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * The flags this machine needs (/work/.library/env/machines/node.md): without the background
 * networking ones Chromium keeps dialling Google hosts that the sandbox refuses.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Browser = { context: BrowserContext; close: () => Promise<void> };

/** Debian's Chromium, headless, with a fresh profile. Missing Chromium fails loudly: CI installs it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. The browser tests need Debian's chromium and fonts-wqy-microhei: apt-get install chromium fonts-wqy-microhei (.ci/run installs them).`,
    );
  }
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 860 },
    locale: 'zh-CN',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** Screenshots are kept as test artifacts in test-results/screenshots/ (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(repoRoot, 'test-results', 'screenshots');
  await fs.mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** Uncaught errors, unhandled rejections and CSP violations a page reports, for asserting there were none. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to|Trusted ?(HTML|Script|Type)/i.test(message.text()))
      problems.push(`csp: ${message.text()}`);
  });
  return problems;
}
