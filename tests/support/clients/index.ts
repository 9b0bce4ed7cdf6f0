/** Test doubles of the services, for unit tests only. Not exported from the package's main entry. */
export * from "./fake-http-server";
export * from "./fake-kafka-connect";
export * from "./fake-schema-registry";
