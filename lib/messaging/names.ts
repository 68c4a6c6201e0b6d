/** Names shared by both ends of a channel; free of zod so content scripts can use them. */

/** The port every open extension page holds to hear "data changed". */
export const LIVE_PORT = 'tend-live';

/** The content script hands its own sidebar frame a secret with this message. */
export const FRAME_TOKEN_MESSAGE = 'tend-frame-token';

/**
 * The background's answer to a request its sender may not make, or to a sidebar
 * frame without its content script's token (the sidebar then shows nothing).
 */
export const NOT_ALLOWED = 'Not allowed from here.';
