import { createTransport } from "nodemailer";

/** One plain-text email. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends account emails (verification and password-reset links). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Where `LogMailer` writes; `console` fits, and so does a pino logger's `info`. */
export type MailLog = (line: string) => void;

/**
 * For local use without an SMTP server: writes each message, link included, to the log, so a
 * developer can copy the link from the terminal.
 */
export class LogMailer implements Mailer {
  readonly #log: MailLog;

  constructor(log: MailLog = (line) => console.info(line)) {
    this.#log = log;
  }

  async send(message: MailMessage): Promise<void> {
    this.#log(
      [`[mail] to: ${message.to}`, `[mail] subject: ${message.subject}`, message.text].join("\n"),
    );
  }
}

/** Stands in for an SMTP server in tests: keeps every message so a test can follow its link. */
export class CapturingMailer implements Mailer {
  readonly messages: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.messages.push(message);
  }

  /** The most recent message to `to`, or undefined when none arrived. */
  lastTo(to: string): MailMessage | undefined {
    return this.messages.findLast((message) => message.to === to.toLowerCase());
  }
}

export interface SmtpMailerOptions {
  /** For example `smtp://user:pass@smtp.example.com:587` or `smtps://...:465`. */
  readonly url: string;
  /** The From header, such as `Coinstream <no-reply@example.com>`. */
  readonly from: string;
}

/** Sends through an SMTP server with nodemailer. */
export class SmtpMailer implements Mailer {
  readonly #transport: ReturnType<typeof createTransport>;
  readonly #from: string;

  constructor(options: SmtpMailerOptions) {
    this.#transport = createTransport(options.url);
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<void> {
    await this.#transport.sendMail({
      from: this.#from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }

  close(): void {
    this.#transport.close();
  }
}

export interface MailerConfig {
  /** SMTP_URL; when absent, messages go to the log. */
  readonly smtpUrl?: string | undefined;
  /** MAIL_FROM; used only with SMTP. */
  readonly from?: string | undefined;
  readonly log?: MailLog;
}

/** SMTP when a URL is configured, otherwise the log. */
export function createMailer(config: MailerConfig = {}): Mailer {
  if (config.smtpUrl) {
    return new SmtpMailer({
      url: config.smtpUrl,
      from: config.from ?? "Coinstream <no-reply@coinstream.local>",
    });
  }
  return new LogMailer(config.log);
}
