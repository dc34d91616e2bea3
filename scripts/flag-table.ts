// prints the README's flag table of the scenario commands (survey run, discuss, stress) from
// their option specs: npx tsx scripts/flag-table.ts
import { scenarioFlagTable } from "../cli/study-flag-table.js";

process.stdout.write(`${scenarioFlagTable()}\n`);
