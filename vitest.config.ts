import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The browser tests drive Debian's Chromium. CI installs it and must run them (a missing browser fails
// there); on a developer's machine without it they are left out, and we say so rather than pass silently.
const CHROMIUM = '/usr/bin/chromium';
const runBrowserTests = existsSync(CHROMIUM) || process.env.CI === 'true' || process.env.REQUIRE_BROWSER_TESTS === 'true';
if (!runBrowserTests) {
  process.stderr.write(`\n  NOTE: browser tests skipped: no Chromium at ${CHROMIUM}. Install it with: apt-get install chromium fonts-wqy-microhei\n\n`);
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Tests never reach the network: only loopback and Unix sockets connect.
          setupFiles: ['test/helpers/loopbackOnly.ts'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['test/db/**/*.db.test.ts'],
          // Starts a throwaway PostgreSQL (or uses DATABASE_URL) and migrates a template database once.
          globalSetup: ['test/helpers/globalDb.ts'],
          setupFiles: ['test/helpers/loopbackOnly.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'transcripts',
          // One YAML conversation per file in test/transcripts/, through the real engine and database.
          include: ['test/transcripts/**/*.test.ts'],
          globalSetup: ['test/helpers/globalDb.ts'],
          setupFiles: ['test/helpers/loopbackOnly.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(runBrowserTests
        ? [
            {
              test: {
                name: 'browser',
                // Headless Debian Chromium against the real service (a child process) on real PostgreSQL.
                include: ['test/browser/**/*.browser.test.ts'],
                globalSetup: ['test/helpers/globalDb.ts'],
                // Each file starts its own service and browser; two at once is all 2 cores take.
                maxWorkers: 2,
                // A group of its own (vitest needs one for a different maxWorkers): runs after the others.
                sequence: { groupOrder: 1 },
                testTimeout: 120_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
