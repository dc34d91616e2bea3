// the miner on realistic extractions (a scripted model answering like a real one would for five
// fixture conversations) with the offline lexical embeddings: variants merge under canonical
// names, meta-labels go, a leaf-vs-facet conflict is fixed, categories stay apart, tree valid.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import type { BaseMessage } from "@langchain/core/messages";
import { OfflineEmbeddings } from "../core/model/offline-embeddings.js";
import { scriptedClient } from "./scripted-client.js";
import { openRunStore } from "../core/store/open-run-store.js";
import { messageText } from "../core/structured/message-text.js";
import { readConversations } from "../persona-engine/taxonomy/mine/read-conversations.js";
import { mineTaxonomy } from "../persona-engine/taxonomy/mine/mine-taxonomy.js";
import { toTaxonomyNode, type MinedNode } from "../persona-engine/taxonomy/mine/mined-node.js";
import type { ExtractedAttribute } from "../persona-engine/taxonomy/mine/extraction-prompt.js";
import { validateTaxonomy } from "../persona-engine/taxonomy/validate-taxonomy.js";
import { ScriptedChatModel } from "./scripted-chat-model.js";
import { tempDir } from "./temp-dir.js";

const tmp = tempDir("dp-mine-scripted-");

const MONEY = "Lifestyle and Daily Routine" as const;
const a = (facet: string, attribute_name: string, extra: Partial<ExtractedAttribute> = {}): ExtractedAttribute => ({
  category: MONEY,
  facet,
  facet_description: "",
  subfacet: "",
  attribute_name,
  attribute_description: "",
  kind: "text",
  options: [],
  unit: "",
  value: "x",
  ...extra,
});

// what a real model might answer, by a phrase of the conversation
const EXTRACTIONS: [string, ExtractedAttribute[]][] = [
  [
    "chama with eleven",
    [
      a("Savings Groups", "Savings Group Type", {
        kind: "category",
        options: ["Chama", "Susu", "Tanda", "Stokvel"],
        facet_description: "informal rotating savings groups",
      }),
      a("savings_groups", "Monthly Contribution", { kind: "quantity", unit: "shillings per month" }),
      a("Work and Trade", "Market Stall Goods", { category: "Career and Work Identity" }),
    ],
  ],
  [
    "susu collector",
    [
      a("Savings Group", "Savings Group Type", { kind: "category", options: ["Susu", "Chama", "Esusu"] }),
      a("Savings Group", "Daily Contribution", { kind: "quantity", unit: "cedis per day" }),
      a("User Preferences", "Prefers Cash Saving", { kind: "yes-no" }),
    ],
  ],
  [
    "Kerala",
    [
      a("Remittances", "Monthly Remittance Amount", { kind: "quantity", unit: "dirhams per month" }),
      a("Remittances", "Remittance Recipient", { kind: "category", options: ["Parents", "Spouse", "Siblings", "Children"] }),
    ],
  ],
  [
    "barrel to my family",
    [
      a("Remittance", "Remittance Method", {
        kind: "category",
        options: ["Barrel Shipping", "Money Transfer Agent", "Bank Transfer", "Mobile Money"],
      }),
      a("Remittance", "Remittance Frequency", { kind: "frequency" }),
    ],
  ],
  [
    "Kitengela",
    [
      a("Commuting", "Main Commute Mode", { kind: "category", options: ["Matatu", "Bus", "Walking", "Car"] }),
      a("Commuting", "Commute Duration", { kind: "quantity", unit: "minutes each way" }),
      // Main Commute Mode is a leaf above and a subfacet here: it becomes a facet
      a("Commuting", "Matatu Route", { subfacet: "Main Commute Mode" }),
    ],
  ],
];

function script(messages: BaseMessage[], options: Record<string, unknown>): string {
  const name = (options.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name;
  const text = messages.map((m) => messageText(m)).join("\n");
  const hit = EXTRACTIONS.find(([phrase]) => text.includes(phrase));
  if (name === "personalisability")
    return JSON.stringify({
      personalisable: hit ? "fully" : "not",
      reason: hit ? "the user describes their own money habits" : "no personal detail",
    });
  return JSON.stringify({ attributes: hit?.[1] ?? [] });
}

describe("taxonomy mining on realistic extractions", () => {
  it("builds a sensible, valid tree", async () => {
    const { conversations } = readConversations(join(import.meta.dirname, "fixtures", "conversations", "self-disclosure.jsonl"));
    const store = await openRunStore({
      dir: join(tmp, "run"),
      mode: "create",
      clock: () => 0,
      manifest: { command: "taxonomy mine", config: {}, seed: 1, models: { chat: "scripted" } },
    });
    const chat = new ScriptedChatModel({ responses: script });
    const result = await mineTaxonomy({
      store,
      conversations,
      input: { lines: conversations.length, unique: conversations.length, duplicates: 0 },
      client: await scriptedClient(chat, { embeddings: "offline", embeddingsModel: new OfflineEmbeddings() }),
      threshold: 0.85,
      concurrency: 4,
    });
    const { stats, categories } = result;
    expect(stats.personalisable.fully).toBe(5);
    expect(stats.extracted.done).toBe(5);
    expect(chat.calls).toHaveLength(conversations.length + 5);

    const names = (n: MinedNode | undefined) => n?.children.map((c) => c.name) ?? [];
    const routine = categories.find((c) => c.name === MONEY);
    expect(names(routine).sort()).toEqual(["Commuting", "Prefers Cash Saving", "Remittance", "Savings Group"]);
    const savings = routine?.children.find((c) => c.name === "Savings Group");
    expect(savings?.aliases.sort()).toEqual(["Savings Groups"]);
    expect(names(savings).sort()).toEqual(["Daily Contribution", "Monthly Contribution", "Savings Group Type"]);
    const type = toTaxonomyNode(savings?.children.find((c) => c.name === "Savings Group Type") as MinedNode);
    expect(type.kind).toBe("category");
    expect("support" in type).toBe(false);
    expect([...(type.options ?? [])].sort()).toEqual(["Chama", "Esusu", "Stokvel", "Susu", "Tanda"]);
    const remittance = routine?.children.find((c) => c.name === "Remittance");
    expect(remittance?.aliases).toEqual(["Remittances"]);
    expect(names(remittance).sort()).toEqual([
      "Monthly Remittance Amount",
      "Remittance Frequency",
      "Remittance Method",
      "Remittance Recipient",
    ]);
    const mode = routine?.children.find((c) => c.name === "Commuting")?.children.find((c) => c.name === "Main Commute Mode");
    expect(mode?.leaf).toBeUndefined();
    expect(names(mode)).toEqual(["Matatu Route"]);
    expect(stats.cleaning.fixed["leaf-vs-facet → facet"]).toBe(1);
    expect(stats.cleaning.dropped["meta-label"]).toBe(1);
    expect(categories.find((c) => c.name === "Career and Work Identity")?.children.map((c) => c.name)).toEqual(["Work and Trade"]);
    expect(validateTaxonomy(categories.map((c) => toTaxonomyNode(c)))).toEqual([]);
  });
});
