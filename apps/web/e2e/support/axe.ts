import axe from "axe-core";
import type { AxeResults, Result } from "axe-core";
import type { Page } from "playwright-core";

export type Violation = Pick<Result, "id" | "impact" | "help"> & { targets: string[] };

/** Runs axe-core in the page as it is now and returns its violations, each with the elements it found. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
      resultTypes: ["violations"],
    }),
  );
  return results.violations.map(({ id, impact, help, nodes }) => ({
    id,
    impact,
    help,
    targets: nodes.map((node) => `${node.target.join(" ")}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, " ")}` : ""}`),
  }));
}

/** What the review counts as blocking: serious and critical violations. */
export const blocking = (violations: Violation[]) => violations.filter((v) => v.impact === "serious" || v.impact === "critical");
