/**
 * The `kpops` provider: what `pulumi-resource-kpops` serves through `@pulumi/pulumi`'s provider server. Custom
 * resources are dispatched by type token through the table in `./custom-resources`; components through the table
 * in `./components`. Secrets are unwrapped before an operation and wrapped again after it, so the operations
 * see plain values and nothing secret leaves the plugin in plain text.
 */
import * as pulumi from "@pulumi/pulumi";
import { KPOPS_PLUGIN_VERSION } from "../../sdk/src/pulumi/providers/package";
import { CustomResourceHandler, customResources } from "./custom-resources";
import { PropertyPath, concealSecrets, revealSecrets } from "./secrets";

type Props = Record<string, unknown>;

/** The type token in a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop() ?? "";
}

/** An error the engine shows as it is: the message only, no stack trace of the plugin. */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "kpops";
    this.stack = "";
  }
}

/** Runs an operation and turns whatever it throws into a {@link ProviderError}. */
async function plainErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof ProviderError ? error : new ProviderError(error instanceof Error ? error.message : String(error));
  }
}

/** Options of {@link KpopsProvider}. */
export interface KpopsProviderOptions {
  /** The schema served by `GetSchema`. */
  readonly schema: string;
  /** Builds a component for `construct`; absent means the plugin serves no components. */
  readonly construct?: pulumi.provider.Provider["construct"];
  /** Custom resource handlers by type token. @default the plugin's table */
  readonly resources?: Readonly<Record<string, CustomResourceHandler>>;
}

/** The provider object handed to `pulumi.provider.main`. */
export class KpopsProvider implements pulumi.provider.Provider {
  readonly version = KPOPS_PLUGIN_VERSION;
  readonly schema: string;
  readonly construct?: pulumi.provider.Provider["construct"];
  private readonly resources: Readonly<Record<string, CustomResourceHandler>>;

  constructor(options: KpopsProviderOptions) {
    this.schema = options.schema;
    this.construct = options.construct;
    this.resources = options.resources ?? customResources;
  }

  private handler(urn: string): CustomResourceHandler {
    const type = typeOfUrn(urn);
    const handler = this.resources[type];
    if (!handler) {
      throw new ProviderError(`the kpops plugin has no custom resource of type "${type}"`);
    }
    return handler;
  }

  /** Secret places of inputs, plus the outputs the type always keeps secret. */
  private secretPaths(handler: CustomResourceHandler, ...from: PropertyPath[][]): PropertyPath[] {
    return [...handler.secretOutputs, ...from.flat()];
  }

  async check(urn: string, olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
    const handler = this.handler(urn);
    const previous = revealSecrets(olds);
    const next = revealSecrets(news);
    const result = await plainErrors(() => handler.check(previous.plain, next.plain));
    return { inputs: concealSecrets(result.inputs, this.secretPaths(handler, next.secretPaths)), failures: result.failures };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
    const handler = this.handler(urn);
    return plainErrors(() => handler.diff(id, revealSecrets(olds).plain, revealSecrets(news).plain));
  }

  async create(urn: string, inputs: Props): Promise<pulumi.provider.CreateResult> {
    const handler = this.handler(urn);
    const revealed = revealSecrets(inputs);
    const { id, outs } = await plainErrors(() => handler.create(revealed.plain));
    return { id, outs: concealSecrets(outs as Props, this.secretPaths(handler, revealed.secretPaths)) };
  }

  async read(id: string, urn: string, props?: Props): Promise<pulumi.provider.ReadResult> {
    const handler = this.handler(urn);
    const revealed = revealSecrets(props);
    const read = await plainErrors(() => handler.read(id, revealed.plain));
    const paths = this.secretPaths(handler, revealed.secretPaths);
    // The server encodes `props` unguarded: a resource that is gone has an empty id and an empty property bag.
    return { id: read.id, props: concealSecrets((read.props ?? {}) as Props, paths), inputs: concealSecrets(read.inputs as Props | undefined, paths) };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
    const handler = this.handler(urn);
    const revealed = revealSecrets(news);
    const { outs } = await plainErrors(() => handler.update(id, revealSecrets(olds).plain, revealed.plain));
    return { outs: concealSecrets(outs as Props, this.secretPaths(handler, revealed.secretPaths)) };
  }

  async delete(id: string, urn: string, props: Props): Promise<void> {
    const handler = this.handler(urn);
    await plainErrors(() => handler.delete(id, revealSecrets(props).plain));
  }
}
