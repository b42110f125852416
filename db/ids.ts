// Record ids: UUIDv7 (time-ordered, unique across desks without coordination). Plain Node.
import { v7 as uuidv7 } from 'uuid';

export function newId(): string {
  return uuidv7();
}
