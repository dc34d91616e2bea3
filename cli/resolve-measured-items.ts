// moved to scenarios/discussion/resolve-measured-items.ts (the library's runDiscussion uses it too)
export { resolveMeasuredItems } from "../scenarios/discussion/resolve-measured-items.js";
