// Starts the checker engine as early as possible: loaded async from the checker page's head
// (templates/theme/main.html), before the page has been parsed. engine.mjs is one module per page
// and start() is idempotent, so app.mjs and the checker page later pick up this same engine.
import { getEngine } from "./engine.mjs";

getEngine().start();
