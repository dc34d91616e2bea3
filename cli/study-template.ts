// the commented example study `deeppersona init` writes (examples/study.yaml is a copy; a test
// keeps them equal).
export const STUDY_TEMPLATE = `# a deeppersona study: run it with \`deeppersona run study.yaml\`.
# one key per flag of the scenario's command (see \`deeppersona survey run --help\`), in
# snake_case or kebab-case; flags given on the command line override these values.
# continue an interrupted run with \`deeppersona survey run --resume --out runs/wvs-ke-de\`
# (the rest comes from the run's manifest.json).
scenario: survey          # survey | discuss | stress

instrument: wvs           # wvs | bigfive | bfi44
items: [Q45, Q46, Q57]    # omit to ask every closed item
countries: [KEN, DEU]     # ISO3 codes or names
per_country: 8            # personas per country (or count: N with design: equal|proportional)
baseline: [cultural-prompting, demographics]   # comparison arms next to the deep personas
samples: 1                # answers per persona × item
seed: 1                   # same seed + offline model = identical output
model: offline            # offline | openai:<model>[@<baseURL>]
out: runs/wvs-ke-de       # the run directory
# budget_usd: 2           # stop before the estimated cost crosses this cap (resumable)
# format: parquet         # also write Parquet twins of the CSV tables

# a discussion study instead (deeppersona discuss --help):
# scenario: discuss
# topic: Should my town ban cars from the centre?
# treatment: "A city that banned cars from its centre saw 30% fewer asthma admissions."
# stance: "How strongly do you support banning cars from the town centre?"
# countries: [DEU]
# per_country: 8
# out: runs/car-ban
`;
