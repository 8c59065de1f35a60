import { EventEmitter } from "node:events";

/** Domain events, emitted after commit. Listeners must not throw into the emitter. */
export interface DomainEvents {
  "ticket.changed": { ticketId: number; action: string; actorId: number | null };
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): void {
    this.emitter.on(name, listener);
  }
}
