/**
 * The knowledge base's public surface: docs read and indexed once, searched per question
 * (grounding a model's answer) or quoted (the extractive answer when no model is set).
 */
export { createKnowledgeBase, notFoundText } from './create-knowledge-base';
export type { KnowledgeAnswer, KnowledgeBase, KnowledgeBaseOptions, KnowledgeMatch, KnowledgeSource } from './create-knowledge-base';
export { isDocPath, type DocumentInput } from './load-documents';
export type { Section } from './markdown-sections';
export { publicDocsUrl, type DocsUrl } from './section-source';
