export * from "./connection";
export * from "./errors";
export * from "./transport";
