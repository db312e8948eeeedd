/**
 * The knowledge base's public surface: the deterministic docs answerer shared by the
 * reference chat servers (OpenAI-compatible and PulseAI).
 */
export { createKnowledgeBase, NOT_FOUND_TEXT } from './create-knowledge-base';
export type {
  KnowledgeAnswer,
  KnowledgeBase,
  KnowledgeBaseOptions,
  KnowledgeMatch,
  KnowledgeSource,
} from './create-knowledge-base';
export type { DocumentInput } from './load-documents';
export type { Section } from './markdown-sections';
