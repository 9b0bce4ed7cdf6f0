/**
 * The `kpops` Pulumi package as the TypeScript resource classes see it: the name of the provider plugin
 * (`pulumi-resource-kpops`, `provider/`) that serves the custom resources, its version (the npm package's, so one
 * release of `@kpops/pulumi` always talks to the plugin built from the same code), and the resource options every
 * custom resource of the package gets.
 */
import * as pulumi from "@pulumi/pulumi";

/** The Pulumi package name: type tokens are `kpops:index:<Resource>`. */
export const KPOPS_PACKAGE = "kpops";

/** The version of the `kpops` plugin these classes are served by: the version of `@kpops/pulumi`. */
export const KPOPS_PLUGIN_VERSION: string = (require("../../../package.json") as { version: string }).version;

/** `kpops:index:<name>`. */
export function kpopsToken(name: string): string {
  return `${KPOPS_PACKAGE}:index:${name}`;
}

/** The type the resource had while it was a dynamic resource (before the plugin existed). */
export function legacyDynamicToken(name: string): string {
  return `pulumi-nodejs:dynamic/${KPOPS_PACKAGE}:${name}`;
}

/**
 * Options of a custom resource of the package: the plugin version, `secretOutputs` kept secret, and an alias to
 * the dynamic-resource type the same resource had before, so that stacks made by earlier versions take the
 * resource over in place instead of replacing it.
 */
export function kpopsResourceOptions(
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
  secretOutputs: string[] = [],
): pulumi.CustomResourceOptions {
  return pulumi.mergeOptions(opts, {
    version: KPOPS_PLUGIN_VERSION,
    aliases: [{ type: legacyDynamicToken(name) }],
    additionalSecretOutputs: secretOutputs,
  });
}
