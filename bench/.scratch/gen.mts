import { generatePersonas } from "../../persona-engine/engine/generate-personas.js";
import { OfflineChatModel } from "../../core/model/offline-chat-model.js";
import { OfflineEmbeddings } from "../../core/model/offline-embeddings.js";
const t0 = performance.now();
let n = 0; let last: any;
for await (const p of generatePersonas({ chat: new OfflineChatModel({seed: 1}), modelSpec: "offline", embeddings: new OfflineEmbeddings(), embeddingsSpec: "offline", countries: ["KEN","DEU"], perCountry: 10, seed: 1, concurrency: 8 })) { n++; last = p; }
console.log(n, (performance.now()-t0).toFixed(0), "ms");
console.log(JSON.stringify(last).length, last.id, last.country, last.anchors.slice(0,4));
