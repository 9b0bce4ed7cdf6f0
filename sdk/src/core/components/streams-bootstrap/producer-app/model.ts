/** Values of the streams-bootstrap v3 `producer-app` chart. */
import { field, t, type ModelSpec } from "../../../model/field-types";
import { camelModel } from "../../common/kubernetes-model";
import { KafkaConfigModel, rejectStreamsSection, streamsBootstrapValuesFields } from "../model";

/** A cron expression: five (or six, with seconds) fields of digits, ranges, steps, lists, names or `*`/`?`. */
const CRON_FIELD = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;
const CRON_MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

export function checkCron(value: unknown): unknown {
  if (value === null || value === "") return value;
  const text = String(value).trim();
  if (CRON_MACROS.has(text)) return value;
  const parts = text.split(/\s+/);
  if ((parts.length === 5 || parts.length === 6) && parts.every((part) => CRON_FIELD.test(part))) return value;
  throw new Error(`The schedule field '${String(value)}' must be a valid cron expression.`);
}

export const ProducerAppValuesModel: ModelSpec = {
  name: "ProducerAppValues",
  description: "Settings specific to producers.",
  extra: "allow",
  before: rejectStreamsSection,
  fields: [
    ...streamsBootstrapValuesFields(() => ({ ...KafkaConfigModel, name: "ProducerConfig" }), { default: {} }),
    ...camelModel("fields", [
      field("deployment", t.bool(), { nullable: true, description: "Deploy the producer as a Kubernetes Deployment (thereby ignoring Job-related configurations)" }),
      field("restart_policy", t.enum("Always", "OnFailure", "Never"), { nullable: true, description: "See https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy" }),
      field("schedule", t.string(), { nullable: true, check: checkCron, description: "Cron expression to denote a schedule this producer app should be run on." }),
      field("suspend", t.bool(), { nullable: true, description: "Whether to suspend the execution of the cron job." }),
      field("successful_jobs_history_limit", t.int(), { nullable: true, description: "The number of successful jobs to retain." }),
      field("failed_jobs_history_limit", t.int(), { nullable: true, description: "The number of unsuccessful jobs to retain." }),
      field("backoff_limit", t.int(), { nullable: true, description: "The number of times to restart an unsuccessful job." }),
      field("ttl_seconds_after_finished", t.int(), { nullable: true, description: "See https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/" }),
    ]).fields,
  ],
};
