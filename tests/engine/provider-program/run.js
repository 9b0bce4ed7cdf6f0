// Loads index.ts with tsx (see /program/run.js).
require("tsx/cjs/api").register();
module.exports = require("./index.ts");
