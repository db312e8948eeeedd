/**
 * The app's metadata and its routes: `GET /parameters`, `GET /info` and `GET /meta`
 * (§15). They need the app key but no `user`. The defaults describe the confab demo; the
 * `parameters` and `info` options override single keys.
 */
import type { PulseRoute } from './route-types';

/** `GET /parameters` (§15). Keys the contract shows as objects stay loosely typed. */
export interface PulseParameters {
  opening_statement: string;
  suggested_questions: string[];
  suggested_questions_after_answer: { enabled: boolean };
  speech_to_text: { enabled: boolean };
  text_to_speech: { enabled: boolean; voice?: string; language?: string; autoPlay?: 'enabled' | 'disabled' };
  retriever_resource: { enabled: boolean };
  annotation_reply: { enabled: boolean };
  more_like_this: { enabled: boolean };
  sensitive_word_avoidance: { enabled: boolean };
  user_input_form: Array<Record<string, Record<string, unknown>>>;
  file_upload: Record<string, unknown>;
  system_parameters: Record<string, number>;
}

/** `GET /info` (§15). */
export interface PulseInfo {
  name: string;
  description: string;
  tags: string[];
  mode: 'chat' | 'agent-chat' | 'advanced-chat';
  author_name: string;
}

/** The demo app's parameters. No input form: the demo needs no app variables. */
export const DEFAULT_PARAMETERS: PulseParameters = {
  opening_statement: "Hi! I'm the PulseAI reference server. Ask me anything about confab.",
  suggested_questions: ['How do I embed confab?', 'Which chat backends does confab support?', 'Where are conversations stored?'],
  suggested_questions_after_answer: { enabled: true },
  speech_to_text: { enabled: false },
  text_to_speech: { enabled: false, voice: 'alloy', language: 'en-US', autoPlay: 'disabled' },
  retriever_resource: { enabled: true },
  annotation_reply: { enabled: false },
  more_like_this: { enabled: false },
  sensitive_word_avoidance: { enabled: false },
  user_input_form: [],
  file_upload: {
    image: { enabled: false, number_limits: 3, detail: 'high', transfer_methods: ['remote_url', 'local_file'] },
  },
  system_parameters: {
    file_size_limit: 15,
    image_file_size_limit: 10,
    audio_file_size_limit: 50,
    video_file_size_limit: 100,
    workflow_file_upload_limit: 10,
  },
};

/** The demo app's info. */
export const DEFAULT_INFO: PulseInfo = {
  name: 'confab demo (PulseAI reference)',
  description: 'A deterministic PulseAI/Dify chat app for the confab demo and tests.',
  tags: ['demo'],
  mode: 'chat',
  author_name: 'confab',
};

/** `GET /meta`: icons of the tools the `agent` script mode uses, in both documented forms. */
export const DEFAULT_META = {
  tool_icons: {
    web_search: { background: '#252525', content: '🔎' },
    image_gen: 'https://files.example/icons/image_gen.svg',
  },
};

/** The metadata routes, relative to the base path. */
export const appRoutes: PulseRoute[] = [
  { method: 'GET', pattern: '/parameters', run: (ctx) => ctx.app.settings.parameters },
  { method: 'GET', pattern: '/info', run: (ctx) => ctx.app.settings.info },
  { method: 'GET', pattern: '/meta', run: () => DEFAULT_META },
];
