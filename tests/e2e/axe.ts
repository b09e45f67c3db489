/**
 * axe-core in the page under test: injects axe's source through the DevTools protocol (the page's
 * CSP would refuse an inline script tag, and the app must run under its real CSP) and reports the
 * serious and critical violations of the whole document, one readable line per failing node.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** The impacts that fail the check (issue 12 item 5). */
const FAILING: readonly ImpactValue[] = ['serious', 'critical'];

/** One rule broken on one screen, with what a reader needs to find and fix it. */
export interface AxeFinding {
  screen: string;
  rule: string;
  impact: ImpactValue | undefined;
  help: string;
  helpUrl: string;
  /** CSS selectors of the failing nodes, with axe's summary of what is wrong with each. */
  nodes: Array<{ target: string; summary: string }>;
}

/** Runs axe on the page as it is now; returns its serious and critical violations. */
export async function axeViolations(page: Page, screen: string): Promise<AxeFinding[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    type Axe = { run(context: Document, options: RunOptions): Promise<AxeResults> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const run = await axe.run(document, { resultTypes: ['violations'] });
    // Only what crosses back: axe's result objects hold DOM references.
    return JSON.parse(JSON.stringify(run.violations)) as AxeResults['violations'];
  });
  return results
    .filter((v) => FAILING.includes(v.impact ?? null))
    .map((v) => ({
      screen,
      rule: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' >> '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
}

/** The findings as a report a failing test prints: rule, impact, help URL, every node. */
export function formatFindings(findings: AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `[${f.screen}] ${f.rule} (${f.impact}): ${f.help}\n  ${f.helpUrl}\n` +
        f.nodes.map((n) => `  - ${n.target}\n      ${n.summary}`).join('\n'),
    )
    .join('\n');
}
