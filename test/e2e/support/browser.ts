// Headless Debian Chromium (/usr/bin/chromium) driven by playwright-core, for the console's tests.
// Nothing is downloaded: the browser is the machine's (apt-get install chromium; .ci/run does it).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a closed network: no background traffic, no first-run, no sync; root needs --no-sandbox. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ConsoleBrowser {
  context: BrowserContext;
  /** Messages the page logged that mention the Content-Security-Policy (there must be none). */
  cspViolations: string[];
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
}

/** Starts Chromium on a fresh profile (its own --user-data-dir, removed on close). */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'rwa-console-chromium-'));
  // headless: Playwright passes --headless, which is the new headless mode in Chromium >= 132.
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 } });
  const cspViolations: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => cspViolations.push(`page error: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    cspViolations,
    newPage: async (viewport = { width: 1280, height: 800 }) => {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where the tests write the screenshots committed under docs/console/. */
export function screenshotPath(rootDir: string, name: string): string {
  const path = join(rootDir, 'docs', 'console', `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** Presses Tab (only the keyboard) until the focused element satisfies `matches`; fails after `max` presses. */
export async function tabTo(page: Page, description: string, matches: (element: { tag: string; name: string; text: string; id: string }) => boolean, max = 80): Promise<void> {
  const path: string[] = [];
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    // Runs in the page (a string: this file is compiled without the DOM's types).
    const focused = (await page.evaluate(`(() => {
      const element = document.activeElement;
      if (!element) return { tag: '', name: '', text: '', id: '' };
      const label = element.id ? document.querySelector('label[for="' + element.id + '"]') : null;
      const name = element.getAttribute('aria-label') ?? (label ? label.textContent : '') ?? '';
      return { tag: element.tagName.toLowerCase(), name: name.trim(), text: (element.textContent ?? '').trim(), id: element.id };
    })()`)) as { tag: string; name: string; text: string; id: string };
    if (matches(focused)) return;
    path.push(focused.id || `${focused.tag}:${(focused.name || focused.text).slice(0, 30)}`);
  }
  throw new Error(`Tab never reached ${description} after ${max} presses; the focus went through ${path.join(' > ')}`);
}

/** Interactive roles that must carry an accessible name. */
const NAMED_ROLES = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'listbox', 'checkbox', 'radio', 'spinbutton', 'slider', 'switch', 'tab', 'menuitem']);

/**
 * Reads the page's accessibility tree (as screen readers get it, over the DevTools protocol) and
 * answers every interactive node without a name, and how many interactive nodes there were.
 */
export async function unlabelledControls(page: Page): Promise<{ checked: number; unlabelled: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
    const interactive = nodes.filter((node) => !node.ignored && NAMED_ROLES.has(node.role?.value ?? ''));
    return {
      checked: interactive.length,
      unlabelled: interactive.filter((node) => !(node.name?.value ?? '').trim()).map((node) => `${node.role?.value} without a name`),
    };
  } finally {
    await cdp.detach();
  }
}
