/** Case conversions and name helpers shared by the core. */
import { createHash } from "node:crypto";

/**
 * PascalCase class name to the kebab-case component type, as KPOps does with pyhumps:
 * `MyStreamsApp` -> `my-streams-app`, `ProducerAppV2` -> `producer-app-v2`, `HTTPSink` -> `http-sink`.
 */
export function toKebabCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();
}

/** snake_case to camelCase as pyhumps does: `image_tag` -> `imageTag`, `max_RAM_percentage` -> `maxRAMPercentage`. */
export function toCamelCase(name: string): string {
  return name.replace(/_+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Shortens a Kubernetes identifier longer than `maxLength`: the first `maxLength - suffix.length` characters
 * lose their last 6, then `-`, the first 5 hex digits of SHA-1 of the whole name and `suffix` are appended.
 * The result is exactly `maxLength` long. Names that fit are returned unchanged.
 */
export function trimName(maxLength: number, name: string, suffix = ""): string {
  if (name.length <= maxLength) return name;
  const exact = name.slice(0, maxLength - suffix.length);
  const hash = createHash("sha1").update(name, "utf8").digest("hex").slice(0, 5);
  return `${exact.slice(0, -6)}-${hash}${suffix}`;
}

/** Helm release names are at most 53 characters. */
export const HELM_RELEASE_NAME_MAX_LENGTH = 53;
/** Kubernetes labels (and so Helm name overrides) are at most 63 characters. */
export const KUBERNETES_LABEL_MAX_LENGTH = 63;
/** CronJob names are at most 52 characters. */
export const CRON_JOB_NAME_MAX_LENGTH = 52;

export function helmReleaseName(fullName: string, suffix = ""): string {
  return trimName(HELM_RELEASE_NAME_MAX_LENGTH, fullName, suffix);
}

export function helmNameOverride(fullName: string, suffix = ""): string {
  return trimName(KUBERNETES_LABEL_MAX_LENGTH, fullName, suffix);
}

/** Lowercase alphanumerics, `-` and `.`, 1 to 253 characters, not all digits, no leading or trailing `-`. */
const KUBERNETES_NAME = /^(?![0-9]+$)(?!.*-$)(?!-)[a-z0-9\-.]{1,253}$/;

export function isValidKubernetesName(name: string): boolean {
  return KUBERNETES_NAME.test(name);
}
