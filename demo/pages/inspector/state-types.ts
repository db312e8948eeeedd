/**
 * The shape of `GET /api/analytics/__state` (demo/server/analytics/test-routes.ts), as the
 * inspector reads it. Written here rather than imported, so the page depends only on the
 * HTTP answer; optional keys are present only when the client sent them.
 */

type Json = Record<string, unknown>;

export interface Link {
  url: string;
  label?: string | null;
  title?: string | null;
  description?: string | null;
  type?: string | null;
  breadcrumbs?: string[] | null;
}

export interface ToolCall {
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

export interface ContentItem {
  type: string;
  text?: string | null;
  image_url?: { url: string; detail?: string } | null;
}

export interface Message {
  id: string;
  role: string;
  createdAt: string;
  updatedAt: string;
  content: string | ContentItem[] | null;
  name?: string | null;
  externalId?: string | null;
  externalUrl?: string | null;
  links?: Link[] | null;
  tool_calls?: ToolCall[] | null;
  properties?: Json | null;
  userProperties?: Json | null;
}

export interface Conversation {
  id: string;
  type: string;
  createdAt: string;
  updatedAt: string;
  externalId?: string | null;
  externalUrl?: string | null;
  projectId?: string | null;
  integrationId?: string | null;
  visibility?: string | null;
  messages: Message[];
  properties?: Json | null;
  userProperties?: Json | null;
  tags?: string[] | null;
}

export interface Feedback {
  id: string;
  type: 'positive' | 'negative';
  messageId: string;
  createdAt: string;
  updatedAt: string;
  reasons?: Array<{ label: string; details: string }> | null;
  details?: string | null;
  properties?: Json | null;
  userProperties?: Json | null;
  sources?: Array<{ type: string; title?: string | null; url?: string | null }> | null;
}

export interface AnalyticsEvent {
  id: string;
  type: string;
  entityType: string;
  createdAt: string;
  messageId?: string;
  conversationId?: string;
  searchQuery?: string;
  properties?: Json | null;
  userProperties?: Json | null;
}

export interface Deleted {
  id: string;
  deletedAt: string;
}

export interface ServerState {
  conversations: Conversation[];
  feedback: Feedback[];
  events: AnalyticsEvent[];
  deleted: Deleted[];
}

/** `GET __faults`. */
export interface FaultsSnapshot {
  failNext: Array<{ count: number; status: number; retryAfter?: string | number }>;
  dropNext: number;
  delayMs: number;
  delayNext: Array<{ count: number; ms: number }>;
  failRate: { rate: number; status: number } | null;
}

/** `GET __stats`. */
export interface StatsSnapshot {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}
