// the library entry point (`import … from "deeppersona"`): every layer's public API.
// nothing inside the package imports this file (scripts/check-imports.mjs).
export * from "./core/index.js";
export * from "./persona-engine/index.js";
export * from "./surveys/index.js";
export * from "./agents/index.js";
export * from "./scenarios/index.js";
