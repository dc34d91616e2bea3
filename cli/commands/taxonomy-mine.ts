import { defineCommand } from "../command.js";
import { MODEL_OPTIONS } from "../model-options.js";
import { makeDirectory } from "../../core/store/make-directory.js";

export const command = defineCommand({
  name: "taxonomy mine",
  summary: "stage-1 miner: attribute paths from conversations, merged into a taxonomy tree",
  description:
    'Classifies each conversation as not / partially / fully personalisable, extracts Category > Facet > Attribute paths with value kinds from the personalisable ones, merges them by embedding similarity (--threshold) and cleans the tree. Writes the mined tree to --out (valid for \'taxonomy validate\'); model records go to the run directory (default <out>.run/), so --resume skips conversations already done. Input: one JSON object per line, {"id"?: string, "messages": [{"role": "user"|"assistant"|"system", "content": string}]} (persona-engine/taxonomy/mine/README.md).',
  options: {
    conversations: { type: "string", valueName: "FILE.jsonl", description: "conversations, one JSON object per line (required)" },
    out: { type: "string", valueName: "FILE.json", description: "where to write the mined tree (required)" },
    "run-dir": { type: "string", valueName: "DIR", description: "run directory for the model records (default: <out>.run)" },
    "merge-into": {
      type: "string",
      valueName: "DIR",
      description: "also merge the mined tree into this taxonomy folder (index.json + category files, or .txt sources)",
    },
    threshold: { type: "string", valueName: "COS", description: "cosine similarity at which names merge (0–1)", default: "0.85" },
    limit: { type: "string", valueName: "N", description: "use only the first N conversations", range: { min: 1, max: 1000000 } },
    json: { type: "boolean", description: "print the stats as JSON" },
    "skip-invalid": {
      type: "boolean",
      description: "skip invalid conversation lines (counted on stderr and in the run manifest) instead of stopping at the first",
    },
    resume: { type: "boolean", description: "continue an interrupted run (conversations already done are skipped)" },
    force: { type: "boolean", description: "start the run directory over" },
    seed: { type: "string", valueName: "N", description: "random seed (offline model)", default: "1" },
    concurrency: { type: "string", valueName: "N", description: "model calls in flight", default: "8", range: { min: 1, max: 1024 } },
    rpm: { type: "string", valueName: "N", description: "at most N calls started per minute", range: { min: 1, max: 100000 } },
    ...MODEL_OPTIONS,
  },
  examples: [
    "deeppersona taxonomy mine --conversations chats.jsonl --model offline --out mined.json",
    "deeppersona taxonomy mine --conversations chats.jsonl --model openai:gpt-4.1-mini --out mined.json --merge-into data/taxonomy",
  ],
  async run(ctx) {
    const { UsageError } = await import("../../core/errors.js");
    const { parsePositiveInt, parseSeed, storeMode } = await import("../run-options.js");
    const { resolve, dirname, join } = await import("node:path");
    const { statSync } = await import("node:fs");
    const { readConversations } = await import("../../persona-engine/taxonomy/mine/read-conversations.js");
    const { readTaxonomyFolder, writeTaxonomyFolder } = await import("../../persona-engine/taxonomy/mine/taxonomy-folder.js");
    const v = ctx.values;

    if (typeof v.conversations !== "string")
      throw new UsageError("--conversations FILE.jsonl is required (one JSON object per line with messages)");
    if (typeof v.out !== "string") throw new UsageError("--out FILE.json is required (where the mined tree goes)");
    const threshold = Number(v.threshold);
    if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1)
      throw new UsageError(`--threshold must be a cosine similarity in (0, 1], got '${String(v.threshold)}'`);
    const concurrency = parsePositiveInt("concurrency", v.concurrency, { max: 1024 });
    const rpm = v.rpm !== undefined ? parsePositiveInt("rpm", v.rpm, { max: 100000 }) : undefined;
    const limit = v.limit !== undefined ? parsePositiveInt("limit", v.limit, { max: 1000000 }) : undefined;
    const seed = parseSeed(v.seed);
    const mode = storeMode(v);

    // everything that can be checked is checked before anything is written (or any model is called)
    const outPath = resolve(ctx.cwd, v.out);
    if (statSync(outPath, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`--out '${v.out}' is a folder; give the file the mined tree goes to (e.g. --out ${join(v.out, "mined.json")})`);
    }
    for (let up = dirname(outPath); ; up = dirname(up)) {
      const stat = statSync(up, { throwIfNoEntry: false });
      if (stat && !stat.isDirectory()) throw new UsageError(`--out '${v.out}': '${up}' is a file, not a folder; choose another path`);
      if (stat || dirname(up) === up) break;
    }
    const input = readConversations(resolve(ctx.cwd, v.conversations), v.conversations, { skipInvalid: Boolean(v["skip-invalid"]) });
    const skipped = input.skipped.map((l) => l.line);
    if (skipped.length > 0) {
      const lines = `${skipped.slice(0, 10).join(", ")}${skipped.length > 10 ? ", …" : ""}`;
      ctx.stderr.write(`taxonomy mine: skipped ${skipped.length} invalid line(s) of ${v.conversations} (--skip-invalid; lines ${lines})\n`);
    }
    const conversations = limit ? input.conversations.slice(0, limit) : input.conversations;
    const mergeArg = typeof v["merge-into"] === "string" ? v["merge-into"] : undefined;
    const folder = mergeArg ? readTaxonomyFolder(resolve(ctx.cwd, mergeArg), mergeArg) : undefined;
    if (folder && folder.problems.length > 0) {
      const first = folder.problems[0];
      throw new UsageError(
        `--merge-into '${mergeArg}' has ${folder.problems.length} problem(s) before merging (first: ${first?.path}: ${first?.message}); fix them first ('deeppersona taxonomy validate ${mergeArg}')`,
      );
    }

    const { resolveCliModels } = await import("../model-options.js");
    const { openRunStore, RESUME_MUTABLE_CONFIG_KEYS } = await import("../../core/store/open-run-store.js");
    const { writeJsonAtomic } = await import("../../core/store/write-json-atomic.js");
    const { mineTaxonomy } = await import("../../persona-engine/taxonomy/mine/mine-taxonomy.js");
    const { toTaxonomyNode } = await import("../../persona-engine/taxonomy/mine/mined-node.js");
    const { formatMiningStats } = await import("../../persona-engine/taxonomy/mine/mining-stats.js");
    const { mergeIntoTaxonomy } = await import("../../persona-engine/taxonomy/mine/merge-into-taxonomy.js");
    const { CLASSIFY_PROMPT_VERSION } = await import("../../persona-engine/taxonomy/mine/classification-prompt.js");
    const { EXTRACT_PROMPT_VERSION } = await import("../../persona-engine/taxonomy/mine/extraction-prompt.js");

    const models = await resolveCliModels(ctx, { seed, limits: { concurrency, rpm } });
    const out = outPath;
    const runDir = resolve(ctx.cwd, typeof v["run-dir"] === "string" ? v["run-dir"] : `${v.out}.run`);
    const { usageManifestBlock } = await import("../../core/usage/usage-manifest-block.js");
    const { meter } = models;
    const store = await openRunStore({
      dir: runDir,
      mode,
      clock: models.clock,
      finishFields: (m) => ({ usage: usageManifestBlock(meter, m.usage) }),
      mutableConfigKeys: [...RESUME_MUTABLE_CONFIG_KEYS, "limit", "threshold", "merge_into", "input_skipped"],
      manifest: {
        command: "taxonomy mine",
        config: {
          conversations: resolve(ctx.cwd, v.conversations),
          prompt_versions: { classify: CLASSIFY_PROMPT_VERSION, extract: EXTRACT_PROMPT_VERSION },
          limit: limit ?? null,
          threshold,
          concurrency,
          rpm: rpm ?? null,
          temperature: models.sampling.temperature,
          top_p: models.sampling.topP,
          merge_into: folder?.dir ?? null,
          ...(input.skipped.length > 0 ? { input_skipped: { file: v.conversations, lines: skipped, count: skipped.length } } : {}),
        },
        seed,
        models: { chat: models.chatSpec, embeddings: models.embeddingsSpec },
      },
    });

    models.onEvent((event) => {
      store.event(event).catch(() => undefined); // retries and repairs into events.jsonl
    });
    const steps = new Map<string, number>();
    const result = await mineTaxonomy({
      store,
      conversations,
      input: { lines: input.lines, unique: input.conversations.length, duplicates: input.duplicates },
      client: models.client,
      threshold,
      concurrency,
      signal: ctx.signal,
      onProgress: (phase, done, total) => {
        const step = steps.get(phase) ?? Math.max(1, Math.ceil(total / 10));
        steps.set(phase, step);
        if (phase === "merge") ctx.stderr.write(`${ctx.isTTY ? "\r\x1b[2K" : ""}taxonomy mine: merging ${total} candidate paths\n`);
        else if (ctx.isTTY) ctx.stderr.write(`\r\x1b[2Ktaxonomy mine: ${phase} ${done}/${total}`);
        else if (done === total || done % step === 0) ctx.stderr.write(`taxonomy mine: ${phase} ${done}/${total}\n`);
      },
    });
    const { stats } = result;
    stats.run_dir = runDir;
    const { sanitizeForTerminal } = await import("../../core/sanitize/sanitize-for-terminal.js");
    // mined names are model output: no escape sequences reach the terminal (JSON escapes them itself)
    const print = () => ctx.stdout.write(v.json ? JSON.stringify(stats, null, 2) + "\n" : sanitizeForTerminal(formatMiningStats(stats)));
    if (result.cancelled || stats.status === "failed") {
      print();
      return result.cancelled ? 130 : 1;
    }

    makeDirectory(dirname(out));
    await writeJsonAtomic(out, {
      version: "mined-1",
      mined: {
        conversations: v.conversations,
        used: conversations.length,
        personalisable: stats.personalisable,
        threshold,
        models: { chat: models.chatSpec, embeddings: models.embeddingsSpec },
        prompt_versions: { classify: CLASSIFY_PROMPT_VERSION, extract: EXTRACT_PROMPT_VERSION },
        status: stats.status,
        note: models.offline
          ? "offline model: names and values are synthetic placeholders"
          : "support = conversations in which the node was disclosed",
      },
      categories: result.categories.map((c) => toTaxonomyNode(c, { support: true })),
    });
    stats.out = out;

    if (folder && mergeArg) {
      const merged =
        stats.status === "complete"
          ? await mergeIntoTaxonomy(
              folder.categories,
              result.categories.map((c) => toTaxonomyNode(c)),
              { embedder: result.embedder, threshold },
            )
          : undefined;
      const added = merged?.added ?? { nodes: 0, facets: 0, leaves: 0, categories: 0 };
      stats.merge = {
        into: mergeArg,
        added_nodes: added.nodes,
        added_facets: added.facets,
        added_leaves: added.leaves,
        added_categories: added.categories,
        matched: merged?.matched ?? 0,
        hoisted: merged?.hoisted ?? 0,
        files: merged ? writeTaxonomyFolder(folder, merged.categories, merged.changed) : [],
        ...(merged ? {} : { skipped: "the run is incomplete; finish it with --resume first" }),
      };
      stats.model.embedding_requests = result.embedder.calls;
    }
    print();
    if (models.offline)
      ctx.stderr.write("note: offline model — mined names are synthetic placeholders; use --model openai:<model> for a real taxonomy\n");
    return stats.status === "complete" ? 0 : 3;
  },
});
