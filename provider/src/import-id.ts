/**
 * Import ids. `pulumi import` hands a provider nothing but the id, so the id of an import names where the thing
 * lives: the REST address of the connector or subject, e.g. `http://localhost:8083/connectors/words-sink` or
 * `http://localhost:8081/subjects/words-value`. After the import the resource's id is the plain name, as for a
 * resource the plugin created.
 */

/** Where an imported object lives: the service URL and the object's name. */
export interface ImportAddress {
  readonly url: string;
  readonly name: string;
}

/** Thrown for an import id that is not a REST address of the expected kind. */
export class ImportIdError extends Error {}

/**
 * Splits `<service URL>/<collection>/<name>` (the name URL-encoded or not).
 * @param collection `connectors` or `subjects`
 * @param example an example id for the error message
 */
export function parseImportId(id: string, collection: string, example: string): ImportAddress {
  const marker = `/${collection}/`;
  const at = id.lastIndexOf(marker);
  const url = at > 0 ? id.slice(0, at) : "";
  const name = at > 0 ? decodeURIComponent(id.slice(at + marker.length)).replace(/\/+$/, "") : "";
  if (!/^https?:\/\/[^/]+/.test(url) || name === "" || name.includes("/")) {
    throw new ImportIdError(`cannot import "${id}": the import id is the REST address of the object, e.g. ${example}`);
  }
  return { url, name };
}
