export * from "./kubeconfig";
export * from "./client";
