/**
 * KPOps for Pulumi: the public API.
 *
 * The KPOps core turns a KPOps project (config, defaults, pipeline files) into enriched pipelines:
 * {@link loadConfig} -> {@link loadPipeline} / {@link generate}. Custom component types extend the component
 * classes exported here, e.g. `class MyApp extends StreamsApp {}` (type `my-app`).
 */
export * from "./core/components";
export { ComponentRegistry, BUILT_IN_COMPONENTS, isComponentClass } from "./core/components/registry";
export { loadConfig, fromPrefixedVariables, type KpopsConfig, type LoadConfigOptions } from "./core/config/load-config";
export { KpopsConfigModel } from "./core/config/config-model";
export { deepMerge } from "./core/defaults/deep-merge";
export { KpopsError, isKpopsError, type KpopsErrorLocation } from "./core/errors";
export { generate, generateYaml, filterSteps, type GenerateOptions, type GenerateResult, type FilterType } from "./core/generate/generate";
export { toYaml } from "./core/generate/yaml-output";
export { discoverPipelineFiles } from "./core/pipeline/discovery";
export { loadPipeline, type LoadPipelineOptions } from "./core/pipeline/load-pipeline";
export { Pipeline } from "./core/pipeline/pipeline";
export {
  publishSteps,
  checkPublishedSteps,
  type ExternalSteps,
  type PublishedSteps,
  type PublishedStep,
  type PublishedTopic,
} from "./core/pipeline/step-outputs";
export {
  KpopsLogger,
  formatLogLine,
  colorsEnabled,
  componentColor,
  LOG_LEVELS,
  type LogLevel,
  type LogContext,
  type LogFields,
  type LoggerOptions,
} from "./core/log/kpops-log";
export { pipelineSchema, defaultsSchema, configSchema } from "./core/schema/json-schema";
export { loadComponentsModule, registryWithModule } from "./core/components/components-module";
export { field, t, type FieldSpec, type FieldType, type ModelSpec } from "./core/model/field-types";
export type {
  ComponentKind,
  ComponentPlan,
  TopicPlan,
  SubjectPlan,
  ReleasePlan,
  ChartPlan,
  ChartRepositoryPlan,
  HelmFlagsPlan,
  ConnectorPlan,
  Operation,
  OperationPlan,
  PvcDeletionPlan,
  PlanOptions,
} from "./core/plan/types";
export { COMPONENT_KINDS } from "./core/plan/types";
export { secret, isSecret, reveal, mapSecrets, secretPaths, type Secret, type MaybeSecret } from "./core/plan/secret";
