// The estate's APIs for the page (SPEC §8): the same functions as the server's search (src/view/apis.ts).
export { type ApiUse, apiMatches, apiQuery, apiUses } from "../../src/view/apis.js";
