/** Every five minutes, an instance looks for reminders that came due (REMINDER_TICK_SECONDS). */
export const DEFAULT_REMINDER_TICK_SECONDS = 300;
