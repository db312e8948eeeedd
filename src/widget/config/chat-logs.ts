import type { ResolvedConfig } from './config-types';

/**
 * Whether the chat logs: logging set up (an analytics key, `server` or `getToken`) and
 * consented to. Where it does, the controller runs only with the logging chunk there.
 */
export const chatLogs = (config: ResolvedConfig): boolean => config.analyticsReady && config.logging === 'on';
