/**
 * Cleaners: the Helm apps that run a streams-bootstrap cleanup job for `reset` and `clean` (KPOps' `Cleaner`,
 * `StreamsBootstrapCleaner`). A cleaner is built from its app: the app's data (without `from`, `to`,
 * `diff_config`) enriched again with the defaults of the cleaner types (`streams-app-cleaner`,
 * `streams-bootstrap-cleaner`, `cleaner`, then the app's base chain), its name overrides reset. Its names carry
 * the `-clean` suffix: full name `<prefix><name>-clean`, release and name override trimmed keeping the suffix.
 */
import { field, t, type FieldSpec } from "../../model/field-types";
import { helmNameOverride, helmReleaseName } from "../../util/naming";
import type { HelmApp } from "./helm-app";
import type { ComponentClass } from "./pipeline-component";

export const CLEANER_SUFFIX = "-clean";

/** The Helm names of a cleaner whose full name (with suffix) is `fullName`. */
export function cleanerHelmNames(fullName: string): { helmReleaseName: string; helmNameOverride: string } {
  return {
    helmReleaseName: helmReleaseName(fullName, CLEANER_SUFFIX),
    helmNameOverride: helmNameOverride(fullName, CLEANER_SUFFIX),
  };
}

/** A cleaner's fields: the app's fields with its values model, and no `from` or `to`. */
export function cleanerFields(parentFields: readonly FieldSpec[], valuesField: FieldSpec): FieldSpec[] {
  const own = [
    valuesField,
    field("from_", t.none(), { key: "from", nullable: true, title: "From" }),
    field("to", t.none(), { nullable: true, title: "To" }),
  ];
  const result = [...parentFields];
  for (const spec of own) {
    const index = result.findIndex((existing) => existing.name === spec.name);
    if (index >= 0) result[index] = spec;
    else result.push(spec);
  }
  return result;
}

/** Builds the cleaner of `parent` (KPOps' `StreamsBootstrapCleaner.from_parent`). */
export function buildCleaner<T extends HelmApp>(parent: HelmApp, cleanerClass: ComponentClass<T>): T {
  const data = parent.dumpCompact();
  for (const key of ["diff_config", "from", "to", "type", ...Object.keys(parent.computedFields())]) delete data[key];
  const cleaner = parent.ctx.build(cleanerClass, data);
  cleaner.values.nameOverride = null;
  cleaner.values.fullnameOverride = null;
  return cleaner;
}
