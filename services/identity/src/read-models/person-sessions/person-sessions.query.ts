import { Inject, Injectable } from '@nestjs/common';
import { PersonalDataCipher } from '@opn/kernel';
import type { Connection } from 'mongoose';
import { MONGO, PROJECTOR_FIELDS } from '@opn/service-kit';
import { PERSON_SESSIONS, PersonSessionDocument } from './person-sessions.projection';

@Injectable()
export class PersonSessionsQuery {
  constructor(
    @Inject(MONGO) private readonly connection: Connection,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** All sessions of a person, oldest first, user agents opened. */
  async ofPerson(personId: string): Promise<PersonSessionDocument[]> {
    const docs = await this.connection
      .collection<PersonSessionDocument>(PERSON_SESSIONS)
      .find({ personId }, { projection: PROJECTOR_FIELDS })
      .sort({ startedAt: 1, sessionId: 1 })
      .toArray();
    return this.cipher.openAll(docs as PersonSessionDocument[]);
  }
}
