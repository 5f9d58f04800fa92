// @nestjs/swagger's DECORATORS.API_MODEL_PROPERTIES: the metadata each property's decorator leaves.
import { ClockViewDto, OpinionView } from './ticket.view';

const property = (type: { prototype: object }, name: string) => Reflect.getMetadata('swagger/apiModelProperties', type.prototype, name) as { required?: boolean };

describe('the API document’s deadlines', () => {
  it('given an opinion asked, its dueAt is the request’s and always there; only a held clock’s dueAt is absent (ADR 0130)', () => {
    expect(property(OpinionView, 'dueAt').required).not.toBe(false);
    expect(property(ClockViewDto, 'dueAt').required).toBe(false);
  });
});
