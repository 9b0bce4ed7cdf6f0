/** KubernetesApp (`kubernetes-app`, abstract): a component deployed into a Kubernetes namespace. */
import { field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { isValidKubernetesName } from "../../util/naming";
import { PipelineComponent } from "./pipeline-component";

export const KubernetesAppValuesModel: ModelSpec = {
  name: "KubernetesAppValues",
  description: "Settings specific to Kubernetes apps.",
  extra: "allow",
  fields: [],
};

export abstract class KubernetesApp extends PipelineComponent {
  static override readonly isAbstract: boolean = true;
  static override readonly description: string =
    "Base class for all Kubernetes apps. All built-in components are Kubernetes apps, except for the Kafka connectors.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("namespace", t.string(), { required: true, description: "Kubernetes namespace in which the component shall be deployed" }),
      field("values", t.model(() => KubernetesAppValuesModel), { required: true, description: "Kubernetes app values" }),
    ]);
  }

  get namespace(): string {
    return this.data.namespace as string;
  }

  get values(): Record<string, unknown> {
    return this.data.values as Record<string, unknown>;
  }

  override validateCustom(): void {
    super.validateCustom();
    if (!isValidKubernetesName(this.name)) this.fail(`The component name ${this.name} is invalid for Kubernetes.`, "name");
  }
}
