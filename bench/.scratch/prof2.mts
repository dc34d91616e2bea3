import { Annotation, StateGraph, START, END, MessagesAnnotation } from "@langchain/langgraph";
const S = Annotation.Root({ ...MessagesAnnotation.spec, x: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }) });
const g = new StateGraph(S).addNode("n", async (s) => ({ x: s.x + 1 })).addEdge(START, "n").addEdge("n", END).compile();
for (let r = 0; r < 3; r++) {
const t0 = performance.now();
for (let i = 0; i < 500; i++) await g.invoke({ x: i });
console.log("500 trivial graph ms", (performance.now()-t0).toFixed(0));
}
