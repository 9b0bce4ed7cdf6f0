/**
 * The registry of component types: the built-ins plus custom classes (from `components_module`), by type name.
 * Classes are recognised by shape, not `instanceof`, so custom components compiled against another copy of this
 * package (e.g. the TypeScript sources) work with the compiled CLI.
 */
import { KpopsError } from "../errors";
import { HelmApp } from "./base/helm-app";
import { KafkaApp } from "./base/kafka-app";
import { KafkaConnector, KafkaSinkConnector, KafkaSourceConnector } from "./base/kafka-connector";
import { KubernetesApp } from "./base/kubernetes-app";
import { PipelineComponent, type ComponentClass } from "./base/pipeline-component";
import type { ComponentKind } from "../plan/types";
import { ConsumerApp } from "./streams-bootstrap/consumer-app/consumer-app";
import { ConsumerProducerApp } from "./streams-bootstrap/consumer-producer-app/consumer-producer-app";
import { ProducerApp } from "./streams-bootstrap/producer-app/producer-app";
import { StreamsApp } from "./streams-bootstrap/streams-app/streams-app";
import { StreamsBootstrap } from "./streams-bootstrap/streams-bootstrap";
import { ProducerAppV2 } from "./streams-bootstrap-v2/producer-app-v2/producer-app-v2";
import { StreamsAppV2 } from "./streams-bootstrap-v2/streams-app-v2/streams-app-v2";
import { StreamsBootstrapV2 } from "./streams-bootstrap-v2/streams-bootstrap-v2";

/** Built-in classes, in the order KPOps lists them. */
export const BUILT_IN_COMPONENTS: readonly ComponentClass[] = [
  HelmApp,
  KafkaApp,
  KafkaConnector,
  KafkaSinkConnector,
  KafkaSourceConnector,
  KubernetesApp,
  PipelineComponent,
  StreamsBootstrap,
  ConsumerApp,
  ConsumerProducerApp,
  ProducerApp,
  StreamsApp,
  StreamsBootstrapV2,
  ProducerAppV2,
  StreamsAppV2,
] as unknown as ComponentClass[];

/**
 * The built-in step types (`type:` of a pipeline step) that deploy as `kind`, in the order KPOps lists them;
 * abstract classes are left out. Deprecated types come after the current ones.
 */
export function builtInTypesOfKind(kind: ComponentKind): string[] {
  const classes = BUILT_IN_COMPONENTS.filter((cls) => !cls.isAbstract && cls.kind === kind);
  return [...classes.filter((cls) => cls.replacedBy === null), ...classes.filter((cls) => cls.replacedBy !== null)].map((cls) => cls.type);
}

/** Is `value` a component class (of this or another copy of the package)? */
export function isComponentClass(value: unknown): value is ComponentClass {
  return (
    typeof value === "function" &&
    typeof (value as Partial<ComponentClass>).modelSpec === "function" &&
    typeof (value as Partial<ComponentClass>).defaultsTypes === "function" &&
    typeof (value as Partial<ComponentClass>).fields === "function"
  );
}

export class ComponentRegistry {
  private readonly byType = new Map<string, ComponentClass>();

  constructor(classes: readonly ComponentClass[] = BUILT_IN_COMPONENTS) {
    for (const cls of classes) this.register(cls);
  }

  /** Adds a class under its type name; a later class with the same type replaces the earlier one. */
  register(cls: ComponentClass): void {
    this.byType.set(cls.type, cls);
  }

  get(type: string): ComponentClass {
    const cls = this.byType.get(type);
    if (!cls) {
      const known = [...this.byType.values()].filter((c) => !c.isAbstract).map((c) => c.type);
      throw new KpopsError(`unknown component type '${type}' (known types: ${known.join(", ")})`, { field: "type" });
    }
    return cls;
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** Every registered class, built-ins first. */
  all(): ComponentClass[] {
    return [...this.byType.values()];
  }
}
