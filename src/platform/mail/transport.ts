import fs from "node:fs";
import nodemailer, { type Transporter } from "nodemailer";
import type { MailConfig } from "../config";

let current: { key: string; transport: Transporter } | undefined;

/**
 * The SMTP transport of the effective settings, kept while they do not change. One
 * connection per message (no pool): an idle pooled connection would outlive a change of
 * server and keep a restarting server waiting.
 */
export function transportFor(cfg: MailConfig): Transporter {
  const key = JSON.stringify([cfg.host, cfg.port, cfg.secure, cfg.user, cfg.password, cfg.tlsCaFile]);
  if (current?.key === key) return current.transport;
  // the CA file is read here: a missing one is the error of each message, shown in the outbox
  const ca = cfg.tlsCaFile.trim() ? fs.readFileSync(cfg.tlsCaFile.trim()) : undefined;
  const transport = nodemailer.createTransport({
    host: cfg.host.trim(), port: cfg.port, secure: cfg.secure,
    auth: cfg.user ? { user: cfg.user, pass: cfg.password } : undefined,
    tls: ca ? { ca } : undefined,
    // a server that does not answer must not hold the job for minutes
    connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000,
  });
  current?.transport.close();
  current = { key, transport };
  return transport;
}
