/**
 * What the package schema describes: each resource's type token, and where its `Args` interface and class are.
 * The plugin's dispatch tables (`../components`, `../custom-resources`) hold the same tokens; a test keeps the
 * three in step.
 */
import * as path from "path";
import { COMPONENT_KINDS, type ComponentKind } from "../../../sdk/src/core/plan/types";
import { kindToken } from "../../../sdk/src/pulumi/components/step";

/** The repository root (from `provider/src/schema` or the bundle in `provider/dist`). */
export const repositoryRoot = path.resolve(__dirname, __dirname.endsWith(path.join("provider", "dist")) ? "../.." : "../../..");

/** One resource of the package. */
export interface PackageResource {
  readonly token: string;
  /** Source file, relative to the repository root. */
  readonly file: string;
  /** The interface of its inputs. */
  readonly args: string;
  /** The class; its `Output` fields are the outputs. */
  readonly className: string;
  readonly isComponent?: boolean;
  /** For a step component: the kind of step it builds (its `type` input lists the built-in types of the kind). */
  readonly stepKind?: ComponentKind;
}

/** Every resource of the `kpops` package. */
export const PACKAGE_RESOURCES: readonly PackageResource[] = [
  { token: "kpops:index:Project", file: "sdk/src/pulumi/components/project.ts", args: "ProjectArgs", className: "Project", isComponent: true },
  { token: "kpops:index:Pipeline", file: "sdk/src/pulumi/components/pipeline.ts", args: "PipelineArgs", className: "Pipeline", isComponent: true },
  // one step component per kind of the core
  ...COMPONENT_KINDS.map((kind) => ({
    token: kindToken(kind),
    file: "sdk/src/pulumi/components/step.ts",
    args: "StepComponentArgs",
    className: "StepComponent",
    isComponent: true,
    stepKind: kind,
  })),
  { token: "kpops:index:KafkaConnector", file: "sdk/src/pulumi/providers/kafka-connector.ts", args: "KafkaConnectorArgs", className: "KafkaConnector" },
  { token: "kpops:index:SchemaSubject", file: "sdk/src/pulumi/providers/schema-subject.ts", args: "SchemaSubjectArgs", className: "SchemaSubject" },
  { token: "kpops:index:ReleaseWorkloads", file: "sdk/src/pulumi/providers/release-workloads.ts", args: "ReleaseWorkloadsArgs", className: "ReleaseWorkloads" },
  { token: "kpops:index:TopicGuard", file: "sdk/src/pulumi/resources/topic-guard.ts", args: "TopicGuardInputs", className: "TopicGuard" },
];
