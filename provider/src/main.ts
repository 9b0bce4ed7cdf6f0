/**
 * `pulumi-resource-kpops`: the entry point of the `kpops` provider plugin. The engine starts it (through the
 * `provider/pulumi-resource-kpops` launcher) and talks to it over gRPC; `@pulumi/pulumi`'s provider server does
 * the protocol, {@link KpopsProvider} the work.
 */
import * as pulumi from "@pulumi/pulumi";
import { KpopsProvider } from "./provider";
import { schemaText } from "./schema";
import { constructComponent } from "./components";
import { readImportsWithoutProperties } from "./server-fixes";

readImportsWithoutProperties();
registerTypeScript();
// Loading the Pulumi SDK installed source-map support, which rewrites the stack trace the SDK records for each of
// its promises; this bundle has no source map, so V8's own (much cheaper) formatting is put back.
(Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;

/**
 * Lets components load the user's TypeScript modules (a `schemaProvider` or `components_module` written in .ts), as
 * a TypeScript program does with tsx; without tsx installed, only JavaScript modules load.
 */
function registerTypeScript(): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("tsx/cjs/api").register();
  } catch {
    // tsx is not installed next to the plugin
  }
}

pulumi.provider.main(new KpopsProvider({ schema: schemaText(), construct: constructComponent }), process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pulumi-resource-kpops: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
