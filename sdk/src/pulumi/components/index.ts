export * from "./args";
export { ResourceRegistry, buildContext, planSettings } from "./context";
export type { BuildContext } from "./context";
export { Pipeline } from "./pipeline";
export type { PipelineArgs } from "./pipeline";
export * from "./project";
export * from "./step";
