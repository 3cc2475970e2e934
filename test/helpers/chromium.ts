import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium as playwright, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium (`npm test` installs the `chromium` package when it is missing, scripts/ensure-chromium.mjs). */
export const CHROMIUM = "/usr/bin/chromium";
/** Headless, sandbox-less as root, and no background traffic of Chromium's own (updates, sync, QUIC). */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A URL that does not leave the machine: loopback, or in-page (blob:, data:, about:). */
export function staysLocal(url: string): boolean {
  if (/^(blob|data|about):/.test(url)) return true;
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

/** A headless Chromium with a throw-away profile; `close()` ends it and removes the profile. */
export interface Chromium {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches Debian's Chromium through playwright-core (which cannot download a browser of its own here). */
export async function launchChromium(): Promise<Chromium> {
  expect({ chromium: CHROMIUM, installed: existsSync(CHROMIUM) }).toEqual({ chromium: CHROMIUM, installed: true });
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  try {
    const context = await playwright.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      context,
      page,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
