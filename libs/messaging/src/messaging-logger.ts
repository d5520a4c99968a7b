/**
 * The few log methods the relay and the consumer use: a pino logger fits as it is (fields first,
 * then the message), so messaging does not depend on the kit that builds the logger.
 */
export interface MessagingLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
