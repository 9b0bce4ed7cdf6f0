export * from "./args";
export { ResourceRegistry, buildContext } from "./context";
export type { BuildContext } from "./context";
export { Pipeline, planOptions } from "./pipeline";
export type { PipelineArgs } from "./pipeline";
export * from "./project";
export * from "./step";
