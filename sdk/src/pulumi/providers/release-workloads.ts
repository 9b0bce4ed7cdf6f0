/**
 * `ReleaseWorkloads`: the live workloads of one Helm release compared with the manifest Helm stored for it,
 * `kpops:index:ReleaseWorkloads`, served by the `kpops` provider plugin (`provider/`), which runs the operations in
 * `release-workloads-operations.ts`. A step component makes one next to each `helm.v3.Release`, after it.
 *
 * Why: a `helm.v3.Release`'s refresh reads Helm's stored release, not the objects in the cluster, so a Deployment
 * scaled or deleted by hand shows nowhere. This resource's refresh reads the workloads (Deployments, StatefulSets,
 * CronJobs) and their key fields (existence, replicas unless an autoscaler owns them, container images, CronJob
 * schedule and suspend), so `pulumi preview --refresh --diff` names the workload and the field, and `pulumi up
 * --refresh` patches the field back (or creates a deleted workload again from the manifest). Delete does nothing:
 * the release's uninstall removes the workloads.
 *
 * Connection: the kubeconfig the kubernetes provider would use by default (`KUBECONFIG`, else `~/.kube/config`),
 * or `kubeconfig` / `context` given here (the step components pass stack config `kubernetes:kubeconfig` /
 * `kubernetes:context` and KPOps' `helm_config.context`); a given kubeconfig is always a Pulumi secret.
 */
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadState } from "./release-workloads-operations";
import { kpopsResourceOptions, kpopsToken } from "./package";

/** Arguments of {@link ReleaseWorkloads}. */
export interface ReleaseWorkloadsArgs {
  /** The Helm release's name (the step's `helm_release_name`). Changing it replaces the resource. */
  readonly releaseName: pulumi.Input<string>;
  /** The release's namespace. Changing it replaces the resource. */
  readonly namespace: pulumi.Input<string>;
  /**
   * Kubeconfig text or the path of a kubeconfig file; stored as a secret.
   * @default undefined (KUBECONFIG, else ~/.kube/config, as the kubernetes provider)
   */
  readonly kubeconfig?: pulumi.Input<string>;
  /**
   * The kubeconfig context.
   * @default undefined (the kubeconfig's current context)
   */
  readonly context?: pulumi.Input<string>;
}

/** The live workloads of a Helm release, compared with its manifest and repaired on update. */
export class ReleaseWorkloads extends pulumi.CustomResource {
  /** The type token, `kpops:index:ReleaseWorkloads`. */
  static readonly __pulumiType = kpopsToken("ReleaseWorkloads");

  /** The Helm release's name. */
  declare readonly releaseName: pulumi.Output<string>;
  /** The release's namespace. */
  declare readonly namespace: pulumi.Output<string>;
  /** Kubeconfig text or path (secret), if given. */
  declare readonly kubeconfig: pulumi.Output<string | undefined>;
  /** The kubeconfig context, if given. */
  declare readonly context: pulumi.Output<string | undefined>;
  /** The Helm revision whose manifest was compared. */
  declare readonly revision: pulumi.Output<number>;
  /** That revision's status in Helm's storage (`deployed`, `failed`, ...). */
  declare readonly releaseStatus: pulumi.Output<string>;
  /** The workloads as observed in the cluster, by `<Kind>/<name>`, with the compared fields. */
  declare readonly workloads: pulumi.Output<Record<string, WorkloadState>>;
  /** Each field that differs from the manifest, as a sentence; empty when in sync. */
  declare readonly drift: pulumi.Output<string[]>;
  /** True when the workloads match the manifest. */
  declare readonly inSync: pulumi.Output<boolean>;

  constructor(name: string, args: ReleaseWorkloadsArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      releaseName: args.releaseName,
      namespace: args.namespace,
      kubeconfig: args.kubeconfig === undefined ? undefined : pulumi.secret(args.kubeconfig),
      context: args.context,
      revision: undefined,
      releaseStatus: undefined,
      workloads: undefined,
      drift: undefined,
      inSync: undefined,
    };
    super(ReleaseWorkloads.__pulumiType, name, props, kpopsResourceOptions("ReleaseWorkloads", opts, ["kubeconfig"]));
  }
}
