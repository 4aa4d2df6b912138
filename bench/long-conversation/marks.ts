/** The user-timing marks around each measured stretch of the long-conversation page. */
export const START_MARK = 'bench-long-start';
export const END_MARK = 'bench-long-end';
