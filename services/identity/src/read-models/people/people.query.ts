import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, PersonalDataCipher } from '@opn/kernel';
import type { Connection } from 'mongoose';
import { MONGO, PROJECTOR_FIELDS } from '@opn/service-kit';
import { PEOPLE, PersonDocument } from './people.projection';

@Injectable()
export class PeopleQuery {
  constructor(
    @Inject(MONGO) private readonly connection: Connection,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** The person with personal fields opened; an erased person is not found. */
  async get(personId: string): Promise<PersonDocument> {
    const doc = await this.connection
      .collection<PersonDocument>(PEOPLE)
      .findOne({ _id: personId } as never, { projection: PROJECTOR_FIELDS });
    if (!doc || doc.erasedAt) throw new NotFoundError('person not found');
    return this.cipher.open(doc as PersonDocument);
  }
}
