/** A pipeline that cannot be turned into resources; the components rethrow it as a `ResourceError`. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}
