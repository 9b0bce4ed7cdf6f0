import * as pulumi from "@pulumi/pulumi";
import { SafetySettings } from "../plan/settings";

/**
 * The resource options that keep data: topics and schema subjects are `retainOnDelete` unless deletion is
 * explicitly allowed (so removing a step, a pipeline or running `pulumi destroy` leaves them in Kafka and only
 * drops them from the state, as KPOps' destroy keeps data), and optionally `protect`ed.
 */
export function dataResourceOptions(safety: SafetySettings = {}): Pick<pulumi.CustomResourceOptions, "retainOnDelete" | "protect"> {
  const allowDeletion = safety.allowTopicDeletion === true;
  return {
    retainOnDelete: !allowDeletion,
    protect: !allowDeletion && safety.protectTopics === true,
  };
}
