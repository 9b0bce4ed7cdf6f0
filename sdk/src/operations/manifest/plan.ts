/**
 * The manifest plan of pipelines: what a manifest-mode operation prints, step by step in pipeline order, taken
 * from each component's own `manifestPlan` (the component classes decide, as in KPOps).
 */
import type { PipelineComponent } from "../../core/components/base/pipeline-component";
import { asKpopsError } from "../../core/errors";
import type { Pipeline } from "../../core/pipeline/pipeline";
import type { ManifestMode, ManifestOperation, ManifestPart, PlanOptions } from "../../core/plan/types";

/** The parts one step prints. */
export interface StepManifestPlan {
  /** The pipeline file the step is in, if known. */
  readonly file?: string;
  /** The step's bare name. */
  readonly step: string;
  readonly parts: readonly ManifestPart[];
}

/** The manifest plans of the enabled steps of `pipelines`, in order (pipelines as given, steps as declared). */
export function planManifests(pipelines: readonly Pipeline[], operation: ManifestOperation, mode: ManifestMode, options: PlanOptions = {}): StepManifestPlan[] {
  return pipelines.flatMap((pipeline) =>
    pipeline.components
      .filter((component: PipelineComponent) => component.enabled)
      .map((component) => {
        try {
          return { file: pipeline.file, step: component.name, parts: component.manifestPlan(operation, mode, options) };
        } catch (error) {
          // one error naming the pipeline file and the step (a missing strimzi_topic, a chart the mirror lacks)
          throw asKpopsError(error, { file: pipeline.file, step: component.name });
        }
      }),
  );
}
