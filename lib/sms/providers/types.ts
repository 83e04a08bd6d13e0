// One interface in front of every SMS provider; the engine knows nothing else about them.

export type OutgoingSms = { id: string; to: string; body: string };
export type SentSms = { providerMessageId: string };

export interface SmsProvider {
  /** Stored on the message and its attempts: "outbox", "twilio". */
  readonly name: string;
  /** Resolves once the provider accepted the message; throws SmsProviderError otherwise. */
  send(message: OutgoingSms): Promise<SentSms>;
}

/**
 * A refused or failed send. `permanent` means trying again cannot help (an invalid number, a
 * rejected account): the message is dead-lettered at once instead of retried.
 */
export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = "SmsProviderError";
  }
}
