/** a chat message as [role, text] (LangChain's BaseMessageLike tuple form) */
export type PromptMessage = ["system" | "human" | "ai", string];
