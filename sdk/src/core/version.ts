/** The upstream KPOps release whose behaviour the core follows (`kpops --version` reports it). */
export const KPOPS_VERSION = "12.0.3";
