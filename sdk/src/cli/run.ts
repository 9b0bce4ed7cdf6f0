/** Entry of the bundled `kpops` command (sdk/dist/kpops.cjs, loaded by bin/kpops): runs the CLI on process.argv. */
import { main, reportError } from "./main";

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.exitCode = reportError(error);
  });
