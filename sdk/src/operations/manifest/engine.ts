/**
 * Renders Helm charts with the real Helm engine inside the kubernetes provider: one `up` of an inline program on
 * the Pulumi engine (Automation API) whose invokes of `kubernetes:helm:template` return the rendered objects.
 * Nothing is created: the stack lives in a throw-away local backend, and the provider sees an empty kubeconfig, so
 * no cluster is asked (the output depends on the charts and values only, as `helm template` without a cluster).
 *
 * The provider gives every namespaced object without a namespace the release's namespace; `helm template` does
 * not. So each chart is rendered twice in the same run, with the release namespace and without one, and an
 * object keeps `metadata.namespace` only where the chart itself set it (see {@link withoutAddedNamespaces}).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { KpopsError } from "../../core/errors";
import type { HelmTemplateOptions } from "./helm-template";

/** A rendered Kubernetes object. */
export type KubernetesObject = Record<string, unknown>;

/** Renders template requests; resolves to the objects of each request, in request order. */
export type HelmRenderer = (requests: readonly HelmTemplateOptions[]) => Promise<KubernetesObject[][]>;

/** Options of {@link pulumiHelmRenderer}. */
export interface PulumiHelmRendererOptions {
  /** The environment of the engine (PATH to `pulumi`, PULUMI_HOME with the kubernetes plugin). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The version of the kubernetes provider the invokes ask for: the one of the installed `@pulumi/kubernetes`. */
function kubernetesProviderVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/kubernetes/package.json") as { version: string }).version;
}

/** A {@link HelmRenderer} on the Pulumi engine (see the module comment). */
export function pulumiHelmRenderer(options: PulumiHelmRendererOptions = {}): HelmRenderer {
  return async (requests) => {
    if (requests.length === 0) return [];
    // loaded here: the rest of the CLI does not pay for the Pulumi SDK
    // (require, not import(): bundled, an external import() would be loaded as an ES module)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LocalWorkspace } = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
    const version = kubernetesProviderVersion();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-manifest-"));
    const kubeconfig = path.join(work, "kubeconfig");
    fs.writeFileSync(kubeconfig, "");
    const base = options.env ?? process.env;
    const envVars: Record<string, string> = {};
    for (const [key, value] of Object.entries(base)) if (value !== undefined) envVars[key] = value;
    Object.assign(envVars, {
      PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "kpops-manifest",
      KUBECONFIG: kubeconfig,
      PULUMI_SKIP_UPDATE_CHECK: "true",
    });
    delete envVars.PULUMI_CONFIG_PASSPHRASE_FILE;
    delete envVars.PULUMI_ACCESS_TOKEN;
    fs.mkdirSync(path.join(work, "state"));
    const program = async () => {
      const results = await Promise.all(
        requests.map(async (request) => {
          try {
            const template = async (opts: HelmTemplateOptions) =>
              ((await pulumi.runtime.invoke("kubernetes:helm:template", { jsonOpts: JSON.stringify(opts) }, { async: true, version })).result ?? []) as KubernetesObject[];
            const [objects, withoutNamespace] = await Promise.all([template(request), template({ ...request, namespace: "" })]);
            return { objects: withoutAddedNamespaces(objects, withoutNamespace) };
          } catch (error) {
            return { error: String((error as Error).message ?? error) };
          }
        }),
      );
      return { results: JSON.stringify(results) };
    };
    try {
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "manifest", projectName: "kpops-manifest", program },
        { envVars, workDir: work, pulumiHome: envVars.PULUMI_HOME },
      );
      const up = await stack.up();
      const results = JSON.parse(String(up.outputs.results.value)) as Array<{ objects?: KubernetesObject[]; error?: string }>;
      return results.map((result, i) => {
        if (result.error !== undefined) throw new KpopsError(`release '${requests[i].release_name}': helm template failed: ${helmReason(result.error)}`);
        return result.objects ?? [];
      });
    } catch (error) {
      if (error instanceof KpopsError) throw error;
      throw new KpopsError(`rendering the Helm charts on the Pulumi engine failed: ${engineReason(error)}`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  };
}

/**
 * `objects` (rendered with the release namespace) without the namespaces the provider added: an object keeps
 * `metadata.namespace` only when its twin in `plain` (the same chart and values rendered without a namespace,
 * where the provider adds none) has one, i.e. when the chart's template sets it.
 */
export function withoutAddedNamespaces(objects: readonly KubernetesObject[], plain: readonly KubernetesObject[]): KubernetesObject[] {
  return objects.map((object, i) => {
    const metadata = object.metadata as Record<string, unknown> | undefined;
    const twin = plain[i]?.metadata as Record<string, unknown> | undefined;
    if (metadata === undefined || metadata.namespace === undefined || twin?.namespace !== undefined) return object;
    const { namespace: _added, ...rest } = metadata;
    return { ...object, metadata: rest };
  });
}

/** The useful line of a provider error ("failed to pull chart: ..."). */
function helmReason(message: string): string {
  const line = message.split("\n").find((l) => /failed to|error/i.test(l)) ?? message.split("\n")[0];
  return line
    .replace(/^.*?Invoke: /, "")
    .replace(/^invocation of kubernetes:helm:template returned an error: /, "")
    .replace(/^failed to generate YAML for specified Helm chart: /, "")
    .trim();
}

/** The useful line of an engine failure (the CLI's stderr is long). */
function engineReason(error: unknown): string {
  const text = String((error as Error)?.message ?? error);
  if (/ENOENT: pulumi/.test(text)) return "the Pulumi CLI ('pulumi') is not on PATH; manifest mode renders the charts on the Pulumi engine";
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^error:/i.test(l))?.replace(/^error:\s*/i, "") ?? lines.find((l) => /stderr:/.test(l)) ?? lines[0] ?? "unknown error";
}
