/**
 * The stored data of the Dixa reference server (contracts/dixa.md §6). Times are kept as
 * `toISOString()` strings and formatted per endpoint on the way out (§1.5); the role of a
 * user is internal to the fake (Dixa's API has no user endpoint, §4).
 */

/** ConversationChannel, verbatim (§1.7). */
export const CHANNELS = ['WhatsApp', 'Voicemail', 'WidgetChat', 'FacebookMessenger', 'Email', 'ContactForm', 'Callback', 'PstnPhone', 'Messenger'] as const;
/** A §1.7 ConversationChannel. */
export type Channel = (typeof CHANNELS)[number];
/** Message and conversation direction (§1.7). */
export type Direction = 'Inbound' | 'Outbound';

/** An agent, an admin or an end user (a visitor). */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  phoneNumber: string;
  role: 'Agent' | 'Admin' | 'EndUser';
}

/** A queue; the default one takes conversations created or reopened without a queue (§3.21). */
export interface QueueRecord {
  id: string;
  name: string;
  isDefault: boolean;
}

/** A tag; only `Active` tags can be put on a conversation (§3.18). */
export interface TagRecord {
  id: string;
  name: string;
  state: 'Active' | 'Inactive';
}

/** A custom-attribute definition: Text takes a string, Select a string[] (§3.20). */
export interface CustomAttributeDef {
  id: string;
  name: string;
  identifier: string;
  type: 'Text' | 'Select';
}

/** A conversation flow (§3.14). */
export interface FlowRecord {
  id: string;
  name: string;
  channel: Channel;
  contactEndpointId: string;
}

/** Message content (§3.4). */
export interface ContentRecord {
  value: string;
  _type: 'Html' | 'Text';
}

/** A message; `direction` and `content` are what the list shows in `attributes` (GAP 2). */
export interface MessageRecord {
  id: string;
  authorId: string;
  direction: Direction;
  content: ContentRecord;
  externalId?: string;
  createdAt: string;
}

/** An internal note; its `csid` is the conversation id (§3.1). */
export interface NoteRecord {
  id: string;
  authorId: string;
  createdAt: string;
  message: string;
}

/** An activity-log entry; claims add `ConversationAssigned` ones (§6.9). */
export interface ActivityRecord {
  id: string;
  conversationId: number;
  activityTimestamp: string;
  activityType: string;
  _type: string;
  author: { id: string; name: string; email: string; phoneNumber: string };
}

/** A CSAT rating (§3.16); only fixtures and the agent simulator write them (§4.8). */
export interface RatingRecord {
  id: string;
  ratingScore: number;
  ratingType: 'Csat';
  ratingComment: string;
  conversationChannel: Channel;
  agentId?: string;
  userId: string;
  ratingStatus: string;
  language: string;
  timestamps: Record<string, unknown>;
}

/** An anonymization request (§3.6, §3.7). */
export interface AnonymizationRecord {
  id: string;
  entityType: 'ConversationAnonymizationType' | 'MessageAnonymizationType';
  _type: 'Conversation' | 'Message';
  initiatedAt: string;
  targetEntityId: string;
  requestedBy: string;
}

/** A conversation with everything attached to it (§6). */
export interface ConversationRecord {
  id: number;
  _type: 'ChatConversation' | 'EmailConversation';
  channel: Channel;
  requesterId: string;
  direction: Direction;
  state: 'Open' | 'Closed';
  stateUpdatedAt: string;
  createdAt: string;
  assignment?: { agentId: string; assignedAt: string };
  queue?: { id: string; queuedAt: string };
  language?: string;
  subject?: string;
  toEmail?: string;
  fromEmail?: string;
  integrationEmail?: string;
  link?: { parentId: number; _type: string };
  /** Attribute definition id → value. */
  customAttributes: Record<string, string | string[]>;
  /** Tag ids, in the order they were added. */
  tags: string[];
  messages: MessageRecord[];
  notes: NoteRecord[];
  activity: ActivityRecord[];
  ratings: RatingRecord[];
  anonymizations: AnonymizationRecord[];
}
