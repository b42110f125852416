// Fans contract events out to any number of sinks (windows, WebSocket clients). Plain Node.
// Payloads are checked against the contract first: a service that emits a malformed event is a bug,
// logged and dropped rather than handed to the UI.
import { events as eventSchemas, type EventName, type EventPayload } from '../../shared/ipc/contract.js';
import type { EventSink, Logger } from '../ports.js';

export class EventHub implements EventSink {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly logger: Logger) {}

  add(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const checked = eventSchemas[name].safeParse(payload);
    if (!checked.success) {
      this.logger.error('event payload broke the contract', { event: name });
      return;
    }
    for (const sink of this.sinks) {
      try {
        sink.emit(name, checked.data as EventPayload<K>);
      } catch (error) {
        this.logger.warn('event sink failed', { event: name, error: (error as Error).message });
      }
    }
  }
}
