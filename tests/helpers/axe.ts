/**
 * axe-core (npm) in Chromium: injects the engine into a page and reports what it finds against
 * the WCAG 2.2 A and AA rules, keeping the serious and critical violations. The page's CSP does
 * not apply: the engine is evaluated over the DevTools protocol, as a page script never is.
 */
import axe from "axe-core";
import type { Page } from "playwright-core";

/** The rule tags of WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** One failed rule, with the elements that fail it. */
export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

/** The serious and critical WCAG 2.2 AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => "axe" in globalThis);
  if (!injected) await page.evaluate(axe.source);
  return await page.evaluate(async (tags) => {
    // deno-lint-ignore no-explicit-any
    const engine = (globalThis as any).axe;
    const results = await engine.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    // deno-lint-ignore no-explicit-any
    return results.violations.filter((v: any) => v.impact === "serious" || v.impact === "critical")
      // deno-lint-ignore no-explicit-any
      .map((v: any) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        // deno-lint-ignore no-explicit-any
        nodes: v.nodes.map((n: any) => ({
          target: n.target.join(" "),
          summary: n.failureSummary.replace(/\s+/g, " ").trim(),
        })),
      }));
  }, WCAG_22_AA);
}

/** The violations as text, one rule and its elements a paragraph, for an assertion message. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations.map((v) =>
    `${where}: ${v.rule} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 8).map((n) => `  ${n.target}: ${n.summary}`).join("\n") +
    (v.nodes.length > 8 ? `\n  …and ${v.nodes.length - 8} more` : "")
  ).join("\n");
}
