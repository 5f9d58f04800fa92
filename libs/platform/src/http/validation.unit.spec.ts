import { IsOptional, IsString, MaxLength } from 'class-validator';
import { RequestValidationError } from '../problem/request-validation.error';
import { IsCalendarDate, IsInstant, NestedEach, Omittable, createValidationPipe } from './validation';

class RenameBody {
  @Omittable() @IsString() name?: string;
  @IsOptional() @IsString() email?: string;
}

class WindowQuery {
  @IsInstant() from!: string;
}

class ReviewBody {
  @IsCalendarDate() reviewBy!: string;
}

class NoteBody {
  @IsString() @MaxLength(4) note!: string;
}

class TaggedNote {
  @IsString({ each: true }) @MaxLength(2, { each: true }) tags!: string[];
}

class NotesBody {
  @NestedEach(() => TaggedNote) notes!: TaggedNote[];
}

const pipe = createValidationPipe();
const asBody = (value: unknown) => pipe.transform(value, { type: 'body', metatype: RenameBody });

describe('the validation pipe', () => {
  it('given an omittable property left out, or an optional one null, it accepts the body', async () => {
    await expect(asBody({})).resolves.toBeInstanceOf(RenameBody);
    await expect(asBody({ email: null })).resolves.toMatchObject({ email: null });
  });

  it('given an omittable property that is null, it refuses it by the property’s own rules', async () => {
    const error = await asBody({ name: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('given a JSON null body, it refuses it as no object', async () => {
    const error = await asBody(null).catch((e: unknown) => e);
    expect((error as RequestValidationError).errors).toEqual([{ field: 'body', code: 'invalid_type', params: { expected: 'object' } }]);
  });

  it.each(['2026-W48', '2026-W48-2', '2026-300', '20261105', '20261105T100000Z', '2027-01-01T10,5', '2026-02-30', 'soon'])(
    'given the instant %p, which Date cannot read (or no ISO 8601 at all), it refuses it as a date-time naming the field',
    async (from) => {
      const error = await pipe.transform({ from }, { type: 'query', metatype: WindowQuery }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestValidationError);
      expect((error as RequestValidationError).errors).toEqual([{ field: 'from', code: 'invalid_format', params: { format: 'date-time' } }]);
    },
  );

  it.each(['9999-12-31T23:59:59-08:00', '9999-12-31T16:00:00-08:01'])('given the instant %p, after year 9999 in UTC, which no date-time the events carry can write, it refuses it as a date-time naming the field', async (from) => {
    await expect(pipe.transform({ from }, { type: 'query', metatype: WindowQuery })).rejects.toMatchObject({
      errors: [{ field: 'from', code: 'invalid_format', params: { format: 'date-time' } }],
    });
  });

  it.each(['2026-11-24T10:00:00+08:00', '2026-11-24T02:00:00.125Z', '2026-11-24', '9999-12-31T23:59:59.999Z', '9999-12-31T15:59:59-08:00', '9999-12-31T23:59:59+08:00'])('given the instant %p, it accepts it', async (from) => {
    await expect(pipe.transform({ from }, { type: 'query', metatype: WindowQuery })).resolves.toMatchObject({ from });
  });

  it.each(['2027-02-30', '2027-13-01', '2027-04-31', '2027-02-29', '0000-01-01', '2027-6-30', '2027-06-30T00:00:00Z', '2027/06/30'])(
    'given the day %p, which is no date that exists written YYYY-MM-DD, it refuses it as a date naming the field',
    async (reviewBy) => {
      await expect(pipe.transform({ reviewBy }, { type: 'body', metatype: ReviewBody })).rejects.toMatchObject({
        errors: [{ field: 'reviewBy', code: 'invalid_format', params: { format: 'date' } }],
      });
    },
  );

  it.each(['2027-06-30', '2028-02-29', '2027-12-31'])('given the day %p, it accepts it', async (reviewBy) => {
    await expect(pipe.transform({ reviewBy }, { type: 'body', metatype: ReviewBody })).resolves.toMatchObject({ reviewBy });
  });

  it('given a text within @MaxLength that is longer in characters as the contracts count them (variation selectors), it refuses it as too long naming the field', async () => {
    const hearts = '❤️❤️❤️'; // 3 for @MaxLength, 6 code points
    const error = await pipe.transform({ note: hearts }, { type: 'body', metatype: NoteBody }).catch((e: unknown) => e);
    expect((error as RequestValidationError).errors).toEqual([{ field: 'note', code: 'too_long', params: { max: 4 } }]);
    await expect(pipe.transform({ note: '😀😀😀😀' }, { type: 'body', metatype: NoteBody })).resolves.toMatchObject({ note: '😀😀😀😀' });
  });

  it('given such a text in an array of texts in an array of nested objects, it names the field at its depth', async () => {
    const body = { notes: [{ tags: ['ok'] }, { tags: ['ok', '👍🏻'] }, { tags: ['✔️'] }] };
    // 👍🏻 is two code points, within 2; ✔️ is two, within 2 too.
    await expect(pipe.transform(body, { type: 'body', metatype: NotesBody })).resolves.toBeInstanceOf(NotesBody);
    const overrun = { notes: [{ tags: ['ok'] }, { tags: ['❤️❤️'] }] }; // 2 for @MaxLength, 4 code points
    const refused = await pipe.transform(overrun, { type: 'body', metatype: NotesBody }).catch((e: unknown) => e);
    expect((refused as RequestValidationError).errors).toEqual([{ field: 'notes[1].tags', code: 'too_long', params: { max: 2 } }]);
  });

  it('given a body of no declared class that names its own constructor, it is taken as the route declares it, not a 500', async () => {
    const unknownBody = { type: 'body' as const, metatype: undefined };
    await expect(pipe.transform({ constructor: null }, unknownBody)).resolves.toEqual({ constructor: null });
    await expect(pipe.transform([{ constructor: null }], unknownBody)).resolves.toEqual([{ constructor: null }]);
    await expect(pipe.transform({ notes: [{ constructor: null, tags: ['ok'] }] }, { type: 'body', metatype: NotesBody })).resolves.toBeInstanceOf(NotesBody);
  });
});
