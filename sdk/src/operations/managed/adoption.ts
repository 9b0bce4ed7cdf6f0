/**
 * Adoption: objects a pipeline deploys that exist in the services but not in the stack's state (a pipeline upstream
 * KPOps deployed, or what a killed run created) are imported rather than created, so the preview shows imports and
 * no deploy fails on "already exists". Topics are found by the Pulumi layer itself; this finds Helm releases
 * (Helm's release Secrets in the namespace, deployed ones), connectors (Kafka Connect) and subjects (Schema
 * Registry). A service that cannot be asked is reported and nothing of it is adopted.
 *
 * A release a killed run left `pending-install` / `pending-upgrade` (Helm refuses any further operation on it) is
 * unblocked first: the record of the pending revision is removed (reported); the next install takes over the
 * objects it made (they carry the release's Helm annotations), an earlier deployed revision is adopted.
 */
import type { AdoptArgs } from "../../pulumi/components/args";
import type { ServiceClients } from "./services";
import type { StepResources } from "./targets";

/** What of `steps` exists in the services but not in `stateUrns`. */
export async function findAdoptable(
  clients: ServiceClients,
  steps: readonly StepResources[],
  stateUrns: ReadonlySet<string>,
  warn: (line: string) => void,
  dryRun = true,
): Promise<AdoptArgs> {
  const missing = (kind: string) => steps.flatMap((s) => s.resources.filter((r) => r.kind === kind && !stateUrns.has(r.urn)));
  const releases: string[] = [];
  const wanted = steps.flatMap((s) => (s.plan.component.release && missing("release").some((r) => r.name === s.plan.component.release?.name) ? [s.plan.component.release] : []));
  if (wanted.length > 0) {
    try {
      const kubernetes = clients.kubernetes();
      for (const namespace of new Set(wanted.map((r) => r.namespace))) {
        const names = new Set(wanted.filter((r) => r.namespace === namespace).map((r) => r.name));
        for (const pending of (await kubernetes.helmReleaseRevisions(namespace)).filter((r) => names.has(r.name) && r.status.startsWith("pending-"))) {
          if (dryRun) {
            warn(`Helm release ${namespace}/${pending.name} is left ${pending.status} (revision ${pending.revision}) by a run that was killed; the deploy will remove that record`);
            continue;
          }
          await kubernetes.deleteSecret(namespace, pending.secret);
          warn(`Helm release ${namespace}/${pending.name} was left ${pending.status} (revision ${pending.revision}) by a run that was killed; removed that record (${pending.secret}) so the release can be installed again`);
        }
        const deployed = new Set((await kubernetes.helmReleases(namespace)).filter((r) => r.status === "deployed").map((r) => r.name));
        for (const release of wanted.filter((r) => r.namespace === namespace && deployed.has(r.name))) releases.push(`${namespace}/${release.name}`);
      }
    } catch (error) {
      warn(`cannot tell which Helm releases exist already (${(error as Error).message}); existing ones are not adopted`);
    }
  }
  const connectors: string[] = [];
  for (const connector of missing("connector")) {
    try {
      if ((await clients.connect.getConnector(connector.name)) !== undefined) connectors.push(connector.name);
    } catch (error) {
      warn(`cannot tell whether connector ${connector.name} exists (${(error as Error).message}); it is not adopted`);
    }
  }
  const subjects: string[] = [];
  const wantedSubjects = missing("subject");
  if (wantedSubjects.length > 0) {
    try {
      const existing = new Set(await clients.registry.listSubjects());
      subjects.push(...wantedSubjects.filter((s) => existing.has(s.name)).map((s) => s.name));
    } catch (error) {
      warn(`cannot tell which subjects exist already (${(error as Error).message}); existing ones are not adopted`);
    }
  }
  return { releases, connectors, subjects };
}
