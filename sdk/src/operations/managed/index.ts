/**
 * Managed mode of the operations (`kpops deploy|destroy|reset|clean`): each pipeline a Pulumi stack of the Pulumi
 * layer's components, reached through the Automation API (see `./operation.ts`).
 */
export { managedOperation, type ManagedOperationName, type ManagedRequest, type ManagedResult } from "./operation";
export { stackName, cleanupStackName, MANAGED_PROJECT } from "./stack-name";
export { engineSettings, DEFAULT_LOCAL_PASSPHRASE, DEFAULT_STATE_DIR, type EngineSettings } from "./engine";
export { recoverStaleLocks, stackLocks, lockHolderAlive, clearPendingOperations, type LockInfo } from "./locks";
export { stackLayout, targetUrns, type StackLayout, type StepResources, type StepResource } from "./targets";
export { summaryTable, failureLines } from "./summary";
export type { ResourceChange, OperationFailure } from "./progress";
export { loadForOperation, type LoadRequest, type LoadedForOperation } from "./load";
