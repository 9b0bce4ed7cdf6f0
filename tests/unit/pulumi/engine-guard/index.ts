/**
 * A topic guarded exactly as the step components guard kafka.Topic, with a stand-in topic resource (the kafka
 * plugin cannot be built offline) that, like @pulumi/kafka, replaces itself delete-before-replace when the
 * partitions shrink, and records provider deletes in a file.
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { TopicGuard } from "../../../../sdk/src/pulumi/resources/topic-guard";
import { dataResourceOptions } from "../../../../sdk/src/pulumi/resources/safety";

const config = new pulumi.Config();
const deletions = config.require("deletionsFile");

const standInTopicProvider: pulumi.dynamic.ResourceProvider = {
  async diff(_id: string, olds: any, news: any) {
    return {
      changes: olds.partitions !== news.partitions,
      replaces: news.partitions < olds.partitions ? ["partitions"] : [],
      deleteBeforeReplace: true,
    };
  },
  async create(inputs: any) {
    return { id: inputs.name, outs: inputs };
  },
  async update(_id: string, _olds: any, news: any) {
    return { outs: news };
  },
  async delete(id: string, props: any) {
    require("fs").appendFileSync(props.deletions, `${id}\n`);
  },
};

class StandInTopic extends pulumi.dynamic.Resource {
  declare readonly partitions: pulumi.Output<number>;
  constructor(name: string, args: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super(standInTopicProvider, name, { partitions: undefined, ...args }, opts, "test", "StandInTopic");
  }
}

const partitions = config.requireNumber("partitions");
const allowTopicReplacement = config.getBoolean("allowTopicReplacement") ?? false;
export let topicPartitions: pulumi.Output<number> | undefined;
if (!(config.getBoolean("removed") ?? false)) {
  const guard = new TopicGuard("orders", { topic: "orders", partitions, replicationFactor: 1, allowReplacement: allowTopicReplacement });
  const topic = new StandInTopic("orders", { name: "orders", partitions, deletions }, { dependsOn: [guard], ...dataResourceOptions({}) });
  topicPartitions = topic.partitions;
}
void fs;
