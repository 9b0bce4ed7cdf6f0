/** The summary table printed at the end of a managed operation: one row per change, in step order. */
import type { OperationFailure, ResourceChange } from "./progress";
import { shortType } from "./progress";

/** The table (plain text, aligned columns); "no changes" when there is none. */
export function summaryTable(changes: readonly ResourceChange[], dryRun: boolean): string {
  if (changes.length === 0) return dryRun ? "Summary: no changes planned\n" : "Summary: no changes\n";
  const header = ["PIPELINE", "STEP", "RESOURCE", "NAME", dryRun ? "PLANNED" : "CHANGE", "STATUS"];
  const rows = changes.map((c) => [
    c.pipeline,
    c.step ?? "-",
    shortType(c.type),
    c.name,
    c.fields && c.fields.length > 0 ? `${c.op} (${c.fields.join(", ")})` : c.op,
    dryRun ? "planned" : c.done ? "done" : "not done",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  return `Summary:\n${[line(header), ...rows.map(line)].join("\n")}\n`;
}

/** One line per failure: `Error: pipeline 'p': step 's': resource 'r': reason`. */
export function failureLines(failures: readonly OperationFailure[]): string {
  return failures
    .map((f) => ["Error:", `pipeline '${f.pipeline}':`, f.step ? `step '${f.step}':` : "", f.resource ? `resource '${f.resource}':` : "", f.reason].filter(Boolean).join(" "))
    .join("\n")
    .concat(failures.length > 0 ? "\n" : "");
}
