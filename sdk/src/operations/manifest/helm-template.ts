/**
 * A `helm template` of a release plan, as the kubernetes provider's Helm engine takes it (the options of its
 * `kubernetes:helm:template` function): the chart from its mirror, repository or local path, the values KPOps
 * passes (secrets revealed: the output is a manifest to apply) with the part's annotations merged into the
 * values' `annotations`, the release name, the namespace and `--api-versions`.
 */
import * as path from "path";
import { mapSecrets, reveal } from "../../core/plan/secret";
import type { ReleasePlan } from "../../core/plan/types";

/** The options of the provider's `kubernetes:helm:template` function (its JSON `jsonOpts`). */
export interface HelmTemplateOptions {
  readonly release_name: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
  /** A local chart folder or `.tgz`. */
  readonly path?: string;
  /** The chart's name in its repository (with `fetch_opts.repo`). */
  readonly chart?: string;
  readonly version?: string;
  readonly fetch_opts?: {
    readonly repo: string;
    readonly version?: string;
    readonly username?: string;
    readonly password?: string;
    readonly ca_file?: string;
    readonly cert_file?: string;
  };
  readonly api_versions?: string[];
}

/** The template options of `release`, with `annotations` added to its values' `annotations`. */
export function helmTemplateOptions(release: ReleasePlan, annotations: Readonly<Record<string, string>> = {}, cwd: string = process.cwd()): HelmTemplateOptions {
  const values = mapSecrets(release.values) as Record<string, unknown>;
  if (Object.keys(annotations).length > 0) {
    const existing = values.annotations;
    values.annotations = { ...(typeof existing === "object" && existing !== null ? existing : {}), ...annotations };
  }
  const common = {
    release_name: release.name,
    namespace: release.namespace,
    values,
    ...(release.flags.apiVersion ? { api_versions: [release.flags.apiVersion] } : {}),
  };
  const { chart } = release;
  if (chart.mirror?.path !== undefined) return { ...common, path: chart.mirror.path };
  const repository = chart.repository;
  if (repository === undefined) return { ...common, path: path.resolve(cwd, chart.reference) };
  return {
    ...common,
    chart: chart.name,
    version: chart.version,
    fetch_opts: {
      repo: chart.mirror?.repositoryUrl ?? repository.url,
      version: chart.version,
      username: repository.username,
      password: repository.password === undefined ? undefined : reveal(repository.password),
      ca_file: repository.caFile,
      cert_file: repository.certFile,
    },
  };
}
