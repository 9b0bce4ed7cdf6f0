/**
 * Plan values -> Pulumi inputs: every value the core marked secret (a `Secret` leaf) becomes `pulumi.secret` on that
 * leaf only, so the rest of the values still shows in previews and diffs.
 */
import * as pulumi from "@pulumi/pulumi";
import { mapSecrets, type MaybeSecret } from "../../core/plan/secret";

/** A plan value tree as Pulumi inputs, with its secret leaves as Pulumi secrets. */
export function toInputs<T>(tree: T): pulumi.Input<T> {
  return mapSecrets(tree, (leaf) => pulumi.secret(leaf.value as pulumi.Input<unknown>)) as pulumi.Input<T>;
}

/** A possibly secret scalar as an input. */
export function toInput<T>(value: MaybeSecret<T> | undefined): pulumi.Input<T> | undefined {
  return value === undefined ? undefined : (toInputs(value) as pulumi.Input<T>);
}

/** Parses a Helm / Go duration (`5m0s`, `300s`, `1h`, `90`) into whole seconds, rounding up; throws on bad text. */
export function parseHelmDuration(duration: string | number): number {
  if (typeof duration === "number") return Math.ceil(duration);
  const text = duration.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  const unitSeconds: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
  const part = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(text); match !== null; match = part.exec(text)) {
    total += Number(match[1]) * unitSeconds[match[2]];
    consumed = part.lastIndex;
  }
  if (consumed !== text.length || text.length === 0) throw new Error(`invalid Helm duration "${duration}"`);
  return Math.ceil(total);
}
