/**
 * One gap of `@pulumi/pulumi`'s provider server, closed before it starts: on `pulumi import` the engine sends a
 * Read request without properties (it knows only the id), and the server reads them unguarded
 * (`getProperties().toJavaScript()`). An absent property bag is read as an empty one, which is what it means.
 */
import * as structProto from "google-protobuf/google/protobuf/struct_pb";

interface ReadRequestPrototype {
  getProperties(): structProto.Struct | undefined;
}

/** Makes `ReadRequest.getProperties()` return an empty struct instead of `undefined`. Idempotent. */
export function readImportsWithoutProperties(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const prototype: ReadRequestPrototype & { __kpopsPatched?: boolean } = require("@pulumi/pulumi/proto/provider_pb").ReadRequest.prototype;
  if (prototype.__kpopsPatched) {
    return;
  }
  const original = prototype.getProperties;
  prototype.getProperties = function getProperties(this: unknown) {
    return original.call(this) ?? new structProto.Struct();
  };
  prototype.__kpopsPatched = true;
}
