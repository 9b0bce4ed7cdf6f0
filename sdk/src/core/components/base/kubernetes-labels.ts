/**
 * Label values that fit Kubernetes (beyond upstream, KPOps issue #458): a label value is at most 63 characters, so a
 * value built from long pipeline and step names makes the cluster reject the release at deploy time. Values longer
 * than that in the label maps of Helm values (`labels`, `podLabels`, `commonLabels`, any `*Labels`, at any depth) are
 * shortened to 63 characters with a stable hash suffix (the same rule as Helm release names), and each change is
 * reported. Only what is deployed changes (`HelmApp.deployedValues`); `generate` prints the values as KPOps does.
 * Label keys are left alone.
 */
import { isMapping } from "../../defaults/deep-merge";
import { KUBERNETES_LABEL_MAX_LENGTH, trimName } from "../../util/naming";

/** Shortens over-long label values in `values` in place; returns one line per shortened value (its path). */
export function fitLabelValues(values: Record<string, unknown>, path = "values"): string[] {
  const notes: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!isMapping(value)) continue;
    const childPath = `${path}.${key}`;
    if (isLabelMap(key)) {
      for (const [label, text] of Object.entries(value)) {
        if (typeof text !== "string" || text.length <= KUBERNETES_LABEL_MAX_LENGTH) continue;
        value[label] = fitLabelValue(text);
        notes.push(`${childPath}.${label}: label value of ${text.length} characters is deployed as '${value[label] as string}'`);
      }
    } else {
      notes.push(...fitLabelValues(value, childPath));
    }
  }
  return notes;
}

function isLabelMap(key: string): boolean {
  return key === "labels" || key.endsWith("Labels");
}

/** A label value must also start and end with an alphanumeric character; the hash suffix ends with one. */
function fitLabelValue(text: string): string {
  return trimName(KUBERNETES_LABEL_MAX_LENGTH, text).replace(/^[^A-Za-z0-9]+/, "");
}
