/** What a component needs from the pipeline loader: building further (inflated) components. */
import type { KpopsConfig } from "../../config/load-config";
import type { ComponentClass, PipelineComponent } from "./pipeline-component";

export interface ComponentContext {
  /** The configuration of the pipeline being loaded. */
  readonly config: KpopsConfig;
  /** Enriches raw component data into a component of `cls` (defaults, substitution, validation), as for a pipeline step. */
  build<T extends PipelineComponent>(cls: ComponentClass<T>, data: Record<string, unknown>): T;
}
