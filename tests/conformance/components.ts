/**
 * Test-only custom component types used by the conformance fixtures (conformance/test-components.md), written
 * with the public extension mechanism: classes extending the built-ins, type = kebab-case class name.
 * Loaded by the CLI through `KPOPS_COMPONENTS_MODULE=tests/conformance/components.ts`.
 */
import { KafkaSinkConnector, ProducerApp, StreamsApp, type PipelineComponent } from "../../sdk/src";

export class MyProducerApp extends ProducerApp {}

export class MyStreamsApp extends StreamsApp {}

export class ScheduledProducer extends ProducerApp {}

export class Converter extends StreamsApp {}

export class SubStreamsApp extends StreamsApp {}

export class Filter extends SubStreamsApp {}

/** Inflates into itself, then per `output` topic a sink connector and a streams-app reading from it. */
export class ShouldInflate extends StreamsApp {
  override inflate(): PipelineComponent[] {
    const inflated: PipelineComponent[] = [this];
    for (const [topic, config] of Object.entries(this.to?.topics ?? {})) {
      if (config.type !== "output") continue;
      inflated.push(
        this.ctx.build(KafkaSinkConnector, {
          name: `${this.name}-inflated-sink-connector`,
          config: { topics: topic, "transforms.changeTopic.replacement": `${topic}-index-v1` },
          to: {
            topics: {
              "${component.type}": { type: "output" },
              "${component.name}": { type: null, label: "test" },
            },
          },
        }),
      );
      inflated.push(
        this.ctx.build(StreamsApp, {
          name: `${this.name}-inflated-streams-app`,
          to: { topics: { [`${this.fullName}-\${component.name}`]: { type: "output" } } },
        }),
      );
    }
    return inflated;
  }
}

/** Inflates into itself plus a sink connector whose `config` comes from defaults. */
export class SimpleInflateConnectors extends StreamsApp {
  override inflate(): PipelineComponent[] {
    return [this, this.ctx.build(KafkaSinkConnector, { name: "inflated-connector-name", config: {} })];
  }
}
